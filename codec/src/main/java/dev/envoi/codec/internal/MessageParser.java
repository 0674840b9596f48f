package dev.envoi.codec.internal;

import dev.envoi.codec.BodyFraming;
import dev.envoi.codec.ChunkObserver;
import dev.envoi.codec.Leniency;
import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.ParserConfig;
import dev.envoi.codec.internal.FramingRules.Outcome;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import dev.envoi.core.Method;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The incremental HTTP/1.x message parser behind {@code RequestParser} and {@code ResponseParser}:
 * a state machine whose states are positions in the grammar of RFC 9112, one short handler each.
 *
 * <pre>
 * HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]   ; RFC 9112 §2.1
 * </pre>
 *
 * The header section is copied once into a reusable buffer ({@link LineBuffer}) and fields are
 * offsets into it. Body bytes are never copied: each BODY event is a view of the caller's input
 * ({@link BodyView}). Chunked bodies are decoded by {@link ChunkedDecoder}.
 *
 * <p>Fail fast: when a line is incomplete (or ends with a bare LF), the bytes received so far are
 * checked by the same left-to-right rules as the whole line, resuming where the last check stopped,
 * so the first error in them is thrown now — and it is the first error of the whole line, whatever
 * the split. A last CR is not judged until the byte after it arrives (it may start the CRLF). Syntax
 * is checked before length limits, for the same reason.
 */
public final class MessageParser {
    /** Grammar positions. */
    enum State {
        /** request-line or status-line, and empty lines before it (RFC 9112 §2.2). */
        START_LINE,
        /** a field-line, or the empty line that ends the header section. */
        FIELD_LINE,
        /** the head said there is no body; MESSAGE_COMPLETE is next. */
        NO_BODY,
        /** Content-Length body bytes. */
        FIXED_LENGTH_BODY,
        /** a chunked body, at the position of {@link ChunkedDecoder#position()}. */
        CHUNKED_BODY,
        /** a body delimited by the end of the connection. */
        UNTIL_CLOSE_BODY,
        /** between messages: the last event was MESSAGE_COMPLETE or INTERIM_HEAD. */
        BETWEEN_MESSAGES,
        /** the connection left HTTP/1.1 (101, CONNECT); nothing more to parse. */
        UPGRADED,
        /** the input ended after a close-delimited body. */
        CLOSED,
        /** a peer error was thrown; the connection is unusable. */
        FAILED
    }

    private final boolean request;
    private final ParserConfig config;
    private final boolean bareLf;
    private final boolean unfoldRequests;
    private final LineBuffer head;
    private final FieldSection fields;
    private final StartLine startLine = new StartLine();
    private final FramingFields framingFields = new FramingFields();
    private final BodyView body = new BodyView();
    private final ChunkedDecoder chunked;

    private State state = State.START_LINE;
    private boolean headAvailable;
    /** Interim (1xx) heads before the current final one, bounded by maxInterimResponses. */
    private int interimCount;
    /** Whether each Content-Length line is judged as it completes; see {@link #contentLengthLine}. */
    private boolean judgeLengthPerLine;
    private int skippedEmptyLineBytes;
    private Method requestMethod = Method.GET;
    private Outcome outcome;
    private boolean keepAlive;
    private long remaining;
    private long bodyOffset;
    private BodyFraming framing;
    private Headers trailers;

    public MessageParser(boolean request, ParserConfig config) {
        this.request = request;
        this.config = Objects.requireNonNull(config, "config");
        this.bareLf = config.allows(Leniency.BARE_LF);
        this.unfoldRequests = config.allows(Leniency.OBS_FOLD_IN_REQUEST);
        boolean unfold = !request || config.allows(Leniency.OBS_FOLD_IN_REQUEST);
        boolean wsBeforeColon = !request && config.allows(Leniency.WHITESPACE_BEFORE_COLON_IN_RESPONSE);
        this.head = new LineBuffer(Math.min(2048, config.maxHeaderBytes()));
        this.fields = new FieldSection(head, config.maxFieldCount(), "maxFieldCount", unfold, wsBeforeColon, true);
        this.chunked = new ChunkedDecoder(config, bareLf, unfold, wsBeforeColon, body);
    }

