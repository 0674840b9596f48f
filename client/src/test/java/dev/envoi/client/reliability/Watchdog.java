package dev.envoi.client.reliability;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One daemon timer that closes hostile connections that outlive their bound. */
final class Watchdog {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Watchdog() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "hostile-server-watchdog");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Closes {@code peer} after {@code max} unless it closed first. */
    static void closeAfter(Peer peer, Duration max) {
        peer.watchdog(TIMER.schedule(peer::close, max.toMillis(), TimeUnit.MILLISECONDS));
    }
}
