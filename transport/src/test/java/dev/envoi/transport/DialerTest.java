package dev.envoi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DialerTest {
    static final InetAddress LOOPBACK = address(127, 0, 0, 1);
    static final InetAddress SLOW = address(127, 0, 0, 2); // never dialed: the test connector stalls on it

    static InetAddress address(int... b) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) b[0], (byte) b[1], (byte) b[2], (byte) b[3]});
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByName("::1");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    @Test
    void interleavesFamiliesStartingWithTheFirst() throws Exception {
        InetAddress v6a = InetAddress.getByName("::1");
        InetAddress v6b = InetAddress.getByName("::2");
        InetAddress v4a = address(127, 0, 0, 1);
        InetAddress v4b = address(127, 0, 0, 3);
        assertThat(HappyEyeballs.interleave(List.of(v6a, v6b, v4a, v4b))).containsExactly(v6a, v4a, v6b, v4b);
        assertThat(HappyEyeballs.interleave(List.of(v4a, v4b, v6a))).containsExactly(v4a, v6a, v4b);
        assertThat(Route.formatAddress(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 443)))
                .isEqualTo("[2001:db8::1:0:0:1]:443");
        assertThat(Route.formatAddress(new InetSocketAddress(InetAddress.getByName("2001:db8:0:1:1:1:1:1"), 80)))
                .isEqualTo("[2001:db8:0:1:1:1:1:1]:80");
    }

    @Test
    void slowFirstAddressLosesToSecondWithinTheStagger() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            CountDownLatch slowCancelled = new CountDownLatch(1);
            SocketConnector stallOnSlow = (socket, address, timeout) -> {
                if (address.getAddress().equals(SLOW)) {
                    try {
                        Thread.sleep(timeout);
                    } catch (InterruptedException e) {
                        slowCancelled.countDown();
                        throw new InterruptedIOException("cancelled");
                    }
                    throw new IOException("slow address should have been cancelled");
                }
                socket.connect(address, timeout);
            };
            Dialer dialer = Dialer.newBuilder()
                    .resolver((h, p) -> List.of(SLOW, LOOPBACK))
                    .connectTimeout(Duration.ofSeconds(10))
                    .socketConnector(stallOnSlow)
                    .build();
            List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<InetSocketAddress> started = new java.util.concurrent.CopyOnWriteArrayList<>();
            DialListener record = new DialListener() {
                @Override
                public void connectStart(InetSocketAddress address) {
                    starts.add(System.nanoTime());
                    started.add(address);
                }
            };
            try (Connection c = dialer.dial(Route.of("http", "dual.test", echo.port()), record, Cancellation.none())) {
                assertThat(c.peer()).isEqualTo("127.0.0.1:" + echo.port());
                assertThat(roundTrip(c, "hi")).isEqualTo("hi");
            }
            assertThat(Dialer.DEFAULT_ATTEMPT_DELAY).isEqualTo(Duration.ofMillis(250)); // RFC 8305 §8
            assertThat(started).containsExactly(new InetSocketAddress(SLOW, echo.port()), loopback(echo.port()));
            // RFC 8305 §5: the second attempt starts one Connection Attempt Delay after the first, not sooner;
            // the upper bound only says "nowhere near the 10 s connect timeout" on a loaded machine
            long offsetMs = TimeUnit.NANOSECONDS.toMillis(starts.get(1) - starts.get(0));
            assertThat(offsetMs).isBetween(240L, 2_000L); // 250 ms, less the time to open the first socket
            assertThat(slowCancelled.await(2, TimeUnit.SECONDS)).as("loser cancelled").isTrue();
        }
    }

    /** Dials only 127.0.0.1 and ::1 for real; refuses any other address at once without touching it. */
    static final SocketConnector REFUSE_FAKES = (socket, address, timeout) -> {
        InetAddress a = address.getAddress();
        if (!a.equals(LOOPBACK) && !(a instanceof java.net.Inet6Address && a.isLoopbackAddress())) {
            throw new java.net.ConnectException("Connection refused (simulated)");
        }
        socket.connect(address, timeout);
    };

    @Test
    void failedAttemptStartsTheNextAtOnce() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            int port = echo.port();
            // the first address is refused at once, so 127.0.0.1 starts without waiting out the stagger
            Dialer dialer = Dialer.newBuilder().resolver((h, p) -> List.of(address(127, 0, 0, 2), LOOPBACK))
                    .attemptDelay(Duration.ofSeconds(2)).socketConnector(REFUSE_FAKES).build();
            long start = System.nanoTime();
            try (Connection c = dialer.dial(Route.of("http", "refused.test", port))) {
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_500L);
                assertThat(c.peer()).isEqualTo("127.0.0.1:" + port);
            }
        }
    }

    @Test
    void ipv6LoopbackIsRacedWhenAvailable() throws Exception {
        InetAddress v6 = ipv6Loopback();
        EchoServer echo6;
        try {
            echo6 = new EchoServer(v6);
        } catch (IOException noIpv6) {
            Assumptions.abort("no IPv6 loopback on this machine: " + noIpv6);
            return;
        }
        try (echo6) {
            Dialer dialer = Dialer.newBuilder().resolver((h, p) -> List.of(v6, LOOPBACK)).build();
            try (Connection c = dialer.dial(Route.of("http", "v6.test", echo6.port()))) {
                assertThat(c.peer()).isEqualTo("[::1]:" + echo6.port());
                assertThat(roundTrip(c, "six")).isEqualTo("six");
            }
        }
    }

    @Test
    void everyFailedAddressIsListed() throws Exception {
        int port = closedPort();
        Dialer dialer = Dialer.newBuilder().resolver((h, p) -> List.of(LOOPBACK, address(127, 0, 0, 3)))
                .socketConnector(REFUSE_FAKES).build();
        assertThatThrownBy(() -> dialer.dial(Route.of("http", "down.test", port)))
                .isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("cannot connect to down.test:" + port + " (2 addresses tried)")
                .hasMessageContaining("127.0.0.1:" + port + " -> ")
                .hasMessageContaining("127.0.0.3:" + port + " -> Connection refused (simulated)")
                .satisfies(e -> assertThat(((ConnectFailedException) e).attempts()).hasSize(2));
    }

    @Test
    void connectTimeoutIsATimeoutNamingEveryAddress() {
        SocketConnector stallOrRefuse = (socket, address, timeout) -> {
            if (!address.getAddress().equals(SLOW)) {
                throw new java.net.ConnectException("Connection refused (simulated)");
            }
            try {
                Thread.sleep(timeout + 5_000L);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
        };
        Dialer timing = Dialer.newBuilder().resolver((h, p) -> List.of(SLOW, address(127, 0, 0, 4)))
                .connectTimeout(Duration.ofMillis(300)).attemptDelay(Duration.ofMillis(100))
                .socketConnector(stallOrRefuse).build();
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> timing.dial(Route.of("http", "slow.test", 80)));
        // Issue 7.10: time ran out, so it is a timeout of phase CONNECT, not a "connect failed"
        assertThat(thrown).isInstanceOf(TransportTimeoutException.class)
                .hasMessage("connect timed out after 300 ms (slow.test:80; tried 127.0.0.4:80: Connection refused"
                        + " (simulated), 127.0.0.2:80: connect timed out after 300 ms)");
        assertThat(((TransportTimeoutException) thrown).phase()).isEqualTo(TransportTimeoutException.Phase.CONNECT);
        assertThat(((TransportTimeoutException) thrown).timeoutMillis()).isEqualTo(300);
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(java.net.ConnectException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000L);
        assertThat(timing.connectTimeout()).isEqualTo(Duration.ofMillis(300));
    }

    /**
     * Issue 7.10: a listener on 127.0.0.1 whose accept queue is full makes the TCP connect hang (Linux
     * drops the SYN); the dial is a {@link TransportTimeoutException} of phase {@code CONNECT}.
     */
    @Test
    void connectToAFullBacklogIsAConnectTimeout() throws Exception {
        List<java.net.Socket> fillers = new java.util.ArrayList<>();
        try (ServerSocket never = new ServerSocket(0, 1, LOOPBACK)) {
            boolean hung = false;
            for (int i = 0; i < 16 && !hung; i++) { // at most 16 fillers of 300 ms each
                java.net.Socket s = new java.net.Socket();
                fillers.add(s);
                try {
                    s.connect(loopback(never.getLocalPort()), 300);
                } catch (java.net.SocketTimeoutException full) {
                    hung = true;
                }
            }
            assumeTrue(hung, "connects to a full backlog do not hang on this system");
            Dialer dialer = Dialer.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
            Throwable thrown = catchThrowable(() -> dialer.dial(Route.of("http", "127.0.0.1", never.getLocalPort())));
            assertThat(thrown).isInstanceOf(TransportTimeoutException.class)
                    .hasMessageStartingWith("connect timed out after 300 ms (127.0.0.1:" + never.getLocalPort() + "; tried ");
            assertThat(((TransportTimeoutException) thrown).phase()).isEqualTo(TransportTimeoutException.Phase.CONNECT);
            assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(java.net.SocketTimeoutException.class);
        } finally {
            for (java.net.Socket s : fillers) {
                s.close();
            }
        }
    }

    @Test
    void unresolvedHostIsTyped() {
        Dialer dialer = Dialer.newBuilder().resolver((h, p) -> {
            throw new java.net.UnknownHostException(h);
        }).build();
        assertThatThrownBy(() -> dialer.dial(Route.of("http", "nowhere.test", 80)))
                .isInstanceOf(UnresolvedHostException.class)
                .hasMessageContaining("cannot resolve host nowhere.test");
    }

    @Test
    void resolverOverridesLikeCurlResolve() throws Exception {
        Resolver fallback = (h, p) -> List.of(address(127, 0, 0, 9));
        Resolver r = Resolver.overriding(Map.of("example.test:443", List.of(address(127, 0, 0, 5)),
                "example.test", List.of(address(127, 0, 0, 6))), fallback);
        assertThat(r.resolve("EXAMPLE.test", 443)).containsExactly(address(127, 0, 0, 5));
        assertThat(r.resolve("example.test", 80)).containsExactly(address(127, 0, 0, 6));
        assertThat(r.resolve("other.test", 80)).containsExactly(address(127, 0, 0, 9));
        assertThat(Resolver.system().resolve("127.0.0.1", 80)).containsExactly(LOOPBACK);
    }

    @Test
    void tunnelRouteWithoutHookIsAProgrammingError() {
        Route r = Route.newBuilder().scheme("https").host("localhost").proxy(Proxy.http("127.0.0.1", 3128)).build();
        assertThatThrownBy(() -> Dialer.defaults().dial(r)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TunnelHandshake");
    }

    static String roundTrip(Connection c, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        c.output().write(bytes);
        c.output().flush();
        byte[] back = c.input().readNBytes(bytes.length);
        return new String(back, StandardCharsets.US_ASCII);
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(LOOPBACK, port);
    }
}
