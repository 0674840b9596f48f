package dev.envoi.codec.internal.encode;

/**
 * Character classes of RFC 3986 §2–§3 that a request-target is made of, as lookup tables.
 *
 * <pre>
 * unreserved  = ALPHA / DIGIT / "-" / "." / "_" / "~"
 * sub-delims  = "!" / "$" / "&amp;" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="
 * pchar       = unreserved / pct-encoded / sub-delims / ":" / "@"
 * query       = *( pchar / "/" / "?" )
 * reg-name    = *( unreserved / pct-encoded / sub-delims )
 * scheme      = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
 * </pre>
 *
 * {@code %} is in none of the tables: callers check {@code pct-encoded = "%" HEXDIG HEXDIG} themselves.
 * Everything else (CTL, SP, DEL, {@code "#"}, {@code "<>\"\\^`{|}"}, non-ASCII) is outside every table.
 */
public final class UriChars {
    private static final boolean[] PATH_QUERY = new boolean[128];
    private static final boolean[] REG_NAME = new boolean[128];
    private static final boolean[] SCHEME = new boolean[128];
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        String unreserved = alnum + "-._~";
        String subDelims = "!$&'()*+,;=";
        mark(REG_NAME, unreserved + subDelims);
        mark(PATH_QUERY, unreserved + subDelims + ":@/?");
        mark(SCHEME, alnum + "+-.");
        mark(UNRESERVED, unreserved);
    }

    private UriChars() {
    }

    private static void mark(boolean[] table, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            table[chars.charAt(i)] = true;
        }
    }

    /** Whether {@code c} may appear literally in a path or query: {@code pchar / "/" / "?"} without {@code %}. */
    public static boolean isPathOrQuery(char c) {
        return c < 128 && PATH_QUERY[c];
    }

    /** Whether {@code c} may appear literally in a {@code reg-name}, {@code %} excluded. */
    public static boolean isRegName(char c) {
        return c < 128 && REG_NAME[c];
    }

    /** Whether {@code c} is {@code unreserved}. */
    public static boolean isUnreserved(char c) {
        return c < 128 && UNRESERVED[c];
    }

    /** Whether {@code c} may appear in a scheme after its first letter. */
    public static boolean isScheme(char c) {
        return c < 128 && SCHEME[c];
    }

    /** Whether {@code c} is an ASCII letter. */
    public static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Whether {@code c} is an ASCII digit. */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code c} is a hexadecimal digit. */
    public static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Whether {@code s} has a complete {@code pct-encoded} triplet at {@code i} (which holds {@code %}). */
    public static boolean isPercentTriplet(String s, int i) {
        return i + 2 < s.length() && isHexDigit(s.charAt(i + 1)) && isHexDigit(s.charAt(i + 2));
    }

    /** A short description of {@code c} for error messages; never the raw control character. */
    public static String describe(char c) {
        if (c == ' ') {
            return "SP";
        }
        if (c < 0x20 || c == 0x7f) {
            return "control character 0x" + Integer.toHexString(0x100 | c).substring(1);
        }
        if (c >= 0x80) {
            String hex = Integer.toHexString(0x10000 | c).substring(1).toUpperCase(java.util.Locale.ROOT);
            return "non-ASCII character U+" + hex + " (percent-encode it)";
        }
        return "'" + c + "'";
    }
}
