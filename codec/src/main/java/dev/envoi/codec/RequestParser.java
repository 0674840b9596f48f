package dev.envoi.codec;

import dev.envoi.codec.internal.MessageParser;
import dev.envoi.codec.internal.StartLine;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An incremental HTTP/1.x request parser (RFC 9112), for test servers, proxies and the conformance
 * suite: bytes in, {@link ParseEvent}s out, no I/O. Any split of the input gives the same results.
 *
 * <p>Lifecycle of one request:
 * <ol>
 *   <li>{@link #parse(ByteBuffer)} until {@link ParseEvent#HEAD} (never INTERIM_HEAD); empty lines
 *       before the request-line are skipped (RFC 9112 §2.2);</li>
 *   <li>after HEAD: {@link #method()}, {@link #target()}, fields, {@link #head()}, {@link #framing()};</li>
 *   <li>{@code parse} until {@link ParseEvent#MESSAGE_COMPLETE}, reading {@link #body()} after each BODY;</li>
 *   <li>{@link #keepAlive()} says whether another request may follow on the connection.</li>
 * </ol>
 *
 * <p>Strictness, as a server should apply it (RFC 9112 §6.3): a request with both Transfer-Encoding
 * and Content-Length, a Transfer-Encoding in HTTP/1.0, a transfer coding other than a single
 * {@code chunked}, an invalid or conflicting Content-Length, whitespace before a colon, or an obs-fold
 * (unless {@link Leniency#OBS_FOLD_IN_REQUEST}) is refused with a
 * {@link dev.envoi.core.MalformedMessageException}; a server answers 400 (501 for an unknown coding)
 * and closes the connection.
 *
 * <p>{@link #upgraded()} is true after a CONNECT request completes. A CONNECT request has no content
 * (RFC 9110 §9.3.6; its Content-Length and Transfer-Encoding are ignored) and what follows on the
 * connection depends on the server's answer (a 2xx makes it a tunnel), so this parser stops there;
 * a server that refuses the tunnel should close the connection. An {@code Upgrade} header field is
 * left to the caller: only the server knows whether it will answer 101, so the parser completes the
 * request and a server that switches protocols simply stops calling {@code parse}.
 *
 * <pre>{@code
 * RequestParser p = new RequestParser();
 * if (p.parse(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(US_ASCII))) == ParseEvent.HEAD) {
 *     p.method();   // GET
 *     p.target();   // "/"
 * }
 * }</pre>
 */
public final class RequestParser {
    private final MessageParser parser;

    /** A parser with {@link ParserConfig#DEFAULT}. */
    public RequestParser() {
        this(ParserConfig.DEFAULT);
    }

    public RequestParser(ParserConfig config) {
        this.parser = new MessageParser(true, Objects.requireNonNull(config, "config"));
    }

    /** Sees every chunk header of chunked bodies; {@code null} to remove. */
    public void setChunkObserver(ChunkObserver observer) {
        parser.setChunkObserver(observer);
    }

    /**
     * Parses bytes from {@code input.position()}, advancing it past what was consumed; see
     * {@link ResponseParser#parse(ByteBuffer)}, which also fails as soon as the received bytes prove
     * the message bad. A Content-Length line is judged as soon as it ends (not at the end of the
     * header section): a request with Transfer-Encoding too is refused anyway (RFC 9112 §6.3).
     */
    public ParseEvent parse(ByteBuffer input) throws EnvoiException {
        return parser.parse(input);
    }

    /**
     * The peer closed the connection: {@link ParseEvent#NEED_INPUT} between requests,
     * {@link ParseEvent#MESSAGE_COMPLETE} if the request had no body left.
     *
     * @throws dev.envoi.core.MalformedMessageException when a request was cut short (RFC 9112 §8)
     */
    public ParseEvent endOfInput() throws EnvoiException {
        return parser.endOfInput();
    }

    /** The method; after HEAD. Standard methods are the {@link Method} constants. */
    public Method method() {
        return parser.startLine().method();
    }

    /** The request-target exactly as received (RFC 9112 §3.2). */
    public String target() {
        StartLine line = parser.startLine();
        return new String(parser.headBytes(), line.targetStart(), line.targetEnd() - line.targetStart(),
                StandardCharsets.ISO_8859_1);
    }

    /** The protocol version of the request-line. */
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

    /** The value of field line {@code i}, trimmed. */
    public String fieldValue(int i) {
        Objects.checkIndex(i, parser.fields().count());
        return parser.fields().value(i);
    }

    /** An immutable snapshot of the request-line and header fields. */
    public RequestHead head() {
        return new RequestHead(method(), target(), version(), parser.fields().toHeaders());
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

    /** After BODY: a read-only view of body bytes in the input, valid until the next {@code parse}. */
    public ByteBuffer body() {
        return parser.body();
    }

    /** After MESSAGE_COMPLETE: the trailer fields of a chunked body, or {@link Headers#EMPTY}. */
    public Headers trailers() {
        return parser.trailers();
    }

    /**
     * Whether another request may follow on the connection (RFC 9112 §9.3): HTTP/1.1 without
     * {@code Connection: close} or HTTP/1.0 with {@code keep-alive}, and not CONNECT.
     */
    public boolean keepAlive() {
        return parser.keepAlive();
    }

    /** After MESSAGE_COMPLETE of a CONNECT request: the parser stops; see the class description. */
    public boolean upgraded() {
        return parser.upgraded();
    }

    /** The engine, for {@link BodyInputStream}. */
    MessageParser engine() {
        return parser;
    }
}
