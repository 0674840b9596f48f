package dev.envoi.codec.conformance;

import dev.envoi.codec.BodyFraming;
import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.ParserConfig;
import dev.envoi.codec.RequestParser;
import dev.envoi.codec.ResponseParser;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.FieldValues;
import dev.envoi.core.Headers;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import dev.envoi.core.Method;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds one case to envoi's parser in given pieces and records what came out, as a client (or, for
 * requests, a server) would use the parser: it stops reading after a message that does not keep the
 * connection alive, and after an upgrade.
 */
final class Harness {
    private final ConformanceCase c;
    private final ParserConfig config;
    private final RequestParser requestParser;
    private final ResponseParser responseParser;
    private final List<Outcome.Message> messages = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private List<Outcome.Chunk> chunks;
    private Outcome.Message head;
    private long consumed;

    private Harness(ConformanceCase c, ParserConfig config) {
        this.c = c;
        this.config = config;
        this.requestParser = c.request() ? new RequestParser(config) : null;
        this.responseParser = c.request() ? null : new ResponseParser(config);
        dev.envoi.codec.ChunkObserver observer = (size, extensions) -> {
            if (chunks == null) {
                chunks = new ArrayList<>();
            }
            List<List<String>> ext = new ArrayList<>();
            for (String[] e : extensions) {
                ext.add(java.util.Arrays.asList(e[0], e[1]));
            }
            chunks.add(new Outcome.Chunk(size, ext));
        };
        if (requestParser != null) {
            requestParser.setChunkObserver(observer);
        } else {
            responseParser.setChunkObserver(observer);
            if (c.skipBody()) {
                responseParser.expectResponseTo(Method.HEAD);
            }
        }
    }

    /** Runs the case with its bytes cut at the given ascending offsets. */
    static Outcome run(ConformanceCase c, ParserConfig config, int[] cuts) {
        return new Harness(c, config).feed(cuts);
    }

    private Outcome feed(int[] cuts) {
        byte[] raw = c.raw();
        int start = 0;
        try {
            for (int i = 0; i <= cuts.length; i++) {
                int end = i < cuts.length ? cuts[i] : raw.length;
                ByteBuffer piece = ByteBuffer.wrap(raw, start, end - start).slice();
                Outcome stop = drain(piece, raw.length);
                if (stop != null) {
                    return stop;
                }
                consumed += end - start;
                start = end;
            }
            if (c.eofAfterInput()) {
                ParseEvent event = requestParser != null ? requestParser.endOfInput() : responseParser.endOfInput();
                if (event == ParseEvent.MESSAGE_COMPLETE) {
                    completeMessage();
                }
            }
        } catch (EnvoiException e) {
            return finish(e, -1, false);
        }
        return finish(null, -1, false);
    }

    /** Parses everything in {@code piece}; a non-null result ends the run early. */
    private Outcome drain(ByteBuffer piece, int total) throws EnvoiException {
        while (true) {
            ParseEvent event = requestParser != null ? requestParser.parse(piece) : responseParser.parse(piece);
            switch (event) {
                case NEED_INPUT -> {
                    return null;
                }
                case INTERIM_HEAD -> {
                    head = snapshotHead();
                    messages.add(withBody(head, Headers.EMPTY, true, true));
                    head = null;
                }
                case HEAD -> head = snapshotHead();
                case BODY -> {
                    ByteBuffer b = requestParser != null ? requestParser.body() : responseParser.body();
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    body.writeBytes(bytes);
                }
                case MESSAGE_COMPLETE -> {
                    boolean keepAlive = keepAlive();
                    boolean upgradeAccepted = upgraded() || requestsUpgrade();
                    completeMessage();
                    long offset = consumed + piece.position();
                    if (responseParser != null && c.skipBody()) {
                        responseParser.expectResponseTo(Method.HEAD);
                    }
                    if (upgradeAccepted) {
                        return finish(null, offset, false);
                    }
                    if (!keepAlive) {
                        return finish(null, -1, offset < total);
                    }
                }
                default -> throw new AssertionError(event);
            }
        }
    }

