package dev.envoi.core;

import dev.envoi.core.internal.url.DotSegments;
import dev.envoi.core.internal.url.FormQuery;
import dev.envoi.core.internal.url.HostParser;
import dev.envoi.core.internal.url.ReferenceResolver;
import dev.envoi.core.internal.url.UrlChars;
import dev.envoi.core.internal.url.UrlParser;
import dev.envoi.core.internal.url.UrlParts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An absolute {@code http} or {@code https} URL (RFC 9110 §4.2, syntax of RFC 3986), parsed once,
 * normalized, and immutable.
 *
 * <pre>{@code
 * Url url = Url.parse("HTTPS://user:p%40ss@Bücher.example:8443/a/./b/../c d?q=1&q=2#top");
 * url.toString();        // "https://user:p%40ss@xn--bcher-kva.example:8443/a/c%20d?q=1&q=2#top"
 * url.host();            // "xn--bcher-kva.example"
 * url.password();        // "p@ss"
 * url.requestTarget();   // "/a/c%20d?q=1&q=2"        (what goes on the request line)
 * url.authority();       // "xn--bcher-kva.example:8443" (what goes in Host)
 * url.queryParameterValues("q"); // ["1", "2"]
 * url.resolve("../x?y"); // https://user:p%40ss@xn--bcher-kva.example:8443/x?y
 * }</pre>
 *
 * <h2>What parsing does</h2>
 * <ul>
 *   <li>Scheme and host are case-insensitive and lower-cased; {@code %XX} escapes in the host are
 *       decoded, non-ASCII hosts become {@code xn--} names ({@link java.net.IDN#toASCII(String, int)}
 *       with {@code USE_STD3_ASCII_RULES}, IDNA2003), IPv6 literals take their RFC 5952 form. Host
 *       names may hold letters, digits, {@code -}, {@code _} and {@code .} (RFC 1034 §3.1).</li>
 *   <li>Path, query and fragment keep every character their RFC 3986 grammar allows and
 *       percent-encode the rest as UTF-8 (see {@link PercentEncoding} for the exact sets). Existing
 *       {@code %XX} escapes are kept as written, never encoded twice; a {@code %} not followed by two
 *       hex digits becomes {@code %25}. A backslash in the path is data ({@code %5C}), not a
 *       separator as browsers make it, and a tab or newline inside path, query or fragment is
 *       encoded ({@code %09}, {@code %0A}) where browsers silently delete it: either way no raw
 *       control character can reach the request line.</li>
 *   <li>Dot segments are removed from the path (RFC 3986 §5.2.4, also when spelled {@code %2e});
 *       an empty path becomes {@code /} (RFC 9110 §4.2.3).</li>
 *   <li>A default port (80 for http, 443 for https) is not serialized, even when written.</li>
 * </ul>
 *
 * <h2>What parsing refuses</h2>
 * {@link InvalidSyntaxException}, citing the rule, for: other schemes; a missing {@code //};
 * leading or trailing spaces or control characters (refused, not trimmed, so a stray newline in
 * configuration is noticed); more than one {@code @}; a backslash or control character anywhere in
 * the authority; a space, control character, {@code %00} or stray {@code [}/{@code ]} in the host;
 * an empty host; a port that is not 1 to 65535 in plain digits; IPv6 zone identifiers; and numeric
 * hosts that are not four plain decimal octets ({@code 127.1}, {@code 0x7f.0.0.1},
 * {@code 010.0.0.1}), whose meaning differs between resolvers (RFC 3986 §7.4).
 *
 * <h2>Equality</h2>
 * Two URLs are equal when their serializations ({@link #toString()}) are equal: after the
 * normalization above, but without further RFC 3986 §6 rewriting ({@code %7e} and {@code ~}
 * stay different, as do {@code %3a} and {@code %3A}).
 */
public final class Url {

    private final UrlParts parts;
    private final String serialized;

    private Url(UrlParts parts) {
        this.parts = parts;
        this.serialized = parts.serialize();
    }

    /**
     * Parses an absolute {@code http}/{@code https} URL.
     *
     * @throws InvalidSyntaxException if {@code url} is not one (the message names the rule)
     */
    public static Url parse(String url) {
        Objects.requireNonNull(url, "url");
        return new Url(UrlParser.parse(url));
    }

    /** A new empty builder; {@link Builder#host(String)} must be set before {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this URL's components, to derive a changed copy. */
    public Builder newBuilder() {
        return new Builder(parts);
    }

    /**
     * RFC 3986 §5.2 reference resolution on strings, for any scheme, exactly as the RFC specifies
     * (strict: a reference with a scheme keeps its path as written, so {@code "http:g"} against
     * {@code "http://a/b/c/d;p?q"} gives {@code "http:g"}). Neither string is normalized or
     * percent-encoded; {@link #resolve(String)} builds on this and then parses the result.
     *
     * <pre>{@code
     * Url.resolveReference("http://a/b/c/d;p?q", "../g")  // "http://a/b/g"
     * Url.resolveReference("http://a/b/c/d;p?q", "g:h")   // "g:h"
     * }</pre>
     *
     * @param base an absolute URI (with a scheme, RFC 3986 §5.1)
     * @param reference a URI reference (RFC 3986 §4.1)
     * @throws InvalidSyntaxException if {@code base} has no scheme
     */
    public static String resolveReference(String base, String reference) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(reference, "reference");
        return ReferenceResolver.resolve(base, reference);
    }

    /**
     * Resolves a URI reference (a {@code Location} value, a link) against this URL (RFC 3986 §5.2)
     * and parses the result: {@code Url.parse("http://a/b/c").resolve("../d?e")} is
     * {@code http://a/d?e}. The fragment comes from the reference alone, as §5.2.2 says; the
     * redirect rule of RFC 9110 §10.2.2 that keeps the original fragment is the caller's to apply.
     *
     * @throws InvalidSyntaxException if the reference has leading or trailing spaces or controls,
     *     or resolves to something that is not an http/https URL ({@code "mailto:x"}, {@code "g:h"},
     *     or the strict {@code "http:g"}, which has no authority)
     */
    public Url resolve(String reference) {
        Objects.requireNonNull(reference, "reference");
        int n = reference.length();
        if (n > 0 && (reference.charAt(0) <= 0x20 || reference.charAt(n - 1) <= 0x20)) {
            throw new InvalidSyntaxException("leading or trailing space or control character in reference",
                    reference, reference.charAt(0) <= 0x20 ? 0 : n - 1, "RFC 3986 Appendix C");
        }
        return parse(ReferenceResolver.resolve(serialized, reference));
    }

    /** {@code "http"} or {@code "https"}, lower case. */
    public String scheme() {
        return parts.scheme();
    }

    /** Whether the scheme is {@code https}. */
    public boolean isHttps() {
        return parts.scheme().equals("https");
    }

    /**
     * The host in ASCII, as DNS and TLS SNI want it: lower case, an internationalized name in its
     * {@code xn--} form, an IPv4 address as four decimal octets, an IPv6 address without brackets
     * in RFC 5952 form ({@code "::1"}).
     */
    public String host() {
        return parts.host();
    }

    /** Whether {@link #host()} is an IPv6 address (written in brackets in the URL). */
    public boolean isIpv6Host() {
        return parts.ipv6();
    }

    /** The effective port: the one written in the URL, or 80 for http and 443 for https. */
    public int port() {
        return parts.port();
    }

    /** Whether the URL as given spelled a port, even the default one ({@code http://a:80/}). */
    public boolean isPortExplicit() {
        return parts.portExplicit();
    }

    /** The default port of a scheme: 80 for {@code "http"}, 443 for {@code "https"} (RFC 9110 §4.2). */
    public static int defaultPort(String scheme) {
        Objects.requireNonNull(scheme, "scheme");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidSyntaxException("scheme is not http or https", scheme, 0, "RFC 9110 §4.2");
        }
        return UrlParts.defaultPort(scheme);
    }

    /** Whether the URL carries userinfo ({@code user:password@}), even an empty one. */
    public boolean hasUserInfo() {
        return parts.userInfo() != null;
    }

    /** The encoded userinfo without {@code '@'}, or null when absent. */
    public String encodedUserInfo() {
        return parts.userInfo();
    }

    /** The decoded user name: the userinfo up to its first {@code ':'}; empty when absent. */
    public String username() {
        String userInfo = parts.userInfo();
        if (userInfo == null) {
            return "";
        }
        int colon = userInfo.indexOf(':');
        return UrlChars.decode(userInfo, 0, colon < 0 ? userInfo.length() : colon, false);
    }

    /** The decoded password: the userinfo after its first {@code ':'}; empty when absent. */
    public String password() {
        String userInfo = parts.userInfo();
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        return colon < 0 ? "" : UrlChars.decode(userInfo, colon + 1, userInfo.length(), false);
    }

    /** The encoded path, never empty, always starting with {@code '/'}. */
    public String encodedPath() {
        return parts.path();
    }

    /** The decoded path segments: {@code /a/b%2Fc/} gives {@code ["a", "b/c", ""]}. */
    public List<String> pathSegments() {
        String path = parts.path();
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            segments.add(UrlChars.decode(path, start, end, false));
            start = end + 1;
        }
        return Collections.unmodifiableList(segments);
    }

    /** The encoded query without {@code '?'}; null when absent, empty for {@code http://a/?}. */
    public String encodedQuery() {
        return parts.query();
    }

    /**
     * The query read as {@code application/x-www-form-urlencoded} pairs, decoded, in order:
     * {@code ?a=1&b=x+y&a=%26&c} gives {@code (a,1) (b,"x y") (a,&) (c,"")}. Empty when there is no query.
     */
    public List<QueryParameter> queryParameters() {
        if (parts.query() == null) {
            return List.of();
        }
        List<QueryParameter> result = new ArrayList<>();
        FormQuery.forEach(parts.query(), (name, value) -> result.add(new QueryParameter(name, value)));
        return Collections.unmodifiableList(result);
    }

    /** The decoded value of the first parameter named {@code name}, or null when there is none. */
    public String queryParameter(String name) {
        Objects.requireNonNull(name, "name");
        if (parts.query() == null) {
            return null;
        }
        String[] found = new String[1];
        FormQuery.forEach(parts.query(), (n, v) -> {
            if (n.equals(name)) {
                found[0] = v;
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** The decoded values of every parameter named {@code name}, in order; empty when none. */
    public List<String> queryParameterValues(String name) {
        Objects.requireNonNull(name, "name");
        if (parts.query() == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        FormQuery.forEach(parts.query(), (n, v) -> !n.equals(name) || values.add(v));
        return Collections.unmodifiableList(values);
    }

    /** The encoded fragment without {@code '#'}, or null when absent. */
    public String encodedFragment() {
        return parts.fragment();
    }

    /** The decoded fragment, or null when absent. */
    public String fragment() {
        String f = parts.fragment();
        return f == null ? null : UrlChars.decode(f, 0, f.length(), false);
    }

    /**
     * The origin-form request-target of RFC 9112 §3.2.1: {@code absolute-path [ "?" query ]},
     * never empty ({@code "/"} at least), without fragment or userinfo.
     */
    public String requestTarget() {
        String query = parts.query();
        return query == null ? parts.path() : parts.path() + "?" + query;
    }

    /**
     * {@code host [ ":" port ]} as the {@code Host} field wants it (RFC 9110 §7.2, RFC 9112 §3.2):
     * IPv6 in brackets, the port omitted when it is the scheme's default, no userinfo.
     */
    public String authority() {
        StringBuilder out = new StringBuilder(parts.host().length() + 8);
        parts.appendAuthority(out);
        return out.toString();
    }

    /** The RFC 6454 origin: scheme, host and effective port. */
    public Origin origin() {
        return new Origin(parts.scheme(), parts.host(), parts.port(), parts.ipv6());
    }

    /**
     * This URL without userinfo: what may be sent, logged or put in a {@code Referer} (RFC 9110
     * §10.1.3 forbids userinfo there). Returns this when there is none.
     */
    public Url withoutUserInfo() {
        return parts.userInfo() == null ? this : new Url(replace(null, parts.fragment()));
    }

    /** This URL without fragment; returns this when there is none. */
    public Url withoutFragment() {
        return parts.fragment() == null ? this : new Url(replace(parts.userInfo(), null));
    }

    private UrlParts replace(String userInfo, String fragment) {
        UrlParts p = parts;
        return new UrlParts(p.scheme(), userInfo, p.host(), p.ipv6(), p.port(), p.portExplicit(), p.path(),
                p.query(), fragment);
    }

    /** Equal when the serializations are equal (see the class comment). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Url other && serialized.equals(other.serialized);
    }

    @Override
    public int hashCode() {
        return serialized.hashCode();
    }

    /**
     * The serialized URL, userinfo and fragment included, default port omitted:
     * {@code Url.parse(url.toString()).equals(url)} always holds.
     */
    @Override
    public String toString() {
        return serialized;
    }

    /** Creates a URL from builder-validated components. */
    static Url of(UrlParts parts) {
        return new Url(parts);
    }
    /**
     * Builds a {@link Url} from components. Setters taking plain values ({@link #username},
     * {@link #password}, {@link #addPathSegment}, {@link #addQueryParameter}, {@link #fragment})
     * encode everything that is not allowed raw, including {@code %}; setters named
     * {@code encoded...} take text that is already a URL component and only encode what its grammar
     * forbids, keeping valid {@code %XX} escapes. Each setter checks its argument at once.
     *
     * <pre>{@code
     * Url url = Url.builder().scheme("https").host("example.com")
     *         .addPathSegment("search").addQueryParameter("q", "a&b c").build();
     * // https://example.com/search?q=a%26b+c
     * }</pre>
     *
     * <p>Dot segments are removed when building, so {@code addPathSegment("..")} removes the segment
     * before it, as it would in any URL.
     */
    // Nested so that callers write Url.Builder as with OkHttp's HttpUrl.Builder; it is the reason this
    // file runs past the 400-line guide. The encoding and validation it uses live in internal.url.
    public static final class Builder {
        private String scheme = "http";
        private HostParser.Host host;
        private int port;
        private String user;
        private String password;
        private String path = "/";
        private String query;
        private String fragment;

        private Builder() {
        }

        private Builder(UrlParts p) {
            scheme = p.scheme();
            host = new HostParser.Host(p.host(), p.ipv6());
            port = p.portExplicit() ? p.port() : 0;
            if (p.userInfo() != null) {
                int colon = p.userInfo().indexOf(':');
                user = colon < 0 ? p.userInfo() : p.userInfo().substring(0, colon);
                password = colon < 0 ? null : p.userInfo().substring(colon + 1);
            }
            path = p.path();
            query = p.query();
            fragment = p.fragment();
        }

        /** {@code "http"} (the default) or {@code "https"}, in any case. */
        public Builder scheme(String scheme) {
            Objects.requireNonNull(scheme, "scheme");
            String lower = scheme.toLowerCase(Locale.ROOT);
            if (!lower.equals("http") && !lower.equals("https")) {
                throw new InvalidSyntaxException("scheme is not http or https", scheme, 0, "RFC 9110 §4.2");
            }
            this.scheme = lower;
            return this;
        }

        /** The host: a name (Unicode names are converted to ASCII), an IPv4 address, or IPv6 with or without brackets. */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
            this.host = HostParser.parse(h, 0, h.length());
            return this;
        }

        /** An explicit port, 1 to 65535. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new InvalidSyntaxException("port must be 1 to 65535", Integer.toString(port), -1,
                        "RFC 3986 §3.2.3");
            }
            this.port = port;
            return this;
        }

        /** Forgets an explicit port: the URL uses the scheme's default. */
        public Builder clearPort() {
            this.port = 0;
            return this;
        }

        /** The plain user name, encoded on build; null removes the userinfo (and the password). */
        public Builder username(String username) {
            this.user = username == null ? null : encode(username, UrlChars.CREDENTIAL);
            if (username == null) {
                this.password = null;
            }
            return this;
        }

        /** The plain password, encoded on build; null removes it. Sets an empty user name if there is none. */
        public Builder password(String password) {
            this.password = password == null ? null : encode(password, UrlChars.CREDENTIAL);
            if (password != null && user == null) {
                user = "";
            }
            return this;
        }

        /** A path already in URL form ({@code "/a/b%20c"}), starting with {@code '/'}; empty means {@code "/"}. */
        public Builder encodedPath(String encodedPath) {
            Objects.requireNonNull(encodedPath, "encodedPath");
            if (encodedPath.isEmpty()) {
                path = "/";
                return this;
            }
            if (encodedPath.charAt(0) != '/') {
                throw new InvalidSyntaxException("path of a URL with a host must start with '/'", encodedPath, 0,
                        "RFC 3986 §3.3");
            }
            path = UrlChars.encode(encodedPath, 0, encodedPath.length(), UrlChars.PATH, true, false);
            return this;
        }

        /** Appends one plain segment; {@code '/'} and {@code '%'} in it are encoded ({@code "a/b"} → {@code a%2Fb}). */
        public Builder addPathSegment(String segment) {
            Objects.requireNonNull(segment, "segment");
            String encoded = encode(segment, UrlChars.SEGMENT);
            path = path.endsWith("/") ? path + encoded : path + "/" + encoded;
            return this;
        }

        /** A query already in URL form, without {@code '?'}; null removes the query. */
        public Builder encodedQuery(String encodedQuery) {
            query = encodedQuery == null ? null
                    : UrlChars.encode(encodedQuery, 0, encodedQuery.length(), UrlChars.QUERY, true, false);
            return this;
        }

        /** Appends {@code name=value}, both form-encoded as {@link PercentEncoding#encodeFormComponent} does. */
        public Builder addQueryParameter(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            query = FormQuery.append(query, FormQuery.encodePair(name, value));
            return this;
        }

        /** Removes every parameter named {@code name}, then appends {@code name=value}. */
        public Builder setQueryParameter(String name, String value) {
            removeQueryParameters(name);
            return addQueryParameter(name, value);
        }

        /** Removes every parameter whose decoded name is {@code name}; the query goes when none is left. */
        public Builder removeQueryParameters(String name) {
            Objects.requireNonNull(name, "name");
            query = FormQuery.remove(query, name);
            return this;
        }

        /** A fragment already in URL form, without {@code '#'}; null removes it. */
        public Builder encodedFragment(String encodedFragment) {
            fragment = encodedFragment == null ? null
                    : UrlChars.encode(encodedFragment, 0, encodedFragment.length(), UrlChars.QUERY, true, false);
            return this;
        }

        /** A plain fragment, encoded on build ({@code '%'} included); null removes it. */
        public Builder fragment(String fragment) {
            this.fragment = fragment == null ? null : encode(fragment, UrlChars.QUERY);
            return this;
        }

        /**
         * The URL.
         *
         * @throws IllegalStateException if no host was set
         */
        public Url build() {
            if (host == null) {
                throw new IllegalStateException("host not set");
            }
            String userInfo = user == null ? null : password == null ? user : user + ":" + password;
            int effectivePort = port == 0 ? UrlParts.defaultPort(scheme) : port;
            return new Url(new UrlParts(scheme, userInfo, host.name(), host.ipv6(), effectivePort, port != 0,
                    DotSegments.removeWithEncodedDots(path), query, fragment));
        }

        private static String encode(String plain, int set) {
            return UrlChars.encode(plain, 0, plain.length(), set, false, false);
        }
    }
}
