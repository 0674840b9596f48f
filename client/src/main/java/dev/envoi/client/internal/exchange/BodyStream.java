package dev.envoi.client.internal.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * What the two body streams of a response ({@link ExchangeBody}, the framed body, and {@link CallBody},
 * the decoded one over it) share: once closed a read fails, once at the end every read answers -1,
 * and a one-byte {@code read()} goes through the bulk read without allocating.
 */
abstract class BodyStream extends InputStream {
    /** The body was read to its end. */
    boolean done;
    /** The stream was closed, or abandoned after an error. */
    boolean closed;
    private final byte[] single = new byte[1];

    @Override
    public final int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the response body is closed");
        }
        if (done) {
            return -1;
        }
        return len == 0 ? 0 : readBody(b, off, len);
    }

    @Override
    public final int available() throws IOException {
        return closed || done ? 0 : availableBody();
    }

    /** Reads at least one byte, or -1 at the end, from the open, unfinished body. */
    abstract int readBody(byte[] b, int off, int len) throws IOException;

    /** Bytes readable without blocking from the open, unfinished body. */
    abstract int availableBody() throws IOException;
}
