package dev.envoi.transport;

import dev.envoi.core.InvalidSyntaxException;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Chooses the {@link Proxy} for a request, like {@link java.net.ProxySelector} but a value: one proxy
 * for {@code http} URLs, one for {@code https} URLs, and a {@link NoProxy} list of hosts that bypass
 * both. Built from the environment conventions curl and {@code requests} follow, from the JDK's
 * networking system properties, or explicitly.
 *
 * <p>{@link #fromEnvironment(Map)} reads {@code http_proxy}, {@code https_proxy}, {@code all_proxy}
 * (the fallback for both) and {@code no_proxy}, each in lower or upper case; when both cases are set
 * the lower-case one wins, as in curl. Empty values count as unset, as in {@code requests}. Note that
 * curl ignores upper-case {@code HTTP_PROXY} because CGI servers put a request's {@code Proxy:} header
 * there ("httpoxy"); envoi reads it, like {@code requests}, since it does not run as a CGI script —
 * pass a filtered map if yours may.
 *
 * <p>{@link #fromSystemProperties(Properties)} reads {@code http.proxyHost}/{@code http.proxyPort}
 * (port 80 by default), {@code https.proxyHost}/{@code https.proxyPort} (443),
 * {@code socksProxyHost}/{@code socksProxyPort} (1080, SOCKS5 with remote DNS, used when no HTTP
 * proxy is set for the scheme) and {@code http.nonProxyHosts} (for both schemes, JDK syntax).
 *
 * <pre>{@code
 * ProxyConfig config = ProxyConfig.fromEnvironment(System.getenv());
 * Proxy p = config.select("https", "api.example.com", 443);
 * }</pre>
 */
public final class ProxyConfig {
    private static final ProxyConfig DIRECT = new ProxyConfig(Proxy.direct(), Proxy.direct(), NoProxy.none());

    private final Proxy http;
    private final Proxy https;
    private final NoProxy noProxy;

    private ProxyConfig(Proxy http, Proxy https, NoProxy noProxy) {
        this.http = http;
        this.https = https;
        this.noProxy = noProxy;
    }

    /** No proxy for anything. */
    public static ProxyConfig direct() {
        return DIRECT;
    }

    /** One proxy for every request. */
    public static ProxyConfig of(Proxy proxy) {
        return of(proxy, proxy, NoProxy.none());
    }

    /** A proxy per scheme ({@link Proxy#direct()} for none) and the hosts that bypass them. */
    public static ProxyConfig of(Proxy http, Proxy https, NoProxy noProxy) {
        return new ProxyConfig(Objects.requireNonNull(http, "http"), Objects.requireNonNull(https, "https"),
                Objects.requireNonNull(noProxy, "noProxy"));
    }

    /**
     * Reads the curl/{@code requests} variables from an environment map (pass {@code System.getenv()}).
     *
     * @throws IllegalArgumentException naming the variable if a value is not a proxy URL
     */
    public static ProxyConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Proxy all = proxyVariable(env, "all_proxy");
        Proxy http = proxyVariable(env, "http_proxy");
        Proxy https = proxyVariable(env, "https_proxy");
        String no = variable(env, "no_proxy");
        return new ProxyConfig(http != null ? http : all != null ? all : Proxy.direct(),
                https != null ? https : all != null ? all : Proxy.direct(), NoProxy.parse(no));
    }

    /** Reads the JDK's networking properties (pass {@code System.getProperties()}). */
    public static ProxyConfig fromSystemProperties(Properties props) {
        Objects.requireNonNull(props, "props");
        Proxy socks = null;
        String socksHost = props.getProperty("socksProxyHost");
        if (socksHost != null && !socksHost.isBlank()) {
            socks = Proxy.socks5(socksHost.trim(), intProperty(props, "socksProxyPort", 1080), true);
        }
        Proxy http = httpProperty(props, "http", 80, socks);
        Proxy https = httpProperty(props, "https", 443, socks);
        String non = props.getProperty("http.nonProxyHosts", "localhost|127.*|[::1]");
        return new ProxyConfig(http, https, NoProxy.fromJavaNonProxyHosts(non));
    }

    /**
     * The environment if it names any proxy, otherwise the JDK system properties: what a command-line
     * tool expects, with the Java convention as the fallback.
     */
    public static ProxyConfig system() {
        ProxyConfig env = fromEnvironment(System.getenv());
        return env.http.type() != Proxy.Type.DIRECT || env.https.type() != Proxy.Type.DIRECT ? env
                : fromSystemProperties(System.getProperties());
    }

    /**
     * The proxy for a request.
     *
     * @param scheme {@code http} or {@code https}
     * @param host the origin host (any case; IDN allowed)
     * @param port the origin port
     */
    public Proxy select(String scheme, String host, int port) {
        Objects.requireNonNull(scheme, "scheme");
        String h = Route.normalizeHost(host);
        Proxy p = scheme.equalsIgnoreCase("https") ? https : http;
        if (p.type() == Proxy.Type.DIRECT || noProxy.matches(h, port)) {
            return Proxy.direct();
        }
        return p;
    }

    /** The proxy for {@code http} URLs. */
    public Proxy httpProxy() {
        return http;
    }

    /** The proxy for {@code https} URLs. */
    public Proxy httpsProxy() {
        return https;
    }

    /** The hosts that bypass the proxies. */
    public NoProxy noProxy() {
        return noProxy;
    }

    @Override
    public String toString() {
        return "ProxyConfig[http=" + http + ", https=" + https + ", " + noProxy + "]";
    }

    private static String variable(Map<String, String> env, String lower) {
        String v = env.get(lower);
        if (v == null || v.isBlank()) {
            v = env.get(lower.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Proxy proxyVariable(Map<String, String> env, String lower) {
        String v = variable(env, lower);
        if (v == null) {
            return null;
        }
        try {
            return Proxy.parse(v);
        } catch (InvalidSyntaxException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(lower + " / " + lower.toUpperCase(Locale.ROOT) + ": " + e.getMessage(), e);
        }
    }

    private static Proxy httpProperty(Properties props, String scheme, int defaultPort, Proxy socks) {
        String host = props.getProperty(scheme + ".proxyHost");
        if (host == null || host.isBlank()) {
            return socks != null ? socks : Proxy.direct();
        }
        return Proxy.http(host.trim(), intProperty(props, scheme + ".proxyPort", defaultPort));
    }

    private static int intProperty(Properties props, String name, int dflt) {
        String v = props.getProperty(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + " is not a port: " + v, e);
        }
    }
}
