package dev.envoi.client.internal.exchange;

import dev.envoi.transport.Connection;
import dev.envoi.transport.ConnectionPool;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection pool shared by a client and the clients derived from it with {@code newBuilder()},
 * counting its users so that it closes when the last one is closed, with the set of connections
 * that already carried an exchange (for the retry rules).
 */
public final class SharedPool {
    private final ConnectionPool pool;
    private final String key;
    private final Set<Connection> usedConnections = EngineConfig.newConnectionSet();
    private final AtomicInteger users = new AtomicInteger();

    /**
     * @param pool the pool
     * @param key the settings the pool was built with; a derived client with other settings gets its own pool
     */
    public SharedPool(ConnectionPool pool, String key) {
        this.pool = pool;
        this.key = key;
    }

    /** The pool. */
    public ConnectionPool pool() {
        return pool;
    }

    /** Connections that already carried an exchange. */
    public Set<Connection> usedConnections() {
        return usedConnections;
    }

    /** Whether a client with settings {@code key} can share this pool: same settings, still open. */
    public boolean fits(String key) {
        return this.key.equals(key) && users.get() > 0;
    }

    /** One more client uses the pool. */
    public void retain() {
        users.incrementAndGet();
    }

    /** A client stopped using the pool; closes it when that was the last one. */
    public void release() {
        if (users.decrementAndGet() == 0) {
            pool.close();
        }
    }
}
