package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
    private EchoServer echo;
    private Route route;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        route = Route.of("http", "127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() throws Exception {
        echo.close();
    }

    private static ConnectionPool.Builder pool() {
        return ConnectionPool.newBuilder().dialer(Dialer.newBuilder().readTimeout(Duration.ofSeconds(5)).build());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void reusesAReleasedConnection() throws Exception {
        try (ConnectionPool p = pool().build()) {
            Connection first = p.acquire(route);
            assertThat(roundTrip(first, "one")).isEqualTo("one");
            assertThat(p.leasedCount()).isEqualTo(1);
            p.release(first);
            assertThat(p.idleCount()).isEqualTo(1);
            assertThat(p.idleCount(route)).isEqualTo(1);
            assertThat(first.reuseCount()).isZero();
            Connection second = p.acquire(route);
            assertThat(second).isSameAs(first);
            assertThat(second.reuseCount()).isEqualTo(1);
            assertThat(roundTrip(second, "two")).isEqualTo("two");
            p.release(second);
            assertThat(echo.accepted()).isEqualTo(1);
        }
    }

    @Test
    void waitsForAFreeSlotWhenTheRouteIsFull() throws Exception {
        try (ConnectionPool p = pool().maxPerRoute(1).build()) {
            Connection held = p.acquire(route);
            assertThatThrownBy(() -> p.acquire(route, Duration.ofMillis(100)))
                    .isInstanceOf(TransportTimeoutException.class)
                    .hasMessageContaining("pool timed out after 100 ms")
                    .hasMessageContaining("1 per route");
            java.util.concurrent.atomic.AtomicReference<Thread> waiting = new java.util.concurrent.atomic.AtomicReference<>();
            CompletableFuture<Connection> waiter = TestProxies.async(() -> {
                try {
                    waiting.set(Thread.currentThread());
                    return p.acquire(route, Duration.ofSeconds(5));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            awaitTrue(() -> waiting.get() != null);
            TestThreads.awaitBlockedIn(waiting.get(), ConnectionPool.class, "leaseOrReserve");
            assertThat(waiter).isNotDone();
            p.release(held);
            Connection got = waiter.get(5, TimeUnit.SECONDS);
            assertThat(got).isSameAs(held);
            p.release(got);
            assertThat(p.connectionCount()).isEqualTo(1);
        }
    }

    /** Issue 7.9: how many connections may be in use is separate from how many are kept idle. */
    @Test
    void defaultsLetARouteGrowBeyondTheIdleLimitAndKeepOnlyThatManyIdle() throws Exception {
        try (ConnectionPool p = pool().build()) {
            int n = ConnectionPool.DEFAULT_MAX_IDLE_PER_ROUTE * 3;
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                held.add(p.acquire(route, Duration.ZERO)); // never waits: no per-route cap of 10
            }
            assertThat(p.leasedCount()).isEqualTo(n);
            for (Connection c : held) {
                p.release(c);
            }
            assertThat(p.leasedCount()).isZero();
            assertThat(p.idleCount(route)).isEqualTo(ConnectionPool.DEFAULT_MAX_IDLE_PER_ROUTE);
            assertThat(p.connectionCount()).isEqualTo(ConnectionPool.DEFAULT_MAX_IDLE_PER_ROUTE);
            assertThat(held.stream().filter(Connection::isOpen).count()).isEqualTo(ConnectionPool.DEFAULT_MAX_IDLE_PER_ROUTE);
            awaitTrue(() -> echo.openConnections() == ConnectionPool.DEFAULT_MAX_IDLE_PER_ROUTE);
        }
    }

    @Test
    void idleLimitPerRouteIsConfigurable() throws Exception {
        try (ConnectionPool p = pool().maxIdlePerRoute(1).maxPerRoute(3).build()) {
            Connection a = p.acquire(route);
            Connection b = p.acquire(route);
            p.release(a);
            p.release(b); // the route has one idle already: closed
            assertThat(a.isOpen()).isTrue();
            assertThat(b.isOpen()).isFalse();
            assertThat(p.idleCount(route)).isEqualTo(1);
            assertThat(p.connectionCount()).isEqualTo(1);
        }
        assertThatThrownBy(() -> ConnectionPool.newBuilder().maxIdlePerRoute(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIdlePerRoute");
    }

    @Test
    void totalLimitEvictsAnotherRoutesIdleConnection() throws Exception {
        try (EchoServer other = new EchoServer(); ConnectionPool p = pool().maxTotal(1).build()) {
            Route otherRoute = Route.of("http", "127.0.0.1", other.port());
            p.release(p.acquire(route));
            Connection c = p.acquire(otherRoute);
            assertThat(p.idleCount(route)).isZero();
            assertThat(p.connectionCount()).isEqualTo(1);
            p.release(c);
        }
    }

    @Test
    void idleConnectionsExpireEvenWithoutFurtherCalls() throws Exception {
        try (ConnectionPool p = pool().maxIdleTime(Duration.ofMillis(200)).build()) {
            p.release(p.acquire(route));
            assertThat(p.idleCount()).isEqualTo(1);
            // the cleanup task on the timer closes it; no acquire or release needed
            awaitTrue(() -> p.idleCount() == 0 && echo.openConnections() == 0);
            assertThat(p.connectionCount()).isZero();
            Connection fresh = p.acquire(route);
            awaitTrue(() -> echo.accepted() == 2);
            p.release(fresh);
        }
    }

    @Test
    void keepAliveTimeoutFromTheServerShortensTheIdleLife() throws Exception {
        try (ConnectionPool p = pool().build()) {
            Connection c = p.acquire(route);
            c.keepAliveFor(Duration.ofMillis(100)); // e.g. from "Keep-Alive: timeout=0.1"
            p.release(c);
            assertThat(p.idleCount()).isEqualTo(1);
            Thread.sleep(150);
            Connection next = p.acquire(route);
            assertThat(next).isNotSameAs(c);
            assertThat(c.isOpen()).isFalse();
            next.keepAliveFor(Duration.ZERO);
            p.release(next);
            assertThat(next.isOpen()).isFalse(); // expired on release: closed, not kept
            assertThat(p.connectionCount()).isZero();
        }
    }

    @Test
    void staleConnectionClosedByTheServerIsNotReused() throws Exception {
        try (ConnectionPool p = pool().build()) {
            Connection first = p.acquire(route);
            roundTrip(first, "a");
            p.release(first);
            echo.dropAll(); // the server's keep-alive timer closes it while it sits idle
            awaitTrue(() -> echo.openConnections() == 0);
            awaitTrue(() -> !first.probeAlive()); // the FIN reached our socket (seeing it consumes nothing)
            Connection second = p.acquire(route);
            assertThat(second).isNotSameAs(first);
            assertThat(first.isOpen()).isFalse();
            assertThat(roundTrip(second, "b")).isEqualTo("b");
            p.release(second);
            assertThat(p.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void connectionsInDoubtAreClosedOnRelease() throws Exception {
        try (ConnectionPool p = pool().build()) {
            Connection c = p.acquire(route);
            c.markNotReusable();
            p.release(c);
            assertThat(c.isOpen()).isFalse();
            Connection d = p.acquire(route);
            d.close(); // closing instead of releasing also frees the slot
            assertThat(p.leasedCount()).isZero();
            assertThat(p.connectionCount()).isZero();
            p.release(d); // releasing a closed connection is harmless
            Connection e = p.acquire(route);
            p.release(e);
            assertThatThrownBy(() -> p.release(e)).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
            try (Connection foreign = Dialer.defaults().dial(route)) {
                assertThatThrownBy(() -> p.release(foreign)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void failedDialGivesItsSlotBack() throws Exception {
        Route down = Route.of("http", "127.0.0.1", DialerTest.closedPort());
        try (ConnectionPool p = pool().maxPerRoute(1).build()) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> p.acquire(down)).isInstanceOf(ConnectFailedException.class);
            }
            assertThat(p.connectionCount()).isZero();
        }
    }

    @Test
    void closedPoolRefusesAcquires() throws Exception {
        ConnectionPool p = pool().build();
        Connection c = p.acquire(route);
        p.close();
        assertThatThrownBy(() -> p.acquire(route)).isInstanceOf(IllegalStateException.class);
        p.release(c);
        assertThat(c.isOpen()).isFalse();
    }

    /** Virtual threads where the running JDK has them (21+), platform threads on 17. */
    private static ExecutorService manyThreads() {
        try {
            Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException notOnThisJdk) {
            return Executors.newFixedThreadPool(100);
        }
    }

    @Test
    void drainsToZeroAfterAThousandCyclesFromAHundredThreads() throws Exception {
        AtomicInteger cycles = new AtomicInteger();
        ConnectionPool p = pool().maxPerRoute(10).acquireTimeout(Duration.ofSeconds(20)).build();
        ExecutorService threads = manyThreads();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 100; t++) {
                int id = t;
                tasks.add(threads.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        Connection c = p.acquire(route);
                        try {
                            String msg = "t" + id + "i" + i + ";";
                            if (!roundTrip(c, msg).equals(msg)) {
                                throw new AssertionError("echo mismatch");
                            }
                        } catch (Exception e) {
                            c.markNotReusable();
                            throw e;
                        } finally {
                            p.release(c);
                        }
                        cycles.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(cycles.get()).isEqualTo(1_000);
        assertThat(p.leasedCount()).isZero();
        assertThat(p.connectionCount()).isLessThanOrEqualTo(10);
        assertThat(echo.accepted()).isLessThanOrEqualTo(10 + 10); // reuse, not a dial per cycle
        p.close();
        assertThat(p.connectionCount()).isZero();
        assertThat(p.idleCount()).isZero();
        awaitTrue(() -> echo.openConnections() == 0);
    }
}
