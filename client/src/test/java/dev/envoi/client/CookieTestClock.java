package dev.envoi.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the cookie tests move by hand. Thread-safe (volatile), for the concurrency smoke test. */
final class CookieTestClock extends Clock {
    private volatile Instant now;

    CookieTestClock(Instant start) {
        this.now = start;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("CookieTestClock is UTC only");
    }
}
