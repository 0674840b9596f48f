package dev.envoi.client.internal.decode;

import dev.envoi.client.ContentDecodingException;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The common machinery of the {@code gzip} and {@code deflate} decoders: a buffer over the encoded
 * stream with byte-level access for headers and trailers, an {@link Inflater} fed from the same
 * buffer, the output budget, and the lifecycle.
 *
 * <p>Lifecycle: (1) reads decode lazily into the caller's buffer, never more than asked, so a small
 * read can never make a large allocation (the shape of urllib3 CVE-2025-66471); (2) at the end of
 * the data the {@link Inflater} is released and {@code -1} returned; (3) any failure releases it
 * too and leaves the stream failed; (4) {@link #close()} releases it and closes the encoded stream.
 */
public abstract class InflatingStream extends InputStream {
    private static final int BUFFER = 8192;

    private final InputStream source;
    private final DecodeBudget budget;
    final String coding;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private long base; // offset in the encoded stream of buf[0]
    private Inflater inflater;
    private boolean inflaterNowrap;
    private boolean done;
    private boolean closed;
    private IOException failure;
    private final byte[] single = new byte[1];

    InflatingStream(InputStream source, DecodeBudget budget, String coding) {
        this.source = source;
        this.budget = budget;
        this.coding = coding;
    }

    /** Produces up to {@code len} decoded bytes, or returns -1 at the end of the data. */
    abstract int decode(byte[] b, int off, int len) throws IOException;

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the " + coding + " decoding stream is closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        try {
            int n = decode(b, off, budget.allowance(len));
            if (n < 0) {
                done = true;
                release();
                return -1;
            }
            budget.account(n);
            return n;
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException ? (IOException) e : new IOException(e);
            release();
            throw e;
        }
    }

    @Override
    public final int read() throws IOException {
        int n;
        do {
            n = read(single, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            release();
            source.close();
        }
    }

    /** Whether native inflater memory is still held: only between the first read and the end, failure or close. */
    public final boolean holdsInflater() {
        return inflater != null;
    }

    private void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    // ---- the inflater ----

    /** Starts a new deflate stream at the current position. */
    final void startInflater(boolean nowrap) {
        if (inflater != null && inflaterNowrap == nowrap) {
            inflater.reset(); // the next gzip member: no new native allocation per member
            return;
        }
        release();
        inflater = new Inflater(nowrap);
        inflaterNowrap = nowrap;
    }

    /**
     * Inflates into {@code b}: returns a positive count, or 0 when the deflate stream has finished
     * (the buffer position is then just after it).
     */
    final int inflate(byte[] b, int off, int len, String section) throws IOException {
        while (true) {
            if (inflater.finished()) {
                pos = lim - inflater.getRemaining();
                return 0;
            }
            if (inflater.needsInput()) {
                if (pos == lim && !fill()) {
                    throw truncated("the encoded data ended inside the compressed stream (truncated body)", section);
                }
                inflater.setInput(buf, pos, lim - pos);
                pos = lim;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ContentDecodingException(coding, "corrupt compressed data: " + e.getMessage(),
                        offset() - inflater.getRemaining(), section);
            }
            if (n > 0) {
                if (inflater.finished()) {
                    pos = lim - inflater.getRemaining();
                }
                return n;
            }
            if (inflater.needsDictionary()) {
                throw new ContentDecodingException(coding, "the stream needs a preset dictionary, which HTTP"
                        + " does not provide", offset(), "RFC 1950 §2.2");
            }
        }
    }

    // ---- byte access to the encoded stream ----

    /** Offset in the encoded stream of the next unread byte. */
    final long offset() {
        return base + pos;
    }

    /** Reads more into an empty buffer; false at the end of the encoded stream. */
    private boolean fill() throws IOException {
        base += lim;
        pos = 0;
        lim = 0;
        int n;
        do {
            n = source.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        lim = n;
        return true;
    }

    /** Whether another byte is available, reading more if needed; false at the end of the stream. */
    final boolean hasMore() throws IOException {
        return pos < lim || fill();
    }

    /** The byte {@code ahead} places past the next one, without consuming; the caller checked {@link #ensure}. */
    final int peek(int ahead) {
        return buf[pos + ahead] & 0xff;
    }

    /** Whether {@code n} bytes are buffered, reading more as needed; false if the stream ends first. */
    final boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        base += pos;
        lim -= pos;
        pos = 0;
        while (lim < n) {
            int r = source.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
        }
        return true;
    }

    /** The next byte, or a truncation error naming {@code what}. */
    final int next(String what, String section) throws IOException {
        if (!hasMore()) {
            throw truncated("the encoded data ended inside the " + what + " (truncated body)", section);
        }
        return buf[pos++] & 0xff;
    }

    final ContentDecodingException truncated(String reason, String section) {
        return new ContentDecodingException(coding, reason, offset(), section);
    }
}
