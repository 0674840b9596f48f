package dev.envoi.codec.internal;

/**
 * The quoted-string rule of RFC 9110 §5.6.4, over bytes.
 *
 * <pre>
 * quoted-string  = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * quoted-pair    = "\" ( HTAB / SP / VCHAR / obs-text )
 * </pre>
 */
public final class QuotedString {
    private QuotedString() {
    }

    /**
     * The index just past the quoted-string that starts with the DQUOTE at {@code b[start]}, or
     * {@code -1 - i} where {@code i} is the index of the first byte that breaks the rule (or
     * {@code to} when the closing DQUOTE is missing).
     */
    public static int end(byte[] b, int start, int to) {
        int i = start + 1;
        while (i < to) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= to || !ByteClass.is(b[i + 1], ByteClass.FIELD_CONTENT)) {
                    return -1 - (i + 1);
                }
                i += 2;
            } else if (ByteClass.is(c, ByteClass.QDTEXT)) {
                i++;
            } else {
                return -1 - i;
            }
        }
        return -1 - to;
    }
}
