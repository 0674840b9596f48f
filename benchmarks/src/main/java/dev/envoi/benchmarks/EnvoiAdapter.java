package dev.envoi.benchmarks;

import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.RequestParser;
import dev.envoi.codec.ResponseParser;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import java.nio.ByteBuffer;

/**
 * envoi's own parsers behind the same {@link ParserAdapter} contract as the peers, so they are
 * measured and fact-checked by the same code. One parser per direction, reused across messages as on
 * a keep-alive connection.
 *
 * <p>What is measured is what a client does with a response: the status code and the field count come
 * from the parser's views (no {@code String} is made for a value nobody asked for), the body arrives as
 * slices of the input buffer (counted, not copied), and the trailers are materialised as {@link Headers}.
 * With {@code materializeHead}, every message's head is also turned into an immutable
 * {@code ResponseHead}/{@code RequestHead} with all field values as strings: the cost when a caller wants
 * every field, which is the fair comparison with peers that always build their field objects.
 */
final class EnvoiAdapter implements ParserAdapter {

    /** Bounds the parse loop: a whole buffered message takes a handful of events. */
    private static final int MAX_EVENTS = 1 << 12;

    private final ResponseParser responseParser = new ResponseParser();
    private final RequestParser requestParser = new RequestParser();
    private final boolean materializeHead;

    EnvoiAdapter() {
        this(false);
    }

    EnvoiAdapter(boolean materializeHead) {
        this.materializeHead = materializeHead;
    }

    @Override
    public String library() {
        return materializeHead ? "envoi (materialized head)" : "envoi";
    }

    @Override
    public MessageFacts parseResponse(ByteBuffer message) {
        try {
            long body = 0;
            Headers headers = null;
            for (int events = 0; events < MAX_EVENTS; events++) {
                ParseEvent event = responseParser.parse(message);
                if (event == ParseEvent.HEAD && materializeHead) {
                    headers = responseParser.head().headers();
                } else if (event == ParseEvent.BODY) {
                    body += responseParser.body().remaining();
                } else if (event == ParseEvent.MESSAGE_COMPLETE) {
                    Headers trailers = responseParser.trailers();
                    int fields = headers != null ? headers.size() : responseParser.fieldCount();
                    return MessageFacts.response(responseParser.statusCode(), fields, body,
                            trailers.size(), trailers.isEmpty() ? null : trailers.name(0));
                } else if (event == ParseEvent.NEED_INPUT) {
                    throw new IllegalStateException("envoi needs more input: the message is incomplete");
                }
            }
            throw new IllegalStateException("envoi did not complete the message in " + MAX_EVENTS + " events");
        } catch (EnvoiException e) {
            throw new IllegalStateException("envoi rejected the message: " + e.getMessage(), e);
        }
    }

    @Override
    public MessageFacts parseRequest(ByteBuffer message) {
        try {
            long body = 0;
            Headers headers = null;
            for (int events = 0; events < MAX_EVENTS; events++) {
                ParseEvent event = requestParser.parse(message);
                if (event == ParseEvent.HEAD && materializeHead) {
                    headers = requestParser.head().headers();
                } else if (event == ParseEvent.BODY) {
                    body += requestParser.body().remaining();
                } else if (event == ParseEvent.MESSAGE_COMPLETE) {
                    Headers trailers = requestParser.trailers();
                    int fields = headers != null ? headers.size() : requestParser.fieldCount();
                    return MessageFacts.request(requestParser.method().name(), fields, body,
                            trailers.size(), trailers.isEmpty() ? null : trailers.name(0));
                } else if (event == ParseEvent.NEED_INPUT) {
                    throw new IllegalStateException("envoi needs more input: the message is incomplete");
                }
            }
            throw new IllegalStateException("envoi did not complete the message in " + MAX_EVENTS + " events");
        } catch (EnvoiException e) {
            throw new IllegalStateException("envoi rejected the message: " + e.getMessage(), e);
        }
    }
}
