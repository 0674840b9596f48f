package dev.envoi.core;

import java.util.Objects;

/**
 * The origin of an {@code http}/{@code https} URL: its scheme, host and effective port (RFC 6454
 * §4). Two URLs have the same origin exactly when these three are equal; the client uses it to
 * decide whether credentials and cookies scoped to one URL may follow a redirect to another.
 *
 * <pre>{@code
 * Url.parse("https://example.com/a").origin().equals(Url.parse("https://EXAMPLE.com:443/b").origin()) // true
 * Url.parse("https://example.com/").origin().equals(Url.parse("http://example.com/").origin())          // false
 * }</pre>
 *
 * <p>The host is the ASCII form {@link Url#host()} gives (lower case, {@code xn--} for IDN, IPv6
 * without brackets); {@link #toString()} is the ASCII serialization of RFC 6454 §6.2.
 */
public final class Origin {

    private final String scheme;
    private final String host;
    private final int port;
    private final boolean ipv6;

    Origin(String scheme, String host, int port, boolean ipv6) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.ipv6 = ipv6;
    }

    /** {@code "http"} or {@code "https"}. */
    public String scheme() {
        return scheme;
    }

    /** The ASCII host, without brackets for IPv6. */
    public String host() {
        return host;
    }

    /** The effective port: the explicit one, or 80 for http and 443 for https. */
    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin other && port == other.port && scheme.equals(other.scheme)
                && host.equals(other.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, host, port);
    }

    /** RFC 6454 §6.2: {@code scheme "://" host [ ":" port ]}, the port omitted when it is the default. */
    @Override
    public String toString() {
        String h = ipv6 ? "[" + host + "]" : host;
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        return scheme + "://" + h + (defaultPort ? "" : ":" + port);
    }
}
