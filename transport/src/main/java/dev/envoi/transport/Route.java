package dev.envoi.transport;

import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.transport.internal.IpLiteral;

import java.net.IDN;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a connection goes and how: the origin's scheme, host and port (RFC 9110 §4.3.2 {@code http},
 * §4.3.3 {@code https}), the {@link Proxy} in between, the {@link TlsSettings} for {@code https}, and
 * optionally a Unix domain socket path that replaces the TCP dial (like curl's {@code --unix-socket}).
 *
 * <p>A route is the key of the {@link ConnectionPool}: two requests share a connection only when their
 * routes are {@linkplain #equals equal}, every field included. In particular a connection made under one
 * trust configuration is never reused under another (the mistake behind CVE-2024-35195 in
 * {@code requests}), and connections through a proxy with one set of credentials are never reused with
 * another.
 *
 * <p>Host names are kept in their ASCII form (IDNA, RFC 5890): {@code bücher.example} becomes
 * {@code xn--bcher-kva.example}, the form sent in SNI and compared against certificates.
 *
 * <pre>{@code
 * Route plain = Route.of("http", "example.com", 80);
 * Route tls = Route.newBuilder().scheme("https").host("example.com").port(443)
 *         .tls(TlsSettings.defaults()).proxy(Proxy.socks5("127.0.0.1", 1080)).build();
 * Route docker = Route.newBuilder().host("localhost").unixSocket(Path.of("/var/run/docker.sock")).build();
 * }</pre>
 */
public final class Route {
    private final String scheme;
    private final String host;
    private final int port;
    private final Proxy proxy;
    private final TlsSettings tls;
    private final Path unixSocket;

    private Route(Builder b) {
        this.scheme = b.scheme;
        this.host = b.host;
        this.port = b.port > 0 ? b.port : "https".equals(b.scheme) ? 443 : 80;
        this.proxy = b.proxy;
        this.tls = "https".equals(b.scheme) ? (b.tls == null ? TlsSettings.defaults() : b.tls) : null;
        this.unixSocket = b.unixSocket;
    }

    /**
     * A direct route; {@code https} uses {@link TlsSettings#defaults()}.
     *
     * @param port the port, or -1 for the scheme's default (80 or 443)
     */
    public static Route of(String scheme, String host, int port) {
        return newBuilder().scheme(scheme).host(host).port(port).build();
    }

    /** A builder; scheme defaults to {@code http}, port to the scheme's default, proxy to direct. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder holding this route's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.scheme = scheme;
        b.host = host;
        b.port = port;
        b.proxy = proxy;
        b.tls = tls;
        b.unixSocket = unixSocket;
        return b;
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return scheme;
    }

    /** The origin host: ASCII, lower case, IPv6 literals without brackets. */
    public String host() {
        return host;
    }

    /** The origin port. */
    public int port() {
        return port;
    }

    /** The proxy, {@link Proxy#direct()} when none. */
    public Proxy proxy() {
        return proxy;
    }

    /** The TLS settings for {@code https}, {@code null} for {@code http}. */
    public TlsSettings tls() {
        return tls;
    }

    /** The Unix domain socket to dial instead of TCP, or {@code null}. */
    public Path unixSocket() {
        return unixSocket;
    }

    /** Whether the connection runs TLS to the origin. */
    public boolean isTls() {
        return tls != null;
    }

    /**
     * Whether the route is an HTTP proxy tunnel ({@code https} through an HTTP proxy): the
     * {@link TunnelHandshake} runs after TCP connect and before TLS.
     */
    public boolean isTunnel() {
        return isTls() && proxy.type() == Proxy.Type.HTTP;
    }

    /**
     * Whether requests on this route go to an HTTP forward proxy ({@code http} through an HTTP proxy), so
     * the client writes the request target in absolute-form (RFC 9112 §3.2.2).
     */
    public boolean isForwardProxy() {
        return !isTls() && proxy.type() == Proxy.Type.HTTP;
    }

    /** The origin as {@code host:port}, IPv6 in brackets (RFC 3986 §3.2.2). */
    public String authority() {
        return authority(host, port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Route r && port == r.port && scheme.equals(r.scheme) && host.equals(r.host)
                && proxy.equals(r.proxy) && Objects.equals(tls, r.tls) && Objects.equals(unixSocket, r.unixSocket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, host, port, proxy, tls, unixSocket);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append("://").append(authority());
        if (unixSocket != null) {
            sb.append(" via unix:").append(unixSocket);
        }
        if (proxy.type() != Proxy.Type.DIRECT) {
            sb.append(" via ").append(proxy);
        }
        return sb.toString();
    }

    /** Builds a {@link Route}. */
    public static final class Builder {
        private String scheme = "http";
        private String host;
        private int port = -1;
        private Proxy proxy = Proxy.direct();
        private TlsSettings tls;
        private Path unixSocket;

        private Builder() {
        }

        /** {@code http} or {@code https} (case-insensitive). */
        public Builder scheme(String scheme) {
            String s = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
            if (!s.equals("http") && !s.equals("https")) {
                throw new InvalidSyntaxException("scheme must be http or https", scheme, 0, "RFC 9110 §4.2");
            }
            this.scheme = s;
            return this;
        }

        /** The origin host: a name (IDN allowed), an IPv4 literal or an IPv6 literal with or without brackets. */
        public Builder host(String host) {
            this.host = normalizeHost(host);
            return this;
        }

        /** The origin port, or -1 for the scheme's default. */
        public Builder port(int port) {
            this.port = port == -1 ? -1 : checkPort(port);
            return this;
        }

        /** The proxy; {@link Proxy#direct()} by default. */
        public Builder proxy(Proxy proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /** TLS settings for {@code https}; ignored for {@code http}. */
        public Builder tls(TlsSettings tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** A Unix domain socket to dial instead of TCP; the host still names the origin. */
        public Builder unixSocket(Path path) {
            this.unixSocket = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * The route.
         *
         * @throws IllegalStateException if no host was set, or a Unix socket is combined with a proxy
         * @throws UnsupportedOperationException for {@code https} over a Unix domain socket
         */
        public Route build() {
            if (host == null) {
                throw new IllegalStateException("host not set");
            }
            if (unixSocket != null && proxy.type() != Proxy.Type.DIRECT) {
                throw new IllegalStateException("a Unix domain socket route cannot go through a proxy");
            }
            if (unixSocket != null && "https".equals(scheme)) {
                throw new UnsupportedOperationException("https over a Unix domain socket is not supported"
                        + " (JSSE's SSLSocket needs a TCP Socket); use http:// with unixSocket(...)");
            }
            return new Route(this);
        }
    }

    static String normalizeHost(String host) {
        Objects.requireNonNull(host, "host");
        String h = host;
        if (h.length() > 2 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            throw new InvalidSyntaxException("empty host", host, 0, "RFC 3986 §3.2.2");
        }
        if (IpLiteral.parse(h) != null) {
            return h.toLowerCase(Locale.ROOT);
        }
        if (h.indexOf(':') >= 0) {
            throw new InvalidSyntaxException("invalid IPv6 literal", host, h.indexOf(':'), "RFC 3986 §3.2.2");
        }
        try {
            String ascii = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            for (int i = 0; i < ascii.length(); i++) {
                char c = ascii.charAt(i);
                if (c <= ' ' || c == '/' || c == '@' || c == '?' || c == '#' || c == '%' || c >= 0x7f) {
                    throw new InvalidSyntaxException("invalid character in host", host, i, "RFC 3986 §3.2.2");
                }
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidSyntaxException ise) {
                throw ise;
            }
            throw new InvalidSyntaxException("host is not a valid IDN: " + e.getMessage(), host, -1, "RFC 5890");
        }
    }

    static int checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
        return port;
    }

    static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static String formatAddress(InetSocketAddress a) {
        String h = a.getAddress() != null ? IpLiteral.format(a.getAddress()) : a.getHostString();
        return authority(h, a.getPort());
    }
}
