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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The incremental HTTP/1.x message parser behind {@code RequestParser} and {@code ResponseParser}:
 * a state machine whose states are positions in the grammar of RFC 9112, one short handler each.
 *
 * <pre>
 * HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]   ; RFC 9112 §2.1
 * chunked-body = *chunk last-chunk trailer-section CRLF                     ; RFC 9112 §7.1
 * </pre>
 *
 * The header section is copied into one reusable buffer ({@link LineBuffer}); fields are offsets
 * into it. Body bytes are never copied: each BODY event is a read-only view of the caller's input.
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
        /** chunk-size [ chunk-ext ] CRLF. */
        CHUNK_SIZE_LINE,
        /** chunk-data. */
        CHUNK_DATA,
        /** the CR after chunk-data. */
        CHUNK_DATA_CR,
        /** the LF after chunk-data. */
        CHUNK_DATA_LF,
        /** a trailer field-line, or the final CRLF of the chunked body. */
        TRAILER_LINE,
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

    private static final int CHUNK_SIZE_DIGITS_AND_CRLF = 18;

    private final boolean request;
    private final ParserConfig config;
    private final boolean bareLf;
    private final LineBuffer head;
    private final FieldSection fields;
    private final StartLine startLine = new StartLine();
    private final FramingFields framingFields = new FramingFields();
    private final LineBuffer chunkLine = new LineBuffer(64);
    private final LineBuffer trailerLines = new LineBuffer(256);
    private final FieldSection trailerFields;

    private State state = State.START_LINE;
    private boolean headAvailable;
    private boolean interimSeen;
    private int skippedEmptyLineBytes;
    private Method requestMethod = Method.GET;
    private Outcome outcome;
    private boolean keepAlive;
    private long remaining;
    private long bodyOffset;
    private BodyFraming framing;
    private Headers trailers;
    private ChunkObserver observer;
    private ByteBuffer bodySource;
    private ByteBuffer bodyView;

    public MessageParser(boolean request, ParserConfig config) {
        this.request = request;
        this.config = Objects.requireNonNull(config, "config");
        this.bareLf = config.allows(Leniency.BARE_LF);
        boolean unfold = !request || config.allows(Leniency.OBS_FOLD_IN_REQUEST);
        boolean wsBeforeColon = !request && config.allows(Leniency.WHITESPACE_BEFORE_COLON_IN_RESPONSE);
        this.head = new LineBuffer(Math.min(2048, config.maxHeaderBytes()));
        this.fields = new FieldSection(head, config.maxFieldCount(), "maxFieldCount", unfold, wsBeforeColon, true);
        this.trailerFields = new FieldSection(trailerLines, config.maxTrailerCount(), "maxTrailerCount", unfold,
                wsBeforeColon, false);
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

    /** One handler per grammar position; {@code null} means "go on with the new state". */
    private ParseEvent step(ByteBuffer in) throws EnvoiException {
        return switch (state) {
            case BETWEEN_MESSAGES -> beginMessage();
            case START_LINE -> startLine(in);
            case FIELD_LINE -> fieldLine(in);
            case NO_BODY -> messageComplete();
            case FIXED_LENGTH_BODY -> remaining == 0 ? messageComplete() : bodyBytes(in);
            case CHUNK_SIZE_LINE -> chunkSizeLine(in);
            case CHUNK_DATA -> remaining == 0 ? next(State.CHUNK_DATA_CR) : bodyBytes(in);
            case CHUNK_DATA_CR -> chunkDataCr(in);
            case CHUNK_DATA_LF -> chunkDataLf(in);
            case TRAILER_LINE -> trailerLine(in);
            case UNTIL_CLOSE_BODY -> in.hasRemaining() ? body(in, in.remaining()) : ParseEvent.NEED_INPUT;
            default -> throw new IllegalStateException("parser is " + state);
        };
    }

    private ParseEvent next(State s) {
        state = s;
        return null;
    }

    private ParseEvent beginMessage() {
        head.clear();
        fields.clear(0);
        headAvailable = false;
        skippedEmptyLineBytes = 0;
        framing = null;
        trailers = null;
        trailerFields.clear(0);
        return next(State.START_LINE);
    }

    private ParseEvent startLine(ByteBuffer in) throws EnvoiException {
        int start = head.lineStart();
        int limitEnd = Math.min(config.maxHeaderBytes(), start + config.maxStartLineBytes() + 2);
        int lf = head.readLine(in, limitEnd);
        if (lf == LineBuffer.NEED_INPUT) {
            return ParseEvent.NEED_INPUT;
        }
        if (lf == LineBuffer.LIMIT_REACHED) {
            throw limitEnd == config.maxHeaderBytes()
                    ? new LimitExceededException("maxHeaderBytes", config.maxHeaderBytes(), limitEnd, "header section")
                    : new LimitExceededException("maxStartLineBytes", config.maxStartLineBytes(), limitEnd, "start-line");
        }
        int end = contentEnd(head, start, lf, "START_LINE", 0);
        if (end - start > config.maxStartLineBytes()) {
            throw new LimitExceededException("maxStartLineBytes", config.maxStartLineBytes(), end, "start-line");
        }
        if (end == start) {
            return skipEmptyLine(lf + 1);
        }
        if (request) {
            startLine.parseRequestLine(head.bytes(), start, end);
        } else {
            startLine.parseStatusLine(head.bytes(), start, end);
        }
        head.startLineAt(lf + 1);
        return next(State.FIELD_LINE);
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
        return null;
    }

    private ParseEvent fieldLine(ByteBuffer in) throws EnvoiException {
        int start = head.lineStart();
        int lf = head.readLine(in, config.maxHeaderBytes());
        if (lf == LineBuffer.NEED_INPUT) {
            return ParseEvent.NEED_INPUT;
        }
        if (lf == LineBuffer.LIMIT_REACHED) {
            throw new LimitExceededException("maxHeaderBytes", config.maxHeaderBytes(), head.length(), "header section");
        }
        int end = contentEnd(head, start, lf, "FIELD_LINE", 0);
        head.startLineAt(lf + 1);
        if (end == start) {
            return headComplete();
        }
        fields.parseLine(start, end);
        return null;
    }

    /** The empty line ended the header section: decide the framing (RFC 9112 §6.3). */
    private ParseEvent headComplete() throws MalformedMessageException {
        framingFields.read(fields, head.bytes());
        Outcome o = request
                ? FramingRules.request(startLine.method(), startLine.version(), framingFields.codings(), framingFields.length())
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
            interimSeen = true;
            state = State.BETWEEN_MESSAGES;
            return ParseEvent.INTERIM_HEAD;
        }
        switch (o.body()) {
            case CONTENT_LENGTH -> {
                remaining = framingFields.lengthValue();
                state = State.FIXED_LENGTH_BODY;
            }
            case CHUNKED -> state = State.CHUNK_SIZE_LINE;
            case UNTIL_CLOSE -> state = State.UNTIL_CLOSE_BODY;
            default -> state = State.NO_BODY;
        }
        return ParseEvent.HEAD;
    }

    private MalformedMessageException framingError(Outcome o) {
        String reason = o.error();
        int at = head.length() - 1;
        if (o == Outcome.INVALID_CONTENT_LENGTH) {
            reason = reason + ": " + framingFields.lengthError();
            at = framingFields.lengthErrorAt();
        } else if (o == Outcome.INVALID_TRANSFER_ENCODING) {
            reason = reason + ": " + framingFields.codingsError();
            at = framingFields.codingsErrorAt();
        } else {
            for (int i = 0; i < fields.count(); i++) {
                if (fields.id(i) == KnownFields.TRANSFER_ENCODING) {
                    at = fields.valueStart(i);
                    break;
                }
            }
        }
        return Diagnostics.malformed(reason, o.rfcSection(), "FIELD_LINE", head.bytes(), head.length(), at, 0);
    }

    private ParseEvent messageComplete() {
        if (outcome.upgrade()) {
            state = State.UPGRADED;
        } else {
            state = State.BETWEEN_MESSAGES;
        }
        interimSeen = false;
        requestMethod = Method.GET;
        return ParseEvent.MESSAGE_COMPLETE;
    }

    private ParseEvent bodyBytes(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        if (n == 0) {
            return ParseEvent.NEED_INPUT;
        }
        remaining -= n;
        return body(in, n);
    }

    /** A BODY event: a read-only view of {@code n} input bytes, reused while the input object is. */
    private ParseEvent body(ByteBuffer in, int n) {
        int pos = in.position();
        if (bodySource != in) {
            bodySource = in;
            bodyView = in.asReadOnlyBuffer();
        }
        bodyView.limit(pos + n).position(pos);
        in.position(pos + n);
        bodyOffset += n;
        return ParseEvent.BODY;
    }

    private ParseEvent chunkSizeLine(ByteBuffer in) throws EnvoiException {
        int lf = chunkLine.readLine(in, CHUNK_SIZE_DIGITS_AND_CRLF + config.maxChunkExtensionBytes());
        if (lf == LineBuffer.NEED_INPUT) {
            return ParseEvent.NEED_INPUT;
        }
        if (lf == LineBuffer.LIMIT_REACHED) {
            throw new LimitExceededException("maxChunkExtensionBytes", config.maxChunkExtensionBytes(),
                    bodyOffset + chunkLine.length(), "chunk-size line");
        }
        int end = contentEnd(chunkLine, 0, lf, "CHUNK_SIZE_LINE", bodyOffset);
        List<String[]> extensions = observer == null ? null : new ArrayList<>(0);
        long size = ChunkLine.parse(chunkLine.bytes(), end, config.maxChunkExtensionBytes(), extensions, bodyOffset);
        bodyOffset += lf + 1;
        chunkLine.clear();
        if (observer != null) {
            observer.chunkHeader(size, extensions);
        }
        if (size == 0) {
            trailerLines.clear();
            trailerFields.clear(bodyOffset);
            return next(State.TRAILER_LINE);
        }
        remaining = size;
        return next(State.CHUNK_DATA);
    }

    private ParseEvent chunkDataCr(ByteBuffer in) throws MalformedMessageException {
        if (!in.hasRemaining()) {
            return ParseEvent.NEED_INPUT;
        }
        byte c = in.get(in.position());
        if (c != '\r' && !(c == '\n' && bareLf)) {
            throw inputError("expected CRLF after chunk-data but was " + Diagnostics.describe(c), in);
        }
        in.position(in.position() + 1);
        bodyOffset++;
        return next(c == '\r' ? State.CHUNK_DATA_LF : State.CHUNK_SIZE_LINE);
    }

    private ParseEvent chunkDataLf(ByteBuffer in) throws MalformedMessageException {
        if (!in.hasRemaining()) {
            return ParseEvent.NEED_INPUT;
        }
        byte c = in.get(in.position());
        if (c != '\n') {
            throw inputError("expected LF after CR after chunk-data but was " + Diagnostics.describe(c), in);
        }
        in.position(in.position() + 1);
        bodyOffset++;
        return next(State.CHUNK_SIZE_LINE);
    }

    private ParseEvent trailerLine(ByteBuffer in) throws EnvoiException {
        int start = trailerLines.lineStart();
        int lf = trailerLines.readLine(in, config.maxTrailerBytes());
        if (lf == LineBuffer.NEED_INPUT) {
            return ParseEvent.NEED_INPUT;
        }
        if (lf == LineBuffer.LIMIT_REACHED) {
            throw new LimitExceededException("maxTrailerBytes", config.maxTrailerBytes(),
                    bodyOffset + trailerLines.length(), "trailer section");
        }
        int end = contentEnd(trailerLines, start, lf, "TRAILER_LINE", bodyOffset);
        trailerLines.startLineAt(lf + 1);
        if (end == start) {
            bodyOffset += trailerLines.length();
            return messageComplete();
        }
        trailerFields.parseLine(start, end);
        return null;
    }

    /** The end of a line's content: before its CRLF, or before a bare LF if {@link Leniency#BARE_LF}. */
    private int contentEnd(LineBuffer lines, int start, int lf, String position, long base)
            throws MalformedMessageException {
        byte[] b = lines.bytes();
        if (lf > start && b[lf - 1] == '\r') {
            return lf - 1;
        }
        if (bareLf) {
            return lf;
        }
        throw Diagnostics.malformed("expected CRLF but was a bare LF", "RFC 9112 §2.2", position, b, lines.length(),
                lf, base);
    }

    private MalformedMessageException inputError(String reason, ByteBuffer in) {
        int pos = in.position();
        byte[] around = new byte[Math.min(16, in.remaining())];
        in.get(pos, around);
        return new MalformedMessageException(reason, "RFC 9112 §7.1", bodyOffset, state.name(),
                MalformedMessageException.escape(around, 0, around.length));
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
            case BETWEEN_MESSAGES, START_LINE -> {
                if (!interimSeen && head.length() == 0) {
                    return ParseEvent.NEED_INPUT;
                }
            }
            case FAILED, UPGRADED, CLOSED -> throw new IllegalStateException("parser is " + state);
            default -> {
            }
        }
        State at = state;
        state = State.FAILED;
        String what = switch (at) {
            case FIXED_LENGTH_BODY, CHUNK_DATA -> remaining + " more body bytes";
            case BETWEEN_MESSAGES, START_LINE -> interimSeen && head.length() == 0 ? "the final response after 1xx"
                    : "the rest of the start-line";
            case FIELD_LINE -> "the rest of the header section";
            default -> "the rest of the chunked body";
        };
        return truncated(what, at);
    }

    private ParseEvent truncated(String what, State at) throws MalformedMessageException {
        long offset = headAvailable ? bodyOffset : head.length();
        throw new MalformedMessageException("message truncated: expected " + what + " but the input ended",
                "RFC 9112 §8", offset, at.name(), null);
    }

    // ---- accessors ----

    public void expectResponseTo(Method method) {
        Objects.requireNonNull(method, "method");
        if (headAvailable && state != State.BETWEEN_MESSAGES) {
            throw new IllegalStateException("a response is being parsed (" + state + "); set the method before it");
        }
        requestMethod = method;
    }

    public void setChunkObserver(ChunkObserver o) {
        this.observer = o;
    }

    /** The start line, fields and framing of the current head; throws unless after (INTERIM_)HEAD. */
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
        if (bodyView == null) {
            throw new IllegalStateException("no BODY event yet");
        }
        return bodyView;
    }

    public Headers trailers() {
        if (state != State.BETWEEN_MESSAGES && state != State.UPGRADED && state != State.CLOSED || !headAvailable) {
            throw new IllegalStateException("trailers are available after MESSAGE_COMPLETE; parser is " + state);
        }
        if (trailers == null) {
            trailers = trailerFields.toHeaders();
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
