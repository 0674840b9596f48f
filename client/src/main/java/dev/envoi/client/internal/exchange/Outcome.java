package dev.envoi.client.internal.exchange;

import dev.envoi.client.Redirect;
import dev.envoi.client.Request;
import dev.envoi.codec.ResponseHead;
import dev.envoi.core.Headers;

import java.io.InputStream;
import java.util.List;

/**
 * What the engine hands to {@code Call} to build a response: the last request sent, its response
 * head, the header fields as the caller sees them (adjusted for content decoding), the body stream
 * (decoded; reading it to its end releases the connection, closing it early closes the connection,
 * and either ends the call's deadline), and the redirects followed.
 */
public final class Outcome {
    private final Request request;
    private final ResponseHead head;
    private final Headers headers;
    private final CallBody body;
    private final List<Redirect> history;

    Outcome(Request request, ResponseHead head, Headers headers, CallBody body, List<Redirect> history) {
        this.request = request;
        this.head = head;
        this.headers = headers;
        this.body = body;
        this.history = List.copyOf(history);
    }

    /** The last request sent (after redirects). */
    public Request request() {
        return request;
    }

    /** The final response head as received. */
    public ResponseHead head() {
        return head;
    }

    /** The fields as the caller sees them (Content-Length / Content-Encoding adjusted after decoding). */
    public Headers headers() {
        return headers;
    }

    /** The body stream. */
    public InputStream body() {
        return body;
    }

    /** Whether the body was read to its end. */
    public boolean bodyComplete() {
        return body.isComplete();
    }

    /** The trailer fields; valid once {@link #bodyComplete()}. */
    public Headers trailers() {
        return body.trailers();
    }

    /** The redirects followed, oldest first. */
    public List<Redirect> history() {
        return history;
    }
}
