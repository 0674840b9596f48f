package dev.envoi.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable, reusable byte buffer that the encoders write into, so that a message head and a small
 * body leave in one socket write without being copied again.
 *
 * <p>Why it exists: {@link RequestEncoder} could return a fresh {@code byte[]} per request, but the
 * client would then copy head and body into a second array (or make two socket writes, which with
 * Nagle's algorithm and delayed ACKs can cost a round trip). Instead one {@code WireBuffer} per
 * connection is reused for every request:
 *
 * <pre>{@code
 * WireBuffer buf = new WireBuffer();              // once per connection
 * buf.reset();
 * RequestEncoder.encode(head, buf);               // request-line, fields, empty line
 * buf.write(body, 0, body.length);                // a small fixed-length body, if any
 * buf.writeTo(socketOut);                         // one write; or buf.asByteBuffer() for a channel
 * }</pre>
 *
 * <p>It is an {@link OutputStream} whose methods never throw {@code IOException}, so a
 * {@link ChunkedEncoder} can write into it too. The bytes written are {@code array()[0..size())}.
 * It grows by doubling up to {@code maxCapacity} (default {@value #DEFAULT_MAX_CAPACITY} bytes);
 * writing past that throws {@link IllegalStateException}: what is written here comes from the caller,
 * and a head or "small body" of that size is a mistake in the caller, not a peer's fault. Not
 * thread-safe; one writer at a time.
 */
public final class WireBuffer extends OutputStream {
    /** Default initial capacity: larger than almost every request head. */
    public static final int DEFAULT_INITIAL_CAPACITY = 1024;
    /** Default limit on the size of the buffer: 16 MiB. */
    public static final int DEFAULT_MAX_CAPACITY = 16 * 1024 * 1024;

    private byte[] bytes;
    private int size;
    private final int maxCapacity;

    /** A buffer of {@value #DEFAULT_INITIAL_CAPACITY} bytes growing up to {@value #DEFAULT_MAX_CAPACITY}. */
    public WireBuffer() {
        this(DEFAULT_INITIAL_CAPACITY, DEFAULT_MAX_CAPACITY);
    }

    /**
     * @param initialCapacity bytes allocated at once, at least 16
     * @param maxCapacity the most this buffer will ever hold
     * @throws IllegalArgumentException if {@code initialCapacity < 16} or {@code maxCapacity < initialCapacity}
     */
    public WireBuffer(int initialCapacity, int maxCapacity) {
        if (initialCapacity < 16 || maxCapacity < initialCapacity) {
            throw new IllegalArgumentException("need 16 <= initialCapacity <= maxCapacity, got "
                    + initialCapacity + " and " + maxCapacity);
        }
        this.bytes = new byte[initialCapacity];
        this.maxCapacity = maxCapacity;
    }

    /** The number of bytes written since the last {@link #reset()}. */
    public int size() {
        return size;
    }

    /** Forgets the content, keeping the allocated array for reuse. */
    public void reset() {
        size = 0;
    }

    /**
     * The backing array, not a copy: bytes {@code 0..size()} are the content. Valid until the next
     * write, which may replace the array.
     */
    public byte[] array() {
        return bytes;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** A {@link ByteBuffer} view of the content (position 0, limit {@code size()}), sharing the array. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    /** Writes the content to {@code out} in a single {@code write} call. */
    public void writeTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(bytes, 0, size);
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureRoom(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    /** Does nothing: the buffer is in memory. */
    @Override
    public void flush() {
    }

    /** Does nothing: the buffer stays usable, as with {@link java.io.ByteArrayOutputStream}. */
    @Override
    public void close() {
    }

    /** The content as ISO-8859-1 text, one char per byte; for tests and diagnostics. */
    @Override
    public String toString() {
        return new String(bytes, 0, size, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    // ---- for the encoders in this module: room is reserved once, then bytes are stored directly ----

    /**
     * Makes room for {@code n} more bytes and returns the backing array; the caller stores at
     * {@link #size()} and then calls {@link #advance(int)}.
     */
    byte[] reserve(int n) {
        ensureRoom(n);
        return bytes;
    }

    /** Marks {@code n} more bytes as written after a {@link #reserve(int)}. */
    void advance(int n) {
        size += n;
    }

    /** Forgets bytes written after {@code mark}, a {@link #size()} taken earlier: undoes a failed encode. */
    void truncate(int mark) {
        size = mark;
    }

    private void ensureRoom(int n) {
        long needed = (long) size + n;
        if (needed <= bytes.length) {
            return;
        }
        if (needed > maxCapacity) {
            throw new IllegalStateException("WireBuffer would hold " + needed + " bytes, more than its maxCapacity of "
                    + maxCapacity);
        }
        long grown = Math.max(needed, Math.min((long) bytes.length * 2, maxCapacity));
        bytes = Arrays.copyOf(bytes, (int) grown);
    }
}
