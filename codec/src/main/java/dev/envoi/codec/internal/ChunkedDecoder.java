package dev.envoi.codec.internal;

import dev.envoi.codec.ChunkObserver;
import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.ParserConfig;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a chunked body (RFC 9112 §7.1) incrementally: chunk data become BODY events that are
 * views of the input, never copies; chunk-size lines and trailer fields are checked byte by byte.
 *
 * <pre>
 * chunked-body   = *chunk last-chunk trailer-section CRLF
 * chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 * trailer-section = *( field-line CRLF )
 * </pre>
 */
final class ChunkedDecoder {
    /** Grammar positions inside a chunked body. */
    enum Position {
        /** chunk-size [ chunk-ext ] CRLF. */
        CHUNK_SIZE_LINE,
        /** chunk-data. */
        CHUNK_DATA,
        /** the CR after chunk-data. */
        CHUNK_DATA_CR,
        /** the LF after chunk-data. */
        CHUNK_DATA_LF,
        /** a trailer field-line, or the final CRLF. */
        TRAILER_LINE,
        /** the final CRLF was read. */
        DONE
    }

    /**
     * The bytes of a chunk-size line besides its extensions: 16 HEXDIG (2^63-1 needs 16) and a CRLF.
     * Zeros that pad the size take from the same allowance as the extensions (RFC 9112 §7.1 caps
     * neither; this limit bounds both).
     */
    private static final int CHUNK_SIZE_DIGITS_AND_CRLF = 18;

    private final ParserConfig config;
    private final boolean bareLf;
    private final BodyView body;
    private final LineBuffer chunkLine = new LineBuffer(64);
    private final LineBuffer trailerLines = new LineBuffer(256);
    private final FieldSection trailerFields;
    private Position position = Position.DONE;
    private long remaining;
    /** The fail-fast check of the current chunk-size line. */
    private final ChunkLine.PrefixCheck chunkLineCheck = new ChunkLine.PrefixCheck();
    private long offset;
    private ChunkObserver observer;

    ChunkedDecoder(ParserConfig config, boolean bareLf, boolean unfold, boolean whitespaceBeforeColon, BodyView body) {
        this.config = config;
        this.bareLf = bareLf;
        this.body = body;
        this.trailerFields = new FieldSection(trailerLines, config.maxTrailerCount(), "maxTrailerCount", unfold,
                whitespaceBeforeColon, false);
    }

    /** Starts a chunked body whose first byte is at message offset {@code offset}. */
    void begin(long offset) {
        this.offset = offset;
        position = Position.CHUNK_SIZE_LINE;
        chunkLine.clear();
        chunkLineCheck.reset();
        trailerLines.clear();
        trailerFields.clear(0);
    }

    void setObserver(ChunkObserver observer) {
        this.observer = observer;
    }

    Position position() {
        return position;
    }

    /** Message offset of the next byte to decode. */
    long offset() {
        return offset;
    }

    /** Chunk-data bytes still expected in the current chunk. */
    long remaining() {
        return remaining;
    }

    /** The trailer fields, after the body is done. */
    Headers trailers() {
        return trailerFields.toHeaders();
    }

    /**
     * Decodes from {@code in}: BODY (see {@link BodyView}), MESSAGE_COMPLETE after the final CRLF,
     * or NEED_INPUT once {@code in} is empty.
     */
    ParseEvent decode(ByteBuffer in) throws EnvoiException {
        while (true) {
            ParseEvent event = switch (position) {
                case CHUNK_SIZE_LINE -> chunkSizeLine(in);
                case CHUNK_DATA -> chunkData(in);
                case CHUNK_DATA_CR -> chunkDataCr(in);
                case CHUNK_DATA_LF -> chunkDataLf(in);
                case TRAILER_LINE -> trailerLine(in);
                case DONE -> throw new IllegalStateException("the chunked body is complete");
            };
            if (event != null) {
                return event;
            }
        }
    }

    private ParseEvent chunkSizeLine(ByteBuffer in) throws EnvoiException {
        int lf = chunkLine.readLine(in, CHUNK_SIZE_DIGITS_AND_CRLF + config.maxChunkExtensionBytes());
        if (lf < 0 || !chunkLine.endsWithCrlf(0, lf)) { // fail fast, left to right, as for the start-line
            chunkLineCheck.check(chunkLine.bytes(), lf < 0 ? chunkLine.receivedContentEnd() : lf, offset);
        }
        if (lf == LineBuffer.NEED_INPUT) {
            return ParseEvent.NEED_INPUT;
        }
        if (lf == LineBuffer.LIMIT_REACHED) {
            throw new LimitExceededException("maxChunkExtensionBytes", config.maxChunkExtensionBytes(),
                    offset + chunkLine.length(), "chunk-size line");
        }
        int end = chunkLine.contentEnd(0, lf, bareLf, position.name(), offset);
        List<String[]> extensions = observer == null ? null : new ArrayList<>(0);
        long size = ChunkLine.parse(chunkLine.bytes(), end, config.maxChunkExtensionBytes(), extensions, offset);
        offset += lf + 1;
        chunkLine.clear();
        chunkLineCheck.reset();
        if (observer != null) {
            observer.chunkHeader(size, extensions);
        }
        if (size == 0) {
            trailerFields.clear(offset);
            position = Position.TRAILER_LINE;
        } else {
            remaining = size;
            position = Position.CHUNK_DATA;
        }
        return null;
    }

    private ParseEvent chunkData(ByteBuffer in) {
        if (remaining == 0) {
            position = Position.CHUNK_DATA_CR;
            return null;
        }
        int n = (int) Math.min(remaining, in.remaining());
        if (n == 0) {
            return ParseEvent.NEED_INPUT;
        }
        remaining -= n;
        offset += n;
        body.take(in, n);
        return ParseEvent.BODY;
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
        offset++;
        position = c == '\r' ? Position.CHUNK_DATA_LF : Position.CHUNK_SIZE_LINE;
        return null;
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
        offset++;
        position = Position.CHUNK_SIZE_LINE;
        return null;
    }

    private ParseEvent trailerLine(ByteBuffer in) throws EnvoiException {
        int start = trailerLines.lineStart();
        int lf = trailerLines.readLine(in, config.maxTrailerBytes());
        if (lf < 0 || !trailerLines.endsWithCrlf(start, lf)) { // fail fast, left to right, as for field lines
            trailerFields.checkPrefix(start, lf < 0 ? trailerLines.receivedContentEnd() : lf);
        }
        if (lf == LineBuffer.NEED_INPUT) {
            return ParseEvent.NEED_INPUT;
        }
        if (lf == LineBuffer.LIMIT_REACHED) {
            throw new LimitExceededException("maxTrailerBytes", config.maxTrailerBytes(),
                    offset + trailerLines.length(), "trailer section");
        }
        int end = trailerLines.contentEnd(start, lf, bareLf, position.name(), offset);
        trailerLines.startLineAt(lf + 1);
        if (end == start) {
            offset += trailerLines.length();
            position = Position.DONE;
            return ParseEvent.MESSAGE_COMPLETE;
        }
        trailerFields.parseLine(start, end);
        return null;
    }

    private MalformedMessageException inputError(String reason, ByteBuffer in) {
        byte[] around = new byte[Math.min(16, in.remaining())];
        in.get(in.position(), around);
        return new MalformedMessageException(reason, "RFC 9112 §7.1", offset, position.name(),
                MalformedMessageException.escape(around, 0, around.length));
    }
}
