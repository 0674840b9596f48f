package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;
import static dev.envoi.transport.DialerTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.EnvoiException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    private static Dialer dialer() {
        return Dialer.newBuilder().resolver(Resolver.system()).build();
    }

    @Test
    void bufferedStreamsCarryBytesBothWays() throws Exception {
        try (EchoServer echo = new EchoServer(); Connection c = dialer().dial(Route.of("http", "127.0.0.1", echo.port()))) {
            assertThat(roundTrip(c, "hello")).isEqualTo("hello");
            byte[] big = new byte[100_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
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
            assertThat(c.isReusable()).isTrue();
            assertThat(c.idleTime()).isLessThan(Duration.ofSeconds(5));
            assertThat(c.tlsSession()).isEmpty();
        }
    }

    @Test
    void readTimeoutIsTypedAndSpoilsReuse() throws Exception {
        try (EchoServer echo = new EchoServer(); Connection c = dialer().dial(Route.of("http", "127.0.0.1", echo.port()))) {
            c.setReadTimeout(Duration.ofMillis(100));
            assertThat(c.readTimeout()).isEqualTo(Duration.ofMillis(100));
            assertThatThrownBy(() -> c.input().read())
                    .isInstanceOf(TransportTimeoutException.class)
                    .hasMessageContaining("read timed out after 100 ms (127.0.0.1:" + echo.port() + ")")
                    .satisfies(e -> assertThat(((TransportTimeoutException) e).phase())
                            .isEqualTo(TransportTimeoutException.Phase.READ));
            assertThat(c.isReusable()).isFalse();
        }
    }

    @Test
    void closeFromAnotherThreadCancelsABlockedRead() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            Connection c = dialer().dial(Route.of("http", "127.0.0.1", echo.port()));
            c.setReadTimeout(Duration.ZERO);
            java.util.concurrent.CompletableFuture<Thread> readerThread = new java.util.concurrent.CompletableFuture<>();
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
            c.close(); // idempotent
            assertThat(reader.get(2, TimeUnit.SECONDS)).isInstanceOf(EnvoiException.class)
                    .hasMessageContaining("was closed (cancelled)");
            assertThat(c.isOpen()).isFalse();
            assertThat(c.isReusable()).isFalse();
        }
    }

    @Test
    void writeTimeoutStopsAWriteThePeerNeverReads() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            Connection c = dialer().dial(Route.of("http", "127.0.0.1", server.getLocalPort()));
            try (Socket accepted = server.accept()) { // accepted, never read
                assertThat(accepted.isConnected()).isTrue();
                c.setWriteTimeout(Duration.ofMillis(300));
                byte[] chunk = new byte[64 * 1024];
                long start = System.nanoTime();
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 4096; i++) { // at most 256 MiB; the buffers fill long before
                        c.output().write(chunk);
                    }
                }).isInstanceOf(TransportTimeoutException.class).hasMessageContaining("write timed out after 300 ms");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000L);
                assertThat(c.isReusable()).isFalse();
            } finally {
                c.close();
            }
        }
    }

    /** Issue 7.3: an idle connection that became readable is dead, whether bytes or the end of the stream arrived. */
    @Test
    void probeSaysAReadableIdleConnectionIsDeadAndConsumesNothing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, LOOPBACK)) {
            Connection c = dialer().dial(Route.of("http", "127.0.0.1", server.getLocalPort()));
            try (Socket peer = server.accept()) {
                assertThat(c.probeAlive()).isTrue(); // quiet: alive
                peer.getOutputStream().write('X');
                peer.getOutputStream().flush();
                awaitDead(c); // a stray byte (e.g. the start of "HTTP/1.1 408") arrived
                assertThat(c.probeAlive()).isFalse(); // and stays seen
                assertThat(c.input().available()).isEqualTo(1);
                assertThat(c.input().read()).isEqualTo('X'); // the probe consumed nothing
                assertThat(c.readTimeout()).isEqualTo(Dialer.DEFAULT_IO_TIMEOUT); // restored
                assertThat(c.probeAlive()).isTrue(); // quiet again
            }
            awaitDead(c); // the server closed it
            c.close();
        }
    }

    private static void awaitDead(Connection c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (c.probeAlive()) {
            assertThat(System.nanoTime() - deadline).as("the probe saw it in time").isNegative();
            Thread.sleep(5);
        }
    }

    @Test
    void closingTheStreamsClosesTheConnection() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            Connection c = dialer().dial(Route.of("http", "127.0.0.1", echo.port()));
            InputStream in = c.input();
            in.close();
            assertThat(c.isOpen()).isFalse();
            assertThat(c.toString()).contains("closed");
        }
    }
}
