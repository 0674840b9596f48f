package dev.envoi.client.internal.decode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the encoded bytes read from the body, the denominator of every decoding layer's ratio. */
public final class WireCounter extends FilterInputStream {
    private long count;

    public WireCounter(InputStream in) {
        super(in);
    }

    /** Encoded bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = in.skip(n);
        count += Math.max(0, s);
        return s;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
