package dev.envoi.codec.internal;

import dev.envoi.core.MalformedMessageException;

/** Builds the parts of a parser's error messages: byte descriptions and escaped excerpts. */
public final class Diagnostics {
    private static final int EXCERPT_RADIUS = 24;

    private Diagnostics() {
    }

    /** A byte as an error message names it: {@code 'x'}, {@code SP}, {@code CR}, {@code 0x0b}. */
    public static String describe(byte b) {
        int c = b & 0xff;
        return switch (c) {
            case ' ' -> "SP";
            case '\t' -> "HTAB";
            case '\r' -> "CR";
            case '\n' -> "LF";
            default -> c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("0x%02x", c);
        };
    }

    /** The byte at {@code at}, or "end of line" when {@code at} is past the line's content. */
    public static String describeAt(byte[] b, int at, int contentEnd) {
        return at >= contentEnd ? "end of line" : describe(b[at]);
    }

    /**
     * A {@link MalformedMessageException} for a problem at {@code b[at]}, where {@code b[0]} is at
     * message offset {@code base} and {@code b[0, len)} holds bytes.
     */
    public static MalformedMessageException malformed(String reason, String rfcSection, String position,
            byte[] b, int len, int at, long base) {
        String excerpt = MalformedMessageException.excerpt(b, 0, len, Math.min(at, len), EXCERPT_RADIUS);
        return new MalformedMessageException(reason, rfcSection, base + at, position, excerpt);
    }
}
