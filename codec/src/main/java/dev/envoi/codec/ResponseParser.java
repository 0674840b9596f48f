package dev.envoi.codec;

import dev.envoi.codec.internal.MessageParser;
import dev.envoi.codec.internal.StartLine;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import dev.envoi.core.Status;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An incremental HTTP/1.x response parser (RFC 9112): bytes in, {@link ParseEvent}s out, no I/O.
 * Any split of the input gives the same events and values.
 *
 * <p>Lifecycle of one response, which the parser enforces:
 * <ol>
 *   <li>{@link #expectResponseTo(Method)} with the request's method when it was not GET (HEAD and
 *       CONNECT change the framing, RFC 9112 §6.3 rules 1 and 2); it resets to GET after each
 *       response;</li>
 *   <li>{@link #parse(ByteBuffer)} until {@link ParseEvent#HEAD}; each {@link ParseEvent#INTERIM_HEAD}
 *       before it is a 1xx response (RFC 9110 §15.2) whose fields are readable until the next call;</li>
 *   <li>after HEAD: {@link #statusCode()}, {@link #fieldName(int)}, {@link #head()}, {@link #framing()};</li>
 *   <li>{@code parse} until {@link ParseEvent#MESSAGE_COMPLETE}, reading {@link #body()} after each
 *       {@link ParseEvent#BODY}; on end of input call {@link #endOfInput()} (it completes a body that
 *       runs until close, RFC 9112 §6.3 rule 8, and reports a truncated one as an error);</li>
 *   <li>then {@link #keepAlive()} says whether the connection may carry the next response, and
 *       {@link #upgraded()} whether it left HTTP (101, or a 2xx to CONNECT).</li>
 * </ol>
 *
 * <pre>{@code
 * ResponseParser p = new ResponseParser();
 * ParseEvent e;
 * while ((e = p.parse(buffer)) != ParseEvent.MESSAGE_COMPLETE) {
 *     if (e == ParseEvent.NEED_INPUT) { buffer.compact(); channel.read(buffer); buffer.flip(); }
 *     else if (e == ParseEvent.BODY) { out.write(p.body()); }
 * }
 * }</pre>
 *
 * <p>Strict by default: a framing or syntax error throws a
 * {@link dev.envoi.core.MalformedMessageException} naming the RFC section, byte offset and grammar
 * position; a limit of {@link ParserConfig} throws a {@link dev.envoi.core.LimitExceededException}.
 * After either the parser refuses more input ({@link IllegalStateException}) and the connection must
 * be closed. How the choices RFC 9112 leaves open are made (opt-in tolerances are on {@link Leniency}):
 * <ul>
 *   <li>body length by RFC 9112 §6.3, rules in order; Transfer-Encoding with Content-Length is read as
 *       chunked and the connection is not reused (§6.1); Transfer-Encoding in an HTTP/1.0 response is
 *       decoded, then the connection is not reused (§6.1); codings whose last is not chunked read until
 *       close (rule 4); a Transfer-Encoding that is not a valid list, or applies chunked twice, is an
 *       error; an invalid or conflicting Content-Length is an error (rule 5), identical repeats are one;</li>
 *   <li>an obs-fold is replaced with SP, as a user agent must (§5.2); whitespace before a colon, a bare
 *       LF and a bare CR are errors (§5.1, §2.2);</li>
 *   <li>empty lines before a status-line are skipped, and a status-line may end right after the
 *       status code (see {@link Leniency}); versions other than HTTP/1.x are errors; a status code
 *       is any 3DIGIT (§4), and one outside 100-599 is kept but framed and classified as a 5xx, as
 *       RFC 9110 §15 asks of a client (see {@link Status});</li>
 *   <li>101 and a 2xx to CONNECT end HTTP on the connection ({@link #upgraded()});
 *       {@code Connection: close} (also in the non-standard {@code Proxy-Connection}) ends
 *       persistence.</li>
 * </ul>
 *
 * <p>Performance: the head is copied once into a reusable buffer and fields are kept as offsets;
 * {@link #statusCode()}, {@link #fieldCount()}, well-known {@link #fieldName(int)}s and the body
 * views allocate nothing. Not thread-safe; one parser per connection.
 */
public final class ResponseParser {
    private final MessageParser parser;

    /** A parser with {@link ParserConfig#DEFAULT}. */
    public ResponseParser() {
        this(ParserConfig.DEFAULT);
    }

    public ResponseParser(ParserConfig config) {
        this.parser = new MessageParser(false, Objects.requireNonNull(config, "config"));
    }

    /**
     * The method of the request this response answers (default GET); it applies to the next final
     * response (and the 1xx before it) and then resets to GET.
     *
     * @throws IllegalStateException while a final response is being parsed
     */
    public void expectResponseTo(Method method) {
        parser.expectResponseTo(method);
    }

    /** Sees every chunk header of chunked bodies; {@code null} to remove. */
    public void setChunkObserver(ChunkObserver observer) {
        parser.setChunkObserver(observer);
    }

    /**
     * Parses bytes from {@code input.position()}, advancing it past what was consumed, and says what
     * was found. Bytes after a HEAD (the body, a next response) are left in {@code input} for the
     * next call; after {@link ParseEvent#MESSAGE_COMPLETE} the next call begins the next response.
     *
     * <p>Fails fast: an error is thrown as soon as the bytes received prove the message bad, even in
     * the middle of a line (an invalid byte, a wrong HTTP-version, a CR not followed by LF), rather
     * than after more bytes or a timeout. The error — reason, offset, state and RFC section — is
     * the same however the input is split, since every rule reads left to right.
     *
     * @throws dev.envoi.core.MalformedMessageException if the bytes break RFC 9112
     * @throws dev.envoi.core.LimitExceededException if a limit of the {@link ParserConfig} is crossed
     * @throws IllegalStateException after an error, after {@link #upgraded()}, or after the close-delimited
     *     body ended
     */
    public ParseEvent parse(ByteBuffer input) throws EnvoiException {
        return parser.parse(input);
    }

    /**
     * The peer closed the connection. Returns {@link ParseEvent#MESSAGE_COMPLETE} when that ends a
     * body delimited by close (or a message with no body left), {@link ParseEvent#NEED_INPUT} when
     * no response had begun.
     *
     * @throws dev.envoi.core.MalformedMessageException when a response was cut short (RFC 9112 §8)
     */
    public ParseEvent endOfInput() throws EnvoiException {
        return parser.endOfInput();
    }

    /** The status code; after INTERIM_HEAD or HEAD, until the next message begins. */
    public int statusCode() {
        return parser.startLine().status();
    }

    /** The protocol version of the status line. */
    public HttpVersion version() {
        return parser.startLine().version();
    }

    /** The number of field lines. */
    public int fieldCount() {
        return parser.fields().count();
    }

    /** The name of field line {@code i} in its received case; well-known names do not allocate. */
    public String fieldName(int i) {
        Objects.checkIndex(i, parser.fields().count());
        return parser.fields().name(i);
    }

    /** The value of field line {@code i}, trimmed, obs-folds replaced by SP. */
    public String fieldValue(int i) {
        Objects.checkIndex(i, parser.fields().count());
        return parser.fields().value(i);
    }

    /** An immutable snapshot of the status line and header fields. */
    public ResponseHead head() {
        StartLine line = parser.startLine();
        Status status = Status.of(line.status());
        Headers headers = parser.fields().toHeaders();
        return new ResponseHead(line.version(), status, line.reason(parser.headBytes(), status.reason()), headers);
    }

    /** How the body is delimited (RFC 9112 §6.3); after HEAD. */
    public BodyFraming framing() {
        return parser.framing();
    }

    /** The Content-Length that delimits the body, if it is delimited by one. */
    public OptionalLong contentLength() {
        long n = parser.contentLength();
        return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /**
     * After {@link ParseEvent#BODY}: a read-only view of body bytes in the input passed to
     * {@code parse}, valid until the next {@code parse} call. The same view object is reused while
     * the same input buffer is passed, so no buffer is allocated per event.
     */
    public ByteBuffer body() {
        return parser.body();
    }

    /** After MESSAGE_COMPLETE: the trailer fields of a chunked body, or {@link Headers#EMPTY}. */
    public Headers trailers() {
        return parser.trailers();
    }

    /**
     * Whether the connection may carry another response after this one: HTTP/1.1 without
     * {@code Connection: close}, or HTTP/1.0 with {@code keep-alive} (RFC 9112 §9.3), and the
     * framing was not in doubt (not close-delimited, not Transfer-Encoding with Content-Length, not
     * Transfer-Encoding in HTTP/1.0). The caller must also have read the whole body.
     */
    public boolean keepAlive() {
        return parser.keepAlive();
    }

    /**
     * After MESSAGE_COMPLETE: whether the connection left HTTP/1.1 — 101 Switching Protocols or a
     * 2xx response to CONNECT. The bytes from {@code input.position()} on belong to the new protocol.
     */
    public boolean upgraded() {
        return parser.upgraded();
    }

    /** The engine, for {@link BodyInputStream}. */
    MessageParser engine() {
        return parser;
    }
}
