package dev.envoi.core;

/**
 * A peer sent bytes that break the HTTP/1.1 message syntax or framing rules (RFC 9112).
 *
 * <p>Every instance says what was expected, where it went wrong and which rule it breaks:
 * <ul>
 *   <li>{@link #offset()}: the byte offset in the message (from its first byte) where the problem was
 *       found;</li>
 *   <li>{@link #parserState()}: the grammar position the parser was in, e.g. {@code FIELD_NAME};</li>
 *   <li>{@link #excerpt()}: the bytes around the offset, escaped so that control bytes read as
 *       {@code 0x0b} and never reach a log raw;</li>
 *   <li>{@link #rfcSection()}: the rule broken, as {@code RFC 9112 §5.1}.</li>
 * </ul>
 * A message whose framing is in doubt is never followed by another on the same connection, so
 * after this exception the connection it came from must be closed.
 */
public class MalformedMessageException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String parserState;
    private final String excerpt;
    private final String rfcSection;
    private final String reason;

    /**
     * @param reason what was wrong, phrased "expected X but was Y" where that fits
     * @param rfcSection the rule broken, e.g. {@code "RFC 9112 §6.3"}
     * @param offset byte offset from the start of the message, or -1 if unknown
     * @param parserState the parser's grammar position, or {@code null}
     * @param excerpt escaped bytes around the offset (see {@link #escape}), or {@code null}
     */
    public MalformedMessageException(String reason, String rfcSection, long offset, String parserState,
            String excerpt) {
        super(describe(reason, rfcSection, offset, parserState, excerpt));
        this.reason = reason;
        this.rfcSection = rfcSection;
        this.offset = offset;
        this.parserState = parserState;
        this.excerpt = excerpt;
    }

    /** What was wrong, without the location details. */
    public String reason() {
        return reason;
    }

    /** The rule broken, e.g. {@code "RFC 9112 §5.1"}. */
    public String rfcSection() {
        return rfcSection;
    }

    /** Byte offset from the first byte of the message where the problem was found, or -1. */
    public long offset() {
        return offset;
    }

    /** The parser's grammar position when it stopped, or {@code null}. */
    public String parserState() {
        return parserState;
    }

    /** The bytes around {@link #offset()}, escaped, or {@code null}. */
    public String excerpt() {
        return excerpt;
    }

    private static String describe(String reason, String rfcSection, long offset, String state, String excerpt) {
        StringBuilder sb = new StringBuilder(reason);
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        if (state != null) {
            sb.append(" (state ").append(state).append(')');
        }
        if (excerpt != null) {
            sb.append(" near \"").append(excerpt).append('"');
        }
        if (rfcSection != null) {
            sb.append(" [").append(rfcSection).append(']');
        }
        return sb.toString();
    }

    /**
     * Escapes bytes for a diagnostic: printable ASCII stays, {@code \r \n \t} are written as such,
     * a backslash and a quote are escaped, and every other byte reads as {@code 0xNN}.
     */
    public static String escape(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) + 8);
        for (int i = from; i < to; i++) {
            appendEscaped(sb, bytes[i] & 0xff);
        }
        return sb.toString();
    }

    /**
     * An escaped excerpt of at most {@code radius} bytes either side of {@code at}, clipped to
     * {@code [start, end)}.
     */
    public static String excerpt(byte[] bytes, int start, int end, int at, int radius) {
        int from = Math.max(start, at - radius);
        int to = Math.min(end, Math.max(at, from) + radius);
        return escape(bytes, from, Math.max(from, to));
    }

    static void appendEscaped(StringBuilder sb, int b) {
        switch (b) {
            case '\r' -> sb.append("\\r");
            case '\n' -> sb.append("\\n");
            case '\t' -> sb.append("\\t");
            case '\\' -> sb.append("\\\\");
            case '"' -> sb.append("\\\"");
            default -> {
                if (b >= 0x20 && b < 0x7f) {
                    sb.append((char) b);
                } else {
                    sb.append("0x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
                }
            }
        }
    }
}
