package dev.envoi.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.SSLSession;

/**
 * The byte pipe under a {@code Connection}: a TCP socket (with or without TLS) or a Unix domain socket
 * channel. Implementations turn a read timeout into {@link java.net.SocketTimeoutException} and a write
 * timeout into {@code TransportTimeoutException}.
 */
public interface Link {
    /** {@link #peek}: the peer closed the connection (end of stream or reset). */
    int PEEK_CLOSED = -1;
    /** {@link #peek}: certainly nothing arrived and the connection is open. */
    int PEEK_QUIET = 0;
    /** {@link #peek}: no bytes are pending, but a bare close (FIN) could not be seen without blocking. */
    int PEEK_PROBABLY_QUIET = -2;
    /** {@link #peek}: bytes are pending under the TLS layer; only a read can tell what they are. */
    int PEEK_PENDING = -3;

    /** Unbuffered bytes from the peer. */
    InputStream input();

    /** Unbuffered bytes to the peer. */
    OutputStream output();

    /**
     * Looks for activity on an idle connection without blocking: one of the {@code PEEK_} constants,
     * or a positive count of bytes read into {@code buf} (which the caller must keep).
     */
    int peek(byte[] buf);

    /** Read timeout in milliseconds, 0 for none. */
    void setReadTimeout(int millis) throws IOException;

    /** The current read timeout in milliseconds. */
    int readTimeout();

    /** Write timeout in milliseconds, 0 for none. */
    void setWriteTimeout(int millis);

    /** The TLS session, or {@code null}. */
    SSLSession tlsSession();

    /** The negotiated ALPN protocol, or {@code null}. */
    String applicationProtocol();

    /** The peer, for messages: {@code 127.0.0.1:443} or {@code unix:/path}. */
    String peer();

    /** Closes the pipe; idempotent; unblocks readers and writers on other threads. */
    void close();

    /** Whether {@link #close()} has run. */
    boolean isClosed();
}
