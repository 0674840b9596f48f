package dev.envoi.codec.internal;

/**
 * One 256-entry table of byte classes, built from the ABNF of RFC 9110 §5.5/§5.6 and RFC 9112, so a
 * parser tests a byte against a grammar rule with one load and one mask.
 *
 * <pre>
 * tchar        = "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
 *              / DIGIT / ALPHA                                   ; RFC 9110 §5.6.2
 * field-vchar  = VCHAR / obs-text                                ; RFC 9110 §5.5
 * obs-text     = %x80-FF
 * OWS          = *( SP / HTAB )                                  ; RFC 9110 §5.6.3
 * qdtext       = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text  ; RFC 9110 §5.6.4
 * reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )             ; RFC 9112 §4
 * HEXDIG       = DIGIT / "A"-"F" (case-insensitive)              ; RFC 5234 B.1
 * </pre>
 *
 * The request-target class is VCHAR only: every form of RFC 9112 §3.2 is built from URI characters
 * (RFC 3986), all of which are visible ASCII; CTLs, SP and obs-text are refused.
 */
public final class ByteClass {
    /** {@code tchar}. */
    public static final int TCHAR = 1;
    /** {@code field-vchar}: VCHAR or obs-text. */
    public static final int FIELD_VCHAR = 2;
    /** SP or HTAB: the whitespace of OWS/BWS/RWS. */
    public static final int WS = 4;
    /** {@code DIGIT}. */
    public static final int DIGIT = 8;
    /** {@code HEXDIG}, either case. */
    public static final int HEXDIG = 16;
    /** {@code qdtext}. */
    public static final int QDTEXT = 32;
    /** A byte allowed in a request-target: VCHAR. */
    public static final int TARGET = 64;
    /** A byte allowed in a field value or reason phrase: field-vchar, SP, HTAB. */
    public static final int FIELD_CONTENT = FIELD_VCHAR | WS;

    private static final byte[] CLASSES = new byte[256];
    private static final byte[] HEX_VALUES = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            int k = 0;
            boolean vchar = c >= 0x21 && c <= 0x7e;
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean digit = c >= '0' && c <= '9';
            if (alpha || digit || (c < 128 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                k |= TCHAR;
            }
            if (vchar || c >= 0x80) {
                k |= FIELD_VCHAR;
            }
            if (c == ' ' || c == '\t') {
                k |= WS | QDTEXT;
            }
            if (digit) {
                k |= DIGIT | HEXDIG;
            }
            if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                k |= HEXDIG;
            }
            if ((vchar && c != '"' && c != '\\') || c >= 0x80) {
                k |= QDTEXT;
            }
            if (vchar) {
                k |= TARGET;
            }
            CLASSES[c] = (byte) k;
            HEX_VALUES[c] = (byte) (digit ? c - '0' : (k & HEXDIG) != 0 ? (c | 0x20) - 'a' + 10 : -1);
        }
    }

    private ByteClass() {
    }

    /** The class bits of byte {@code b}. */
    public static int of(byte b) {
        return CLASSES[b & 0xff];
    }

    /** Whether byte {@code b} is in any of the classes {@code mask}. */
    public static boolean is(byte b, int mask) {
        return (CLASSES[b & 0xff] & mask) != 0;
    }

    /** The value 0-15 of a HEXDIG, or -1. */
    public static int hexValue(byte b) {
        return HEX_VALUES[b & 0xff];
    }
}
