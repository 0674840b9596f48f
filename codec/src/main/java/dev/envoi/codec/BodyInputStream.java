package dev.envoi.codec;

import dev.envoi.codec.internal.MessageParser;
import dev.envoi.core.EnvoiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The body of one message as an {@link InputStream}: reads bytes from a source as needed, lets the
 * parser remove the framing (Content-Length, chunked, until close; RFC 9112 §6.3) and returns only
 * the content. Blocking belongs to the source; this class adds none of its own.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>parse the head with a {@link ResponseParser} or {@link RequestParser} reading into a heap
 *       {@code buffer} (in read mode: the bytes not yet parsed between position and limit);</li>
 *   <li>after {@link ParseEvent#HEAD}, wrap the parser, the same buffer and the source;</li>
 *   <li>read until -1: that is the end of the body, and only then (a truncated body, a malformed
 *       chunk or a limit surfaces from {@code read} as the parser's
 *       {@link dev.envoi.core.MalformedMessageException} or {@link dev.envoi.core.LimitExceededException},
 *       never as an early -1);</li>
 *   <li>after -1 the buffer's position is at the first byte after the message (the next response,
 *       or the new protocol's data after an upgrade), and the parser's {@code keepAlive()} says
 *       whether the connection may be reused.</li>
 * </ol>
 * {@link #close()} does not close the source: the connection belongs to whoever owns it, and a body
 * closed before its end leaves that connection unusable for another message.
 *
 * <pre>{@code
 * ByteBuffer buf = ByteBuffer.allocate(8192).flip();
 * ResponseParser parser = new ResponseParser();
 * while (parser.parse(buf) != ParseEvent.HEAD) { fill(buf, socketIn); }
 * try (InputStream body = BodyInputStream.of(parser, buf, socketIn)) {
 *     body.transferTo(out);
 * }
 * }</pre>
 */
public final class BodyInputStream extends InputStream {
    private final MessageParser parser;
    private final ByteBuffer buffer;
    private final InputStream source;
    private ByteBuffer pending;
    private boolean done;
    private boolean closed;
    private IOException failure;

    private BodyInputStream(MessageParser parser, ByteBuffer buffer, InputStream source) {
        if (!buffer.hasArray() || buffer.isReadOnly() || buffer.capacity() == 0) {
            throw new IllegalArgumentException("buffer must be a writable, non-empty heap buffer");
        }
        this.parser = parser;
        this.buffer = buffer;
        this.source = source;
    }

    /** The body of the response whose HEAD {@code parser} just returned. */
    public static BodyInputStream of(ResponseParser parser, ByteBuffer buffer, InputStream source) {
        Objects.requireNonNull(parser, "parser");
        return new BodyInputStream(parser.engine(), Objects.requireNonNull(buffer, "buffer"),
                Objects.requireNonNull(source, "source"));
    }

    /** The body of the request whose HEAD {@code parser} just returned. */
    public static BodyInputStream of(RequestParser parser, ByteBuffer buffer, InputStream source) {
        Objects.requireNonNull(parser, "parser");
        return new BodyInputStream(parser.engine(), Objects.requireNonNull(buffer, "buffer"),
                Objects.requireNonNull(source, "source"));
    }

    @Override
    public int read() throws IOException {
        if (!ensurePending()) {
            return -1;
        }
        return pending.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!ensurePending()) {
            return -1;
        }
        int n = Math.min(len, pending.remaining());
        pending.get(b, off, n);
        return n;
    }

    /** Body bytes that can be read without touching the source. */
    @Override
    public int available() throws IOException {
        if (closed) {
            throw new IOException("body stream is closed");
        }
        return pending == null ? 0 : pending.remaining();
    }

    /** Whether the whole body has been read (read returned -1). */
    public boolean isComplete() {
        return done;
    }

    /** Stops reading; the source stays open. */
    @Override
    public void close() {
        closed = true;
    }

    /** Makes body bytes available in {@code pending}; false at the end of the body. */
    private boolean ensurePending() throws IOException {
        if (closed) {
            throw new IOException("body stream is closed");
        }
        if (failure != null) {
            throw failure;
        }
        try {
            while (pending == null || !pending.hasRemaining()) {
                if (done) {
                    return false;
                }
                step();
            }
            return true;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void step() throws IOException {
        ParseEvent event = parser.parse(buffer);
        switch (event) {
            case BODY -> pending = parser.body();
            case MESSAGE_COMPLETE -> done = true;
            case NEED_INPUT -> fill();
            default -> throw new IllegalStateException("the parser is not inside a body (got " + event + ")");
        }
    }

    /** Reads more from the source; at its end, lets the parser decide whether the body is complete. */
    private void fill() throws IOException {
        buffer.compact();
        int n = 0;
        try {
            n = source.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        } finally {
            buffer.position(buffer.position() + Math.max(n, 0)).flip();
        }
        if (n < 0) {
            ParseEvent event = parser.endOfInput(); // throws when the body is cut short (RFC 9112 §8)
            if (event != ParseEvent.MESSAGE_COMPLETE) {
                throw new EnvoiException("input ended inside a message (" + event + ")");
            }
            done = true;
        }
    }
}
