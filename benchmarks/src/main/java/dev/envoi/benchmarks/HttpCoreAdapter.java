package dev.envoi.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.BasicHttpTransportMetrics;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.io.ChunkedInputStream;
import org.apache.hc.core5.http.impl.io.ContentLengthInputStream;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestParser;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.impl.io.IdentityInputStream;
import org.apache.hc.core5.http.impl.io.SessionInputBufferImpl;
import org.apache.hc.core5.util.VersionInfo;

/**
 * Apache HttpCore 5 classic (blocking) I/O: {@link DefaultHttpResponseParser} / {@link DefaultHttpRequestParser}
 * over a {@link SessionInputBufferImpl}, then the body read to its end through the stream HttpCore's own
 * connection would choose from {@link DefaultContentLengthStrategy}: {@link ContentLengthInputStream} or
 * {@link ChunkedInputStream} (whose trailers are its "footers"). Buffers are set up as
 * {@code BHttpConnectionBase} sets them up with {@link Http1Config#DEFAULT} and reused for every message,
 * like one keep-alive connection; the body is drained through one reused 8 KiB array.
 */
final class HttpCoreAdapter implements ParserAdapter {

    private final Http1Config config = Http1Config.DEFAULT;
    private final SessionInputBufferImpl sessionBuffer = new SessionInputBufferImpl(
            new BasicHttpTransportMetrics(), config.getBufferSize(), -1, config.getMaxLineLength(), null);
    private final DefaultHttpResponseParser responseParser = new DefaultHttpResponseParser(config);
    private final DefaultHttpRequestParser requestParser = new DefaultHttpRequestParser(config);
    private final ByteBufferInputStream socket = new ByteBufferInputStream();
    private final byte[] drain = new byte[8192];
    private long bodyBytes;
    private int trailers;
    private String firstTrailerName;

    @Override
    public String library() {
        VersionInfo info = VersionInfo.loadVersionInfo("org.apache.hc.core5", getClass().getClassLoader());
        return "HttpCore5 " + (info == null ? "?" : info.getRelease());
    }

    @Override
    public MessageFacts parseResponse(ByteBuffer message) {
        socket.readFrom(message);
        try {
            ClassicHttpResponse response = responseParser.parse(sessionBuffer, socket);
            if (response == null) {
                throw new IllegalStateException("HttpCore5 found no response");
            }
            readBody(response, true);
            return MessageFacts.response(response.getCode(), countFields(response), bodyBytes, trailers,
                    firstTrailerName);
        } catch (IOException | HttpException e) {
            throw new IllegalStateException("HttpCore5 rejected the response", e);
        }
    }

    @Override
    public MessageFacts parseRequest(ByteBuffer message) {
        socket.readFrom(message);
        try {
            ClassicHttpRequest request = requestParser.parse(sessionBuffer, socket);
            if (request == null) {
                throw new IllegalStateException("HttpCore5 found no request");
            }
            readBody(request, false);
            return MessageFacts.request(request.getMethod(), countFields(request), bodyBytes, trailers,
                    firstTrailerName);
        } catch (IOException | HttpException e) {
            throw new IllegalStateException("HttpCore5 rejected the request", e);
        }
    }

    private static int countFields(HttpMessage message) {
        int count = 0;
        for (Iterator<Header> it = message.headerIterator(); it.hasNext(); it.next()) {
            count++;
        }
        return count;
    }

    /** Reads the whole body with the framing HttpCore derives from the head, and checks nothing is left. */
    private void readBody(HttpMessage head, boolean response) throws IOException, HttpException {
        bodyBytes = 0;
        trailers = 0;
        firstTrailerName = null;
        long length = DefaultContentLengthStrategy.INSTANCE.determineLength(head);
        if (length == ContentLengthStrategy.CHUNKED) {
            ChunkedInputStream body = new ChunkedInputStream(sessionBuffer, socket, config);
            drain(body);
            Header[] footers = body.getFooters();
            trailers = footers.length;
            if (trailers > 0) {
                firstTrailerName = footers[0].getName();
            }
        } else if (length >= 0) {
            drain(new ContentLengthInputStream(sessionBuffer, socket, length));
        } else if (response) {
            // UNDEFINED on a response: the body runs to the end of the connection (RFC 9112 §6.3 rule 8).
            drain(new IdentityInputStream(sessionBuffer, socket));
        }
        // UNDEFINED on a request: no body (RFC 9112 §6.3 rule 6).
        if (sessionBuffer.hasBufferedData() || socket.available() > 0) {
            throw new IllegalStateException("HttpCore5 left " + (sessionBuffer.length() + socket.available())
                    + " bytes after the message");
        }
    }

    private void drain(InputStream body) throws IOException {
        int n;
        while ((n = body.read(drain)) != -1) {
            bodyBytes += n;
        }
    }
}
