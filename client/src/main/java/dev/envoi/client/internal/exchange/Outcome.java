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
    private final InputStream body;
    private final Completion completion;
    private final List<Redirect> history;

    /** Where a body's end and trailers are known. */
    interface Completion {
        boolean isComplete();

        Headers trailers();
    }

    Outcome(Request request, ResponseHead head, Headers headers, CallBody body, List<Redirect> history) {
        this(request, head, headers, body, body, history);
    }

    private Outcome(Request request, ResponseHead head, Headers headers, InputStream body, Completion completion,
            List<Redirect> history) {
        this.request = request;
        this.head = head;
        this.headers = headers;
        this.body = body;
        this.completion = completion;
        this.history = List.copyOf(history);
    }

    /** A response made without the network (an interceptor's short-circuit): the body is in memory. */
    public static Outcome synthetic(Request request, ResponseHead head, byte[] body) {
        return new Outcome(request, head, head.headers(), new java.io.ByteArrayInputStream(body), new Completion() {
            @Override
            public boolean isComplete() {
                return true;
            }

            @Override
            public Headers trailers() {
                return Headers.EMPTY;
            }
        }, List.of());
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
        return completion.isComplete();
    }

    /** The trailer fields; valid once {@link #bodyComplete()}. */
    public Headers trailers() {
        return completion.trailers();
    }

    /** The redirects followed, oldest first. */
    public List<Redirect> history() {
        return history;
    }
}
