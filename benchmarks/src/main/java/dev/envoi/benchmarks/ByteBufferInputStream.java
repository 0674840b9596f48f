package dev.envoi.benchmarks;

import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * An {@link InputStream} reading a {@link ByteBuffer} from its position, re-pointable without allocating:
 * the stand-in for a keep-alive socket's input stream under a blocking parser. Reads advance the buffer.
 */
final class ByteBufferInputStream extends InputStream {

    private ByteBuffer source = ByteBuffer.allocate(0);

    /** Reads from {@code source} from now on. */
    void readFrom(ByteBuffer source) {
        this.source = source;
    }

    @Override
    public int read() {
        return source.hasRemaining() ? source.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int count = Math.min(length, source.remaining());
        if (count == 0) {
            return -1;
        }
        source.get(into, offset, count);
        return count;
    }

    @Override
    public int available() {
        return source.remaining();
    }
}
