package dev.envoi.client;

import dev.envoi.core.EnvoiException;

import java.util.Locale;

/**
 * A time limit of {@link Timeouts} ran out. {@link #kind()} says which one: the connect timeout
 * (TCP, TLS and proxy handshakes), the read timeout (one wait for bytes from the server), the write
 * timeout (one wait for the server to accept bytes), the pool wait, or the call deadline that covers
 * the whole call, redirects and body reading included ({@code requests} #3099 is what goes wrong
 * without one). The message names the URL with credentials redacted.
 *
 * <pre>{@code
 * try { client.send(request); }
 * catch (HttpTimeoutException e) { if (e.kind() == HttpTimeoutException.Kind.CALL) { ... } }
 * }</pre>
 */
public class HttpTimeoutException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    /** Which limit ran out. */
    public enum Kind {
        /** {@link Timeouts#connect()}: TCP connect, TLS handshake, proxy handshake. */
        CONNECT,
        /** {@link Timeouts#read()}: one wait for response bytes. */
        READ,
        /** {@link Timeouts#write()}: one wait to send request bytes. */
        WRITE,
        /** Waiting for a free connection of the pool. */
        POOL,
        /** {@link Timeouts#call()}: the deadline of the whole call. */
        CALL
    }

    private final Kind kind;
    private final long timeoutMillis;

    /**
     * @param kind which limit ran out
     * @param timeoutMillis the limit
     * @param redactedUrl the URL of the request, already redacted
     * @param cause the underlying failure, or {@code null}
     */
    public HttpTimeoutException(Kind kind, long timeoutMillis, String redactedUrl, Throwable cause) {
        super(kind.name().toLowerCase(Locale.ROOT) + " timeout (" + timeoutMillis + " ms) expired for "
                + redactedUrl, cause);
        this.kind = kind;
        this.timeoutMillis = timeoutMillis;
    }

    /** Which limit ran out. */
    public Kind kind() {
        return kind;
    }

    /** The limit that was exceeded, in milliseconds. */
    public long timeoutMillis() {
        return timeoutMillis;
    }
}
