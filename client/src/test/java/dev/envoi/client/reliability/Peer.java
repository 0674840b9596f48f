package dev.envoi.client.reliability;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server's side of one connection of a {@link HostileServer}: the moves a hostile scenario is
 * made of. Reads time out after {@link #READ_TIMEOUT_MILLIS} ms; writes are bounded by the watchdog,
 * which closes the socket.
 */
public final class Peer {
    static final int READ_TIMEOUT_MILLIS = 10_000;
    /** The largest request head read; a bigger one is a broken test. */
    private static final int MAX_HEAD = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final HostileServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ScheduledFuture<?> watchdog;

    Peer(Socket socket, HostileServer server) throws IOException {
        this.socket = socket;
        this.server = server;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = socket.getOutputStream();
    }

    void watchdog(ScheduledFuture<?> task) {
        this.watchdog = task;
        if (closed.get()) {
            task.cancel(false);
        }
    }

    /**
     * Reads one request head (up to CRLF CRLF) and, when it declares a {@code Content-Length}, that
     * many body bytes; records the head with the server. Null when the client closed first.
     */
    public String readRequest() throws IOException {
        return readRequest(Long.MAX_VALUE);
    }

    /**
     * Reads one request head and at most {@code maxBodyBytes} of its Content-Length body (0: a
     * server that answers before reading the body); null when the client closed first.
     */
    public String readRequest(long maxBodyBytes) throws IOException {
        byte[] head = new byte[MAX_HEAD];
        int n = 0;
        while (n < 4 || head[n - 1] != '\n' || head[n - 2] != '\r' || head[n - 3] != '\n' || head[n - 4] != '\r') {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (n == MAX_HEAD) {
                throw new IOException("request head longer than " + MAX_HEAD + " bytes");
            }
            head[n++] = (byte) b;
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        server.recordHead(text);
        long length = Math.min(maxBodyBytes, contentLength(text));
        for (long i = 0; i < length; i++) {
            if (in.read() < 0) {
                return text;
            }
        }
        return text;
    }

    /** The Content-Length of a request head, 0 when absent. */
    static long contentLength(String head) {
        int at = indexOfIgnoreCase(head, "\r\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        long v = 0;
        for (int i = at + 17; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
            } else if (c != ' ' && c != '\t') {
                break;
            }
        }
        return v;
    }

    private static int indexOfIgnoreCase(String s, String lowerNeedle) {
        int last = s.length() - lowerNeedle.length();
        for (int i = 0; i <= last; i++) {
            if (s.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Writes {@code text} as ISO-8859-1 bytes and flushes. */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes exactly {@code bytes} and flushes. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Writes {@code bytes} {@code perStep} at a time, pausing {@code everyMillis} between steps (a
     * slow server); returns how many were written before the client went away.
     */
    public int drip(byte[] bytes, int perStep, long everyMillis) throws InterruptedException {
        int done = 0;
        try {
            while (done < bytes.length) {
                int n = Math.min(perStep, bytes.length - done);
                out.write(bytes, done, n);
                out.flush();
                done += n;
                if (done < bytes.length) {
                    Thread.sleep(everyMillis);
                }
            }
        } catch (IOException e) {
            return done; // the client stopped listening
        }
        return done;
    }

    /**
     * Writes {@code prefix}, then {@code unit} over and over until a write fails because the client
     * stopped reading and closed (the expected end), or {@code maxBytes} were written. Returns the
     * bytes written and how it ended.
     */
    public Endless writeEndless(byte[] prefix, byte[] unit, long maxBytes) {
        long written = 0;
        try {
            out.write(prefix);
            written += prefix.length;
            byte[] batch = batch(unit);
            while (written < maxBytes) {
                out.write(batch);
                written += batch.length;
            }
            out.flush();
            return new Endless(written, false);
        } catch (IOException e) {
            return new Endless(written, true);
        }
    }

    /** {@code unit} repeated to about 64 KiB, so an endless stream costs few system calls. */
    private static byte[] batch(byte[] unit) {
        int copies = Math.max(1, 65536 / unit.length);
        byte[] b = new byte[copies * unit.length];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(unit, 0, b, i * unit.length, unit.length);
        }
        return b;
    }

    /** How an endless write ended. */
    public record Endless(long bytesWritten, boolean clientStopped) {
    }

    /**
     * Keeps the connection open without writing, reading and dropping whatever comes, until the
     * client closes it or {@code max} passes (a server that never answers). Returns true when the
     * client closed first.
     */
    public boolean hold(Duration max) throws IOException {
        long end = System.nanoTime() + max.toNanos();
        socket.setSoTimeout(50);
        byte[] sink = new byte[4096];
        try {
            while (System.nanoTime() - end < 0) {
                try {
                    if (in.read(sink) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    // still open: keep holding
                }
            }
            return false;
        } catch (IOException e) {
            return true; // reset by the client
        } finally {
            if (!closed.get()) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
        }
    }

    /** Resets the connection: SO_LINGER 0 then close sends a TCP RST instead of a FIN. */
    public void reset() throws IOException {
        if (!closed.get()) {
            socket.setSoLinger(true, 0);
        }
        close();
    }

    /** Closes the connection (a FIN after whatever was written). Idempotent. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ScheduledFuture<?> w = watchdog;
            if (w != null) {
                w.cancel(false);
            }
            HostileServer.closeQuietly(socket);
        }
    }

    boolean isClosed() {
        return closed.get();
    }
}
