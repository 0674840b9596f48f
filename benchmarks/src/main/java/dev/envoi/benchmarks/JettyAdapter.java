package dev.envoi.benchmarks;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.util.Jetty;

/**
 * Jetty 12's {@link HttpParser}: one parser per direction, fed the message buffer with
 * {@link HttpParser#parseNext(ByteBuffer)} and {@link HttpParser#reset() reset} after each message, as
 * Jetty's own client connection does. Jetty keeps its header field cache across messages.
 *
 * <p>Jetty reports a bad message through {@link HttpParser.HttpHandler#badMessage(HttpException)} rather
 * than by throwing, so the handlers record it and the adapter throws.
 */
final class JettyAdapter implements ParserAdapter {

    /** Bounds the parse loop; one {@code parseNext} call normally finishes a whole buffered message. */
    private static final int MAX_CALLS = 64;

    private final ResponseCounter responseCounter = new ResponseCounter();
    private final RequestCounter requestCounter = new RequestCounter();
    private final HttpParser responseParser = new HttpParser(responseCounter);
    private final HttpParser requestParser = new HttpParser(requestCounter);

    @Override
    public String library() {
        return "Jetty " + Jetty.VERSION;
    }

    @Override
    public MessageFacts parseResponse(ByteBuffer message) {
        run(responseParser, responseCounter, message);
        return MessageFacts.response(responseCounter.status, responseCounter.fields, responseCounter.bodyBytes,
                responseCounter.trailers, responseCounter.firstTrailerName);
    }

    @Override
    public MessageFacts parseRequest(ByteBuffer message) {
        run(requestParser, requestCounter, message);
        return MessageFacts.request(requestCounter.method, requestCounter.fields, requestCounter.bodyBytes,
                requestCounter.trailers, requestCounter.firstTrailerName);
    }

    private static void run(HttpParser parser, Counter counter, ByteBuffer message) {
        counter.begin();
        for (int calls = 0; !counter.complete; calls++) {
            boolean hadInput = message.hasRemaining();
            parser.parseNext(message);
            if (counter.failure != null) {
                parser.reset();
                HttpException failure = counter.failure;
                throw new IllegalStateException("Jetty rejected the message: " + failure.getCode() + " "
                        + failure.getReason(), failure instanceof Throwable cause ? cause : null);
            }
            if ((!hadInput || calls == MAX_CALLS) && !counter.complete) {
                parser.reset();
                throw new IllegalStateException("Jetty did not complete the message; parser state "
                        + parser.getState());
            }
        }
        parser.reset();
    }

    /** Counts what the parser reports; returns {@code false} to keep it going until the message ends. */
    private abstract static class Counter implements HttpParser.HttpHandler {
        int fields;
        long bodyBytes;
        int trailers;
        String firstTrailerName;
        boolean complete;
        HttpException failure;

        void begin() {
            fields = 0;
            bodyBytes = 0;
            trailers = 0;
            firstTrailerName = null;
            complete = false;
            failure = null;
        }

        @Override
        public void parsedHeader(HttpField field) {
            fields++;
        }

        @Override
        public boolean headerComplete() {
            return false;
        }

        @Override
        public boolean content(ByteBuffer content) {
            bodyBytes += content.remaining();
            return false;
        }

        @Override
        public void parsedTrailer(HttpField field) {
            if (trailers++ == 0) {
                firstTrailerName = field.getName();
            }
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            complete = true;
            return true;
        }

        @Override
        public void earlyEOF() {
            failure = new HttpException.RuntimeException(400, "early EOF");
        }

        @Override
        public void badMessage(HttpException failure) {
            this.failure = failure;
        }
    }

    private static final class ResponseCounter extends Counter implements HttpParser.ResponseHandler {
        int status;

        @Override
        void begin() {
            super.begin();
            status = 0;
        }

        @Override
        public void startResponse(HttpVersion version, int status, String reason) {
            this.status = status;
        }
    }

    private static final class RequestCounter extends Counter implements HttpParser.RequestHandler {
        String method;

        @Override
        void begin() {
            super.begin();
            method = null;
        }

        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
            this.method = method;
        }
    }
}
