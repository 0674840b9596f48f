package dev.envoi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.core.Url;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A bounded smoke test: many threads storing, sending, listing and evicting on one jar. */
class CookieJarConcurrencyTest {

    @Test
    @Timeout(30)
    void manyThreadsOneJar() throws Exception {
        CookieTestClock clock = new CookieTestClock(Instant.parse("2026-01-01T00:00:00Z"));
        CookieJar jar = CookieJar.builder().clock(clock)
                .limits(CookieJarLimits.DEFAULTS.withMaxCookies(200).withMaxCookiesPerDomain(20)).build();
        int threads = 8;
        int rounds = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        Url url = Url.parse("https://h" + (i % 13) + ".site" + (id % 4) + ".example/p" + (i % 3));
                        jar.receive(url, List.of("c" + (i % 30) + "=" + id + "-" + i + "; Max-Age=" + (1 + i % 50),
                                "s" + id + "=" + i + "; Secure; Domain=site" + (id % 4) + ".example"));
                        jar.cookieHeaderFor(url);
                        if (i % 50 == 0) {
                            jar.all();
                            jar.removeExpired();
                            clock.advance(Duration.ofSeconds(1));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        List<Cookie> all = jar.all();
        assertThat(all).hasSizeLessThanOrEqualTo(200);
        for (int site = 0; site < 4; site++) {
            String suffix = "site" + site + ".example";
            assertThat(all).filteredOn(c -> c.domain().endsWith(suffix)).hasSizeLessThanOrEqualTo(20);
        }
        // the jar is consistent: what it lists, it can also send
        for (Cookie c : all) {
            String host = c.domain();
            Url url = Url.parse("https://" + host + c.path());
            assertThat(jar.cookiesFor(url)).extracting(Cookie::toString).contains(c.toString());
        }
    }
}
