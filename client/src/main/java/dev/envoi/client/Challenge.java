package dev.envoi.client;

import dev.envoi.client.internal.auth.ChallengeParser;
import dev.envoi.core.FieldSyntax;
import dev.envoi.core.FieldValues;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.InvalidSyntaxException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication challenge from a {@code WWW-Authenticate} (401, RFC 9110 §11.6.1) or
 * {@code Proxy-Authenticate} (407, RFC 9110 §11.7.1) field: a scheme and either parameters or a
 * {@code token68} (RFC 9110 §11.2).
 *
 * <pre>{@code
 * List<Challenge> cs = Challenge.parse(
 *         "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"");
 * cs.get(0).scheme();          // "Newauth"
 * cs.get(0).param("TITLE");    // Optional[Login to "apps"]
 * cs.get(1).realm();           // Optional[simple]
 * Challenge.parse("Negotiate abc==").get(0).token68(); // Optional[abc==]
 * }</pre>
 *
 * <p>Schemes and parameter names are case-insensitive: {@link #hasScheme(String)} and
 * {@link #param(String)} ignore ASCII case, {@link #params()} has lower-case names. Values are
 * unquoted and unescaped, and keep the field's characters as ISO-8859-1 text (one char per octet).
 *
 * <p>Parsing never throws: a peer's malformed challenge must not fail the exchange, so it is
 * left out and the parser resumes at the next comma. An empty or garbage value gives an empty list.
 * Immutable.
 */
public final class Challenge {
    private final String scheme;
    private final String token68;
    private final Map<String, String> params;

    private Challenge(String scheme, String token68, Map<String, String> params) {
        this.scheme = scheme;
        this.token68 = token68;
        this.params = params;
    }

    /**
     * The challenges in one field value, in order. Several challenges may share a value
     * ({@code Basic realm="a, b", Digest realm="x", nonce="y"} gives two); malformed challenges
     * are left out.
     */
    public static List<Challenge> parse(String fieldValue) {
        Objects.requireNonNull(fieldValue, "fieldValue");
        return ChallengeParser.parse(fieldValue);
    }

    /**
     * The challenges of every field line (all {@code WWW-Authenticate} values of a response, say),
     * in order.
     */
    public static List<Challenge> parseAll(List<String> fieldValues) {
        Objects.requireNonNull(fieldValues, "fieldValues");
        List<Challenge> all = new ArrayList<>(fieldValues.size() + 1);
        for (String value : fieldValues) {
            all.addAll(parse(Objects.requireNonNull(value, "fieldValues element")));
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * The challenges of a 401 response's {@code WWW-Authenticate} lines ({@code proxy} false) or a
     * 407 response's {@code Proxy-Authenticate} lines ({@code proxy} true), in order.
     */
    public static List<Challenge> fromHeaders(Headers headers, boolean proxy) {
        Objects.requireNonNull(headers, "headers");
        return parseAll(headers.all(proxy ? HeaderName.PROXY_AUTHENTICATE : HeaderName.WWW_AUTHENTICATE));
    }

    /**
     * A challenge with parameters (names are lower-cased; order kept).
     *
     * @throws InvalidSyntaxException if the scheme or a name is not a token
     */
    public static Challenge of(String scheme, Map<String, String> params) {
        Objects.requireNonNull(params, "params");
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = requireToken(e.getKey(), "parameter name");
            String lower = lowerAscii(name);
            if (copy.put(lower, Objects.requireNonNull(e.getValue(), "parameter value")) != null) {
                throw new InvalidSyntaxException("parameter repeated", name, 0, "RFC 9110 §11.2");
            }
        }
        return new Challenge(requireToken(scheme, "auth-scheme"), null, Collections.unmodifiableMap(copy));
    }

    /**
     * A challenge with a {@code token68} instead of parameters ({@code Negotiate abc==}).
     *
     * @throws InvalidSyntaxException if the scheme is not a token or the value not a token68
     */
    public static Challenge ofToken68(String scheme, String token68) {
        Objects.requireNonNull(token68, "token68");
        if (!isToken68(token68)) {
            throw new InvalidSyntaxException("not a token68", token68, -1, "RFC 9110 §11.2");
        }
        return new Challenge(requireToken(scheme, "auth-scheme"), token68, Map.of());
    }

    /** The auth-scheme as the peer wrote it, e.g. {@code "Digest"}; compare it ignoring case. */
    public String scheme() {
        return scheme;
    }

    /** Whether this challenge's scheme is {@code scheme}, ignoring ASCII case (RFC 9110 §11.1). */
    public boolean hasScheme(String scheme) {
        Objects.requireNonNull(scheme, "scheme");
        return this.scheme.equalsIgnoreCase(scheme);
    }

    /** The token68 form of the challenge's data, if it used one. */
    public Optional<String> token68() {
        return Optional.ofNullable(token68);
    }

    /** The parameters, names in lower case, values unquoted, in the order received. */
    public Map<String, String> params() {
        return params;
    }

    /** The value of parameter {@code name} (case-insensitive), unquoted. */
    public Optional<String> param(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(params.get(lowerAscii(name)));
    }

    /** The {@code realm} parameter: the protection space (RFC 9110 §11.5). */
    public Optional<String> realm() {
        return Optional.ofNullable(params.get("realm"));
    }

    /**
     * Whether the challenge says {@code stale=true} (RFC 7616 §3.3): the previous request's
     * credentials were right but its nonce had expired, so the client retries with the new nonce
     * without asking for credentials again.
     */
    public boolean isStale() {
        String stale = params.get("stale");
        return stale != null && stale.equalsIgnoreCase("true");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Challenge c && scheme.equalsIgnoreCase(c.scheme) && Objects.equals(token68, c.token68)
                && params.equals(c.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lowerAscii(scheme), token68, params);
    }

    /** The challenge in field syntax: {@code Digest realm="x", qop="auth"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme);
        if (token68 != null) {
            return sb.append(' ').append(token68).toString();
        }
        String sep = " ";
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=');
            try {
                sb.append(FieldValues.quote(e.getValue()));
            } catch (InvalidSyntaxException unquotable) {
                sb.append("\"?\""); // only reachable through of(...) with a control character
            }
            sep = ", ";
        }
        return sb.toString();
    }

    private static String requireToken(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!FieldSyntax.isToken(value)) {
            throw new InvalidSyntaxException(what + " must be a token", value, -1, "RFC 9110 §11.2");
        }
        return value;
    }

    private static boolean isToken68(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isToken68Char(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && s.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    static boolean isToken68Char(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static String lowerAscii(String s) {
        return ChallengeParser.lowerAscii(s);
    }
}
