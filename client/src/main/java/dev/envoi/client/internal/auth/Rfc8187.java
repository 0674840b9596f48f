package dev.envoi.client.internal.auth;

import java.nio.charset.StandardCharsets;

/**
 * The {@code ext-value} encoding of RFC 8187 §3.2 for parameters such as Digest's
 * {@code username*}: {@code UTF-8''} followed by the UTF-8 octets, {@code attr-char}s raw and
 * every other octet as {@code %XX}.
 *
 * <pre>
 * ext-value = charset  "'" [ language ] "'" value-chars
 * attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&amp;" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
 * </pre>
 */
final class Rfc8187 {
    private static final boolean[] ATTR_CHAR = new boolean[128];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static {
        for (int c = 0; c < 128; c++) {
            ATTR_CHAR[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        for (char c : "!#$&+-.^_`|~".toCharArray()) {
            ATTR_CHAR[c] = true;
        }
    }

    private Rfc8187() {
    }

    /** {@code UTF-8''J%C3%A4s%C3%B8n%20Doe} for {@code Jäsøn Doe}. */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 3 + 7).append("UTF-8''");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 128 && ATTR_CHAR[c]) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }
}
