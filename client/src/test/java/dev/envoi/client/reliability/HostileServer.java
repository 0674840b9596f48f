package dev.envoi.client.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted hostile HTTP server on 127.0.0.1 for the reliability suite: every accepted connection
 * runs a {@link Script} on its own daemon thread, which plays exact server behaviour through a
 * {@link Peer} (exact bytes, a slow drip, an endless stream until the client stops reading, a reset,
 * a close, silence). Every wait is bounded: reads have a socket timeout, and a connection still open
 * {@link #MAX_LIFE} after it was accepted, or when the server closes, is closed from outside, which
 * also ends a write blocked on a client that neither reads nor closes.
 *
 * <p>A script is written per scenario; {@link #answering} covers the common "read a head, reply
 * with these bytes" case, one reply per request on the connection, in order.
 */
public final class HostileServer implements AutoCloseable {
    /** The longest any connection may live, whatever its script does. */
    static final Duration MAX_LIFE = Duration.ofSeconds(60);

    /** What one connection does. */
    @FunctionalInterface
    public interface Script {
        /**
         * Plays the server's side of one connection; the connection is closed when this returns.
         *
         * @param peer the accepted connection
         * @param index 0 for the first connection accepted, 1 for the second, ...
         */
        void run(Peer peer, int index) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> heads = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> scriptErrors = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentHashMap.KeySetView<Peer, Boolean> open = ConcurrentHashMap.newKeySet();

    private HostileServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "hostile-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server running {@code script} on each connection. */
    public static HostileServer start(Script script) throws IOException {
        return new HostileServer(script);
    }

    /**
     * A server that reads each request head (and a Content-Length body) and writes the next of
     * {@code replies} as exact ISO-8859-1 bytes; after the last reply it closes the connection.
     * Replies are shared by all connections, in the order requests arrive.
     */
    public static HostileServer answering(String... replies) throws IOException {
        AtomicInteger next = new AtomicInteger();
        return start((peer, index) -> {
            while (peer.readRequest() != null) {
                int i = next.getAndIncrement();
                if (i >= replies.length) {
                    return;
                }
                peer.write(replies[i]);
            }
        });
    }

    /** {@code http://127.0.0.1:port/path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Request heads read so far, by every connection, in arrival order (ISO-8859-1). */
    public List<String> heads() {
        synchronized (heads) {
            return List.copyOf(heads);
        }
    }

    /** Failures of scripts other than the client going away; a test may assert there were none. */
    public List<Throwable> scriptErrors() {
        synchronized (scriptErrors) {
            return List.copyOf(scriptErrors);
        }
    }

    void recordHead(String head) {
        heads.add(head);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            int index = connections.getAndIncrement();
            Peer peer;
            try {
                peer = new Peer(s, this);
            } catch (IOException e) {
                closeQuietly(s);
                continue;
            }
            open.add(peer);
            Thread t = new Thread(() -> serve(peer, index), "hostile-server-conn-" + index);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Peer peer, int index) {
        Watchdog.closeAfter(peer, MAX_LIFE);
        try {
            script.run(peer, index);
        } catch (SocketException e) {
            // the client closed or reset: the usual end of a hostile scenario
        } catch (IOException e) {
            if (!peer.isClosed()) {
                scriptErrors.add(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            scriptErrors.add(e);
        } finally {
            peer.close();
            open.remove(peer);
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is best effort in a test server
        }
    }

    /** Stops accepting and closes every open connection (which ends blocked scripts). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do: the accept loop ends either way
        }
        for (Peer p : open) {
            p.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
