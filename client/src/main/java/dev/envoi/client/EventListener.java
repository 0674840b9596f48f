package dev.envoi.client;

import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import dev.envoi.core.Status;
import dev.envoi.core.Url;

import java.io.IOException;

/**
 * Observes the steps of each call, with timings measured from the start of the call (nanoseconds,
 * {@link System#nanoTime()} based) — the numbers curl's {@code -w} shows. Every method has an
 * empty default; implement what you need. Called on the calling thread, in this order per exchange:
 * {@link #connectionAcquired}, {@link #requestSent}, {@link #responseHeadReceived}; then
 * {@link #redirect} or {@link #retry} between exchanges; {@link #callEnd} or {@link #callFailed} once.
 * Implementations must be thread-safe (one listener serves every call of a client) and fast; an
 * exception thrown by a listener propagates to the caller.
 *
 * <pre>{@code
 * Client client = Client.builder().eventListener(new EventListener() {
 *     public void responseHeadReceived(Url url, HttpVersion v, Status s, Headers h, long nanos) {
 *         log.info(url + " answered " + s + " after " + nanos / 1_000_000 + " ms");
 *     }
 * }).build();
 * }</pre>
 * Values of {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie} are passed as
 * sent; a listener that logs them must redact them.
 */
public interface EventListener {
    /** The shared listener that does nothing. */
    EventListener NONE = new EventListener() {
    };

    /** A call starts. */
    default void callStart(Request request) {
    }

    /**
     * A connection was obtained: from the pool ({@code reused}) or newly dialed (DNS, TCP, TLS and
     * proxy handshakes included in {@code elapsedNanos}).
     */
    default void connectionAcquired(Url url, String peer, boolean reused, long elapsedNanos) {
    }

    /** The request head (as written, Host first) and body were sent. */
    default void requestSent(Url url, Method method, String target, Headers headers, long elapsedNanos) {
    }

    /** The final response head arrived (time to first byte, roughly). */
    default void responseHeadReceived(Url url, HttpVersion version, Status status, Headers headers,
            long elapsedNanos) {
    }

    /** A redirect is being followed. */
    default void redirect(Redirect redirect, long elapsedNanos) {
    }

    /** An exchange failed in a way that is safe to retry, and is retried. */
    default void retry(Url url, IOException failure, int attempt, long elapsedNanos) {
    }

    /** The call ended: the body was read to its end or closed. */
    default void callEnd(Url url, long elapsedNanos) {
    }

    /** The call failed. */
    default void callFailed(Url url, IOException failure, long elapsedNanos) {
    }
}
