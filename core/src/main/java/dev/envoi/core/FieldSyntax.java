package dev.envoi.core;

/**
 * The character rules of HTTP field syntax, RFC 9110 §5.5 and §5.6.2, as lookup tables.
 *
 * <pre>
 * token          = 1*tchar
 * tchar          = "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
 *                / DIGIT / ALPHA                                        ; any VCHAR, except delimiters
 * field-value    = *field-content
 * field-content  = field-vchar [ 1*( SP / HTAB / field-vchar ) field-vchar ]
 * field-vchar    = VCHAR / obs-text
 * obs-text       = %x80-FF
 * </pre>
 *
 * Senders must not generate CR, LF or NUL in a field value (RFC 9110 §5.5); envoi refuses every
 * other control character as well, since the ABNF does not allow them and peers differ on how they
 * read them.
 */
public final class FieldSyntax {
    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] FIELD_CHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (int c = 0x21; c <= 0x7e; c++) {
            FIELD_CHAR[c] = true; // VCHAR
        }
        for (int c = 0x80; c <= 0xff; c++) {
            FIELD_CHAR[c] = true; // obs-text
        }
        FIELD_CHAR[' '] = true;
        FIELD_CHAR['\t'] = true;
    }

    private FieldSyntax() {
    }

    /** Whether {@code c} is a {@code tchar} (RFC 9110 §5.6.2). */
    public static boolean isTchar(int c) {
        return c >= 0 && c < 256 && TCHAR[c];
    }

    /** Whether {@code s} is a non-empty {@code token} (RFC 9110 §5.6.2). */
    public static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c} may appear in a field value: VCHAR, obs-text, SP or HTAB (RFC 9110 §5.5). */
    public static boolean isFieldValueChar(int c) {
        return c >= 0 && c < 256 && FIELD_CHAR[c];
    }

    /**
     * Checks that {@code name} is a valid field name ({@code token}, RFC 9110 §5.1).
     *
     * @return {@code name}
     * @throws InvalidSyntaxException if it is empty or has a character outside {@code tchar}
     */
    public static String requireFieldName(String name) {
        int n = name.length();
        if (n == 0) {
            throw new InvalidSyntaxException("empty field name", name, 0, "RFC 9110 §5.1");
        }
        for (int i = 0; i < n; i++) {
            if (!isTchar(name.charAt(i))) {
                throw new InvalidSyntaxException("field name must be a token: character "
                        + describe(name.charAt(i)) + " is not allowed", name, i, "RFC 9110 §5.1");
            }
        }
        return name;
    }

    /**
     * Checks that {@code value} may be sent as a field value and returns it without leading and
     * trailing whitespace (which is not part of the value, RFC 9110 §5.5).
     *
     * @throws InvalidSyntaxException on CR, LF, NUL or any other control character, or on a
     *     character above U+00FF (send such text encoded, e.g. per RFC 8187)
     */
    public static String requireFieldValue(String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 256 || !FIELD_CHAR[c]) {
                String why = c >= 256
                        ? "field value character " + describe(c) + " is outside ISO-8859-1; encode it (e.g. RFC 8187)"
                        : "field value must not contain " + describe(c);
                throw new InvalidSyntaxException(why, value, i, "RFC 9110 §5.5");
            }
        }
        int start = 0;
        int end = n;
        while (start < end && isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == n ? value : value.substring(start, end);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR (0x0d)";
            case '\n' -> "LF (0x0a)";
            case 0 -> "NUL (0x00)";
            default -> c < 0x20 || c == 0x7f ? String.format("control character 0x%02x", (int) c)
                    : String.format("'%c' (U+%04X)", c, (int) c);
        };
    }
}
