package dev.envoi.client.internal.exchange;

import dev.envoi.client.RequestBody;
import dev.envoi.codec.BodyFraming;
import dev.envoi.codec.BodyInputStream;
import dev.envoi.codec.ChunkedEncoder;
import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.ParserConfig;
import dev.envoi.codec.RequestEncoder;
import dev.envoi.codec.RequestHead;
import dev.envoi.codec.ResponseHead;
import dev.envoi.codec.ResponseParser;
import dev.envoi.codec.WireBuffer;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.FieldValues;
import dev.envoi.core.Headers;
import dev.envoi.core.Method;
import dev.envoi.transport.Connection;
import dev.envoi.transport.ConnectionPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * One request and its response on one connection (RFC 9112). Lifecycle, enforced by the order of
 * calls the engine makes:
 * <ol>
 *   <li>{@link #writeRequest}: the head, and a body of up to {@value #SMALL_BODY} bytes, leave in one
 *       write; a larger body follows directly (Content-Length) or through a {@link ChunkedEncoder};</li>
 *   <li>{@link #readHead}: parses until the final response head, skipping 1xx interim responses
 *       (RFC 9110 §15.2, including {@code 100 Continue});</li>
 *   <li>{@link #body()}: the framed body as a stream; at its end the connection goes back to the pool
 *       if the parser says it may be kept (RFC 9112 §9.3) and no unexpected byte follows, otherwise it
 *       is closed; {@link #abandon()} closes it at any point.</li>
 * </ol>
 * Flags record what happened on the wire, for the retry rules: whether any request byte was handed to
 * the socket, and whether any response byte arrived.
 */
public final class Exchange {
    /** Bodies of known length up to this size are sent in the same write as the head. */
    static final int SMALL_BODY = 16 * 1024;

    private final Connection connection;
    private final ConnectionPool pool;
    private final CallState state;
    private final boolean reused;
    private final ResponseParser parser;
    private final ByteBuffer buffer = ByteBuffer.allocate(Connection.BUFFER_SIZE).flip();
    private boolean requestBytesWritten;
    private boolean responseBytesRead;
    private boolean released;
    private ResponseHead head;
    private boolean parserPrimed;

    Exchange(Connection connection, ConnectionPool pool, CallState state, boolean reused, ParserConfig config) {
        this.connection = connection;
        this.pool = pool;
        this.state = state;
        this.reused = reused;
        this.parser = new ResponseParser(config);
        state.attach(connection);
    }

    /** The final response head, once read. */
    ResponseHead head() {
        return head;
    }

    /** Whether the connection came from the pool rather than a new dial. */
    boolean reused() {
        return reused;
    }

    Connection connection() {
        return connection;
    }

    boolean requestBytesWritten() {
        return requestBytesWritten;
    }

    boolean responseBytesRead() {
        return responseBytesRead;
    }

    /**
     * Writes {@code head} (framing fields already set) and {@code body}, then flushes. With
     * {@code expectContinue} (the head carries {@code Expect: 100-continue}, RFC 9110 §10.1.1) the head
     * leaves alone and the body follows a {@code 100 Continue}, or {@code continueWait} without an
     * answer (servers that ignore Expect); a final response before that means the body is not sent and
     * the connection, whose framing is now in doubt, is not reused.
     */
    void writeRequest(RequestHead head, RequestBody body, boolean expectContinue, Duration continueWait)
            throws IOException {
        WireBuffer wire = new WireBuffer();
        RequestEncoder.encode(head, wire);
        OutputStream out = connection.output();
        OptionalLong length = body == null ? OptionalLong.of(0) : body.contentLength();
        if (expectContinue && body != null) {
            requestBytesWritten = true;
            wire.writeTo(out);
            out.flush();
            if (!awaitContinue(head.method(), continueWait)) {
                connection.markNotReusable(); // the server answered without the body it was promised
                return;
            }
            writeBody(body, length, out);
            out.flush();
            return;
        }
        if (body == null || (length.isPresent() && length.getAsLong() <= SMALL_BODY)) {
            if (body != null) {
                int before = wire.size();
                body.writeTo(wire);
                checkLength(wire.size() - before, length.getAsLong());
            }
            requestBytesWritten = true;
            wire.writeTo(out);
        } else {
            requestBytesWritten = true;
            wire.writeTo(out);
            writeBody(body, length, out);
        }
        out.flush();
    }

    private static void writeBody(RequestBody body, OptionalLong length, OutputStream out) throws IOException {
        if (length.isPresent()) {
            CountingOutput counting = new CountingOutput(out, length.getAsLong());
            body.writeTo(counting);
            checkLength(counting.count, length.getAsLong());
        } else {
            ChunkedEncoder chunked = new ChunkedEncoder(out);
            body.writeTo(chunked);
            chunked.finish();
        }
    }

    /** True to send the body: 100 Continue came, or nothing within {@code wait}; false when a final head came. */
    private boolean awaitContinue(Method method, Duration wait) throws IOException {
        if (!method.equals(Method.GET)) {
            parser.expectResponseTo(method);
        }
        parserPrimed = true;
        long deadline = System.nanoTime() + wait.toNanos();
        for (;;) {
            ParseEvent event = parser.parse(buffer);
            switch (event) {
                case NEED_INPUT -> {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !connection.awaitReadable(Duration.ofNanos(left))) {
                        // RFC 9110 §10.1.1: a client need not wait indefinitely. Nothing was consumed
                        // and the connection was not poisoned, so it stays reusable.
                        return true;
                    }
                    fill();
                }
                case INTERIM_HEAD -> {
                    if (parser.statusCode() == 100) {
                        return true;
                    }
                }
                case HEAD -> {
                    head = parser.head();
                    applyKeepAlive(head.headers());
                    return false;
                }
                default -> throw new IllegalStateException("unexpected parser event before the head: " + event);
            }
        }
    }

    private static void checkLength(long written, long declared) throws EnvoiException {
        if (written != declared) {
            throw new EnvoiException("the request body wrote " + written + " bytes but declared a length of "
                    + declared + " (RFC 9112 §6.2); the connection is closed");
        }
    }

    /** Reads until the final response head; 1xx responses are skipped. */
    ResponseHead readHead(Method method) throws IOException {
        if (head != null) {
            return head; // arrived while waiting for 100 Continue
        }
        if (!method.equals(Method.GET) && !parserPrimed) {
            parser.expectResponseTo(method);
        }
        for (;;) {
            ParseEvent event = parser.parse(buffer);
            switch (event) {
                case NEED_INPUT -> fill();
                case INTERIM_HEAD -> { }
                case HEAD -> {
                    head = parser.head();
                    applyKeepAlive(head.headers());
                    return head;
                }
                default -> throw new IllegalStateException("unexpected parser event before the head: " + event);
            }
        }
    }

    private void fill() throws IOException {
        InputStream in = connection.input();
        buffer.compact();
        int n = 0;
        try {
            n = in.read(buffer.array(), buffer.position(), buffer.remaining());
        } finally {
            buffer.position(buffer.position() + Math.max(n, 0)).flip();
        }
        if (n > 0) {
            responseBytesRead = true;
            return;
        }
        if (n < 0) {
            parser.endOfInput(); // throws when a head was cut short
            throw new NoResponseException(responseBytesRead
                    ? "the connection closed inside the response head (RFC 9112 §8)"
                    : "the server closed the connection without sending a response");
        }
    }

    private void applyKeepAlive(Headers headers) {
        for (String value : headers.all("Keep-Alive")) {
            for (String param : FieldValues.splitList(value)) {
                if (param.regionMatches(true, 0, "timeout=", 0, 8)) {
                    try {
                        long seconds = Long.parseLong(param.substring(8).trim());
                        if (seconds > 0) {
                            connection.keepAliveFor(Duration.ofSeconds(Math.min(seconds, 3600)));
                        }
                    } catch (NumberFormatException ignored) {
                        // a malformed hint is ignored: the pool's own idle limit applies
                    }
                }
            }
        }
    }

    /** Whether the response has no body to read (HEAD, 1xx, 204, 304: RFC 9112 §6.3 rules 1 and 2). */
    boolean hasNoBody() {
        return parser.framing() instanceof BodyFraming.NoBody;
    }

    /** The body of the response whose head was read; release happens at its end or on close. */
    ExchangeBody body() {
        return new ExchangeBody(BodyInputStream.of(parser, buffer, connection.input()), this, state);
    }

    /** The trailer fields, after the body was read to its end (empty when there were none). */
    Headers trailers() {
        Headers t = parser.trailers();
        return t == null ? Headers.EMPTY : t;
    }

    /** The body was read to its end: the connection goes back to the pool, or is closed. */
    void complete() {
        if (!parser.keepAlive() || parser.upgraded() || buffer.hasRemaining()) {
            connection.markNotReusable(); // bytes after the response, or framing that ends with the connection
        }
        release();
    }

    /** The exchange ends early (error, cancel, body not read): the connection is closed. */
    void abandon() {
        connection.markNotReusable();
        release();
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        state.detach(connection);
        if (connection.isReusable() && connection.isOpen()) {
            pool.release(connection);
        } else {
            connection.close();
            pool.release(connection);
        }
    }

    /** Counts bytes written and refuses to write past the declared length. */
    private static final class CountingOutput extends OutputStream {
        private final OutputStream out;
        private final long limit;
        long count;

        CountingOutput(OutputStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (count + len > limit) {
                throw new EnvoiException("the request body wrote more than its declared length of " + limit
                        + " bytes (RFC 9112 §6.2); the connection is closed");
            }
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