    private Outcome.Message snapshotHead() {
        List<List<String>> headers = new ArrayList<>();
        if (requestParser != null) {
            for (int i = 0; i < requestParser.fieldCount(); i++) {
                headers.add(List.of(requestParser.fieldName(i), requestParser.fieldValue(i)));
            }
            return message(requestParser.method().name(), requestParser.target(), null, null,
                    version(requestParser.version()), headers, requestParser.framing());
        }
        for (int i = 0; i < responseParser.fieldCount(); i++) {
            headers.add(List.of(responseParser.fieldName(i), responseParser.fieldValue(i)));
        }
        return message(null, null, responseParser.statusCode(), responseParser.head().reasonPhrase(),
                version(responseParser.version()), headers, responseParser.framing());
    }

    private static String version(dev.envoi.core.HttpVersion v) {
        return v.major() + "." + v.minor();
    }

    private Outcome.Message message(String method, String url, Integer status, String reason, String version,
            List<List<String>> headers, BodyFraming framing) {
        Long contentLength = framing instanceof BodyFraming.FixedLength f ? f.length() : null;
        return new Outcome.Message(method, url, status, reason, version, headers, null, "", null, contentLength,
                false, framing instanceof BodyFraming.UntilClose, false);
    }

    private boolean keepAlive() {
        return requestParser != null ? requestParser.keepAlive() : responseParser.keepAlive();
    }

    /**
     * Whether a request asks to switch protocols (RFC 9110 §7.8: {@code Upgrade} listed in
     * {@code Connection}). The parser leaves that choice to the server; this harness plays a server
     * that accepts, as llhttp's suite does, so the bytes after the request belong to the new protocol.
     */
    private boolean requestsUpgrade() {
        if (requestParser == null) {
            return false;
        }
        Headers h = requestParser.head().headers();
        return h.contains("Upgrade") && FieldValues.containsToken(h.combined("Connection").orElse(""), "upgrade");
    }

    private boolean upgraded() {
        return requestParser != null ? requestParser.upgraded() : responseParser.upgraded();
    }

    private void completeMessage() {
        Headers trailers = requestParser != null ? requestParser.trailers() : responseParser.trailers();
        messages.add(withBody(head, trailers, keepAlive(), true));
        head = null;
    }

    private Outcome.Message withBody(Outcome.Message h, Headers trailers, boolean keepAlive, boolean complete) {
        List<List<String>> trailerList = null;
        if (chunks != null || (trailers != null && !trailers.isEmpty())) {
            trailerList = new ArrayList<>();
            for (int i = 0; trailers != null && i < trailers.size(); i++) {
                trailerList.add(List.of(trailers.name(i), trailers.value(i)));
            }
        }
        Outcome.Message m = new Outcome.Message(h.method(), h.url(), h.status(), h.reason(), h.version(), h.headers(),
                trailerList, body.toString(StandardCharsets.ISO_8859_1), chunks, h.contentLength(), keepAlive,
                h.untilClose(), complete);
        body.reset();
        chunks = null;
        return m;
    }

    private Outcome finish(EnvoiException error, long upgradeOffset, boolean dataAfterClose) {
        if (head != null) {
            messages.add(withBody(head, null, false, false));
            head = null;
        }
        return new Outcome(List.copyOf(messages), error == null ? null : error.getMessage(), failure(error),
                upgradeOffset, dataAfterClose);
    }

    /** The error without where it happened: class, RFC section and reason, or the limit's name and value. */
    private static String failure(EnvoiException e) {
        String name = e == null ? null : e.getClass().getSimpleName();
        if (e instanceof MalformedMessageException m) {
            return name + " [" + m.rfcSection() + "] " + m.reason();
        }
        if (e instanceof LimitExceededException l) {
            return name + " " + l.limitName() + "=" + l.limit();
        }
        return e == null ? null : name + " " + e.getMessage();
    }
}
