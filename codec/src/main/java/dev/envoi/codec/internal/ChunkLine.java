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
 * The size is parsed by hand: HEXDIG only (no {@code 0x}, sign or leading whitespace), at most 16
 * digits, and at most {@link Long#MAX_VALUE}. Whitespace after the size is allowed only before a
 * {@code ;} (it is BWS of chunk-ext); {@code "5 \r\n"} is refused.
 */
public final class ChunkLine {
    private static final int MAX_HEX_DIGITS = 16;

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
        long size = size(b, end, false, base);
        int i = digits(b, end);
        int sizeEnd = i;
        while (i < end) {
            i = extension(b, i, end, extensions, false, base);
        }
        // checked after the syntax, so a line that trickles in fails the same way (see checkPrefix)
        if (end - sizeEnd > maxExtensionBytes) {
            throw new LimitExceededException("maxChunkExtensionBytes", maxExtensionBytes, base + sizeEnd,
                    "chunk extensions");
        }
        return size;
    }

    /**
     * Checks {@code b[0, end)}, the bytes of a chunk-size line received so far, by the rules of
     * {@link #parse} left to right, throwing the error the complete line would throw at its first
     * wrong byte. Resumes at {@code from}, what the previous call returned (0 at first).
     *
     * @return where the next check of the same line may resume: the start of an extension that is
     *     not known to be complete, or 0 while the chunk-size may still grow
     */
    public static int checkPrefix(byte[] b, int from, int end, long base) throws MalformedMessageException {
        int i = from;
        if (i == 0) {
            size(b, end, true, base);
            i = digits(b, end);
            if (i == end) {
                return 0;
            }
        }
        while (i < end) {
            int next = extension(b, i, end, null, true, base);
            if (next < 0) {
                return i;
            }
            i = next;
        }
        return i;
    }

    private static int digits(byte[] b, int end) {
        int i = 0;
        while (i < end && i <= MAX_HEX_DIGITS && ByteClass.is(b[i], ByteClass.HEXDIG)) {
            i++;
        }
        return i;
    }

    /** The chunk-size at {@code b[0]}; when {@code partial}, 0 if it may still grow. */
    private static long size(byte[] b, int end, boolean partial, long base) throws MalformedMessageException {
        long size = 0;
        int i = 0;
        while (i < end && ByteClass.is(b[i], ByteClass.HEXDIG)) {
            if (i == MAX_HEX_DIGITS) {
                throw error("expected at most 16 HEXDIG in chunk-size but there are more", "CHUNK_SIZE",
                        b, end, i, base);
            }
            size = (size << 4) | ByteClass.hexValue(b[i]);
            i++;
        }
        if (partial && i == end) {
            return 0;
        }
        if (i == 0) {
            throw error("expected chunk-size (HEXDIG) but was " + Diagnostics.describeAt(b, 0, end), "CHUNK_SIZE",
                    b, end, 0, base);
        }
        if (size < 0) {
            throw error("chunk-size exceeds 2^63-1", "CHUNK_SIZE", b, end, 0, base);
        }
        return size;
    }

    /**
     * One {@code BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ]} at {@code i}; returns its
     * end. When {@code partial}, {@code end} is where the received bytes end: returns -1 when it is
     * reached before the extension is known to be complete.
     */
    private static int extension(byte[] b, int i, int end, List<String[]> out, boolean partial, long base)
            throws MalformedMessageException {
        i = skipWs(b, i, end);
        if (partial && i == end) {
            return -1;
        }
        if (i >= end || b[i] != ';') {
            throw error("expected ';' (chunk-ext) or CRLF after chunk-size but was "
                    + Diagnostics.describeAt(b, i, end),
                    "CHUNK_EXT", b, end, i, base);
        }
        i = skipWs(b, i + 1, end);
        int name = i;
        i = skipToken(b, i, end);
        if (partial && i == end) {
            return -1;
        }
        if (i == name) {
            throw error("expected chunk-ext-name (a token) but was " + Diagnostics.describeAt(b, i, end),
                    "CHUNK_EXT", b, end, i, base);
        }
        int nameEnd = i;
        int eq = skipWs(b, i, end);
        if (partial && eq == end) {
            return -1;
        }
        int value = -1;
        if (eq < end && b[eq] == '=') {
            value = skipWs(b, eq + 1, end);
            i = value < end && b[value] == '"' ? QuotedString.end(b, value, end) : skipToken(b, value, end);
            if (partial && (i == end || i == -1 - end)) {
                return -1;
            }
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
