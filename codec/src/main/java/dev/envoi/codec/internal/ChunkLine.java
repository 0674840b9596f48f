package dev.envoi.codec.internal;

import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses the line that starts each chunk of a chunked body (RFC 9112 §7.1, §7.1.1).
 *
 * <pre>
 * chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 * chunk-size     = 1*HEXDIG
 * last-chunk     = 1*("0") [ chunk-ext ] CRLF
 * chunk-ext      = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 * chunk-ext-name = token
 * chunk-ext-val  = token / quoted-string
 * </pre>
 *
 * The size is parsed by hand: HEXDIG only (no {@code 0x}, sign or leading whitespace), and its
 * value at most {@link Long#MAX_VALUE}: the digit that would overflow is refused where it stands.
 * What is capped is the value, not the numeral: {@code 1*HEXDIG} allows leading zeros, so
 * {@code 00000000000000000005} is 5. How many zeros is bounded by the length limit of the whole
 * chunk-size line ({@code ChunkedDecoder}). Whitespace after the size is allowed only before a
 * {@code ;} (it is BWS of chunk-ext); {@code "5 \r\n"} is refused.
 */
public final class ChunkLine {
    /** The largest size to which one more hex digit can be appended without passing 2^63-1. */
    private static final long MAX_BEFORE_DIGIT = Long.MAX_VALUE >>> 4;

    private ChunkLine() {
    }

    /**
     * The chunk size in {@code b[0, end)} (the line without its CRLF), checking the extensions and
     * adding them to {@code extensions} when it is not {@code null}.
     *
     * @param base the message offset of {@code b[0]}, for diagnostics
     */
    public static long parse(byte[] b, int end, int maxExtensionBytes, List<String[]> extensions, long base)
            throws MalformedMessageException, LimitExceededException {
        long size = size(b, end, base);
        int i = digits(b, end);
        int sizeEnd = i;
        while (i < end) {
            i = extension(b, i, end, extensions, base);
        }
        // checked after the syntax, so a line that trickles in fails the same way (see PrefixCheck)
        if (end - sizeEnd > maxExtensionBytes) {
            throw new LimitExceededException("maxChunkExtensionBytes", maxExtensionBytes, base + sizeEnd,
                    "chunk extensions");
        }
        return size;
    }

    /**
     * Checks the bytes of a chunk-size line received so far by the rules of {@link #parse}, left to
     * right, throwing the error the complete line would throw at its first wrong byte. A state
     * machine over the same grammar, so a line that trickles in is scanned once (a rescan from the
     * start of the line on every call would be quadratic in the extension length).
     */
    static final class PrefixCheck {
        private static final int SIZE = 0;
        private static final int BEFORE_SEMI = 1;
        private static final int AFTER_SEMI = 2;
        private static final int NAME = 3;
        private static final int AFTER_NAME = 4;
        private static final int BEFORE_VALUE = 5;
        private static final int TOKEN_VALUE = 6;
        private static final int QUOTED_VALUE = 7;

        private int phase;
        private int pos;
        /** The value of the chunk-size digits before {@code pos}, while in SIZE. */
        private long size;
        /** Where the current chunk-ext-name or token chunk-ext-val starts. */
        private int mark;

        /** Starts a new line. */
        void reset() {
            phase = SIZE;
            pos = 0;
            size = 0;
        }

        /** Checks {@code b[0, end)}; {@code base} is the message offset of {@code b[0]}. */
        void check(byte[] b, int end, long base) throws MalformedMessageException {
            if (phase == SIZE) {
                int i = pos; // resumes: a numeral padded with zeros is scanned once
                while (i < end && ByteClass.is(b[i], ByteClass.HEXDIG)) {
                    size = append(size, b, end, i, base);
                    i++;
                }
                pos = i;
                if (i == end) {
                    return;
                }
                if (i == 0) {
                    throw noSize(b, end, base);
                }
                phase = BEFORE_SEMI;
            }
            int i = pos;
            while (i < end) {
                int next = step(b, i, end, base);
                if (next < 0) {
                    pos = -1 - next;
                    return;
                }
                i = next;
            }
            pos = i;
        }

        /** One move of the state machine from {@code b[i]}, {@code i < end}; returns the next position. */
        private int step(byte[] b, int i, int end, long base) throws MalformedMessageException {
            switch (phase) {
                case BEFORE_SEMI, AFTER_SEMI, AFTER_NAME, BEFORE_VALUE -> {
                    if (ByteClass.is(b[i], ByteClass.WS)) {
                        return i + 1;
                    }
                    return afterWhitespace(b, i, end, base);
                }
                case NAME, TOKEN_VALUE -> {
                    if (ByteClass.is(b[i], ByteClass.TCHAR)) {
                        return i + 1;
                    }
                    if (i == mark) {
                        throw phase == NAME
                                ? error("expected chunk-ext-name (a token) but was " + Diagnostics.describe(b[i]),
                                        "CHUNK_EXT", b, end, i, base)
                                : badValue(b, end, i, base);
                    }
                    phase = phase == NAME ? AFTER_NAME : BEFORE_SEMI;
                    return i;
                }
                default -> {
                    return quoted(b, i, end, base);
                }
            }
        }

        /** The first byte after optional whitespace, in a phase that expects one. */
        private int afterWhitespace(byte[] b, int i, int end, long base) throws MalformedMessageException {
            switch (phase) {
                case BEFORE_SEMI -> {
                    if (b[i] != ';') {
                        throw error("expected ';' (chunk-ext) or CRLF after chunk-size but was "
                                + Diagnostics.describe(b[i]), "CHUNK_EXT", b, end, i, base);
                    }
                    phase = AFTER_SEMI;
                    return i + 1;
                }
                case AFTER_SEMI -> {
                    phase = NAME;
                    mark = i;
                    return i;
                }
                case AFTER_NAME -> {
                    // without "=", the extension ended at its name and the next must start with ";"
                    phase = b[i] == '=' ? BEFORE_VALUE : BEFORE_SEMI;
                    return b[i] == '=' ? i + 1 : i;
                }
                default -> {
                    phase = b[i] == '"' ? QUOTED_VALUE : TOKEN_VALUE;
                    mark = i;
                    return b[i] == '"' ? i + 1 : i;
                }
            }
        }

        /** Inside a quoted-string, as {@link QuotedString#end} reads it. */
        private int quoted(byte[] b, int i, int end, long base) throws MalformedMessageException {
            byte c = b[i];
            if (c == '"') {
                phase = BEFORE_SEMI;
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= end) {
                    return -1 - i; // the escaped byte has not arrived: stop, and resume at the backslash
                }
                if (!ByteClass.is(b[i + 1], ByteClass.FIELD_CONTENT)) {
                    throw badValue(b, end, i + 1, base);
                }
                return i + 2;
            }
            if (!ByteClass.is(c, ByteClass.QDTEXT)) {
                throw badValue(b, end, i, base);
            }
            return i + 1;
        }

        private static MalformedMessageException badValue(byte[] b, int end, int at, long base) {
            return error("expected chunk-ext-val (token or quoted-string) but was " + Diagnostics.describe(b[at]),
                    "CHUNK_EXT", b, end, at, base);
        }
    }

    private static int digits(byte[] b, int end) {
        int i = 0;
        while (i < end && ByteClass.is(b[i], ByteClass.HEXDIG)) {
            i++;
        }
        return i;
    }

    /** The chunk-size at {@code b[0]} of a complete line. */
    private static long size(byte[] b, int end, long base) throws MalformedMessageException {
        long size = 0;
        int i = 0;
        while (i < end && ByteClass.is(b[i], ByteClass.HEXDIG)) {
            size = append(size, b, end, i, base);
            i++;
        }
        if (i == 0) {
            throw noSize(b, end, base);
        }
        return size;
    }

    /** {@code size * 16} plus the hex digit {@code b[at]}; refused at that digit if over 2^63-1. */
    private static long append(long size, byte[] b, int end, int at, long base) throws MalformedMessageException {
        if (size > MAX_BEFORE_DIGIT) {
            throw error("chunk-size exceeds 2^63-1", "CHUNK_SIZE", b, end, at, base);
        }
        return (size << 4) | ByteClass.hexValue(b[at]);
    }

    private static MalformedMessageException noSize(byte[] b, int end, long base) {
        return error("expected chunk-size (HEXDIG) but was " + Diagnostics.describeAt(b, 0, end), "CHUNK_SIZE",
                b, end, 0, base);
    }

    /** One {@code BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ]} at {@code i}; returns its end. */
    private static int extension(byte[] b, int i, int end, List<String[]> out, long base)
            throws MalformedMessageException {
        i = skipWs(b, i, end);
        if (i >= end || b[i] != ';') {
            throw error("expected ';' (chunk-ext) or CRLF after chunk-size but was "
                    + Diagnostics.describeAt(b, i, end),
                    "CHUNK_EXT", b, end, i, base);
        }
        i = skipWs(b, i + 1, end);
        int name = i;
        i = skipToken(b, i, end);
        if (i == name) {
            throw error("expected chunk-ext-name (a token) but was " + Diagnostics.describeAt(b, i, end),
                    "CHUNK_EXT", b, end, i, base);
        }
        int nameEnd = i;
        int eq = skipWs(b, i, end);
        int value = -1;
        if (eq < end && b[eq] == '=') {
            value = skipWs(b, eq + 1, end);
            i = value < end && b[value] == '"' ? QuotedString.end(b, value, end) : skipToken(b, value, end);
            if (i <= value) {
                int at = i < 0 ? -1 - i : value;
                throw error("expected chunk-ext-val (token or quoted-string) but was "
                        + Diagnostics.describeAt(b, at, end),
                        "CHUNK_EXT", b, end, at, base);
            }
        }
        if (out != null) {
            out.add(new String[] {latin1(b, name, nameEnd), value < 0 ? null : latin1(b, value, i)});
        }
        return i;
    }

    private static int skipWs(byte[] b, int i, int end) {
        while (i < end && ByteClass.is(b[i], ByteClass.WS)) {
            i++;
        }
        return i;
    }

    private static int skipToken(byte[] b, int i, int end) {
        while (i < end && ByteClass.is(b[i], ByteClass.TCHAR)) {
            i++;
        }
        return i;
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static MalformedMessageException error(String reason, String position, byte[] b, int end, int at,
            long base) {
        return Diagnostics.malformed(reason, "RFC 9112 §7.1", position, b, Math.min(b.length, end + 1), at, base);
    }
}
