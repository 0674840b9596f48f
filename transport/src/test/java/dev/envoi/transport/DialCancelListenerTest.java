package dev.envoi.transport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dial's listener events and its cancellation (every racing attempt closed, the slot given back). */
class DialCancelListenerTest {
    private static final InetAddress LOOPBACK = DialerTest.LOOPBACK;
    private static final InetAddress SLOW = DialerTest.SLOW;

    /** Never touches the network: waits until the dialer closes the socket (bounded to 10 s). */
    private static final SocketConnector STALL_UNTIL_CLOSED = (socket, address, timeout) -> {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!socket.isClosed() && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new java.net.SocketException("Socket closed");
    };

    static final class Recorder implements DialListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch connectStarts = new CountDownLatch(2);

        @Override
        public void dnsStart(String host) {
            events.add("dnsStart " + host);
        }

        @Override
        public void dnsEnd(String host, List<InetAddress> addresses) {
            events.add("dnsEnd " + host + " " + addresses.size());
        }

        @Override
        public void connectStart(InetSocketAddress address) {
            events.add("connectStart " + address.getAddress().getHostAddress());
            connectStarts.countDown();
        }

        @Override
        public void connectEnd(InetSocketAddress address) {
            events.add("connectEnd " + address.getAddress().getHostAddress());
        }

        @Override
        public void connectFailed(InetSocketAddress address, IOException failure) {
            events.add("connectFailed " + address.getAddress().getHostAddress());
        }

        @Override
        public void tlsStart(String host) {
            events.add("tlsStart " + host);
        }

        @Override
        public void tlsEnd(String protocol, String cipherSuite) {
            events.add("tlsEnd");
        }
    }

    @Test
    void listenerSeesDnsAndEachAttemptInOrder() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            Recorder r = new Recorder();
            Dialer dialer = Dialer.newBuilder().resolver((h, p) -> List.of(DialerTest.address(127, 0, 0, 2), LOOPBACK))
                    .socketConnector(DialerTest.REFUSE_FAKES).build();
            try (Connection c = dialer.dial(Route.of("http", "two.test", echo.port()), r, new Cancellation())) {
                assertThat(c.peer()).isEqualTo("127.0.0.1:" + echo.port());
            }
            assertThat(r.events).containsExactly("dnsStart two.test", "dnsEnd two.test 2", "connectStart 127.0.0.2",
                    "connectFailed 127.0.0.2", "connectStart 127.0.0.1", "connectEnd 127.0.0.1");
        }
    }

    /** Counts down {@code entered} as each attempt enters {@code connector}. */
    private static SocketConnector counting(CountDownLatch entered, SocketConnector connector) {
        return (socket, address, timeout) -> {
            entered.countDown();
            connector.connect(socket, address, timeout);
        };
    }

    @Test
    void cancelStopsARaceOfStalledAttemptsAtOnce() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch inConnect = new CountDownLatch(2);
        try {
            Dialer dialer = Dialer.newBuilder().resolver((h, p) -> List.of(SLOW, LOOPBACK))
                    .attemptDelay(Duration.ofMillis(100)).connectTimeout(Duration.ofSeconds(10))
                    .socketConnector(counting(inConnect, STALL_UNTIL_CLOSED)).build();
            ConnectionPool pool = ConnectionPool.newBuilder().dialer(dialer).maxPerRoute(1).build();
            Cancellation cancel = new Cancellation();
            Recorder r = new Recorder();
            AtomicLong canceledAt = new AtomicLong();
            scheduler.execute(() -> {
                try {
                    inConnect.await(5, TimeUnit.SECONDS); // both attempts are stalled in connect now
                } catch (InterruptedException e) {
                    return;
                }
                canceledAt.set(System.nanoTime());
                cancel.cancel();
            });
            assertThatThrownBy(() -> pool.acquire(Route.of("http", "stall.test", 80), Duration.ofSeconds(5), r, cancel))
                    .isInstanceOf(DialCanceledException.class)
                    .hasMessage("dial to stall.test:80 was canceled");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - canceledAt.get())).isLessThan(1_000L);
            assertThat(r.events).containsExactly("dnsStart stall.test", "dnsEnd stall.test 2",
                    "connectStart 127.0.0.2", "connectStart 127.0.0.1");
            assertThat(pool.connectionCount()).isZero();
            pool.close();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void canceledBeforeTheDialNeverConnects() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        Recorder r = new Recorder();
        assertThatThrownBy(() -> Dialer.defaults().dial(Route.of("http", "127.0.0.1", 1), r, cancel))
                .isInstanceOf(DialCanceledException.class);
        assertThat(r.events).isEmpty();
        assertThatThrownBy(() -> Cancellation.none().cancel()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void cancelWakesAWaitForAPoolSlot() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (EchoServer echo = new EchoServer();
             ConnectionPool pool = ConnectionPool.newBuilder().maxPerRoute(1).build()) {
            Route route = Route.of("http", "127.0.0.1", echo.port());
            try (Connection held = pool.acquire(route)) {
                Cancellation cancel = new Cancellation();
                scheduler.schedule(cancel::cancel, 200, TimeUnit.MILLISECONDS);
                long start = System.nanoTime();
                assertThatThrownBy(() -> pool.acquire(route, Duration.ofSeconds(10), DialListener.NONE, cancel))
                        .isInstanceOf(DialCanceledException.class);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000L);
                assertThat(held.isOpen()).isTrue();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

}
