package dev.envoi.transport;

import dev.envoi.core.EnvoiException;
import dev.envoi.transport.internal.Link;
import dev.envoi.transport.internal.TlsFailures;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * One open byte stream to a peer for a {@link Route}: TCP (with TLS for {@code https}, possibly through
 * a proxy) or a Unix domain socket. It carries HTTP/1.x messages one after another (RFC 9112 §9.3
 * persistence); the client decides when a message ends.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>made by {@link Dialer#dial} (or handed out by {@link ConnectionPool#acquire}); open, reusable;</li>
 *   <li>the client writes a request to {@link #output()} (flushing it) and reads the response from
 *       {@link #input()};</li>
 *   <li>if framing was in doubt (an error, a timeout, a body not read to its end, {@code Connection:
 *       close}) the client calls {@link #markNotReusable()};</li>
 *   <li>the client either gives it back with {@link ConnectionPool#release} (which keeps it only if it is
 *       reusable, open and has no unread bytes) or calls {@link #close()};</li>
 *   <li>while it sits idle in a pool, anything that arrives (a stray {@code 408}, the end of the stream)
 *       makes it dead: the pool's check before reuse discards it.</li>
 * </ol>
 *
 * <p>Streams are buffered ({@value #BUFFER_SIZE} bytes each); {@link #output()} must be flushed.
 * A read or write timeout ({@link TransportTimeoutException}) marks the connection not reusable; after a
 * write timeout it is also closed, since closing the socket is how a blocked write is stopped.
 * {@link #close()} is idempotent and may be called from any thread to cancel: a thread blocked in a read
 * or a write wakes with an exception that says the connection was cancelled.
 */
public final class Connection implements Closeable {
    /** The buffer size of each stream. */
    public static final int BUFFER_SIZE = 8192;
    /** Idle time after which the pool's stale check on a TLS connection includes a 1 ms read. */
    static final long PROBE_READ_AFTER_IDLE_MILLIS = 1000;

    private final Route route;
    private final Link link;
    private final Input input;
    private final Output output;
    private volatile boolean reusable = true;
    private volatile boolean closed;
    private volatile long idleSinceNanos;
    private volatile long keepAliveUntilNanos;
    private volatile boolean keepAliveSet;
    private volatile int writeTimeoutMillis;

    // Set by the Dialer: the server asked for a client certificate (TLS 1.3 refuses it after our Finished).
    volatile boolean clientCertificateRequested;
    private volatile boolean anyByteRead;

    private volatile int reuseCount;

    // Owned by ConnectionPool, guarded by its lock.
    volatile ConnectionPool pool;
    boolean leased;
    long expiresAtNanos;

    Connection(Route route, Link link) {
        this.route = route;
        this.link = link;
        this.input = new Input();
        this.output = new Output();
        this.idleSinceNanos = System.nanoTime();
    }

    /** The route this connection was made for. */
    public Route route() {
        return route;
    }

    /** Buffered bytes from the peer. Closing it closes the connection. */
    public InputStream input() {
        return input;
    }

    /** Buffered bytes to the peer; call {@code flush()} at the end of a message. Closing it closes the connection. */
    public OutputStream output() {
        return output;
    }

    /** Sets the read timeout; {@link Duration#ZERO} waits forever. */
    public void setReadTimeout(Duration timeout) throws IOException {
        link.setReadTimeout(millis(timeout));
    }

    /** The read timeout. */
    public Duration readTimeout() {
        return Duration.ofMillis(link.readTimeout());
    }

    /** Sets the write timeout (see {@code SocketLink} for how it works on blocking sockets); zero waits forever. */
    public void setWriteTimeout(Duration timeout) {
        writeTimeoutMillis = millis(timeout);
        link.setWriteTimeout(writeTimeoutMillis);
    }

    /** The write timeout. */
    public Duration writeTimeout() {
        return Duration.ofMillis(writeTimeoutMillis);
    }

    /** The {@link System#nanoTime()} at which the connection last became idle (made, or released to a pool). */
    public long idleSinceNanos() {
        return idleSinceNanos;
    }

    /** How long the connection has been idle, measured from {@link #idleSinceNanos()}. */
    public Duration idleTime() {
        return Duration.ofNanos(System.nanoTime() - idleSinceNanos);
    }

    /**
     * Limits how long a pool may keep this connection idle from now, e.g. from a response's
     * {@code Keep-Alive: timeout=5} (RFC 2068 §19.7.1.1; servers close idle connections after it). The
     * pool's own idle limit still applies when it is shorter.
     */
    public void keepAliveFor(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        keepAliveUntilNanos = System.nanoTime() + Math.max(0, timeout.toNanos());
        keepAliveSet = true;
    }

    /** The {@link System#nanoTime()} after which a pool must not reuse this connection, if set. */
    public Optional<Long> keepAliveUntilNanos() {
        return keepAliveSet ? Optional.of(keepAliveUntilNanos) : Optional.empty();
    }

    /**
     * How many times a pool handed this connection out again after a release. A request that fails
     * on a reused connection before any response byte arrived most likely met a server that closed
     * it meanwhile; the client may retry it on a fresh connection if it is idempotent (RFC 9110 §9.2.2).
     */
    public int reuseCount() {
        return reuseCount;
    }

    void countReuse() {
        reuseCount++;
    }

    /** Whether another message may follow on this connection (cleared by {@link #markNotReusable()} or a timeout). */
    public boolean isReusable() {
        return reusable && !closed;
    }

    /** Says the framing is in doubt: the connection must not carry another message (RFC 9112 §9.6). */
    public void markNotReusable() {
        reusable = false;
    }

    /** The TLS session, if this connection runs TLS. */
    public Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(link.tlsSession());
    }

    /** The ALPN protocol the server chose (RFC 7301), e.g. {@code http/1.1}, if any. */
    public Optional<String> applicationProtocol() {
        return Optional.ofNullable(link.applicationProtocol());
    }

    /** The peer actually connected to: {@code 127.0.0.1:8080}, {@code [::1]:443} (the proxy, if any), or {@code unix:/path}. */
    public String peer() {
        return link.peer();
    }

    /** Whether {@link #close()} has not run. */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Closes the connection; idempotent, callable from any thread. A thread blocked reading or writing
     * wakes with an exception. If the connection came from a pool, the pool forgets it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reusable = false;
        link.close();
        ConnectionPool p = pool;
        if (p != null) {
            p.closed(this);
        }
    }

    void markIdleNow() {
        idleSinceNanos = System.nanoTime();
    }

    /**
     * Whether an idle connection may carry another request. An idle connection that became readable is
     * dead: end of stream means the server closed it, and bytes nobody asked for (a {@code 408 Request
     * Timeout} written before closing, any stray response) must never be parsed as the answer to a request
     * sent later (RFC 9112 §9.3 gives a response no way to name its request). First a non-blocking look.
     * When that cannot be sure (TLS, where raw bytes belong to the TLS layer and a bare FIN is invisible
     * without a read) a 1 ms read decides, if bytes are pending or the connection has been idle for
     * {@value #PROBE_READ_AFTER_IDLE_MILLIS} ms or more: TLS records that are not application data (a TLS
     * 1.3 NewSessionTicket, RFC 8446 §4.6.1) are consumed by JSSE and keep it alive, application data or the
     * end of the stream does not. A recently used TLS connection with nothing pending is trusted, as a 1 ms
     * wait on every reuse would cap a thread at under a thousand requests a second.
     */
    boolean probeAlive() {
        if (closed || hasUnreadInput()) {
            return false;
        }
        int peek = link.peek(input.buf);
        if (peek > 0) {
            input.pos = 0;
            input.limit = peek; // kept, so the probe consumes nothing and a second probe says the same
            return false;
        }
        if (peek == Link.PEEK_CLOSED) {
            return false;
        }
        if (peek == Link.PEEK_QUIET || (peek == Link.PEEK_PROBABLY_QUIET
                && System.nanoTime() - idleSinceNanos < PROBE_READ_AFTER_IDLE_MILLIS * 1_000_000L)) {
            return true;
        }
        return probeRead();
    }

    /** Whether bytes the peer sent sit in the input buffer, unread: on an idle connection, a stray response. */
    boolean hasUnreadInput() {
        return input.pos < input.limit;
    }

    /**
     * Waits up to {@code timeout} for bytes (or the end of the stream) from the peer, without
     * consuming them: what arrives stays in the {@link #input()} buffer. Unlike a read timeout, running
     * out of time here is not an error and leaves the connection reusable, so a caller can wait for an
     * optional answer (the client's {@code Expect: 100-continue}, RFC 9110 §10.1.1) and carry on.
     * Must be called by the thread that reads, between reads. Works the same on TCP, TLS and Unix
     * domain sockets: a read with the timeout as its limit, whose timeout is absorbed.
     *
     * @param timeout how long to wait; zero only looks at the buffer
     * @return {@code true} if a read would now return at once (bytes, or the end of the stream),
     *     {@code false} if nothing arrived in time
     * @throws IOException if the read failed, as {@link #input()} would report it (e.g. cancelled)
     */
    public boolean awaitReadable(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        if (input.pos < input.limit) {
            return true;
        }
        if (timeout.isZero() || timeout.isNegative()) {
            return false;
        }
        int saved = link.readTimeout();
        try {
            link.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            int n = link.input().read(input.buf, 0, input.buf.length);
            input.pos = 0;
            input.limit = Math.max(n, 0);
            if (n > 0) {
                anyByteRead = true;
            }
            return true; // n < 0: the end of the stream is sticky, the caller's next read sees it too
        } catch (SocketTimeoutException quiet) {
            return false; // nothing was consumed, and the stream is intact: not a failure
        } catch (IOException e) {
            throw translate(e, false);
        } finally {
            restoreReadTimeout(saved);
        }
    }

    private void restoreReadTimeout(int millis) {
        try {
            link.setReadTimeout(millis);
        } catch (IOException e) {
            // only a closed socket refuses; the next read reports that
        }
    }

    /** A read with a 1 ms timeout: quiet means alive; application data, end of stream or an error means dead. */
    private boolean probeRead() {
        int saved = link.readTimeout();
        try {
            link.setReadTimeout(1);
            try {
                int n = link.input().read(input.buf, 0, input.buf.length);
                if (n > 0) {
                    input.pos = 0;
                    input.limit = n;
                }
                return n == 0;
            } catch (SocketTimeoutException quiet) {
                return true;
            } finally {
                link.setReadTimeout(saved);
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Connection[" + route + " -> " + link.peer() + (closed ? ", closed" : reusable ? "" : ", not reusable") + "]";
    }

    private IOException translate(IOException e, boolean write) {
        if (closed && !(e instanceof TransportTimeoutException)) {
            return new EnvoiException("connection to " + link.peer() + " was closed (cancelled)", e);
        }
        reusable = false;
        if (e instanceof SocketTimeoutException) {
            TransportTimeoutException t = new TransportTimeoutException(write ? TransportTimeoutException.Phase.WRITE
                    : TransportTimeoutException.Phase.READ, link.peer(), link.readTimeout());
            t.initCause(e);
            return t;
        }
        if (e instanceof SSLException && TlsFailures.isClientCertificateRejection(e)) {
            // TLS 1.3: the server checks our certificate after our Finished, so its refusal
            // arrives with the first read, not in startHandshake().
            return TlsFailures.classify(route.authority(), e);
        }
        if (clientCertificateRequested && !anyByteRead && !(e instanceof SSLException)) {
            // ...or the server closed at once and we only see a reset or broken pipe
            return new TlsHandshakeException(route.authority(), TlsHandshakeException.Reason.CLIENT_CERTIFICATE_REJECTED,
                    "the server asked for a client certificate and closed the connection before answering: "
                    + e.getMessage(), e);
        }
        return e;
    }

    private static int millis(Duration d) {
        Objects.requireNonNull(d, "timeout");
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + d);
        }
        long ms = d.toMillis();
        return ms > Integer.MAX_VALUE ? 0 : (int) (ms == 0 && !d.isZero() ? 1 : ms);
    }

    private final class Input extends InputStream {
        final byte[] buf = new byte[BUFFER_SIZE];
        int pos;
        int limit;

        @Override
        public int read() throws IOException {
            if (pos == limit && fill() < 0) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (pos == limit) {
                if (len >= buf.length) {
                    return rawRead(b, off, len); // large reads skip the copy
                }
                if (fill() < 0) {
                    return -1;
                }
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return limit - pos;
        }

        @Override
        public void close() {
            Connection.this.close();
        }

        private int fill() throws IOException {
            int n = rawRead(buf, 0, buf.length);
            pos = 0;
            limit = Math.max(n, 0);
            return n;
        }

        private int rawRead(byte[] b, int off, int len) throws IOException {
            try {
                int n = link.input().read(b, off, len);
                if (n > 0) {
                    anyByteRead = true;
                } else if (n < 0 && closed) {
                    throw new EnvoiException("connection to " + link.peer() + " was closed (cancelled)");
                } else if (n < 0 && clientCertificateRequested && !anyByteRead && !route.tls().hasClientCertificate()) {
                    // TLS 1.3: the refusal may arrive as a bare close instead of an alert
                    reusable = false;
                    throw new TlsHandshakeException(route.authority(), TlsHandshakeException.Reason.CLIENT_CERTIFICATE_REJECTED,
                            "the server asked for a client certificate, none is configured, and it closed the"
                            + " connection without a response", null);
                }
                return n;
            } catch (IOException e) {
                throw translate(e, false);
            }
        }
    }

    private final class Output extends OutputStream {
        private final byte[] buf = new byte[BUFFER_SIZE];
        private int count;

        @Override
        public void write(int b) throws IOException {
            if (count == buf.length) {
                drain();
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len >= buf.length) {
                drain();
                rawWrite(b, off, len);
                return;
            }
            if (len > buf.length - count) {
                drain();
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            drain();
            try {
                link.output().flush();
            } catch (IOException e) {
                throw translate(e, true);
            }
        }

        @Override
        public void close() {
            Connection.this.close();
        }

        private void drain() throws IOException {
            if (count > 0) {
                int n = count;
                count = 0;
                rawWrite(buf, 0, n);
            }
        }

        private void rawWrite(byte[] b, int off, int len) throws IOException {
            try {
                link.output().write(b, off, len);
            } catch (IOException e) {
                throw translate(e, true);
            }
        }
    }
    /**
     * Whether the peer has said something (bytes, the end of the stream, or a reset) while this side
     * is still writing, looked at without blocking; bytes that arrived stay in the {@link #input()}
     * buffer. For a client sending a long request body, which stops when the server answers early
     * (RFC 9112 §9.5). Call it from the writing thread, between writes, with no read in progress.
     * Plain TCP asks the kernel how many bytes are queued (one system call: most looks find nothing)
     * and sees a bare close or a reset only at the next write; over TLS the raw bytes belong to the
     * TLS layer, so when some are queued a read of at most 1 ms tells whether they carry data (a
     * session ticket, for instance, does not).
     *
     * @return {@code true} if a read would now return at once
     * @throws IOException if that 1 ms read failed, as {@link #input()} would report it
     */
    public boolean peerSpoke() throws IOException {
        if (input.pos < input.limit) {
            return true;
        }
        if (route.unixSocket() == null && link.tlsSession() == null) {
            int queued;
            try {
                queued = link.input().available();
            } catch (IOException e) {
                return true; // a reset: the next read reports it
            }
            return queued > 0 && awaitReadable(Duration.ofMillis(1)); // returns at once: bytes are there
        }
        int peek = link.peek(input.buf);
        if (peek > 0) {
            input.pos = 0;
            input.limit = peek;
            anyByteRead = true;
            return true;
        }
        return peek == Link.PEEK_CLOSED || (peek == Link.PEEK_PENDING && awaitReadable(Duration.ofMillis(1)));
    }
}
