package dev.envoi.client;

import dev.envoi.core.EnvoiException;

/**
 * A JSON text does not follow the grammar of RFC 8259: a trailing comma, a comment, a single-quoted
 * string, a leading zero, an unescaped control character, a lone surrogate, a duplicate member
 * name, {@code NaN}, invalid UTF-8, or text after the value.
 *
 * <p>JSON usually arrives from a peer (a response body), so this is an {@link EnvoiException} like
 * every other failure caused by bytes received, and it travels through {@code IOException}
 * handlers. Every instance says what was expected, where ({@link #offset()} plus
 * {@link #line()} and {@link #column()}) and which rule was broken:
 * <pre>
 * expected ',' or '}' but was ']' at offset 9 (line 1, column 10) [RFC 8259 §4]
 * </pre>
 * The offset counts bytes when the input was bytes or a stream and chars when it was a
 * {@code String}; the line and column (both from 1; the column counts chars) are the same either way.
 */
public class JsonParseException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final long offset;
    private final int line;
    private final int column;
    private final String rfcSection;

    /**
     * @param reason what was wrong, "expected X but was Y" where that fits
     * @param offset byte (or char) offset of the problem from the start of the input
     * @param line line of the problem, from 1
     * @param column column of the problem in chars, from 1
     * @param rfcSection the rule broken, e.g. {@code "RFC 8259 §7"}
     */
    public JsonParseException(String reason, long offset, int line, int column, String rfcSection) {
        super(reason + " at offset " + offset + " (line " + line + ", column " + column + ")"
                + (rfcSection == null ? "" : " [" + rfcSection + "]"));
        this.reason = reason;
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.rfcSection = rfcSection;
    }

    /** What was wrong, without the location. */
    public String reason() {
        return reason;
    }

    /** Offset of the problem: bytes for byte and stream input, chars for {@code String} input. */
    public long offset() {
        return offset;
    }

    /** Line of the problem, counted from 1 (LF, CR and CRLF end a line). */
    public int line() {
        return line;
    }

    /** Column of the problem in chars, counted from 1. */
    public int column() {
        return column;
    }

    /** The rule broken, e.g. {@code "RFC 8259 §6"}, or {@code null}. */
    public String rfcSection() {
        return rfcSection;
    }
}
