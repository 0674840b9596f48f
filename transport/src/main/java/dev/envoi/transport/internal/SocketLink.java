package dev.envoi.transport.internal;

import dev.envoi.transport.TransportTimeoutException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A {@link Link} over a blocking {@link Socket} or {@link SSLSocket}.
 *
 * <p>Read timeouts are the socket's {@code SO_TIMEOUT}. Blocking socket writes have no timeout in the
 * JDK, so a write timeout is a watchdog: before each write a task is scheduled on the shared
 * {@link Scheduler} for the deadline, and cancelled when the write returns. If it fires, the write is
 * still blocked (the peer stopped reading and the send buffer is full): the task closes the socket,
 * which makes the blocked write throw, and the write reports a {@code TransportTimeoutException}. The
 * connection is gone afterwards, which is right: part of a message may have been sent.
 *
 * <p>Closing never waits on JSSE. {@code SSLSocket.close()} sends close_notify under the record lock,
 * which a writer blocked on a full send buffer holds indefinitely, and the close_notify write itself
 * can block on a peer that stopped reading. So when a write is in progress the TCP socket under the
 * TLS layer is closed first (which fails the blocked write at once); otherwise close_notify is
 * attempted with a watchdog that closes the TCP socket if it takes longer than {@value #CLOSE_NOTIFY_MILLIS} ms.
 */
public final class SocketLink implements Link {
    /** The longest a graceful TLS close may take before the TCP socket is closed under it. */
    static final int CLOSE_NOTIFY_MILLIS = 1000;
    /** Writes are watched in chunks of this size, each with the full write timeout. */
    static final int WATCHED_CHUNK = 64 * 1024;

    private final Socket socket;
    private final Socket tcp;
    private final String peer;
    private final InputStream in;
    private final OutputStream out;
    private volatile int writeTimeout;
    private volatile boolean writeTimedOut;
    private volatile boolean closed;
    private volatile int writing;

    /**
     * @param socket the socket to read and write: an {@link SSLSocket} or the TCP socket itself
     * @param tcp the TCP socket under it (the same object when there is no TLS)
     * @param peer the peer, for messages
     */
    public SocketLink(Socket socket, Socket tcp, String peer) throws IOException {
        this.socket = socket;
        this.tcp = tcp;
        this.peer = peer;
        this.in = socket.getInputStream();
        this.out = new WatchedOutput(socket.getOutputStream());
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public int peek(byte[] buf) {
        try {
            if (socket != tcp) {
                // TLS: reading raw bytes would steal them from the TLS layer; ask JSSE for plaintext it
                // decrypted but nobody read (the rest of a record), and the kernel what is queued
                return in.available() > 0 || tcp.getInputStream().available() > 0 ? PEEK_PENDING : PEEK_PROBABLY_QUIET;
            }
            SocketChannel ch = tcp.getChannel();
            if (ch == null) {
                return PEEK_PROBABLY_QUIET;
            }
            // Safe to switch modes: an idle connection has no reader or writer.
            ch.configureBlocking(false);
            try {
                int n = ch.read(ByteBuffer.wrap(buf));
                return n < 0 ? PEEK_CLOSED : n;
            } finally {
                ch.configureBlocking(true);
            }
        } catch (IOException e) {
            return PEEK_CLOSED;
        }
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public int readTimeout() {
        try {
            return socket.getSoTimeout();
        } catch (SocketException e) {
            return 0;
        }
    }

    @Override
    public void setWriteTimeout(int millis) {
        this.writeTimeout = millis;
    }

    @Override
    public SSLSession tlsSession() {
        return socket instanceof SSLSocket s ? s.getSession() : null;
    }

    @Override
    public String applicationProtocol() {
        if (socket instanceof SSLSocket s) {
            String p = s.getApplicationProtocol();
            return p == null || p.isEmpty() ? null : p;
        }
        return null;
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (socket == tcp) {
            closeQuietly(tcp);
            return;
        }
        if (writing > 0 || Scheduler.onTimerThread()) {
            // A blocked writer holds the lock close_notify needs, and the timer thread cannot wait for
            // its own guard below: cut the wire first.
            closeQuietly(tcp);
        }
        ScheduledFuture<?> guard = Scheduler.schedule(() -> closeQuietly(tcp),
                TimeUnit.MILLISECONDS.toNanos(CLOSE_NOTIFY_MILLIS));
        try {
            closeQuietly(socket);
        } finally {
            guard.cancel(false);
            closeQuietly(tcp);
        }
    }

    /**
     * Wakes a writer stuck on a peer that stopped reading. On plain TCP only the sending half is shut:
     * the peer may have answered before it stopped reading (a {@code 413} to an upload, RFC 9112 §9.5),
     * and that answer stays readable. With TLS the records need both halves, so the socket is closed.
     */
    private void stopWriting() {
        if (socket == tcp) {
            try {
                tcp.shutdownOutput();
                return;
            } catch (IOException e) {
                // fall through: closing wakes the writer too
            }
        }
        close();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is best effort; the socket is unusable either way
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private final class WatchedOutput extends OutputStream {
        private final OutputStream raw;

        WatchedOutput(OutputStream raw) {
            this.raw = raw;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            // The timeout bounds each chunk, not a whole large write: a slow upload that keeps
            // making progress is not a timeout, a peer that stops reading is.
            for (int done = 0; done < len; done += WATCHED_CHUNK) {
                writeChunk(b, off + done, Math.min(WATCHED_CHUNK, len - done));
            }
        }

        private void writeChunk(byte[] b, int off, int len) throws IOException {
            int timeout = writeTimeout;
            writing++; // one writer at a time per connection; volatile for close() on another thread
            if (timeout <= 0) {
                try {
                    raw.write(b, off, len);
                } finally {
                    writing--;
                }
                return;
            }
            ScheduledFuture<?> watchdog = Scheduler.schedule(() -> {
                writeTimedOut = true;
                stopWriting();
            }, TimeUnit.MILLISECONDS.toNanos(timeout));
            try {
                raw.write(b, off, len);
            } catch (IOException e) {
                if (writeTimedOut) {
                    TransportTimeoutException t = new TransportTimeoutException(
                            TransportTimeoutException.Phase.WRITE, peer, timeout);
                    t.initCause(e);
                    throw t;
                }
                throw e;
            } finally {
                writing--;
                watchdog.cancel(false);
            }
        }

        @Override
        public void flush() throws IOException {
            raw.flush();
        }

        @Override
        public void close() {
            SocketLink.this.close();
        }
    }
}
