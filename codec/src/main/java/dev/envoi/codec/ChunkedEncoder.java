package dev.envoi.codec;

import dev.envoi.codec.internal.encode.ChunkExtensions;
import dev.envoi.core.Headers;
import dev.envoi.core.InvalidSyntaxException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An {@link OutputStream} that writes what it is given in the chunked transfer coding
 * (RFC 9112 §7.1) to another stream:
 * {@code *( chunk-size [ chunk-ext ] CRLF chunk-data CRLF ) "0" CRLF trailer-section CRLF}.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>{@code write}: bytes collect in a chunk buffer ({@link #DEFAULT_CHUNK_SIZE} bytes unless given),
 *       so that many tiny writes do not become many tiny chunks; a full buffer leaves as one chunk.
 *       A write that does not fit fills the buffer, sends it, and sends the rest straight from the
 *       caller's array as one chunk if it is longer than a buffer (no copy), else buffers it. An
 *       empty write sends nothing: a zero-size chunk would be the last-chunk.</li>
 *   <li>{@link #flush()}: sends what is buffered as a chunk, then flushes the underlying stream.</li>
 *   <li>{@link #finish(Headers)}: sends what is buffered, the last-chunk {@code 0 CRLF}, the trailer
 *       fields and the final CRLF, then flushes. Trailer fields are validated like header fields,
 *       and fields that must not be trailers (framing, routing, connection, authentication, request
 *       modifiers, response controls, content format — RFC 9110 §6.5.1) are refused.</li>
 *   <li>{@link #close()}: finishes if not finished; idempotent. It does <em>not</em> close the
 *       underlying stream, which is a connection that may carry the next message.</li>
 * </ol>
 * Writing after {@code finish} throws {@link IllegalStateException}. Sizes are lower-case hex without
 * leading zeros. A buffered chunk leaves in one {@code write} call on the underlying stream (the
 * size line is written into room kept in front of the data). Not thread-safe.
 *
 * <pre>{@code
 * try (ChunkedEncoder chunked = new ChunkedEncoder(socketOut, 4096)) {
 *     chunked.write("hello".getBytes(US_ASCII));
 *     chunked.finish(Headers.of("Digest", "sha-256=..."));
 * }   // 5\r\nhello\r\n0\r\nDigest: sha-256=...\r\n\r\n
 * }</pre>
 */
public final class ChunkedEncoder extends OutputStream {
    /** Default chunk buffer size, {@value} bytes. */
    public static final int DEFAULT_CHUNK_SIZE = 8192;
    /** Room in front of the data for the size line: 8 hex digits (up to 0x7fffffff) and CRLF. */
    private static final int SIZE_ROOM = 10;
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    private static final byte[] CRLF = {'\r', '\n'};
    /** Fields RFC 9110 §6.5.1 keeps out of trailers, since they are needed before the content. */
    private static final String[] NOT_TRAILERS = {
        // framing and connection management (RFC 9112 §6, §9)
        "Transfer-Encoding", "Content-Length", "Trailer", "Connection", "Keep-Alive", "Proxy-Connection", "Upgrade",
        "TE",
        // routing
        "Host",
        // request modifiers: controls (RFC 9110 §10.1) and conditionals (RFC 9110 §13.1)
        "Cache-Control", "Expect", "Max-Forwards", "Pragma", "Range", "If-Match", "If-None-Match",
        "If-Modified-Since", "If-Unmodified-Since", "If-Range",
        // authentication (RFC 9110 §11) and cookies (RFC 6265)
        "Authorization", "Proxy-Authorization", "WWW-Authenticate", "Proxy-Authenticate", "Cookie", "Set-Cookie",
        // response control data (RFC 9110 §10.2)
        "Age", "Expires", "Date", "Location", "Retry-After", "Vary",
        // content format
        "Content-Type", "Content-Encoding", "Content-Range"};

    private final OutputStream out;
    /** {@code [size line room][data: capacity bytes][CRLF]}. */
    private final byte[] buf;
    private final int capacity;
    /** Scratch for the size line of a chunk written straight from the caller's array. */
    private final byte[] sizeLine = new byte[SIZE_ROOM];
    private int count;
    private boolean finished;

    /** Chunks of up to {@value #DEFAULT_CHUNK_SIZE} buffered bytes, written to {@code out}. */
    public ChunkedEncoder(OutputStream out) {
        this(out, DEFAULT_CHUNK_SIZE);
    }

    /**
     * @param out where the chunked bytes go; not closed by {@link #close()}
     * @param chunkSize the chunk buffer size, 1 to 16 MiB
     */
    public ChunkedEncoder(OutputStream out, int chunkSize) {
        this.out = Objects.requireNonNull(out, "out");
        if (chunkSize < 1 || chunkSize > 1 << 24) {
            throw new IllegalArgumentException("chunkSize must be 1 to 16 MiB, got " + chunkSize);
        }
        this.capacity = chunkSize;
        this.buf = new byte[SIZE_ROOM + chunkSize + 2];
    }

    @Override
    public void write(int b) throws IOException {
        checkOpen();
        buf[SIZE_ROOM + count++] = (byte) b;
        if (count == capacity) {
            emitBuffered();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        if (count > 0 || len <= capacity) {
            int n = Math.min(len, capacity - count);
            System.arraycopy(b, off, buf, SIZE_ROOM + count, n);
            count += n;
            off += n;
            len -= n;
            if (count == capacity) {
                emitBuffered();
            }
        }
        if (len > capacity) {
            writeDirect(b, off, len, null);
        } else if (len > 0) {
            System.arraycopy(b, off, buf, SIZE_ROOM, len);
            count = len;
            if (count == capacity) {
                emitBuffered();
            }
        }
    }

    /**
     * Sends what is buffered, then {@code b[off, off+len)} as one chunk carrying {@code extensions}
     * (RFC 9112 §7.1.1), e.g. {@code ";name=value;flag"}: each {@code ";" token [ "=" ( token /
     * quoted-string ) ]}, without whitespace. Recipients ignore extensions they do not understand.
     *
     * @throws IllegalArgumentException if {@code len} is 0 (a zero-size chunk is the last-chunk)
     * @throws InvalidSyntaxException if {@code extensions} does not follow the grammar
     */
    public void writeChunk(byte[] b, int off, int len, String extensions) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        Objects.requireNonNull(extensions, "extensions");
        checkOpen();
        if (len == 0) {
            throw new IllegalArgumentException("a chunk must not be empty: a zero-size chunk is the last-chunk");
        }
        ChunkExtensions.check(extensions);
        if (count > 0) {
            emitBuffered();
        }
        writeDirect(b, off, len, extensions);
    }

    /** Sends what is buffered as a chunk, then flushes the underlying stream. */
    @Override
    public void flush() throws IOException {
        if (count > 0) {
            emitBuffered();
        }
        out.flush();
    }

    /** {@link #finish(Headers)} without trailer fields: {@code 0 CRLF CRLF}. */
    public void finish() throws IOException {
        finish(Headers.EMPTY);
    }

    /**
     * Sends what is buffered, the last-chunk, {@code trailers} and the final CRLF, then flushes the
     * underlying stream. Nothing is written if a trailer field is refused.
     *
     * @throws IllegalArgumentException if a trailer field must not be a trailer (RFC 9110 §6.5.1)
     * @throws InvalidSyntaxException if a trailer name or value is malformed (RFC 9110 §5.5)
     * @throws IllegalStateException if already finished
     */
    public void finish(Headers trailers) throws IOException {
        Objects.requireNonNull(trailers, "trailers");
        checkOpen();
        WireBuffer last = new WireBuffer(Math.max(16, 8 + 64 * trailers.size()), WireBuffer.DEFAULT_MAX_CAPACITY);
        last.write('0');
        HeadWriter.crlf(last);
        for (int i = 0; i < trailers.size(); i++) {
            String name = trailers.name(i);
            requireAllowedTrailer(name);
            HeadWriter.fieldLine(last, name, trailers.value(i));
        }
        HeadWriter.crlf(last);
        // finished before any byte moves: after an I/O failure, close() must not append a last-chunk
        finished = true;
        if (count > 0) {
            emitBuffered();
        }
        last.writeTo(out);
        out.flush();
    }

    /** Whether {@link #finish(Headers)} has run. */
    public boolean isFinished() {
        return finished;
    }

    /** Finishes without trailers if not finished; leaves the underlying stream open. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finish();
        }
    }

    /**
     * Whether a field named {@code name} may be sent as a trailer: false for the fields RFC 9110
     * §6.5.1 keeps in the header section (framing, routing, connection, authentication, request
     * modifiers, response controls, content format), true otherwise.
     */
    public static boolean isAllowedTrailer(String name) {
        Objects.requireNonNull(name, "name");
        for (String forbidden : NOT_TRAILERS) {
            if (forbidden.equalsIgnoreCase(name)) {
                return false;
            }
        }
        return true;
    }

    private static void requireAllowedTrailer(String name) {
        if (!isAllowedTrailer(name)) {
            throw new IllegalArgumentException(name + " must not be sent as a trailer field: it is needed before"
                    + " the content [RFC 9110 §6.5.1]");
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("chunked body already finished");
        }
    }

    /** Sends the buffered bytes as one chunk in one write: size line in front, CRLF behind. */
    private void emitBuffered() throws IOException {
        int start = SIZE_ROOM - 2;
        buf[start] = '\r';
        buf[start + 1] = '\n';
        for (int v = count; ; v >>>= 4) {
            buf[--start] = HEX[v & 0xf];
            if (v < 16) {
                break;
            }
        }
        int end = SIZE_ROOM + count;
        buf[end] = '\r';
        buf[end + 1] = '\n';
        count = 0;
        out.write(buf, start, end + 2 - start);
    }

    /** Sends {@code b[off, off+len)} as one chunk without copying it. */
    private void writeDirect(byte[] b, int off, int len, String extensions) throws IOException {
        int extLen = extensions == null ? 0 : extensions.length();
        byte[] line = extensions == null ? sizeLine : new byte[8 + extLen + 2];
        int digits = (35 - Integer.numberOfLeadingZeros(len)) / 4;
        digits = Math.max(digits, 1);
        for (int i = digits - 1, v = len; i >= 0; i--, v >>>= 4) {
            line[i] = HEX[v & 0xf];
        }
        for (int i = 0; i < extLen; i++) {
            line[digits + i] = (byte) extensions.charAt(i);
        }
        line[digits + extLen] = '\r';
        line[digits + extLen + 1] = '\n';
        out.write(line, 0, digits + extLen + 2);
        out.write(b, off, len);
        out.write(CRLF);
    }
}
