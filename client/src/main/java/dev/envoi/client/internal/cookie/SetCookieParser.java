package dev.envoi.client.internal.cookie;

import dev.envoi.client.SameSite;

import java.time.Instant;

/**
 * Parses a {@code Set-Cookie} field value by the algorithm of RFC 6265 §5.2, with the RFC 6265bis
 * (draft-ietf-httpbis-rfc6265bis, §5.6) changes where the two differ:
 *
 * <ul>
 *   <li>a value holding a control character other than HTAB is ignored entirely (6265bis §5.6
 *       step 1; 6265 accepts it);</li>
 *   <li>a name-value pair without {@code =} is a nameless cookie whose value is the whole pair,
 *       and {@code =value} is one too (6265bis §5.6 step 3; 6265 ignores both); a cookie with
 *       both name and value empty is ignored;</li>
 *   <li>name plus value longer than the limit (4096 octets) ignores the cookie, and an attribute
 *       value longer than 1024 octets ignores that attribute (6265bis §5.6 steps 6 and 4.5).</li>
 * </ul>
 *
 * <p>Everything else is §5.2 as written: the pair ends at the first {@code ;} and splits at its
 * first {@code =}; name, value and attributes are trimmed of SP and HTAB; attribute names are
 * case-insensitive; an {@code Expires} that §5.1.1 cannot read or a {@code Max-Age} that is not
 * {@code -?DIGIT+} is ignored; a leading {@code .} is removed from {@code Domain}; an empty
 * {@code Domain} is ignored; a {@code Path} not starting with {@code /} means the default path.
 * Unknown attributes are ignored.
 */
public final class SetCookieParser {
    private SetCookieParser() {
    }

    /**
     * Parses {@code setCookie}; {@code null} when §5.2 (or 6265bis) says to ignore it.
     *
     * @param maxNameValueOctets the 6265bis limit on name plus value, 4096 by default
     * @param maxAttributeOctets the 6265bis limit on one attribute value, 1024 by default
     */
    public static ParsedSetCookie parse(String setCookie, int maxNameValueOctets, int maxAttributeOctets) {
        int n = setCookie.length();
        for (int i = 0; i < n; i++) {
            char c = setCookie.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return null;
            }
        }
        int semicolon = setCookie.indexOf(';');
        int pairEnd = semicolon < 0 ? n : semicolon;
        int equals = setCookie.indexOf('=');
        String name;
        String value;
        if (equals < 0 || equals > pairEnd) {
            name = "";
            value = trim(setCookie, 0, pairEnd);
        } else {
            name = trim(setCookie, 0, equals);
            value = trim(setCookie, equals + 1, pairEnd);
        }
        if (name.isEmpty() && value.isEmpty()) {
            return null;
        }
        if (octets(name) + octets(value) > maxNameValueOctets) {
            return null;
        }
        Attributes attributes = new Attributes();
        int start = pairEnd;
        while (start < n) {
            int end = setCookie.indexOf(';', start + 1);
            if (end < 0) {
                end = n;
            }
            attributes.accept(setCookie, start + 1, end, maxAttributeOctets);
            start = end;
        }
        return new ParsedSetCookie(name, value, attributes.expires, attributes.maxAge, attributes.domain,
                attributes.hasPath, attributes.path, attributes.secure, attributes.httpOnly,
                attributes.sameSite);
    }

    /** The attributes seen so far; each setter keeps the last valid occurrence. */
    private static final class Attributes {
        Instant expires;
        Long maxAge;
        String domain;
        boolean hasPath;
        String path;
        boolean secure;
        boolean httpOnly;
        SameSite sameSite = SameSite.UNSPECIFIED;

        /** One cookie-av between {@code from} and {@code to} (§5.2 steps 1–6 of the attribute loop). */
        void accept(String s, int from, int to, int maxAttributeOctets) {
            int equals = s.indexOf('=', from);
            String name;
            String value;
            if (equals < 0 || equals >= to) {
                name = trim(s, from, to);
                value = "";
            } else {
                name = trim(s, from, equals);
                value = trim(s, equals + 1, to);
            }
            if (octets(value) > maxAttributeOctets) {
                return;
            }
            if (name.equalsIgnoreCase("Expires")) {
                Instant parsed = CookieDate.parse(value);
                if (parsed != null) {
                    expires = parsed;
                }
            } else if (name.equalsIgnoreCase("Max-Age")) {
                Long seconds = parseMaxAge(value);
                if (seconds != null) {
                    maxAge = seconds;
                }
            } else if (name.equalsIgnoreCase("Domain")) {
                if (!value.isEmpty()) {
                    domain = lowerAscii(value.charAt(0) == '.' ? value.substring(1) : value);
                }
            } else if (name.equalsIgnoreCase("Path")) {
                hasPath = true;
                path = !value.isEmpty() && value.charAt(0) == '/' ? value : null;
            } else if (name.equalsIgnoreCase("Secure")) {
                secure = true;
            } else if (name.equalsIgnoreCase("HttpOnly")) {
                httpOnly = true;
            } else if (name.equalsIgnoreCase("SameSite")) {
                sameSite = SameSite.fromAttribute(value);
            }
        }
    }

    /**
     * §5.2.2: the first character must be a DIGIT or {@code -}, the rest DIGITs; {@code null}
     * otherwise. Values beyond the range of {@code long} saturate, since any such age means "never
     * expires within this program's lifetime" (and the jar caps it anyway).
     */
    static Long parseMaxAge(String value) {
        int n = value.length();
        if (n == 0) {
            return null;
        }
        boolean negative = value.charAt(0) == '-';
        int i = negative ? 1 : 0;
        if (i == n) {
            return null;
        }
        long result = 0;
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            if (result < Long.MAX_VALUE / 10) {
                result = result * 10 + (c - '0');
            } else {
                result = Long.MAX_VALUE;
            }
        }
        return negative ? -result : result;
    }

    /** Removes SP and HTAB from both ends (WSP, RFC 5234). */
    static String trim(String s, int from, int to) {
        while (from < to && isWsp(s.charAt(from))) {
            from++;
        }
        while (to > from && isWsp(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Length in octets on the wire. Header text arrives either as ISO-8859-1 (one char per byte)
     * or decoded from UTF-8; characters up to U+00FF count one octet, wider ones their UTF-8 length.
     */
    static int octets(String s) {
        int total = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x800 && !Character.isSurrogate(c)) {
                total += 2;
            } else if (c > 0xFF) {
                total += 1;
            }
        }
        return total;
    }

    static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + 32);
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }
}
