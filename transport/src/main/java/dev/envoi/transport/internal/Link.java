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
    /** Unbuffered bytes from the peer. */
    InputStream input();

    /** Unbuffered bytes to the peer. */
    OutputStream output();

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
