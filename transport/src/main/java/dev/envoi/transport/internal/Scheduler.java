package dev.envoi.transport.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One shared daemon timer for write timeouts and idle-connection cleanup. Its single thread exists only
 * while something is scheduled: it times out after 10 s with an empty queue, so an idle JVM with envoi
 * loaded runs no envoi thread at all.
 */
public final class Scheduler {
    private static final String THREAD_NAME = "envoi-transport-timer";
    private static final ThreadLocal<Boolean> ON_TIMER = new ThreadLocal<>();
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private Scheduler() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(() -> {
                ON_TIMER.set(Boolean.TRUE);
                r.run();
            }, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        t.setKeepAliveTime(10, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }

    /** Whether the caller is the timer thread, which must never block (it runs every watchdog). */
    public static boolean onTimerThread() {
        return ON_TIMER.get() != null;
    }

    /** Runs {@code task} once after {@code delayNanos}. */
    public static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }
}
