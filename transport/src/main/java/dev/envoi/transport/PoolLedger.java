package dev.envoi.transport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of a {@link ConnectionPool}: idle connections per route (newest first), and slot
 * counts per route and in total (leased + idle + being dialed). Not thread-safe: every method runs
 * under the pool's lock, and none does I/O; connections to close are handed back in a list.
 */
final class PoolLedger {
    private final Map<Route, Deque<Connection>> idle = new HashMap<>();
    private final Map<Route, int[]> perRoute = new HashMap<>();
    private int total;
    private int leased;
    private int idleCount;

    int total() {
        return total;
    }

    int leased() {
        return leased;
    }

    int idleCount() {
        return idleCount;
    }

    int idleCount(Route route) {
        Deque<Connection> d = idle.get(route);
        return d == null ? 0 : d.size();
    }

    int slots(Route route) {
        int[] count = perRoute.get(route);
        return count == null ? 0 : count[0];
    }

    /** Takes a slot for a connection about to be dialed. */
    void reserve(Route route) {
        perRoute.computeIfAbsent(route, r -> new int[1])[0]++;
        total++;
    }

    /** Gives back a slot: a failed dial, or a connection the pool no longer holds. */
    void unreserve(Route route) {
        int[] count = perRoute.get(route);
        if (--count[0] == 0) {
            perRoute.remove(route);
        }
        total--;
    }

    /** A freshly dialed connection takes over its reserved slot as leased. */
    void leaseNew(Connection c, ConnectionPool pool) {
        c.pool = pool;
        c.leased = true;
        leased++;
    }

    /** The newest idle connection of the route, now leased, or {@code null}. */
    Connection leaseIdle(Route route) {
        Deque<Connection> d = idle.get(route);
        if (d == null) {
            return null;
        }
        Connection c = d.pollFirst();
        if (d.isEmpty()) {
            idle.remove(route);
        }
        if (c != null) {
            idleCount--;
            c.leased = true;
            leased++;
            c.countReuse();
        }
        return c;
    }

    /** A leased connection becomes idle until {@code expiresAtNanos}. */
    void park(Connection c, long expiresAtNanos) {
        c.leased = false;
        leased--;
        c.markIdleNow();
        c.expiresAtNanos = expiresAtNanos;
        idle.computeIfAbsent(c.route(), r -> new ArrayDeque<>()).addFirst(c);
        idleCount++;
    }

    /** The pool stops accounting for a connection, leased or idle. */
    void forget(Connection c) {
        if (c.leased) {
            c.leased = false;
            leased--;
        } else {
            Deque<Connection> d = idle.get(c.route());
            if (d != null && d.remove(c)) {
                idleCount--;
                if (d.isEmpty()) {
                    idle.remove(c.route());
                }
            }
        }
        c.pool = null;
        unreserve(c.route());
    }

    /** Forgets the idle connection that has been idle longest, if any, adding it to {@code toClose}. */
    boolean evictOldest(List<Connection> toClose) {
        Connection oldest = null;
        for (Deque<Connection> d : idle.values()) {
            Connection c = d.peekLast();
            if (c != null && (oldest == null || c.idleSinceNanos() - oldest.idleSinceNanos() < 0)) {
                oldest = c;
            }
        }
        if (oldest == null) {
            return false;
        }
        forget(oldest);
        toClose.add(oldest);
        return true;
    }

    /** Forgets idle connections past their expiry (or already closed), adding them to {@code toClose}. */
    void evictExpired(long now, List<Connection> toClose) {
        if (idleCount == 0) {
            return;
        }
        for (Iterator<Deque<Connection>> routes = idle.values().iterator(); routes.hasNext(); ) {
            Deque<Connection> d = routes.next();
            for (Iterator<Connection> it = d.iterator(); it.hasNext(); ) {
                Connection c = it.next();
                if (now - c.expiresAtNanos >= 0 || !c.isOpen()) {
                    it.remove();
                    idleCount--;
                    c.pool = null;
                    unreserve(c.route());
                    toClose.add(c);
                }
            }
            if (d.isEmpty()) {
                routes.remove();
            }
        }
    }

    /** Forgets every idle connection, adding them to {@code toClose}. */
    void evictAll(List<Connection> toClose) {
        for (Deque<Connection> d : idle.values()) {
            for (Connection c : d) {
                c.pool = null;
                unreserve(c.route());
                toClose.add(c);
            }
        }
        idle.clear();
        idleCount = 0;
    }

    /** The earliest expiry among idle connections; only meaningful when {@link #idleCount()} &gt; 0. */
    long earliestExpiry() {
        long next = 0;
        boolean any = false;
        for (Deque<Connection> d : idle.values()) {
            for (Connection c : d) {
                if (!any || c.expiresAtNanos - next < 0) {
                    next = c.expiresAtNanos;
                    any = true;
                }
            }
        }
        return next;
    }
}
