package dev.envoi.core;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A media type such as {@code text/html; charset=utf-8}: the value of {@code Content-Type} and the
 * elements of {@code Accept}, RFC 9110 §8.3.1 with parameters per §5.6.6.
 *
 * <pre>
 * media-type = type "/" subtype parameters
 * type       = token
 * subtype    = token
 * parameters = *( OWS ";" OWS [ parameter ] )
 * parameter  = parameter-name "=" parameter-value                ; no whitespace around "="
 * parameter-value = ( token / quoted-string )
 * </pre>
 *
 * <p>Values are immutable and normalized as the RFC allows: type, subtype and parameter names are
 * case-insensitive, so they are lower-cased; parameter values are stored unquoted, in their
 * original case, in the order given. Two media types are {@link #equals equal} when type, subtype
 * and the set of parameters are equal, with the {@code charset} value compared ignoring case
 * (RFC 9110 §8.3.2) and other values exactly. So these four, from RFC 9110 §8.3.1, are all equal:
 * <pre>
 * text/html;charset=utf-8      Text/HTML;Charset="utf-8"      text/html; charset="utf-8"      text/html;charset=UTF-8
 * </pre>
 * {@link #toString()} writes {@code type/subtype; name=value} and quotes a value only when it is
 * not a {@code token}.
 *
 * <p>Two ways in: {@link #parse(String)} for text the caller wrote, which throws
 * {@link InvalidSyntaxException} saying where and why; {@link #tryParse(String)} for a value a peer
 * sent, which gives {@link Optional#empty()} (a malformed {@code Content-Type} is treated as absent
 * or as {@code application/octet-stream} by the reader; it is not a reason to fail the exchange).
 * Both refuse a parameter given twice (RFC 6838 §4.3) and a wildcard type with a concrete subtype
 * ({@code *}{@code /html}, meaningless in a media range, RFC 9110 §12.5.1).
 *
 * <pre>{@code
 * MediaType json = MediaType.parse("application/json");
 * MediaType text = MediaType.TEXT_PLAIN.withCharset(StandardCharsets.ISO_8859_1);
 * Charset cs = MediaType.tryParse(contentType).flatMap(MediaType::charset).orElse(UTF_8);
 * boolean acceptable = MediaType.parse("text/*").includes(MediaType.TEXT_HTML_UTF8);   // true
 * }</pre>
 */
public final class MediaType {
    private static final String SECTION = "RFC 9110 §8.3.1";
    private static final String CHARSET = "charset";
    private static final String WILDCARD = "*";

    /** {@code *}{@code /*}, the media range that includes every media type. */
    public static final MediaType ANY = of(WILDCARD, WILDCARD);
    /** {@code application/json} (RFC 8259; it defines no charset parameter, JSON is UTF-8). */
    public static final MediaType APPLICATION_JSON = of("application", "json");
    /** {@code application/problem+json} (RFC 9457). */
    public static final MediaType APPLICATION_PROBLEM_JSON = of("application", "problem+json");
    /** {@code application/octet-stream}, arbitrary bytes (RFC 2046 §4.5.1). */
    public static final MediaType APPLICATION_OCTET_STREAM = of("application", "octet-stream");
    /** {@code application/x-www-form-urlencoded}, an HTML form body (WHATWG URL). */
    public static final MediaType APPLICATION_FORM_URLENCODED = of("application", "x-www-form-urlencoded");
    /** {@code application/xml} (RFC 7303). */
    public static final MediaType APPLICATION_XML = of("application", "xml");
    /** {@code multipart/form-data}, without the {@code boundary} each body must add (RFC 7578). */
    public static final MediaType MULTIPART_FORM_DATA = of("multipart", "form-data");
    /** {@code multipart/mixed}, without a {@code boundary} (RFC 2046 §5.1.3). */
    public static final MediaType MULTIPART_MIXED = of("multipart", "mixed");
    /** {@code text/plain}, with no charset: US-ASCII by its definition (RFC 2046 §4.1.2). */
    public static final MediaType TEXT_PLAIN = of("text", "plain");
    /** {@code text/plain; charset=UTF-8}. */
    public static final MediaType TEXT_PLAIN_UTF8 = TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);
    /** {@code text/html}. */
    public static final MediaType TEXT_HTML = of("text", "html");
    /** {@code text/html; charset=UTF-8}. */
    public static final MediaType TEXT_HTML_UTF8 = TEXT_HTML.withCharset(StandardCharsets.UTF_8);
    /** {@code text/event-stream}, server-sent events (always UTF-8, WHATWG HTML). */
    public static final MediaType TEXT_EVENT_STREAM = of("text", "event-stream");

    private final String type;
    private final String subtype;
    private final Map<String, String> parameters;
    /** {@link #parameters} with the charset value lower-cased: what equals and hashCode compare. */
    private final Map<String, String> comparable;
    private final String text;

    private MediaType(String type, String subtype, Map<String, String> parameters) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = parameters;
        String charset = parameters.get(CHARSET);
        if (charset == null) {
            this.comparable = parameters;
        } else {
            Map<String, String> c = new LinkedHashMap<>(parameters);
            c.put(CHARSET, FieldValues.lowerAscii(charset, 0, charset.length()));
            this.comparable = c;
        }
        StringBuilder sb = new StringBuilder(type.length() + subtype.length() + 16 * parameters.size() + 1);
        sb.append(type).append('/').append(subtype);
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            sb.append("; ").append(p.getKey()).append('=').append(FieldValues.quoteIfNeeded(p.getValue()));
        }
        this.text = sb.toString();
    }

    /**
     * The media type {@code type/subtype} with no parameters, e.g. {@code of("text", "csv")}.
     *
     * @throws InvalidSyntaxException if either is not a token, or the type is {@code *} and the
     *     subtype is not
     */
    public static MediaType of(String type, String subtype) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        requireToken(type, "type");
        requireToken(subtype, "subtype");
        String t = FieldValues.lowerAscii(type, 0, type.length());
        String s = FieldValues.lowerAscii(subtype, 0, subtype.length());
        if (t.equals(WILDCARD) && !s.equals(WILDCARD)) {
            throw new InvalidSyntaxException("a wildcard type needs a wildcard subtype", type + "/" + subtype,
                    type.length() + 1, "RFC 9110 §12.5.1");
        }
        return new MediaType(t, s, Map.of());
    }

    /**
     * Parses a media type the caller wrote; whitespace around it is ignored.
     *
     * @throws InvalidSyntaxException with the index of the first deviation and the RFC section
     */
    public static MediaType parse(String value) {
        Objects.requireNonNull(value, "value");
        int n = value.length();
        int from = FieldValues.skipWhitespace(value, 0, n);
        int to = FieldValues.trimEnd(value, from, n);
        int slash = tokenEnd(value, from, to);
        if (slash == from) {
            throw expected(value, from, "a type (token)");
        }
        if (slash == to || value.charAt(slash) != '/') {
            throw expected(value, slash, "'/' after the type");
        }
        int end = tokenEnd(value, slash + 1, to);
        if (end == slash + 1) {
            throw expected(value, end, "a subtype (token)");
        }
        String type = FieldValues.lowerAscii(value, from, slash);
        String subtype = FieldValues.lowerAscii(value, slash + 1, end);
        if (type.equals(WILDCARD) && !subtype.equals(WILDCARD)) {
            throw new InvalidSyntaxException("a wildcard type needs a wildcard subtype", value, slash + 1,
                    "RFC 9110 §12.5.1");
        }
        return new MediaType(type, subtype, FieldValues.parseParameters(value, end, to));
    }

    /**
     * Parses a media type a peer sent, such as a {@code Content-Type} field value.
     *
     * @return the media type, or empty if {@code value} is not one (as {@link #parse} would refuse)
     */
    public static Optional<MediaType> tryParse(String value) {
        Objects.requireNonNull(value, "value");
        try {
            return Optional.of(parse(value));
        } catch (InvalidSyntaxException malformed) {
            return Optional.empty();
        }
    }

    /** The type, lower-cased: {@code text} in {@code text/html}; {@code *} in a wildcard range. */
    public String type() {
        return type;
    }

    /** The subtype, lower-cased: {@code html} in {@code text/html}; {@code *} in a wildcard range. */
    public String subtype() {
        return subtype;
    }

    /** Whether the type is {@code *} (then so is the subtype): {@code *}{@code /*}. */
    public boolean isWildcardType() {
        return type.equals(WILDCARD);
    }

    /** Whether the subtype is {@code *}, as in {@code text/*} or {@code *}{@code /*}. */
    public boolean isWildcardSubtype() {
        return subtype.equals(WILDCARD);
    }

    /** The parameters in their original order: lower-cased names, unquoted values. Unmodifiable. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The value of parameter {@code name} (matched ignoring case), unquoted. */
    public Optional<String> parameter(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(parameters.get(FieldValues.lowerAscii(name, 0, name.length())));
    }

    /**
     * The {@code charset} parameter as a {@link Charset}: empty if there is none, or if the name is
     * illegal or not supported by this JVM. Never throws, since the name usually comes from a peer.
     */
    public Optional<Charset> charset() {
        String name = parameters.get(CHARSET);
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalArgumentException illegalOrUnsupported) {
            return Optional.empty();
        }
    }

    /**
     * This media type with parameter {@code name} set to {@code value}: replaced in place if
     * present (names match ignoring case), else appended. {@code value} is the unquoted value;
     * {@link #toString()} quotes it when needed.
     *
     * @throws InvalidSyntaxException if {@code name} is not a token or {@code value} has a
     *     character no quoted-string can carry (controls other than HTAB, DEL, above U+00FF)
     */
    public MediaType withParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        requireToken(name, "parameter name");
        FieldValues.quoteIfNeeded(value); // validates
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put(FieldValues.lowerAscii(name, 0, name.length()), value);
        return new MediaType(type, subtype, Collections.unmodifiableMap(p));
    }

    /** This media type with {@code charset} set to the charset's canonical name, e.g. {@code UTF-8}. */
    public MediaType withCharset(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        return withParameter(CHARSET, charset.name());
    }

    /** This media type without parameter {@code name} (matched ignoring case). */
    public MediaType withoutParameter(String name) {
        Objects.requireNonNull(name, "name");
        String key = FieldValues.lowerAscii(name, 0, name.length());
        if (!parameters.containsKey(key)) {
            return this;
        }
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.remove(key);
        return new MediaType(type, subtype, p.isEmpty() ? Map.of() : Collections.unmodifiableMap(p));
    }

    /** Just {@code type/subtype}, e.g. to compare ignoring {@code charset}. */
    public MediaType withoutParameters() {
        return parameters.isEmpty() ? this : new MediaType(type, subtype, Map.of());
    }

    /**
     * Whether this media type, read as a media range (RFC 9110 §12.5.1), includes {@code other}:
     * {@code *}{@code /*} includes everything, {@code text/*} every {@code text} subtype, and a
     * concrete type only itself; every parameter of this one must also be in {@code other} with
     * the same value ({@code charset} ignoring case), while {@code other} may have more.
     * {@code text/html} includes {@code text/html; charset=utf-8} but not the other way round.
     * An {@code Accept} element's weight ({@code q}) is not a media type parameter: strip it first.
     */
    public boolean includes(MediaType other) {
        Objects.requireNonNull(other, "other");
        if (!(isWildcardType() || type.equals(other.type)) || !(isWildcardSubtype() || subtype.equals(other.subtype))) {
            return false;
        }
        for (Map.Entry<String, String> p : comparable.entrySet()) {
            if (!p.getValue().equals(other.comparable.get(p.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether type and subtype are compatible, with a wildcard on either side matching anything
     * and parameters ignored: {@code text/*} matches {@code text/html} and vice versa. Symmetric;
     * use {@link #includes} when one side is the range and parameters matter.
     */
    public boolean matches(MediaType other) {
        Objects.requireNonNull(other, "other");
        return (isWildcardType() || other.isWildcardType() || type.equals(other.type))
                && (isWildcardSubtype() || other.isWildcardSubtype() || subtype.equals(other.subtype));
    }

    /**
     * Equal when type, subtype and the set of parameters are equal; parameter order does not count,
     * the {@code charset} value is compared ignoring case, other values exactly.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MediaType m && type.equals(m.type) && subtype.equals(m.subtype)
                && comparable.equals(m.comparable);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + subtype.hashCode()) * 31 + comparable.hashCode();
    }

    /**
     * The media type as a field value: {@code type/subtype; name=value}, each value as a token when
     * it is one and as a quoted-string otherwise ({@code boundary="a b"}).
     */
    @Override
    public String toString() {
        return text;
    }

    private static int tokenEnd(String s, int i, int to) {
        while (i < to && FieldSyntax.isTchar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void requireToken(String s, String what) {
        int n = s.length();
        int end = tokenEnd(s, 0, n);
        if (n == 0 || end != n) {
            throw new InvalidSyntaxException(what + " must be a token", s, end,
                    what.startsWith("parameter") ? "RFC 9110 §5.6.6" : SECTION);
        }
    }

    private static InvalidSyntaxException expected(String value, int i, String what) {
        String was = i < value.length() ? FieldValues.describe(value.charAt(i)) : "the end";
        return new InvalidSyntaxException("expected " + what + " but was " + was, value, i, SECTION);
    }
}
