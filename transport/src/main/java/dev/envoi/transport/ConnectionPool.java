package dev.envoi.transport;

import dev.envoi.transport.internal.Log;
import dev.envoi.transport.internal.Scheduler;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps idle {@link Connection}s for reuse (RFC 9112 §9.3 persistence) keyed by {@link Route}, within a
 * per-route and a total limit on connections, and a per-route limit on idle ones.
 *
 * <p>Limits: how many connections may be <em>kept idle</em> per route ({@value #DEFAULT_MAX_IDLE_PER_ROUTE}
 * by default) is separate from how many may <em>exist</em> (leased, idle or being dialed): per route up
 * to the total by default, {@value #DEFAULT_MAX_TOTAL} in total. A busy origin where many requests stall
 * (a slow endpoint, a long poll) must not starve the fast requests to it: they get connections of their
 * own instead of waiting for a stalled one, as {@code requests}/urllib3 open connections beyond
 * {@code pool_maxsize} and the JDK's client has no per-host cap; when the burst is over, only the idle
 * limit's worth stays open. The total is a guard against running out of file descriptors (each connection
 * is one; 1024 is a common soft limit per process), not a throttle.
 *
 * <ul>
 *   <li><b>Acquire</b>: the most recently used idle connection of the route (LIFO: the least likely to
 *       have been closed by the server), after a stale check that consumes nothing (a non-blocking read,
 *       or for TLS a 1 ms read when bytes are pending or it idled a second or more) that
 *       discards connections that became readable while idle: closed by the server, or carrying bytes
 *       nobody asked for (a {@code 408} written before closing), which must never be read as the answer
 *       to the next request; otherwise a new one from the {@link Dialer}
 *       if the limits allow (evicting the oldest idle connection of another route when only the total
 *       limit is in the way); otherwise wait for a release, up to the acquire timeout
 *       ({@link TransportTimeoutException} with phase {@code POOL}).</li>
 *   <li><b>Release</b>: a connection that is open, {@linkplain Connection#isReusable() reusable}, not
 *       past its keep-alive and without unread bytes in its input buffer becomes idle; anything else is closed. Every acquire must end in exactly one
 *       {@link #release} or {@link Connection#close()}.</li>
 *   <li><b>Expiry</b>: an idle connection lives at most {@code maxIdleTime}, or less when the client set
 *       {@link Connection#keepAliveFor} from a {@code Keep-Alive: timeout=} field. Expired connections are
 *       closed lazily on every acquire and release, and by one task on the shared timer thread that is
 *       scheduled only while idle connections exist; no thread polls.</li>
 * </ul>
 *
 * <p>Thread-safe, built for many (virtual) threads: bookkeeping happens under a {@link ReentrantLock}
 * and waiting on its {@link Condition}; no I/O (dialing, probing, closing) ever happens under the lock.
 *
 * <pre>{@code
 * ConnectionPool pool = ConnectionPool.newBuilder().dialer(dialer).maxPerRoute(50).maxIdlePerRoute(5).build();
 * Connection c = pool.acquire(route);
 * try { ... exchange ... } catch (IOException e) { c.markNotReusable(); throw e; }
 * finally { pool.release(c); }
 * }</pre>
 */
public final class ConnectionPool implements Closeable {
    /** Default limit on connections in total (leased, idle and being dialed), and per route. */
    public static final int DEFAULT_MAX_TOTAL = 1000;
    /** Default limit on idle connections kept per route; one released beyond it is closed. */
    public static final int DEFAULT_MAX_IDLE_PER_ROUTE = 10;

    private final Dialer dialer;
    private final int maxPerRoute;
    private final int maxIdlePerRoute;
    private final int maxTotal;
    private final long maxIdleNanos;
    private final Duration acquireTimeout;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private final PoolLedger ledger = new PoolLedger(); // guarded by lock
    private boolean closed;
    private ScheduledFuture<?> cleanup;
    private long cleanupAtNanos;

    private ConnectionPool(Builder b) {
        this.dialer = b.dialer;
        this.maxPerRoute = b.maxPerRoute;
        this.maxIdlePerRoute = b.maxIdlePerRoute;
        this.maxTotal = b.maxTotal;
        this.maxIdleNanos = b.maxIdleTime.toNanos();
        this.acquireTimeout = b.acquireTimeout;
    }

    /**
     * A builder: {@value #DEFAULT_MAX_TOTAL} connections in total and per route, {@value
     * #DEFAULT_MAX_IDLE_PER_ROUTE} idle ones kept per route, 60 s idle, 30 s acquire timeout, the default dialer.
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** How long {@link #acquire(Route)} waits for a free slot. */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** {@link #acquire(Route, Duration)} with the pool's acquire timeout. */
    public Connection acquire(Route route) throws IOException {
        return acquire(route, acquireTimeout);
    }

    /**
     * A connection for {@code route}: an idle one that passed the stale check, or a new one.
     *
     * @param timeout how long to wait for a free slot when the limits are reached
     * @throws TransportTimeoutException (phase {@code POOL}) if no slot freed in time
     * @throws IllegalStateException if the pool is closed
     */
    public Connection acquire(Route route, Duration timeout) throws IOException {
        return acquire(route, timeout, DialListener.NONE, Cancellation.none());
    }

    /**
     * As {@link #acquire(Route, Duration)}; a new connection is dialed with {@code listener} (no event
     * for a pooled one), and {@code cancel} stops both the wait for a slot and the dial.
     *
     * @throws DialCanceledException if {@code cancel} was tripped
     */
    public Connection acquire(Route route, Duration timeout, DialListener listener, Cancellation cancel)
            throws IOException {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Connection candidate = leaseOrReserve(route, deadline, timeout, cancel);
            if (candidate == null) {
                return dialReserved(route, listener, cancel);
            }
            if (candidate.probeAlive()) {
                return candidate;
            }
            if (Log.DEBUG) {
                Log.debug("pool: discarding " + candidate + ": closed by the server, or sent bytes nobody asked for, while idle");
            }
            candidate.close(); // closed or readable while idle; the pool forgets it in closed()
        }
    }

    /** Under the lock: an idle connection (leased now), or {@code null} after reserving a slot to dial; waits when full. */
    private Connection leaseOrReserve(Route route, long deadline, Duration timeout, Cancellation cancel)
            throws IOException {
        List<Connection> toClose = new ArrayList<>();
        Closeable wake = this::wakeWaiters;
        cancel.register(wake);
        lock.lock();
        try {
            while (true) {
                checkOpen();
                cancel.check("waiting for a connection to " + route);
                evictExpired(toClose);
                Connection idle = ledger.leaseIdle(route);
                if (idle != null) {
                    return idle;
                }
                if (ledger.slots(route) < maxPerRoute
                        && (ledger.total() < maxTotal || ledger.evictOldest(toClose))) {
                    ledger.reserve(route);
                    return null;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TransportTimeoutException(TransportTimeoutException.Phase.POOL,
                            route + ", " + maxPerRoute + " per route and " + maxTotal + " in total in use",
                            timeout.toMillis());
                }
                slotFreed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection to " + route);
        } finally {
            lock.unlock();
            cancel.unregister(wake);
            closeAll(toClose);
        }
    }

    /** A cancel wakes waiters so they see it (the lock guards no I/O, so this never blocks long). */
    private void wakeWaiters() {
        lock.lock();
        try {
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives a connection back: kept idle if open, reusable, within its keep-alive and the route has fewer
     * than its idle limit kept; closed otherwise.
     * Releasing a connection that was already closed does nothing.
     *
     * @throws IllegalArgumentException if the connection is open and did not come from this pool
     * @throws IllegalStateException if it is released twice
     */
    public void release(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        boolean close = false;
        lock.lock();
        try {
            if (connection.pool != this) {
                if (connection.isOpen()) {
                    throw new IllegalArgumentException("connection not from this pool: " + connection);
                }
                return;
            }
            if (!connection.leased) {
                throw new IllegalStateException("connection released twice: " + connection);
            }
            long now = System.nanoTime();
            long expires = now + maxIdleNanos;
            Optional<Long> keepAlive = connection.keepAliveUntilNanos();
            if (keepAlive.isPresent() && keepAlive.get() - expires < 0) {
                expires = keepAlive.get();
            }
            // Bytes left unread in its buffer arrived after the response ended: a stray response that
            // would answer the next request (RFC 9112 §9.3), so the connection is not kept.
            if (!closed && connection.isReusable() && !connection.hasUnreadInput() && expires - now > 0
                    && ledger.idleCount(connection.route()) < maxIdlePerRoute) {
                ledger.park(connection, expires);
                scheduleCleanup(expires);
            } else {
                ledger.forget(connection);
                close = true;
            }
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
        if (close) {
            connection.close();
        }
    }

    /** Closes every idle connection now. */
    public void evictAll() {
        List<Connection> toClose = new ArrayList<>();
        lock.lock();
        try {
            ledger.evictAll(toClose);
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
        closeAll(toClose);
    }

    /** Closes idle connections and refuses new acquires; leased connections are closed when released. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (cleanup != null) {
                cleanup.cancel(false);
                cleanup = null;
            }
        } finally {
            lock.unlock();
        }
        evictAll();
    }

    /** Connections handed out and not yet released or closed. */
    public int leasedCount() {
        lock.lock();
        try {
            return ledger.leased();
        } finally {
            lock.unlock();
        }
    }

    /** Idle connections kept for reuse. */
    public int idleCount() {
        lock.lock();
        try {
            return ledger.idleCount();
        } finally {
            lock.unlock();
        }
    }

    /** Idle connections kept for one route. */
    public int idleCount(Route route) {
        lock.lock();
        try {
            return ledger.idleCount(route);
        } finally {
            lock.unlock();
        }
    }

    /** All connections the pool accounts for: leased, idle and being dialed. */
    public int connectionCount() {
        lock.lock();
        try {
            return ledger.total();
        } finally {
            lock.unlock();
        }
    }

    /** Called by {@link Connection#close()} from any thread. */
    void closed(Connection c) {
        lock.lock();
        try {
            if (c.pool == this) {
                ledger.forget(c);
                slotFreed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private Connection dialReserved(Route route, DialListener listener, Cancellation cancel) throws IOException {
        Connection c;
        try {
            c = dialer.dial(route, listener, cancel);
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                ledger.unreserve(route);
                slotFreed.signalAll();
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            if (!closed) {
                ledger.leaseNew(c, this);
                return c;
            }
            ledger.unreserve(route);
        } finally {
            lock.unlock();
        }
        c.close();
        throw new IllegalStateException("connection pool closed while dialing " + route);
    }

    private void evictExpired(List<Connection> toClose) {
        int before = toClose.size();
        ledger.evictExpired(System.nanoTime(), toClose);
        if (toClose.size() > before) {
            slotFreed.signalAll();
        }
    }

    private void scheduleCleanup(long at) {
        if (cleanup != null && !cleanup.isDone() && cleanupAtNanos - at <= 0) {
            return;
        }
        if (cleanup != null) {
            cleanup.cancel(false);
        }
        cleanupAtNanos = at;
        cleanup = Scheduler.schedule(this::cleanupTask, Math.max(0, at - System.nanoTime()));
    }

    private void cleanupTask() {
        List<Connection> toClose = new ArrayList<>();
        lock.lock();
        try {
            cleanup = null;
            if (closed) {
                return;
            }
            evictExpired(toClose);
            if (ledger.idleCount() > 0) {
                scheduleCleanup(ledger.earliestExpiry());
            }
        } finally {
            lock.unlock();
        }
        closeAll(toClose);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("connection pool is closed");
        }
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection c : connections) {
            c.close();
        }
    }

    /** Builds a {@link ConnectionPool}. */
    public static final class Builder {
        private Dialer dialer = Dialer.defaults();
        private int maxPerRoute = DEFAULT_MAX_TOTAL;
        private int maxIdlePerRoute = DEFAULT_MAX_IDLE_PER_ROUTE;
        private int maxTotal = DEFAULT_MAX_TOTAL;
        private Duration maxIdleTime = Duration.ofSeconds(60);
        private Duration acquireTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The dialer for new connections. */
        public Builder dialer(Dialer dialer) {
            this.dialer = Objects.requireNonNull(dialer, "dialer");
            return this;
        }

        /**
         * Most connections (leased, idle or being dialed) per route; default {@value ConnectionPool#DEFAULT_MAX_TOTAL},
         * so only the total bounds a route. Beyond it, {@link #acquire} waits for a release.
         */
        public Builder maxPerRoute(int max) {
            this.maxPerRoute = atLeastOne(max, "maxPerRoute");
            return this;
        }

        /**
         * Most idle connections kept per route; default {@value ConnectionPool#DEFAULT_MAX_IDLE_PER_ROUTE}. A connection
         * released while its route has this many idle is closed.
         */
        public Builder maxIdlePerRoute(int max) {
            this.maxIdlePerRoute = atLeastOne(max, "maxIdlePerRoute");
            return this;
        }

        /** Most connections in total; default {@value ConnectionPool#DEFAULT_MAX_TOTAL}. */
        public Builder maxTotal(int max) {
            this.maxTotal = atLeastOne(max, "maxTotal");
            return this;
        }

        /** Longest time a connection stays idle; default 60 s. */
        public Builder maxIdleTime(Duration d) {
            Objects.requireNonNull(d, "maxIdleTime");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("maxIdleTime must be positive: " + d);
            }
            this.maxIdleTime = d;
            return this;
        }

        /** How long {@link #acquire(Route)} waits for a slot; default 30 s. */
        public Builder acquireTimeout(Duration d) {
            Objects.requireNonNull(d, "acquireTimeout");
            if (d.isNegative()) {
                throw new IllegalArgumentException("acquireTimeout must not be negative: " + d);
            }
            this.acquireTimeout = d;
            return this;
        }

        /** The pool. */
        public ConnectionPool build() {
            return new ConnectionPool(this);
        }

        private static int atLeastOne(int v, String name) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + v);
            }
            return v;
        }
    }
}
