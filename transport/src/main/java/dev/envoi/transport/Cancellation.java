package dev.envoi.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-shot cancel signal for blocking transport work that has no {@link Connection} yet to close:
 * dialing (every racing TCP attempt, the proxy and TLS handshakes) and waiting for a pool slot. Work
 * in progress registers what must be closed to wake it; {@link #cancel()} (from any thread) closes
 * everything registered, and anything registered later is closed at once. A canceled dial throws
 * {@link DialCanceledException}.
 *
 * <p>Name resolution through {@link Resolver#system()} cannot be interrupted; a cancel during it
 * takes effect as soon as it returns.
 *
 * <pre>{@code
 * Cancellation cancel = new Cancellation();
 * // another thread: cancel.cancel();
 * Connection c = pool.acquire(route, Duration.ofSeconds(30), DialListener.NONE, cancel);
 * }</pre>
 */
public final class Cancellation {
    private static final Cancellation NONE = new Cancellation();

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Closeable> registered = new ArrayList<>();
    private volatile boolean canceled;

    /** A new, untripped signal. */
    public Cancellation() {
    }

    /** A shared signal that is never tripped (calling {@link #cancel()} on it is refused). */
    public static Cancellation none() {
        return NONE;
    }

    /**
     * Trips the signal: closes everything registered now or later. Idempotent.
     *
     * @throws UnsupportedOperationException on {@link #none()}
     */
    public void cancel() {
        if (this == NONE) {
            throw new UnsupportedOperationException("Cancellation.none() cannot be canceled; use new Cancellation()");
        }
        List<Closeable> toClose;
        lock.lock();
        try {
            if (canceled) {
                return;
            }
            canceled = true;
            toClose = new ArrayList<>(registered);
            registered.clear();
        } finally {
            lock.unlock();
        }
        for (Closeable c : toClose) {
            closeQuietly(c);
        }
    }

    /** Whether {@link #cancel()} ran. */
    public boolean isCanceled() {
        return canceled;
    }

    /** Registers {@code c} to be closed on cancel; closes it at once if already canceled. */
    void register(Closeable c) {
        if (this == NONE) {
            return;
        }
        lock.lock();
        try {
            if (!canceled) {
                registered.add(c);
                return;
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(c);
    }

    /** Forgets {@code c}: the work it woke is over. */
    void unregister(Closeable c) {
        if (this == NONE) {
            return;
        }
        lock.lock();
        try {
            registered.remove(c);
        } finally {
            lock.unlock();
        }
    }

    /** Throws {@link DialCanceledException} if canceled. */
    void check(String what) throws DialCanceledException {
        if (canceled) {
            throw new DialCanceledException(what);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // best effort: the work being woken fails either way
        }
    }
}
