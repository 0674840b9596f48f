package dev.envoi.benchmarks;

import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.RequestParser;
import dev.envoi.codec.ResponseParser;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import java.nio.ByteBuffer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

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
        drain(message, response);
        return MessageFacts.response(responseParser.statusCode(), fields, body, trailers.size(),
                trailers.isEmpty() ? null : trailers.name(0));
    }

    @Override
    public MessageFacts parseRequest(ByteBuffer message) {
        drain(message, request);
        return MessageFacts.request(requestParser.method().name(), fields, body, trailers.size(),
                trailers.isEmpty() ? null : trailers.name(0));
    }

    /** One parse step of either parser. */
    @FunctionalInterface
    private interface Step {
        ParseEvent parse(ByteBuffer input) throws EnvoiException;
    }

    /** The views of one parser the loop needs; made once, so a measured operation allocates none. */
    private record Views(Step step, Supplier<ByteBuffer> body, Supplier<Headers> head, IntSupplier fieldCount,
            Supplier<Headers> trailers) {
    }

    private final Views response = new Views(responseParser::parse, responseParser::body,
            () -> responseParser.head().headers(), responseParser::fieldCount, responseParser::trailers);
    private final Views request = new Views(requestParser::parse, requestParser::body,
            () -> requestParser.head().headers(), requestParser::fieldCount, requestParser::trailers);

    /** Results of the last {@link #drain}, kept in fields so that nothing is allocated to return them. */
    private int fields;
    private long body;
    private Headers trailers;

    /** Parses one whole message with either parser, as a client reads it. */
    private void drain(ByteBuffer message, Views parser) {
        try {
            long bytes = 0;
            Headers headers = null;
            for (int events = 0; events < MAX_EVENTS; events++) {
                ParseEvent event = parser.step().parse(message);
                if (event == ParseEvent.HEAD && materializeHead) {
                    headers = parser.head().get();
                } else if (event == ParseEvent.BODY) {
                    bytes += parser.body().get().remaining();
                } else if (event == ParseEvent.MESSAGE_COMPLETE) {
                    fields = headers != null ? headers.size() : parser.fieldCount().getAsInt();
                    body = bytes;
                    trailers = parser.trailers().get();
                    return;
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
