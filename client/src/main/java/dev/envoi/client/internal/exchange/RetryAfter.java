package dev.envoi.client.internal.exchange;

import dev.envoi.core.HttpDate;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads {@code Retry-After} (RFC 9110 §10.2.3): {@code delay-seconds} (digits only) or an
 * {@code HTTP-date}; a date in the past means "now". Anything else is ignored (empty).
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The delay {@code value} asks for, measured from {@code now}. */
    public static Optional<Duration> delay(String value, Instant now) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        boolean digits = true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                digits = false;
                break;
            }
        }
        if (digits) {
            long seconds = v.length() > 12 ? Long.MAX_VALUE / 1_000_000_000L : Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.min(seconds, Long.MAX_VALUE / 1_000_000_000L)));
        }
        return HttpDate.parse(v).map(date -> date.isAfter(now) ? Duration.between(now, date) : Duration.ZERO);
    }

    /** The capped exponential backoff for retry {@code attempt} (1-based) when no Retry-After came. */
    static Duration backoff(int attempt, Duration max) {
        long millis = 500L << Math.min(attempt - 1, 20);
        return max.toMillis() < millis ? max : Duration.ofMillis(millis);
    }
}