    /** Parses from {@code in.position()}; see {@code ResponseParser.parse}. */
    public ParseEvent parse(ByteBuffer in) throws EnvoiException {
        Objects.requireNonNull(in, "input");
        if (state == State.FAILED || state == State.UPGRADED || state == State.CLOSED) {
            throw new IllegalStateException("parser is " + state + (state == State.UPGRADED
                    ? ": the remaining bytes belong to the new protocol" : ": no more input can be parsed"));
        }
        try {
            ParseEvent event;
            do {
                event = step(in);
            } while (event == null);
            return event;
        } catch (EnvoiException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** One handler per grammar position; {@code null} means "go on in the new state". */
    private ParseEvent step(ByteBuffer in) throws EnvoiException {
        return switch (state) {
            case BETWEEN_MESSAGES -> beginMessage();
            case START_LINE -> startLine(in);
            case FIELD_LINE -> fieldLine(in);
            case NO_BODY -> messageComplete();
            case FIXED_LENGTH_BODY -> fixedLengthBody(in);
            case CHUNKED_BODY -> chunkedBody(in);
            case UNTIL_CLOSE_BODY -> in.hasRemaining() ? body(in, in.remaining()) : ParseEvent.NEED_INPUT;
            default -> throw new IllegalStateException("parser is " + state);
        };
    }

    private ParseEvent beginMessage() {
        head.clear();
        startLine.begin();
        fields.clear(0);
        headAvailable = false;
        skippedEmptyLineBytes = 0;
        framing = null;
        trailers = null;
        state = State.START_LINE;
        return null;
    }

    private ParseEvent startLine(ByteBuffer in) throws EnvoiException {
        int start = head.lineStart();
        int limitEnd = Math.min(config.maxHeaderBytes(), start + config.maxStartLineBytes() + 2);
        int lf = head.readLine(in, limitEnd);
        if (lf < 0 || !head.endsWithCrlf(start, lf)) { // fail fast, left to right: see checkStartLinePrefix
            checkStartLinePrefix(start, lf < 0 ? head.receivedContentEnd() : lf);
        }
        if (lf == LineBuffer.NEED_INPUT) {
            return ParseEvent.NEED_INPUT;
        }
        if (lf == LineBuffer.LIMIT_REACHED) {
            throw limitEnd == config.maxHeaderBytes()
                    ? new LimitExceededException("maxHeaderBytes", config.maxHeaderBytes(), limitEnd, "header section")
                    : new LimitExceededException("maxStartLineBytes", config.maxStartLineBytes(), limitEnd,
                            "start-line");
        }
        int end = head.contentEnd(start, lf, bareLf, "START_LINE", 0);
        if (end == start) {
            return skipEmptyLine(lf + 1);
        }
        // syntax before length, as the prefix checks above do, so every split fails the same way
        if (request) {
            startLine.parseRequestLine(head.bytes(), start, end);
        } else {
            startLine.parseStatusLine(head.bytes(), start, end);
        }
        if (end - start > config.maxStartLineBytes()) {
            throw new LimitExceededException("maxStartLineBytes", config.maxStartLineBytes(), end, "start-line");
        }
        startLine.begin();
        head.startLineAt(lf + 1);
        judgeLengthPerLine = request && !unfoldRequests && !Method.CONNECT.equals(startLine.method());
        framingFields.clear();
        state = State.FIELD_LINE;
        return null;
    }

    /**
     * Checks the bytes of the start-line received so far, before {@code end}: an incomplete line whose
     * received part is already wrong fails now, with the error the whole line would give, rather
     * than after more bytes or a timeout; and errors left of a bare LF come before the bare LF's.
     */
    private void checkStartLinePrefix(int start, int end) throws MalformedMessageException {
        if (request) {
            startLine.checkRequestLinePrefix(head.bytes(), start, end);
        } else {
            startLine.checkStatusLinePrefix(head.bytes(), start, end);
        }
    }

    /**
     * RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line. A client
     * does the same before a status-line: servers that send a stray CRLF after a body exist, an
     * empty line means nothing, and skipping it cannot move a message boundary.
     */
    private ParseEvent skipEmptyLine(int length) throws LimitExceededException {
        skippedEmptyLineBytes += length;
        if (skippedEmptyLineBytes > config.maxStartLineBytes()) {
            throw new LimitExceededException("maxStartLineBytes", config.maxStartLineBytes(), skippedEmptyLineBytes,
                    "empty lines before the start-line");
        }
        head.clear();
        startLine.begin();
        return null;
    }

    private ParseEvent fieldLine(ByteBuffer in) throws EnvoiException {
        int start = head.lineStart();
        int lf = head.readLine(in, config.maxHeaderBytes());
        if (lf < 0 || !head.endsWithCrlf(start, lf)) { // fail fast, left to right: see checkStartLinePrefix
            fields.checkPrefix(start, lf < 0 ? head.receivedContentEnd() : lf);
        }
        if (lf == LineBuffer.NEED_INPUT) {
            return ParseEvent.NEED_INPUT;
        }
        if (lf == LineBuffer.LIMIT_REACHED) {
            throw new LimitExceededException("maxHeaderBytes", config.maxHeaderBytes(), head.length(),
                    "header section");
        }
        int end = head.contentEnd(start, lf, bareLf, "FIELD_LINE", 0);
        head.startLineAt(lf + 1);
        if (end == start) {
            return headComplete();
        }
        fields.parseLine(start, end);
        if (judgeLengthPerLine && fields.id(fields.count() - 1) == KnownFields.CONTENT_LENGTH) {
            contentLengthLine(fields.count() - 1);
        }
        return null;
    }

    /**
     * A Content-Length line of a request completed: judge it now rather than at the end of the head.
     * RFC 9112 §6.3 rule 5 makes an invalid Content-Length an error only when there is no
     * Transfer-Encoding, and a Transfer-Encoding line may still follow; but in a request
     * Transfer-Encoding with Content-Length is refused anyway (rule 3, see {@link FramingRules}), so
     * once an invalid or conflicting value is seen no later line can make the request acceptable.
     * Not done when the framing fields do not count (CONNECT, RFC 9110 §9.3.6), nor when obs-fold is
     * unfolded (a continuation line could still change the value), nor in a response, where a later
     * Transfer-Encoding makes the invalid Content-Length irrelevant (rule 3): those wait for the head.
     */
    private void contentLengthLine(int i) throws MalformedMessageException {
        framingFields.readContentLengthLine(head.bytes(), fields.valueStart(i), fields.valueEnd(i));
        if (framingFields.length() == FramingRules.Length.INVALID) {
            throw framingError(Outcome.INVALID_CONTENT_LENGTH);
        }
    }

    /** The empty line ended the header section: decide the framing (RFC 9112 §6.3). */
    private ParseEvent headComplete() throws MalformedMessageException, LimitExceededException {
        framingFields.read(fields, head.bytes());
        Outcome o = request
                ? FramingRules.request(startLine.method(), startLine.version(), framingFields.codings(),
                        framingFields.length())
                : FramingRules.response(requestMethod, startLine.status(), startLine.version(),
                        framingFields.codings(), framingFields.length());
        if (o.error() != null) {
            throw framingError(o);
        }
        outcome = o;
        headAvailable = true;
        bodyOffset = head.length();
        boolean persistent = !framingFields.close()
                && (startLine.version().isAtLeast11() || framingFields.keepAlive()); // RFC 9112 §9.3
        keepAlive = persistent && !o.closeAfter();
        if (o == Outcome.INTERIM) {
            if (++interimCount > config.maxInterimResponses()) {
                throw new LimitExceededException("maxInterimResponses", config.maxInterimResponses(), head.length(),
                        "interim (1xx) responses before the final response (RFC 9110 §15.2)");
            }
            state = State.BETWEEN_MESSAGES;
            return ParseEvent.INTERIM_HEAD;
        }
        switch (o.body()) {
            case CONTENT_LENGTH -> {
                remaining = framingFields.lengthValue();
                state = State.FIXED_LENGTH_BODY;
            }
            case CHUNKED -> {
                chunked.begin(bodyOffset);
                state = State.CHUNKED_BODY;
            }
            case UNTIL_CLOSE -> state = State.UNTIL_CLOSE_BODY;
            default -> state = State.NO_BODY;
        }
        return ParseEvent.HEAD;
    }

    private MalformedMessageException framingError(Outcome o) {
        return framingFields.error(o, fields, head.bytes(), head.length());
    }

    private ParseEvent fixedLengthBody(ByteBuffer in) {
        if (remaining == 0) {
            return messageComplete();
        }
        int n = (int) Math.min(remaining, in.remaining());
        if (n == 0) {
            return ParseEvent.NEED_INPUT;
        }
        remaining -= n;
        return body(in, n);
    }

    private ParseEvent body(ByteBuffer in, int n) {
        body.take(in, n);
        bodyOffset += n;
        return ParseEvent.BODY;
    }

    private ParseEvent chunkedBody(ByteBuffer in) throws EnvoiException {
        ParseEvent event = chunked.decode(in);
        bodyOffset = chunked.offset();
        return event == ParseEvent.MESSAGE_COMPLETE ? messageComplete() : event;
    }

    private ParseEvent messageComplete() {
        state = outcome.upgrade() ? State.UPGRADED : State.BETWEEN_MESSAGES;
        interimCount = 0;
        requestMethod = Method.GET;
        return ParseEvent.MESSAGE_COMPLETE;
    }

    /** The peer closed the connection; see {@code ResponseParser.endOfInput}. */
    public ParseEvent endOfInput() throws MalformedMessageException {
        switch (state) {
            case UNTIL_CLOSE_BODY -> {
                state = State.CLOSED;
                keepAlive = false;
                return ParseEvent.MESSAGE_COMPLETE;
            }
            case NO_BODY -> {
                return messageComplete();
            }
            case FIXED_LENGTH_BODY -> {
                if (remaining == 0) {
                    return messageComplete();
                }
            }
            case BETWEEN_MESSAGES -> {
                if (interimCount == 0) {
                    return ParseEvent.NEED_INPUT; // idle between messages
                }
            }
            case START_LINE -> {
                if (interimCount == 0 && head.length() == 0) {
                    return ParseEvent.NEED_INPUT; // idle, or only empty lines were received
                }
            }
            case FAILED, UPGRADED, CLOSED -> throw new IllegalStateException("parser is " + state);
            default -> {
            }
        }
        throw truncated();
    }

    /** RFC 9112 §8: a message cut short by the end of the connection is incomplete, never complete. */
    private MalformedMessageException truncated() {
        State at = state;
        state = State.FAILED;
        String what;
        String position = at.name();
        long offset = headAvailable ? bodyOffset : head.length();
        switch (at) {
            case FIXED_LENGTH_BODY -> what = remaining + " more body bytes";
            case CHUNKED_BODY -> {
                position = chunked.position().name();
                offset = chunked.offset();
                what = chunked.position() == ChunkedDecoder.Position.CHUNK_DATA
                        ? chunked.remaining() + " more body bytes" : "the rest of the chunked body";
            }
            case FIELD_LINE -> what = "the rest of the header section";
            default -> {
                boolean awaitingFinal = at == State.BETWEEN_MESSAGES || head.length() == 0;
                what = awaitingFinal ? "the final response after 1xx" : "the rest of the start-line";
                offset = awaitingFinal ? 0 : offset;
            }
        }
        return new MalformedMessageException("message truncated: expected " + what + " but the input ended",
                "RFC 9112 §8", offset, position, null);
    }

    // ---- what the head said, for the public parsers ----

    public void expectResponseTo(Method method) {
        Objects.requireNonNull(method, "method");
        if (headAvailable && state != State.BETWEEN_MESSAGES) {
            throw new IllegalStateException("a response is being parsed (" + state + "); set the method before it");
        }
        requestMethod = method;
    }

    public void setChunkObserver(ChunkObserver observer) {
        chunked.setObserver(observer);
    }

    /** The start line of the current head; throws unless after (INTERIM_)HEAD. */
    public StartLine startLine() {
        requireHead();
        return startLine;
    }

    public FieldSection fields() {
        requireHead();
        return fields;
    }

    public byte[] headBytes() {
        requireHead();
        return head.bytes();
    }

    public BodyFraming framing() {
        requireHead();
        if (framing == null) {
            framing = switch (outcome.body()) {
                case CONTENT_LENGTH -> new BodyFraming.FixedLength(framingFields.lengthValue());
                case CHUNKED -> BodyFraming.CHUNKED;
                case UNTIL_CLOSE -> BodyFraming.UNTIL_CLOSE;
                case NONE -> BodyFraming.NO_BODY;
            };
        }
        return framing;
    }

    /** The Content-Length that frames the body, or -1 when the body is not framed by one. */
    public long contentLength() {
        requireHead();
        return outcome.body() == FramingRules.Body.CONTENT_LENGTH ? framingFields.lengthValue() : -1;
    }

    public ByteBuffer body() {
        if (body.view() == null) {
            throw new IllegalStateException("no BODY event yet");
        }
        return body.view();
    }

    public Headers trailers() {
        boolean complete = state == State.BETWEEN_MESSAGES || state == State.UPGRADED || state == State.CLOSED;
        if (!complete || !headAvailable) {
            throw new IllegalStateException("trailers are available after MESSAGE_COMPLETE; parser is " + state);
        }
        if (trailers == null) {
            trailers = outcome.body() == FramingRules.Body.CHUNKED ? chunked.trailers() : Headers.EMPTY;
        }
        return trailers;
    }

    public boolean keepAlive() {
        requireHead();
        return keepAlive && state != State.CLOSED;
    }

    public boolean upgraded() {
        return state == State.UPGRADED;
    }

    private void requireHead() {
        if (!headAvailable) {
            throw new IllegalStateException("no head parsed yet (parser is " + state + ")");
        }
    }
}
