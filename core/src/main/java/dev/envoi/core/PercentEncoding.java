package dev.envoi.core;

import dev.envoi.core.internal.url.FormQuery;
import dev.envoi.core.internal.url.UrlChars;

import java.util.List;
import java.util.Objects;

/**
 * Percent-encoding (RFC 3986 §2.1): a character that may not appear raw in a URL component is
 * written as {@code %XX} for each byte of its UTF-8 form (RFC 3986 §2.5), so {@code "é"} becomes
 * {@code %C3%A9} and a space {@code %20}.
 *
 * <h2>The encode sets</h2>
 * envoi leaves raw exactly the characters RFC 3986's grammar allows in each component and encodes
 * everything else, so every URL it sends is a valid RFC 3986 URI and RFC 9112 request-target:
 *
 * <table>
 *   <caption>Characters left raw, per component</caption>
 *   <tr><th>component</th><th>raw (RFC 3986)</th><th>method</th></tr>
 *   <tr><td>path</td><td>{@code unreserved sub-delims : @ /} (§3.3)</td><td>{@link #encodePath}</td></tr>
 *   <tr><td>path segment</td><td>{@code unreserved sub-delims : @} (§3.3)</td><td>{@link #encodePathSegment}</td></tr>
 *   <tr><td>query, fragment</td><td>{@code unreserved sub-delims : @ / ?} (§3.4, §3.5)</td>
 *       <td>{@link #encodeQuery}, {@link #encodeFragment}</td></tr>
 *   <tr><td>user name, password</td><td>{@code unreserved sub-delims} (§3.2.1)</td><td>{@link #encodeUserInfo}</td></tr>
 *   <tr><td>form name or value</td><td>{@code unreserved}, space as {@code +}</td><td>{@link #encodeFormComponent}</td></tr>
 * </table>
 *
 * <p>with {@code unreserved = ALPHA DIGIT - . _ ~} (§2.3) and {@code sub-delims = ! $ & ' ( ) * + , ; =}
 * (§2.2). Compared with the WHATWG URL Standard's sets (what browsers do), the path set here also
 * encodes {@code [ ] | \} (WHATWG's path percent-encode set leaves them, and turns {@code \} into
 * {@code /}); the query set also encodes {@code [ \ ] ^ ` { | }} and, unlike WHATWG's special-query
 * set, leaves {@code '} raw, as RFC 3986 allows. Python's {@code requests} ({@code requote_uri})
 * encodes the same characters except {@code [ ]}. Servers such as Tomcat reject the raw forms,
 * and a decoder reads both forms as the same character, so encoding them costs nothing.
 *
 * <h2>Normalizing versus encoding</h2>
 * {@link #encodePath}, {@link #encodeQuery} and {@link #encodeFragment} take text that is meant to
 * be part of a URL already: a valid {@code %XX} escape is kept as written (never double-encoded)
 * and only a {@code %} that starts no escape becomes {@code %25}. This is what
 * {@link Url#parse(String)} does to each component. The other encoders take plain values, in which
 * every {@code %} is data.
 *
 * <h2>Form encoding</h2>
 * {@link #encodeFormComponent} writes {@code application/x-www-form-urlencoded} names and values as
 * Python's {@code urllib.parse.quote_plus} (used by {@code requests} for {@code params=} and form
 * bodies) does: RFC 3986 unreserved characters raw, space as {@code +}, everything else, including
 * {@code & = + # %}, percent-encoded. (WHATWG's serializer differs only in keeping {@code *} and
 * encoding {@code ~}.)
 *
 * <pre>{@code
 * PercentEncoding.encodePath("/a b/100%/%41")       // "/a%20b/100%25/%41"
 * PercentEncoding.encodeFormComponent("a&b=c d+é") // "a%26b%3Dc+d%2B%C3%A9"
 * PercentEncoding.decode("caf%C3%A9")               // "café"
 * }</pre>
 */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    /** Normalizes a path: keeps {@code /} and valid escapes, encodes what RFC 3986 §3.3 forbids. */
    public static String encodePath(String path) {
        return normalize(path, UrlChars.PATH, "path");
    }

    /** Encodes a plain path segment: {@code /}, {@code ?}, {@code #} and {@code %} are encoded too. */
    public static String encodePathSegment(String segment) {
        return encode(segment, UrlChars.SEGMENT, "segment");
    }

    /** Normalizes a query (without {@code ?}): keeps valid escapes, encodes what RFC 3986 §3.4 forbids. */
    public static String encodeQuery(String query) {
        return normalize(query, UrlChars.QUERY, "query");
    }

    /** Normalizes a fragment (without {@code #}): keeps valid escapes, encodes what RFC 3986 §3.5 forbids. */
    public static String encodeFragment(String fragment) {
        return normalize(fragment, UrlChars.QUERY, "fragment");
    }

    /** Encodes a plain user name or password for userinfo; {@code :} and {@code @} are encoded. */
    public static String encodeUserInfo(String usernameOrPassword) {
        return encode(usernameOrPassword, UrlChars.CREDENTIAL, "usernameOrPassword");
    }

    /** Encodes one form name or value: unreserved raw, space as {@code +}, the rest as {@code %XX}. */
    public static String encodeFormComponent(String value) {
        Objects.requireNonNull(value, "value");
        return FormQuery.encode(value);
    }

    /**
     * Encodes pairs as an {@code application/x-www-form-urlencoded} body or query:
     * {@code [(a, 1), (b, "x y")]} gives {@code "a=1&b=x+y"}.
     */
    public static String encodeForm(List<QueryParameter> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        StringBuilder out = new StringBuilder();
        for (QueryParameter p : parameters) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(FormQuery.encodePair(p.name(), p.value()));
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XX} escapes and reads the bytes as UTF-8; malformed UTF-8 becomes U+FFFD and a
     * {@code %} that starts no escape stays as it is. {@code +} stays {@code +}.
     */
    public static String decode(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        return UrlChars.decode(encoded, 0, encoded.length(), false);
    }

    /** Like {@link #decode(String)}, but {@code +} is a space, as in form data and query parameters. */
    public static String decodeFormComponent(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        return UrlChars.decode(encoded, 0, encoded.length(), true);
    }

    private static String normalize(String text, int set, String name) {
        Objects.requireNonNull(text, name);
        return UrlChars.encode(text, 0, text.length(), set, true, false);
    }

    private static String encode(String text, int set, String name) {
        Objects.requireNonNull(text, name);
        return UrlChars.encode(text, 0, text.length(), set, false, false);
    }
}
