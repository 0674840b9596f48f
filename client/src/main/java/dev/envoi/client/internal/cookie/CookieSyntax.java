package dev.envoi.client.internal.cookie;

import dev.envoi.core.InvalidSyntaxException;

/**
 * The checks {@link dev.envoi.client.Cookie.Builder#build()} applies: what a cookie must look like
 * to travel in {@code Set-Cookie}, {@code Cookie} and a {@code cookies.txt} line without changing
 * meaning (RFC 6265 §4.1.1, §5.1.2, §5.2.4).
 */
public final class CookieSyntax {
    private static final String GRAMMAR = "RFC 6265 §4.1.1";

    private CookieSyntax() {
    }

    /**
     * A name or value: no control character (HTAB allowed inside a value only), no {@code ;}, no
     * {@code =} in a name, no SP/HTAB at either end (§5.2 would trim it when read back), and no
     * character above U+00FF: a {@code Cookie} field carries octets (RFC 9110 §5.5), so such a cookie
     * could never be sent and would make every later request to its host fail.
     */
    public static void checkText(String what, String s, boolean isName) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7F;
            if ((control && (isName || c != '\t')) || c == ';' || (isName && c == '=')) {
                throw new InvalidSyntaxException(what + " contains " + describe(c), s, i, GRAMMAR);
            }
            checkOctet(what, s, i);
        }
        if (n > 0 && (isWsp(s.charAt(0)) || isWsp(s.charAt(n - 1)))) {
            int at = isWsp(s.charAt(0)) ? 0 : n - 1;
            throw new InvalidSyntaxException(what + " has whitespace at its end (it would be trimmed"
                    + " when read back, RFC 6265 §5.2)", s, at, GRAMMAR);
        }
    }

    /**
     * A domain: ASCII letters, digits, {@code - . _ :}, no leading dot (which in a {@code cookies.txt}
     * line means "and subdomains"); returned lower-cased. A trailing dot is allowed: a request to
     * {@code http://example.com./} is to a host of that name.
     */
    public static String checkDomain(String domain) {
        if (domain.isEmpty()) {
            throw new InvalidSyntaxException("cookie domain is empty", domain, 0, "RFC 6265 §5.3");
        }
        StringBuilder lower = new StringBuilder(domain.length());
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == ':';
            if (!ok || (c == '.' && i == 0)) {
                throw new InvalidSyntaxException("cookie domain must be an ASCII host name or address"
                        + " without leading dot, found " + describe(c), domain, i,
                        "RFC 6265 §5.1.2");
            }
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return lower.toString();
    }

    /** A path: starts with {@code /}; no control character or {@code ;}. */
    public static void checkPath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new InvalidSyntaxException("cookie path must start with '/'", path, 0, "RFC 6265 §5.2.4");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7F || c == ';') {
                throw new InvalidSyntaxException("cookie path contains " + describe(c), path, i, GRAMMAR);
            }
            checkOctet("cookie path", path, i);
        }
    }

    private static void checkOctet(String what, String s, int i) {
        char c = s.charAt(i);
        if (c > 0xFF) {
            throw new InvalidSyntaxException(what + " contains " + String.format("U+%04X", (int) c)
                    + ", which is not an octet: a field value is ISO-8859-1 octets (RFC 9110 §5.5);"
                    + " percent-encode or Base64 it first", s, i, "RFC 6265 §4.1.1");
        }
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7F ? String.format("control character 0x%02x", (int) c) : "'" + c + "'";
    }
}
