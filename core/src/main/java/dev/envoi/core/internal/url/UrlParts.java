package dev.envoi.core.internal.url;

/**
 * The normalized components of an {@code http}/{@code https} URL, each already in its final encoded
 * form: what {@link UrlParser} and the URL builder hand to {@code dev.envoi.core.Url}.
 *
 * @param scheme {@code "http"} or {@code "https"}
 * @param userInfo the encoded userinfo without {@code '@'}, or null when absent
 * @param host the ASCII host, without brackets for IPv6
 * @param ipv6 whether {@code host} is an IPv6 literal
 * @param port the effective port, 1-65535
 * @param portExplicit whether the input spelled a port
 * @param path the encoded path, starting with {@code '/'}, dot segments removed
 * @param query the encoded query without {@code '?'}, or null when absent
 * @param fragment the encoded fragment without {@code '#'}, or null when absent
 */
public record UrlParts(String scheme, String userInfo, String host, boolean ipv6, int port, boolean portExplicit,
                       String path, String query, String fragment) {

    /** The default port of {@code http} (80) or {@code https} (443), RFC 9110 §4.2.1 and §4.2.2. */
    public static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** The serialization: RFC 3986 §5.3 recomposition, with a default port omitted. */
    public String serialize() {
        StringBuilder out = new StringBuilder(scheme.length() + host.length() + path.length() + 16
                + (query == null ? 0 : query.length() + 1) + (fragment == null ? 0 : fragment.length() + 1));
        out.append(scheme).append("://");
        if (userInfo != null) {
            out.append(userInfo).append('@');
        }
        appendAuthority(out);
        out.append(path);
        if (query != null) {
            out.append('?').append(query);
        }
        if (fragment != null) {
            out.append('#').append(fragment);
        }
        return out.toString();
    }

    /** Appends {@code host[:port]}, bracketing IPv6 and omitting the default port. */
    public void appendAuthority(StringBuilder out) {
        if (ipv6) {
            out.append('[').append(host).append(']');
        } else {
            out.append(host);
        }
        if (port != defaultPort(scheme)) {
            out.append(':').append(port);
        }
    }
}
