package dev.envoi.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The common structures inside HTTP field values, RFC 9110 §5.6: comma-separated lists, quoted
 * strings and {@code ;}-parameters. {@link FieldSyntax} holds the character rules (which characters
 * form a {@code token}, which may appear in a value); this class builds on it to take values apart
 * and put them together. {@link MediaType} parses its parameters here, and so will later fields
 * such as {@code Content-Disposition}.
 *
 * <pre>
 * #element       = [ element ] *( OWS "," OWS [ element ] )              ; §5.6.1, recipients
 * quoted-string  = DQUOTE *( qdtext / quoted-pair ) DQUOTE                ; §5.6.4
 * qdtext         = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
 * quoted-pair    = "\" ( HTAB / SP / VCHAR / obs-text )
 * parameters     = *( OWS ";" OWS [ parameter ] )                         ; §5.6.6
 * parameter      = parameter-name "=" parameter-value
 * parameter-name = token
 * parameter-value = ( token / quoted-string )
 * </pre>
 *
 * <p>Example: {@code FieldValues.splitList("foo , ,bar,charlie")} gives {@code [foo, bar, charlie]};
 * {@code FieldValues.containsToken("keep-alive, Upgrade", "upgrade")} is {@code true};
 * {@code FieldValues.quoteIfNeeded("a b")} gives {@code "a b"} in quotes.
 *
 * <p>Strings here hold field values as ISO-8859-1 text (one char per octet), so a char above
 * U+00FF can never be part of a field value and is refused where the grammar is checked.
 */
public final class FieldValues {
    private static final String QUOTED_STRING = "RFC 9110 §5.6.4";
    private static final String PARAMETERS = "RFC 9110 §5.6.6";

    private FieldValues() {
    }

