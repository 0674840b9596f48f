package dev.envoi.transport.internal;

import dev.envoi.transport.TransportTimeoutException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * A {@link Link} over a Unix domain socket ({@code AF_UNIX}, JEP 380): a {@link SocketChannel} of
 * {@link StandardProtocolFamily#UNIX} connected to a {@link UnixDomainSocketAddress}.
 *
 * <p>{@code Channels.newInputStream} over a blocking channel cannot time out, so the channel is put in
 * non-blocking mode and each stream waits on its own {@link Selector} (one for reads, one for writes, so
 * a reader and a writer on different threads never share one): read and write timeouts both work, and
 * {@link #close()} wakes both selectors so cancellation from another thread unblocks them at once.
 */
public final class UnixLink implements Link {
    private final SocketChannel channel;
    private final String peer;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    private volatile int readTimeout;
    private volatile int writeTimeout;
    private volatile boolean closed;

    private UnixLink(SocketChannel channel, String peer) throws IOException {
        this.channel = channel;
        this.peer = peer;
        channel.configureBlocking(false);
        this.readSelector = Selector.open();
        this.writeSelector = Selector.open();
        channel.register(readSelector, SelectionKey.OP_READ);
        channel.register(writeSelector, SelectionKey.OP_WRITE);
    }

    /**
     * Connects to the socket file at {@code path}. An AF_UNIX connect completes or fails at once unless
     * the server's accept backlog is full, when it blocks: a timer closes the channel at the deadline.
     */
    public static UnixLink connect(Path path, int timeoutMillis) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ScheduledFuture<?> guard = Scheduler.schedule(() -> {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the connect fails either way
            }
        }, TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
            guard.cancel(false);
            return new UnixLink(ch, "unix:" + path);
        } catch (AsynchronousCloseException e) {
            throw new SocketTimeoutException("connect timed out after " + timeoutMillis + " ms (the server's backlog is full?)");
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        } finally {
            guard.cancel(false);
        }
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
            int n = channel.read(ByteBuffer.wrap(buf)); // the channel is non-blocking already
            return n < 0 ? PEEK_CLOSED : n;
        } catch (IOException e) {
            return PEEK_CLOSED;
        }
    }

    @Override
    public void setReadTimeout(int millis) {
        this.readTimeout = millis;
    }

    @Override
    public int readTimeout() {
        return readTimeout;
    }

    @Override
    public void setWriteTimeout(int millis) {
        this.writeTimeout = millis;
    }

    @Override
    public SSLSession tlsSession() {
        return null;
    }

    @Override
    public String applicationProtocol() {
        return null;
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
        readSelector.wakeup();
        writeSelector.wakeup();
        try {
            readSelector.close();
            writeSelector.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Waits until the selector reports readiness; false when the timeout passed first. */
    private boolean await(Selector selector, int timeoutMillis) throws IOException {
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        try {
            while (true) {
                if (closed) {
                    throw new SocketException("Socket closed");
                }
                long wait = 0;
                if (timeoutMillis > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
                }
                if (selector.select(wait) > 0) {
                    selector.selectedKeys().clear();
                    return true;
                }
            }
        } catch (ClosedSelectorException e) {
            throw new SocketException("Socket closed");
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (true) {
                int n = channel.read(buf);
                if (n != 0) {
                    return n;
                }
                int timeout = readTimeout;
                if (!await(readSelector, timeout)) {
                    throw new SocketTimeoutException("Read timed out after " + timeout + " ms (" + peer + ")");
                }
            }
        }

        @Override
        public void close() {
            UnixLink.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                if (channel.write(buf) == 0) {
                    int timeout = writeTimeout;
                    if (!await(writeSelector, timeout)) {
                        close();
                        throw new TransportTimeoutException(TransportTimeoutException.Phase.WRITE, peer, timeout);
                    }
                }
            }
        }

        @Override
        public void close() {
            UnixLink.this.close();
        }
    }
}
