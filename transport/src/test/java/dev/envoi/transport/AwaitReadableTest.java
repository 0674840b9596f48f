package dev.envoi.transport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Connection#awaitReadable}: waiting for an optional answer neither consumes bytes nor poisons the connection. */
class AwaitReadableTest {

    /**
     * On a connection to an echo peer: a wait that times out leaves it reusable with nothing consumed,
     * then echoed bytes make it readable and stay readable until read.
     */
    static void checkOnEcho(Connection c) throws IOException {
        long start = System.nanoTime();
        assertThat(c.awaitReadable(Duration.ofMillis(150))).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(140L);
        assertThat(c.isReusable()).isTrue();
        assertThat(c.readTimeout()).isEqualTo(Dialer.DEFAULT_IO_TIMEOUT); // restored
        c.output().write("hi".getBytes(StandardCharsets.US_ASCII));
        c.output().flush();
        assertThat(c.awaitReadable(Duration.ofSeconds(5))).isTrue();
        assertThat(c.awaitReadable(Duration.ZERO)).isTrue(); // still there: nothing was consumed
        assertThat(new String(c.input().readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("hi");
        assertThat(c.awaitReadable(Duration.ZERO)).isFalse();
        assertThat(c.isReusable()).isTrue();
        assertThat(DialerTest.roundTrip(c, "again")).isEqualTo("again");
    }

    @Test
    void plainTcp() throws Exception {
        try (EchoServer echo = new EchoServer();
             Connection c = Dialer.defaults().dial(Route.of("http", "127.0.0.1", echo.port()))) {
            checkOnEcho(c);
        }
    }

    @Test
    void endOfStreamIsReadableAndStaysVisibleToTheNextRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, DialerTest.LOOPBACK)) {
            Thread closer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write('x');
                } catch (IOException ignored) {
                    // the test fails on the client side
                }
            });
            closer.setDaemon(true);
            closer.start();
            try (Connection c = Dialer.defaults().dial(Route.of("http", "127.0.0.1", server.getLocalPort()))) {
                assertThat(c.awaitReadable(Duration.ofSeconds(5))).isTrue();
                assertThat(c.input().read()).isEqualTo('x');
                assertThat(c.awaitReadable(Duration.ofSeconds(5))).isTrue();
                assertThat(c.input().read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void closedFromAnotherThreadWhileWaitingReportsTheCancel() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            Connection c = Dialer.defaults().dial(Route.of("http", "127.0.0.1", echo.port()));
            Thread waiter = Thread.currentThread();
            Thread t = new Thread(() -> {
                try {
                    TestThreads.awaitBlockedIn(waiter, Connection.class, "awaitReadable");
                } catch (InterruptedException | AssertionError ignored) {
                    // close anyway: the assertions below then say what went wrong
                }
                c.close();
            });
            t.setDaemon(true);
            t.start();
            long start = System.nanoTime();
            try {
                c.awaitReadable(Duration.ofSeconds(10));
                assertThat(false).as("awaitReadable should have thrown").isTrue();
            } catch (IOException e) {
                assertThat(e).hasMessageContaining("was closed (cancelled)");
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000L);
        }
    }
}
