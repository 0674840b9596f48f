package dev.envoi.codec.internal;

import dev.envoi.core.MalformedMessageException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects the bytes of successive lines from any number of input buffers into one reusable array,
 * never taking a byte past the LF that ends the current line, so what follows a header section
 * (the body) stays in the caller's input.
 *
 * <p>Each input byte is scanned once for LF and copied once; a line that arrives a byte at a time
 * costs the same as one that arrives whole. Lines are kept until {@link #clear()}, so offsets into
 * {@link #bytes()} stay valid for the whole section.
 */
public final class LineBuffer {
    /** {@link #readLine} found no LF: all input was taken and more is needed. */
    public static final int NEED_INPUT = -1;
    /** {@link #readLine} reached {@code limitEnd} without an LF. */
    public static final int LIMIT_REACHED = -2;

    private byte[] buf;
    private int len;
    private int lineStart;

    public LineBuffer(int initialCapacity) {
        this.buf = new byte[initialCapacity];
    }

    /** The buffer; valid up to {@link #length()}, replaced when it grows. */
    public byte[] bytes() {
        return buf;
    }

    /** Bytes held. */
    public int length() {
        return len;
    }

    /** Where the current (not yet complete) line starts. */
    public int lineStart() {
        return lineStart;
    }

    /** Marks everything up to {@code index} as done; the next line starts there. */
    public void startLineAt(int index) {
        lineStart = index;
    }

    /**
     * Where the received content of the current, incomplete line ends: before a last CR, which may
     * be the start of its CRLF, so checking {@code [lineStart(), receivedContentEnd())} never
     * mistakes a line terminator for content.
     */
    public int receivedContentEnd() {
        return len > lineStart && buf[len - 1] == '\r' ? len - 1 : len;
    }

    /** Forgets every byte. */
    public void clear() {
        len = 0;
        lineStart = 0;
    }

    /**
     * Takes bytes from {@code in} until the LF that ends the current line, or until {@code in} is
     * empty, or until the buffer holds {@code limitEnd} bytes.
     *
     * @return the index in {@link #bytes()} of the LF, {@link #NEED_INPUT} or {@link #LIMIT_REACHED}
     */
    public int readLine(ByteBuffer in, int limitEnd) {
        int pos = in.position();
        int n = Math.min(in.limit() - pos, limitEnd - len);
        if (n <= 0) {
            return len >= limitEnd ? LIMIT_REACHED : NEED_INPUT;
        }
        int lf = indexOfLf(in, pos, pos + n);
        int take = lf < 0 ? n : lf - pos + 1;
        if (len + take > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + take, Math.min(2 * buf.length, limitEnd)));
        }
        if (in.hasArray()) {
            System.arraycopy(in.array(), in.arrayOffset() + pos, buf, len, take);
        } else {
            in.get(pos, buf, len, take);
        }
        in.position(pos + take);
        len += take;
        if (lf >= 0) {
            return len - 1;
        }
        return len >= limitEnd ? LIMIT_REACHED : NEED_INPUT;
    }

    /**
     * Whether the line {@code [start, lf]} ends with CRLF. When it does not, a parser checks the
     * content before the bare LF first, so an error left of the LF is reported as it is when the
     * line arrives in pieces (left to right).
     */
    public boolean endsWithCrlf(int start, int lf) {
        return lf > start && buf[lf - 1] == '\r';
    }

    /**
     * The end of the content of the line {@code [start, lf]}: before its CRLF, or before a bare LF
     * when {@code bareLf} (RFC 9112 §2.2 lets a recipient accept one; off unless {@code Leniency.BARE_LF}).
     *
     * @param position the grammar position, and {@code base} the message offset of index 0, for diagnostics
     */
    public int contentEnd(int start, int lf, boolean bareLf, String position, long base)
            throws MalformedMessageException {
        if (lf > start && buf[lf - 1] == '\r') {
            return lf - 1;
        }
        if (bareLf) {
            return lf;
        }
        throw Diagnostics.malformed("expected CRLF but was a bare LF", "RFC 9112 §2.2", position, buf, len, lf, base);
    }

    /** The absolute index of the first LF in {@code in[from, to)}, or -1. */
    static int indexOfLf(ByteBuffer in, int from, int to) {
        if (in.hasArray()) {
            int off = in.arrayOffset();
            int i = Swar.indexOfLf(in.array(), from + off, to + off);
            return i < 0 ? -1 : i - off;
        }
        for (int i = from; i < to; i++) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
