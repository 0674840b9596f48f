package dev.envoi.core.internal.url;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Character classes of RFC 3986 as one table, and the percent-encoding engine built on it.
 *
 * <p>Each component has a bit in {@link #TABLE}; a character whose bit is set may appear raw in that
 * component, every other character is percent-encoded as the bytes of its UTF-8 form (RFC 3986
 * §2.1, §2.5). The sets are exactly what RFC 3986's ABNF allows, so every URL envoi serializes is
 * a valid RFC 3986 URI and a valid RFC 9112 request-target.
 */
public final class UrlChars {

    /** {@code path-abempty} characters: {@code pchar / "/"} (RFC 3986 §3.3). */
    public static final int PATH = 1;
    /** {@code segment} characters: {@code pchar} (RFC 3986 §3.3); {@code /} is encoded. */
    public static final int SEGMENT = 1 << 1;
    /** {@code query} and {@code fragment}: {@code pchar / "/" / "?"} (RFC 3986 §3.4, §3.5). */
    public static final int QUERY = 1 << 2;
    /** {@code userinfo}: {@code unreserved / sub-delims / ":"} (RFC 3986 §3.2.1). */
    public static final int USERINFO = 1 << 3;
    /** A user name or password on its own: {@code userinfo} without {@code ":"}. */
    public static final int CREDENTIAL = 1 << 4;
    /** {@code unreserved} (RFC 3986 §2.3), the only characters form encoding leaves raw. */
    public static final int UNRESERVED = 1 << 5;
    /** {@code HEXDIG}. */
    public static final int HEX = 1 << 6;

    /** Bits per character below 128; characters at or above 128 are in no set. */
    static final byte[] TABLE = new byte[128];

    // unreserved  = ALPHA / DIGIT / "-" / "." / "_" / "~"                      RFC 3986 §2.3
    private static final String UNRESERVED_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    // sub-delims  = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="   RFC 3986 §2.2
    private static final String SUB_DELIMS = "!$&'()*+,;=";

    static {
        // pchar = unreserved / pct-encoded / sub-delims / ":" / "@"            RFC 3986 §3.3
        mark(UNRESERVED_CHARS, PATH | SEGMENT | QUERY | USERINFO | CREDENTIAL | UNRESERVED);
        mark(SUB_DELIMS, PATH | SEGMENT | QUERY | USERINFO | CREDENTIAL);
        mark(":", PATH | SEGMENT | QUERY | USERINFO);
        mark("@", PATH | SEGMENT | QUERY);
        // path-abempty = *( "/" segment )                                       RFC 3986 §3.3
        mark("/", PATH | QUERY);
        // query = *( pchar / "/" / "?" ) ; fragment = *( pchar / "/" / "?" )    RFC 3986 §3.4, §3.5
        mark("?", QUERY);
        mark("0123456789ABCDEFabcdef", HEX);
    }

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private UrlChars() {
    }

    private static void mark(String chars, int bits) {
        for (int i = 0; i < chars.length(); i++) {
            TABLE[chars.charAt(i)] |= (byte) bits;
        }
    }

    /** Whether {@code c} may appear raw in the component {@code set}. */
    public static boolean allowed(char c, int set) {
        return c < 128 && (TABLE[c] & set) != 0;
    }

    /** Whether {@code s[i]} starts a valid {@code pct-encoded}: {@code "%" HEXDIG HEXDIG} before {@code to}. */
    public static boolean isEscape(String s, int i, int to) {
        return i + 2 < to && s.charAt(i) == '%' && allowed(s.charAt(i + 1), HEX) && allowed(s.charAt(i + 2), HEX);
    }

    /**
     * Percent-encodes {@code s[from, to)} for the component {@code set}.
     *
     * @param keepEscapes keep valid {@code %XX} escapes as they are (normalizing text that is already
     *     a URL); when false, every {@code %} is data and becomes {@code %25}. An invalid {@code %}
     *     always becomes {@code %25}.
     * @param spaceAsPlus write a space as {@code +} (application/x-www-form-urlencoded)
     * @return the encoded text; {@code s.substring(from, to)} itself when nothing needed encoding
     */
    public static String encode(String s, int from, int to, int set, boolean keepEscapes, boolean spaceAsPlus) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (allowed(c, set)) {
                i++;
            } else if (keepEscapes && isEscape(s, i, to)) {
                i += 3;
            } else {
                break;
            }
        }
        if (i == to) {
            return s.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from + 16);
        out.append(s, from, i);
        while (i < to) {
            char c = s.charAt(i);
            if (allowed(c, set)) {
                out.append(c);
                i++;
            } else if (keepEscapes && isEscape(s, i, to)) {
                out.append(s, i, i + 3);
                i += 3;
            } else if (c == ' ' && spaceAsPlus) {
                out.append('+');
                i++;
            } else if (c < 0x80) {
                appendByte(out, c);
                i++;
            } else {
                i = appendUtf8(out, s, i, to);
            }
        }
        return out.toString();
    }

    /** Encodes the code point at {@code s[i]} as percent-encoded UTF-8; returns the index after it. */
    private static int appendUtf8(StringBuilder out, String s, int i, int to) {
        char c = s.charAt(i);
        int cp = c;
        int next = i + 1;
        if (Character.isHighSurrogate(c) && next < to && Character.isLowSurrogate(s.charAt(next))) {
            cp = Character.toCodePoint(c, s.charAt(next));
            next++;
        } else if (Character.isSurrogate(c)) {
            cp = 0xFFFD; // a lone surrogate has no UTF-8 form; WHATWG URL replaces it the same way
        }
        if (cp < 0x800) {
            appendByte(out, 0xC0 | (cp >> 6));
        } else if (cp < 0x10000) {
            appendByte(out, 0xE0 | (cp >> 12));
            appendByte(out, 0x80 | ((cp >> 6) & 0x3F));
        } else {
            appendByte(out, 0xF0 | (cp >> 18));
            appendByte(out, 0x80 | ((cp >> 12) & 0x3F));
            appendByte(out, 0x80 | ((cp >> 6) & 0x3F));
        }
        appendByte(out, 0x80 | (cp & 0x3F));
        return next;
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX_UPPER[(b >> 4) & 0xF]).append(HEX_UPPER[b & 0xF]);
    }

    /**
     * Decodes {@code %XX} escapes in {@code s[from, to)} and reads the bytes as UTF-8, replacing
     * malformed sequences with U+FFFD. A {@code %} not followed by two hex digits stays as it is.
     *
     * @param plusAsSpace read {@code +} as a space (application/x-www-form-urlencoded)
     */
    public static String decode(String s, int from, int to, boolean plusAsSpace) {
        byte[] bytes = decodeBytes(s, from, to, plusAsSpace);
        return bytes == null ? s.substring(from, to) : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Like {@link #decode} without {@code +}, but returns null when the bytes are not valid UTF-8. */
    public static String decodeStrict(String s, int from, int to) {
        byte[] bytes = decodeBytes(s, from, to, false);
        if (bytes == null) {
            return s.substring(from, to);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The decoded bytes, or null when the text has nothing to decode. */
    private static byte[] decodeBytes(String s, int from, int to, boolean plusAsSpace) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%' || (plusAsSpace && c == '+')) {
                break;
            }
            i++;
        }
        if (i == to) {
            return null;
        }
        // The text before i has no escapes; re-encode it as UTF-8 together with the rest.
        byte[] head = s.substring(from, i).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + (to - i) * 3];
        System.arraycopy(head, 0, out, 0, head.length);
        int n = head.length;
        while (i < to) {
            char c = s.charAt(i);
            if (isEscape(s, i, to)) {
                out[n++] = (byte) (hexValue(s.charAt(i + 1)) << 4 | hexValue(s.charAt(i + 2)));
                i += 3;
            } else if (plusAsSpace && c == '+') {
                out[n++] = ' ';
                i++;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
                i++;
            } else {
                int end = i + 1;
                while (end < to && s.charAt(end) >= 0x80) {
                    end++;
                }
                byte[] run = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(run, 0, out, n, run.length);
                n += run.length;
                i = end;
            }
        }
        byte[] result = new byte[n];
        System.arraycopy(out, 0, result, 0, n);
        return result;
    }

    /** The value of a hex digit, or -1. */
    public static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
