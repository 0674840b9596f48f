package dev.envoi.transport;

import dev.envoi.core.EnvoiException;

/**
 * A transport step did not finish within its configured time: connecting, the TLS handshake, a read,
 * a write, or waiting for a pooled connection. The message names the step, the peer and the limit.
 *
 * <p>After a read or write timeout the connection is marked not reusable: a message may have been cut
 * anywhere, so its framing is in doubt (RFC 9112 §9.6). A write timeout also closes it, since closing
 * the socket is how a blocked write is stopped.
 */
public class TransportTimeoutException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    /** Which step timed out. */
    public enum Phase {
        /** TCP connect (every address, Happy Eyeballs included). */
        CONNECT,
        /** The TLS handshake or a proxy handshake after connect. */
        HANDSHAKE,
        /** Waiting for bytes from the peer. */
        READ,
        /** Waiting for the peer to accept bytes. */
        WRITE,
        /** Waiting for a free slot in the {@link ConnectionPool}. */
        POOL
    }

    private final Phase phase;
    private final long timeoutMillis;

    /**
     * @param phase the step that timed out
     * @param peer the peer, e.g. {@code example.com:443}
     * @param timeoutMillis the limit that was exceeded
     */
    public TransportTimeoutException(Phase phase, String peer, long timeoutMillis) {
        super(phase.name().toLowerCase(java.util.Locale.ROOT) + " timed out after " + timeoutMillis + " ms"
                + (peer == null ? "" : " (" + peer + ")"));
        this.phase = phase;
        this.timeoutMillis = timeoutMillis;
    }

    /** The step that timed out. */
    public Phase phase() {
        return phase;
    }

    /** The limit that was exceeded, in milliseconds. */
    public long timeoutMillis() {
        return timeoutMillis;
    }
}
