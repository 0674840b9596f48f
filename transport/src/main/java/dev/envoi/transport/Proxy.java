package dev.envoi.transport;

import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.transport.internal.IpLiteral;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A proxy a {@link Route} goes through: none ({@link #direct()}), an HTTP proxy (RFC 9110 §3.7; an
 * {@code http://} request is forwarded in absolute-form per RFC 9112 §3.2.2, an {@code https://} one is
 * tunnelled with CONNECT per RFC 9110 §9.3.6 through a {@link TunnelHandshake}), or a SOCKS5 proxy
 * (RFC 1928, with the username/password method of RFC 1929).
 *
 * <p>Immutable. Credentials take part in {@link #equals}, so connections made with one set of proxy
 * credentials are never pooled together with connections made with another; {@link #toString()} never
 * shows the password.
 *
 * <pre>{@code
 * Proxy p = Proxy.parse("socks5h://user:secret@127.0.0.1:1080");   // remote DNS, RFC 1929 auth
 * Proxy q = Proxy.http("proxy.internal", 3128).withCredentials("me", "pw");
 * }</pre>
 */
public final class Proxy {
    /** The kind of proxy. */
    public enum Type {
        /** No proxy: connect to the origin. */
        DIRECT,
        /** An HTTP proxy: absolute-form for {@code http://}, a CONNECT tunnel for {@code https://}. */
        HTTP,
        /** A SOCKS version 5 proxy (RFC 1928). */
        SOCKS5
    }

    private static final Proxy DIRECT = new Proxy(Type.DIRECT, null, -1, null, null, false);

    private final Type type;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final boolean remoteDns;

    private Proxy(Type type, String host, int port, String username, String password, boolean remoteDns) {
        this.type = type;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.remoteDns = remoteDns;
    }

    /** No proxy. */
    public static Proxy direct() {
        return DIRECT;
    }

    /** An HTTP proxy at {@code host:port}. */
    public static Proxy http(String host, int port) {
        return new Proxy(Type.HTTP, Route.normalizeHost(host), Route.checkPort(port), null, null, false);
    }

    /**
     * A SOCKS5 proxy that resolves origin names itself (address type DOMAINNAME, RFC 1928 §5), like
     * curl's {@code socks5h://}: the origin's name never reaches the local resolver.
     */
    public static Proxy socks5(String host, int port) {
        return socks5(host, port, true);
    }

    /**
     * A SOCKS5 proxy.
     *
     * @param remoteDns {@code true} to send the origin's name to the proxy ({@code socks5h://}),
     *     {@code false} to resolve it locally and send an address ({@code socks5://})
     */
    public static Proxy socks5(String host, int port, boolean remoteDns) {
        return new Proxy(Type.SOCKS5, Route.normalizeHost(host), Route.checkPort(port), null, null, remoteDns);
    }

    /**
     * Parses a proxy URL as curl and {@code requests} accept it: {@code http://[user:pass@]host[:port]}
     * (port 1080 when omitted for SOCKS, 80 for HTTP), {@code socks5://} (local DNS),
     * {@code socks5h://} (remote DNS), or a bare {@code host:port} meaning HTTP. User and password are
     * percent-decoded (RFC 3986 §2.1).
     *
     * @throws InvalidSyntaxException if the text is not a proxy URL
     * @throws UnsupportedOperationException for {@code https://} proxies (TLS to the proxy) and SOCKS4
     */
    public static Proxy parse(String url) {
        Objects.requireNonNull(url, "url");
        String text = url.trim();
        int schemeEnd = text.indexOf("://");
        String scheme = schemeEnd < 0 ? "http" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = schemeEnd < 0 ? text : text.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        String user = null;
        String pass = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            user = percentDecode(colon < 0 ? info : info.substring(0, colon), url);
            pass = colon < 0 ? "" : percentDecode(info.substring(colon + 1), url);
        }
        Type type;
        boolean remote = false;
        switch (scheme) {
            case "http" -> type = Type.HTTP;
            case "socks5" -> type = Type.SOCKS5;
            case "socks5h" -> {
                type = Type.SOCKS5;
                remote = true;
            }
            case "https" -> throw new UnsupportedOperationException(
                    "https:// proxies (TLS to the proxy itself) are not supported; use http:// or socks5h://");
            case "socks4", "socks4a" -> throw new UnsupportedOperationException(
                    "SOCKS4 proxies are not supported; use socks5:// or socks5h://");
            default -> throw new InvalidSyntaxException("unknown proxy scheme \"" + scheme + "\"", url, 0,
                    "RFC 3986 §3.1");
        }
        int defaultPort = type == Type.HTTP ? 80 : 1080;
        String host;
        int port;
        int colon = rest.lastIndexOf(':');
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new InvalidSyntaxException("unclosed IPv6 literal in proxy", url, url.indexOf('['),
                        "RFC 3986 §3.2.2");
            }
            host = rest.substring(1, close);
            port = close + 1 < rest.length() ? parsePort(rest.substring(close + 2), url) : defaultPort;
        } else if (colon >= 0) {
            host = rest.substring(0, colon);
            port = parsePort(rest.substring(colon + 1), url);
        } else {
            host = rest;
            port = defaultPort;
        }
        if (host.isEmpty()) {
            throw new InvalidSyntaxException("proxy URL has no host", url, -1, "RFC 3986 §3.2.2");
        }
        Proxy p = new Proxy(type, Route.normalizeHost(host), port, null, null, remote);
        return user == null ? p : p.withCredentials(user, pass);
    }

    /**
     * This proxy with credentials: RFC 1929 username/password for SOCKS5, or the user and password the
     * client's CONNECT sends in {@code Proxy-Authorization} (RFC 9110 §11.7.1) to an HTTP proxy — to the
     * proxy only, never inside the tunnel.
     *
     * @throws IllegalStateException for {@link #direct()}
     */
    public Proxy withCredentials(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (type == Type.DIRECT) {
            throw new IllegalStateException("a direct route has no proxy credentials");
        }
        return new Proxy(type, host, port, username, password, remoteDns);
    }

    /** The kind of proxy. */
    public Type type() {
        return type;
    }

    /** The proxy's host (ASCII, lower case, IPv6 without brackets), or {@code null} for direct. */
    public String host() {
        return host;
    }

    /** The proxy's port, or -1 for direct. */
    public int port() {
        return port;
    }

    /** The user name, or {@code null} when no credentials are set. */
    public String username() {
        return username;
    }

    /** The password, or {@code null} when no credentials are set. */
    public String password() {
        return password;
    }

    /** Whether credentials are set. */
    public boolean hasCredentials() {
        return username != null;
    }

    /** For SOCKS5: whether the origin's name is sent to the proxy (address type DOMAINNAME). */
    public boolean remoteDns() {
        return remoteDns;
    }

    /** {@code host:port} with IPv6 in brackets, or {@code "DIRECT"}. */
    public String authority() {
        return type == Type.DIRECT ? "DIRECT" : Route.authority(host, port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proxy p && type == p.type && port == p.port && remoteDns == p.remoteDns
                && Objects.equals(host, p.host) && Objects.equals(username, p.username)
                && Objects.equals(password, p.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, host, port, username, password, remoteDns);
    }

    /** A URL form without the password, e.g. {@code socks5h://user:***@127.0.0.1:1080}. */
    @Override
    public String toString() {
        if (type == Type.DIRECT) {
            return "DIRECT";
        }
        String scheme = type == Type.HTTP ? "http" : remoteDns ? "socks5h" : "socks5";
        return scheme + "://" + (username == null ? "" : username + ":***@") + authority();
    }

    private static int parsePort(String digits, String url) {
        if (digits.isEmpty() || digits.length() > 5) {
            throw new InvalidSyntaxException("invalid proxy port", url, url.lastIndexOf(':'), "RFC 3986 §3.2.3");
        }
        int port = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidSyntaxException("invalid proxy port", url, url.lastIndexOf(':'), "RFC 3986 §3.2.3");
            }
            port = port * 10 + (c - '0');
        }
        if (port < 1 || port > 65535) {
            throw new InvalidSyntaxException("proxy port out of range 1-65535", url, url.lastIndexOf(':'),
                    "RFC 3986 §3.2.3");
        }
        return port;
    }

    private static String percentDecode(String s, String url) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
                int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new InvalidSyntaxException("invalid percent-encoding in proxy credentials", url, -1,
                            "RFC 3986 §2.1");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static boolean isIpLiteral(String host) {
        return IpLiteral.parse(host) != null;
    }
}