    /**
     * Splits a list-valued field into its elements per RFC 9110 §5.6.1: elements are separated by
     * commas, a comma inside a quoted-string does not separate, whitespace around each element is
     * trimmed and empty elements are ignored. {@code "foo , ,bar,charlie"} gives
     * {@code [foo, bar, charlie]}; {@code ""} and {@code ",  ,"} give an empty list.
     *
     * <p>Elements are returned as written (quotes and escapes kept); checking each element's own
     * grammar is the job of the field that defines it. An unterminated quoted-string runs to the
     * end of the value, so it never splits, and the element parser will refuse it. Comments
     * ({@code (...)}, RFC 9110 §5.6.5) are not recognized: no field envoi splits allows them.
     *
     * @return an unmodifiable list of the non-empty elements
     */
    public static List<String> splitList(String value) {
        Objects.requireNonNull(value, "value");
        List<String> out = new ArrayList<>(4);
        int n = value.length();
        int i = 0;
        while (i <= n) {
            int end = elementEnd(value, i);
            int from = skipWhitespace(value, i, end);
            int to = trimEnd(value, from, end);
            if (from < to) {
                out.add(value.substring(from, to));
            }
            i = end + 1;
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Whether the list-valued field {@code value} (RFC 9110 §5.6.1) has an element equal to
     * {@code token}, ignoring ASCII case. Used for {@code Connection} ({@code close},
     * {@code keep-alive}, {@code upgrade}) and {@code Transfer-Encoding} ({@code chunked}).
     * {@code containsToken("keep-alive, Upgrade", "upgrade")} is {@code true}.
     *
     * <p>The whole element must match: {@code "gzip;q=1"} does not contain {@code gzip}, since an
     * element with parameters is not the bare token. Does not allocate.
     */
    public static boolean containsToken(CharSequence value, String token) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            return false;
        }
        int n = value.length();
        int i = 0;
        while (i <= n) {
            int end = elementEnd(value, i);
            int from = skipWhitespace(value, i, end);
            int to = trimEnd(value, from, end);
            if (to - from == token.length() && regionEqualsIgnoreCase(value, from, token)) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }

    /**
     * Parses the quoted-string starting at {@code start} (which must be the opening {@code "}),
     * appends its unescaped content to {@code out} and returns the index just after the closing
     * quote. {@code "a\"b"} appends {@code a"b}.
     *
     * @throws InvalidSyntaxException if there is no opening or closing quote, a character is not
     *     allowed ({@code qdtext} excludes controls other than HTAB, and DEL), or a backslash ends
     *     the value (RFC 9110 §5.6.4)
     */
    public static int parseQuotedString(CharSequence s, int start, StringBuilder out) {
        Objects.requireNonNull(s, "s");
        Objects.requireNonNull(out, "out");
        return parseQuotedString(s, start, s.length(), out);
    }

    private static int parseQuotedString(CharSequence s, int start, int n, StringBuilder out) {
        if (start < 0 || start >= n || s.charAt(start) != '"') {
            throw new InvalidSyntaxException("expected '\"' to open a quoted-string", s.toString(), start,
                    QUOTED_STRING);
        }
        for (int i = start + 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i == n) {
                    break;
                }
                c = s.charAt(i);
            }
            if (!isQuotable(c)) {
                throw new InvalidSyntaxException("character " + describe(c) + " is not allowed in a quoted-string",
                        s.toString(), i, QUOTED_STRING);
            }
            out.append(c);
        }
        throw new InvalidSyntaxException("unterminated quoted-string", s.toString(), n, QUOTED_STRING);
    }

    /**
     * The content of {@code value}, which must be exactly one quoted-string, unescaped:
     * {@code unquote("\"a\\\\b\"")} is {@code a\b}.
     *
     * @throws InvalidSyntaxException if {@code value} is not exactly one quoted-string
     */
    public static String unquote(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        int end = parseQuotedString(value, 0, sb);
        if (end != value.length()) {
            throw new InvalidSyntaxException("unexpected text after the closing quote", value, end, QUOTED_STRING);
        }
        return sb.toString();
    }

    /**
     * {@code value} as a {@code token} if it is one, else as a quoted-string with {@code "} and
     * {@code \} escaped: {@code utf-8} stays, {@code a b} becomes {@code "a b"}, the empty string
     * becomes {@code ""}. The form senders should use for parameter values (RFC 9110 §5.6.6).
     *
     * @throws InvalidSyntaxException if {@code value} has a character that no quoted-string can
     *     carry: a control character other than HTAB (CR, LF, NUL...), DEL, or above U+00FF
     */
    public static String quoteIfNeeded(String value) {
        Objects.requireNonNull(value, "value");
        return FieldSyntax.isToken(value) ? value : quote(value);
    }

    /**
     * {@code value} as a quoted-string, always quoted, with {@code "} and {@code \} escaped (and
     * nothing else: RFC 9110 §5.6.4 says senders should not escape other characters).
     *
     * @throws InvalidSyntaxException as {@link #quoteIfNeeded(String)}
     */
    public static String quote(String value) {
        Objects.requireNonNull(value, "value");
        int n = value.length();
        StringBuilder sb = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!isQuotable(c)) {
                throw new InvalidSyntaxException("character " + describe(c) + " cannot be sent in a quoted-string",
                        value, i, QUOTED_STRING);
            }
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** {@link #parseParameters(CharSequence, int, int)} over the whole of {@code s}. */
    public static Map<String, String> parseParameters(CharSequence s) {
        return parseParameters(s, 0, s.length());
    }

    /**
     * Parses {@code parameters} (RFC 9110 §5.6.6) in {@code s[from, to)}: the text must be empty,
     * whitespace, or a sequence of {@code ;}-separated {@code name=value} pairs, with empty ones
     * ({@code ;;}) allowed. {@code "; charset=\"UTF-8\" ;format=flowed"} gives
     * {@code {charset=UTF-8, format=flowed}}.
     *
     * <p>Names are lower-cased (they are case-insensitive); values are unquoted and keep their
     * case (whether a value is case-sensitive depends on the parameter). Whitespace around
     * {@code =} is refused, as the RFC forbids it. A name given twice is refused: every field
     * built on this syntax forbids repeats (media types, RFC 6838 §4.3; Content-Disposition,
     * RFC 6266 §4.1), and accepting one would make the first-or-last choice ambiguous between peers.
     *
     * @return an unmodifiable map in the order the parameters appeared
     * @throws InvalidSyntaxException on the first deviation, with its index in {@code s}
     */
    public static Map<String, String> parseParameters(CharSequence s, int from, int to) {
        Objects.requireNonNull(s, "s");
        Objects.checkFromToIndex(from, to, s.length());
        Map<String, String> params = null;
        StringBuilder sb = null;
        int i = skipWhitespace(s, from, to);
        while (i < to) {
            if (s.charAt(i) != ';') {
                throw unexpected(s, i, "';' before a parameter");
            }
            i = skipWhitespace(s, i + 1, to);
            if (i == to || s.charAt(i) == ';') {
                continue; // an empty parameter: [ parameter ] is optional
            }
            int nameStart = i;
            while (i < to && FieldSyntax.isTchar(s.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw unexpected(s, i, "a parameter name (token)");
            }
            String name = lowerAscii(s, nameStart, i);
            if (i == to || s.charAt(i) != '=') {
                throw unexpected(s, i, "'=' after parameter name \"" + name + "\"");
            }
            i++;
            sb = sb == null ? new StringBuilder() : sb;
            sb.setLength(0);
            i = parameterValue(s, i, to, sb);
            String value = sb.toString();
            params = params == null ? new LinkedHashMap<>(4) : params;
            if (params.putIfAbsent(name, value) != null) {
                throw new InvalidSyntaxException("duplicate parameter \"" + name + "\"", s.toString(), nameStart,
                        PARAMETERS);
            }
            i = skipWhitespace(s, i, to);
        }
        return params == null ? Map.of() : Collections.unmodifiableMap(params);
    }

    /** Appends the token or quoted-string value at {@code i} to {@code out}; returns its end. */
    private static int parameterValue(CharSequence s, int i, int to, StringBuilder out) {
        if (i < to && s.charAt(i) == '"') {
            return parseQuotedString(s, i, to, out);
        }
        int start = i;
        while (i < to && FieldSyntax.isTchar(s.charAt(i))) {
            out.append(s.charAt(i++));
        }
        if (i == start) {
            throw unexpected(s, i, "a parameter value (token or quoted-string)");
        }
        return i;
    }

    /** Whether {@code c} may be carried in a quoted-string, as qdtext or in a quoted-pair. */
    static boolean isQuotable(char c) {
        return c < 256 && c != 0x7f && (c >= 0x20 || c == '\t');
    }

    /** {@code s[from, to)} lower-cased in ASCII only, so no locale (Turkish dotless i) interferes. */
    static String lowerAscii(CharSequence s, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            out[i - from] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return new String(out);
    }

    static boolean regionEqualsIgnoreCase(CharSequence s, int from, String lowerOrUpper) {
        for (int k = 0; k < lowerOrUpper.length(); k++) {
            char a = s.charAt(from + k);
            char b = lowerOrUpper.charAt(k);
            if (a != b && toLowerAscii(a) != toLowerAscii(b)) {
                return false;
            }
        }
        return true;
    }

    private static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** The index of the comma ending the element that starts at {@code i}, or the length. */
    private static int elementEnd(CharSequence s, int i) {
        int n = s.length();
        boolean quoted = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++; // a quoted-pair: the next character is literal, even '"'
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                return i;
            }
        }
        return n;
    }

    static int skipWhitespace(CharSequence s, int i, int to) {
        while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static int trimEnd(CharSequence s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }

    private static InvalidSyntaxException unexpected(CharSequence s, int i, String expected) {
        String was = i < s.length() ? describe(s.charAt(i)) : "the end";
        return new InvalidSyntaxException("expected " + expected + " but was " + was, s.toString(), i, PARAMETERS);
    }

    static String describe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("control character 0x%02x", (int) c);
        }
        return String.format("'%c' (U+%04X)", c, (int) c);
    }
}
