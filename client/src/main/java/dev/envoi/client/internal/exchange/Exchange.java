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
 *       write; a larger body follows directly (Content-Length) or through a {@link ChunkedEncoder},
 *       watched for a final response that arrives before it is all sent (RFC 9112 §9.5), which then
 *       ends the upload and is the answer;</li>
 *   <li>{@link #readHead}: parses until the final response head, skipping 1xx interim responses
 *       (RFC 9110 §15.2, including {@code 100 Continue});</li>
 *   <li>{@link #body()}: the framed body as a stream; at its end the connection goes back to the pool
 *       if the parser says it may be kept (RFC 9112 §9.3) and no unexpected byte follows, otherwise it
 *       is closed; {@link #abandon()} closes it at any point.</li>
 * </ol>
 * Flags record what happened on the wire, for the retry rules: whether any request byte was handed to
 * the socket, and whether any response byte arrived; and {@link #phase()} says which of the steps
 * was under way, for a failure's message.
 */
public final class Exchange {
    /** Bodies of known length up to this size are sent in the same write as the head. */
    static final int SMALL_BODY = 16 * 1024;
    /** How long a failed write may wait for a response head that the server already sent. */
    static final Duration SALVAGE_WAIT = Duration.ofSeconds(1);

    /** Where the exchange stands, for error messages. */
    enum Phase {
        SENDING_HEAD("sending the request head"),
        SENDING_BODY("sending the request body"),
        WAITING("waiting for the response"),
        READING_HEAD("reading the response head");

        final String doing;

        Phase(String doing) {
            this.doing = doing;
        }
    }

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
    private Phase phase = Phase.SENDING_HEAD;

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

    /** What the exchange was doing, for a failure's message. */
    Phase phase() {
        return phase;
    }

    /**
     * Writes {@code head} (framing fields already set) and {@code body}, then flushes. With
     * {@code expectContinue} (the head carries {@code Expect: 100-continue}, RFC 9110 §10.1.1) the head
     * leaves alone and the body follows a {@code 100 Continue}, or {@code continueWait} without an
     * answer (servers that ignore Expect); a final response before that means the body is not sent and
     * the connection, whose framing is now in doubt, is not reused.
     *
     * <p>While a body is sent the server may answer early, e.g. {@code 413 Content Too Large}, and
     * stop reading or close (RFC 9112 §9.5). So every {@value BodyOutput#WATCH_EVERY} body bytes a
     * look without blocking finds whether response bytes arrived; a final response head among them
     * of status 300 or more ({@link #answeredEarly()}) ends the upload. And when a write fails, a
     * response head that already arrived is read (for at most {@link #SALVAGE_WAIT}) before the
     * failure is reported. Either way that response is the answer, and the connection, with a request
     * cut short, is not reused.
     */
    void writeRequest(RequestHead head, RequestBody body, boolean expectContinue, Duration continueWait)
            throws IOException {
        WireBuffer wire = new WireBuffer();
        RequestEncoder.encode(head, wire);
        OutputStream out = connection.output();
        OptionalLong length = body == null ? OptionalLong.of(0) : body.contentLength();
        if (!head.method().equals(Method.GET)) {
            parser.expectResponseTo(head.method());
        }
        parserPrimed = true;
        phase = Phase.SENDING_HEAD;
        if (expectContinue && body != null) {
            requestBytesWritten = true;
            wire.writeTo(out);
            out.flush();
            phase = Phase.WAITING;
            if (!awaitContinue(continueWait)) {
                connection.markNotReusable(); // the server answered without the body it was promised
                return;
            }
            sendBody(body, length, out);
        } else if (body == null || (length.isPresent() && length.getAsLong() <= SMALL_BODY)) {
            if (body != null) {
                int before = wire.size();
                body.writeTo(wire);
                checkLength(wire.size() - before, length.getAsLong());
            }
            requestBytesWritten = true;
            wire.writeTo(out);
            out.flush();
        } else {
            requestBytesWritten = true;
            wire.writeTo(out);
            sendBody(body, length, out);
        }
        phase = Phase.WAITING;
    }

    /** The body and the final flush, watching for an early response; returns when one came. */
    private void sendBody(RequestBody body, OptionalLong length, OutputStream out) throws IOException {
        phase = Phase.SENDING_BODY;
        BodyOutput sink = new BodyOutput(out, length.orElse(Long.MAX_VALUE), this::answeredEarly);
        try {
            if (length.isPresent()) {
                body.writeTo(sink);
                checkLength(sink.count, length.getAsLong());
            } else {
                ChunkedEncoder chunked = new ChunkedEncoder(sink);
                body.writeTo(chunked);
                chunked.finish();
            }
            sink.flush();
        } catch (IOException e) {
            // the body's own failure is reported; a failed write to the peer may hide an answer
            if (!sink.answered() && !(sink.wireFailed() && (head != null || salvageHead(e)))) {
                throw e;
            }
            connection.markNotReusable(); // answered early: that response is the answer
        }
    }

    /**
     * Between body writes: true when a final response head of status 300 or more has arrived, which
     * says the server does not want the rest (RFC 9112 §9.5). An early 2xx (a server that answers
     * while it keeps reading, like an echo) lets the upload go on, as curl does; its body waits.
     */
    private boolean answeredEarly() throws IOException {
        if (head != null || !connection.peerSpoke()) {
            return false;
        }
        fill(); // returns at once: the bytes (or the end of the stream) are there
        for (;;) {
            ParseEvent event = parser.parse(buffer);
            switch (event) {
                case NEED_INPUT -> {
                    if (!connection.peerSpoke()) {
                        return false; // a head cut short so far: keep sending, look again later
                    }
                    fill();
                }
                case INTERIM_HEAD -> { }
                case HEAD -> {
                    head = parser.head();
                    applyKeepAlive(head.headers());
                    return head.status().code() >= 300;
                }
                default -> throw new IllegalStateException("unexpected parser event before the head: " + event);
            }
        }
    }

    /**
     * A write failed: a server that answered and closed (a reset, with our upload unread) may have
     * left its response in our receive buffer. True when a final head could be read within
     * {@link #SALVAGE_WAIT}; any failure doing so leaves {@code writeFailure} as the report.
     */
    private boolean salvageHead(IOException writeFailure) {
        if (state.isCanceled() || !connection.isOpen()) {
            return false;
        }
        Duration saved = connection.readTimeout();
        try {
            connection.setReadTimeout(saved.isZero() || saved.compareTo(SALVAGE_WAIT) > 0 ? SALVAGE_WAIT : saved);
            if (!connection.awaitReadable(SALVAGE_WAIT)) {
                return false;
            }
            readHeadLoop();
            return true;
        } catch (IOException | RuntimeException e) {
            writeFailure.addSuppressed(e);
            return false;
        } finally {
            try {
                connection.setReadTimeout(saved);
            } catch (IOException ignored) {
                // the socket is gone; the failure being reported says why
            }
        }
    }

    /** True to send the body: 100 Continue came, or nothing within {@code wait}; false when a final head came. */
    private boolean awaitContinue(Duration wait) throws IOException {
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
            return head; // arrived while waiting for 100 Continue, or during the upload
        }
        if (!method.equals(Method.GET) && !parserPrimed) {
            parser.expectResponseTo(method);
        }
        parserPrimed = true;
        return readHeadLoop();
    }

    private ResponseHead readHeadLoop() throws IOException {
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
            if (phase == Phase.WAITING) {
                phase = Phase.READING_HEAD;
            }
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
}
