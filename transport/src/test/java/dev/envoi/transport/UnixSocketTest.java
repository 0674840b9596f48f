package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.EnvoiException;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unix domain sockets (JEP 380) against a server socket in a temp directory. */
class UnixSocketTest {
    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private Path socket;
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    private volatile boolean echo = true;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("echo.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        TestProxies.daemon(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    accepted.add(ch);
                    if (echo) {
                        TestProxies.daemon(() -> echo(ch));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void echo(SocketChannel ch) {
        try (ch) {
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                buf.clear();
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        for (SocketChannel ch : accepted) {
            ch.close();
        }
    }

    private Route route() {
        return Route.newBuilder().host("localhost").unixSocket(socket).build();
    }

    private static Dialer dialer() {
        return Dialer.newBuilder().resolver((h, p) -> {
            throw new AssertionError("a Unix socket route must not resolve " + h);
        }).build();
    }

    @Test
    void bytesFlowBothWays() throws Exception {
        try (Connection c = dialer().dial(route())) {
            assertThat(c.peer()).isEqualTo("unix:" + socket);
            assertThat(roundTrip(c, "GET /_ping HTTP/1.1")).isEqualTo("GET /_ping HTTP/1.1");
            byte[] big = new byte[200_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 7);
            }
            CompletableFuture<byte[]> back = TestProxies.async(() -> {
                try {
                    return c.input().readNBytes(big.length);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            c.output().write(big);
            c.output().flush();
            assertThat(back.get(5, TimeUnit.SECONDS)).isEqualTo(big);
        }
    }

    @Test
    void awaitReadableNeitherConsumesNorPoisons() throws Exception {
        try (Connection c = dialer().dial(route())) {
            AwaitReadableTest.checkOnEcho(c);
        }
    }

    @Test
    void readTimeoutAndCancellation() throws Exception {
        Connection c = dialer().dial(route());
        c.setReadTimeout(Duration.ofMillis(100));
        assertThatThrownBy(() -> c.input().read()).isInstanceOf(TransportTimeoutException.class)
                .hasMessageContaining("read timed out after 100 ms (unix:");
        c.setReadTimeout(Duration.ZERO);
        CompletableFuture<Thread> readerThread = new CompletableFuture<>();
        CompletableFuture<Throwable> reader = TestProxies.async(() -> {
            try {
                readerThread.complete(Thread.currentThread());
                c.input().read();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        TestThreads.awaitBlockedIn(readerThread.get(5, TimeUnit.SECONDS), Connection.class, "rawRead");
        c.close();
        assertThat(reader.get(2, TimeUnit.SECONDS)).isInstanceOf(EnvoiException.class).hasMessageContaining("cancelled");
    }

    @Test
    void writeTimeoutWhenTheServerNeverReads() throws Exception {
        echo = false;
        try (Connection c = dialer().dial(route())) {
            c.setWriteTimeout(Duration.ofMillis(200));
            byte[] chunk = new byte[64 * 1024];
            assertThatThrownBy(() -> {
                for (int i = 0; i < 4096; i++) {
                    c.output().write(chunk);
                }
            }).isInstanceOf(TransportTimeoutException.class).hasMessageContaining("write timed out after 200 ms");
        }
    }

    @Test
    void staleProbeAndPooling() throws Exception {
        try (ConnectionPool pool = ConnectionPool.newBuilder().dialer(dialer()).build()) {
            Connection c = pool.acquire(route());
            assertThat(roundTrip(c, "a")).isEqualTo("a");
            pool.release(c);
            assertThat(pool.acquire(route())).isSameAs(c);
            pool.release(c);
            for (SocketChannel ch : accepted) {
                ch.close(); // the daemon closes idle connections
            }
            awaitEndOfStreamSeen(c);
            Connection fresh = pool.acquire(route());
            assertThat(fresh).isNotSameAs(c);
            assertThat(roundTrip(fresh, "b")).isEqualTo("b");
            pool.release(fresh);
        }
    }

    @Test
    void connectTimesOutWhenTheBacklogIsFull() throws Exception {
        Path full = dir.resolve("full.sock");
        List<SocketChannel> fillers = new java.util.ArrayList<>();
        try (ServerSocketChannel never = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            never.bind(UnixDomainSocketAddress.of(full), 1); // never accepts
            for (int i = 0; i < 50; i++) { // fill the backlog: a non-blocking connect stops succeeding
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.configureBlocking(false);
                fillers.add(ch);
                try {
                    if (!ch.connect(UnixDomainSocketAddress.of(full))) {
                        break;
                    }
                } catch (IOException backlogFull) { // EAGAIN: full
                    break;
                }
            }
            Dialer d = dialer().toBuilder().connectTimeout(Duration.ofMillis(300)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> d.dial(Route.newBuilder().host("localhost").unixSocket(full).build()))
                    .isInstanceOf(TransportTimeoutException.class).hasMessageContaining("connect timed out after 300 ms")
                    .satisfies(e -> assertThat(((TransportTimeoutException) e).phase())
                            .isEqualTo(TransportTimeoutException.Phase.CONNECT));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000L);
        } finally {
            for (SocketChannel ch : fillers) {
                ch.close();
            }
        }
    }

    @Test
    void missingSocketFileIsAConnectFailure() {
        Route missing = Route.newBuilder().host("localhost").unixSocket(dir.resolve("nope.sock")).build();
        assertThatThrownBy(() -> dialer().dial(missing)).isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("cannot connect to unix:" + dir.resolve("nope.sock") + ": ");
    }

    /** Waits (bounded) until the peer's close reached {@code c}: the probe sees the end of the stream and consumes nothing. */
    private static void awaitEndOfStreamSeen(Connection c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (c.probeAlive()) {
            assertThat(System.nanoTime() - deadline).as("the close reached the client in time").isNegative();
            Thread.sleep(5);
        }
    }
}
