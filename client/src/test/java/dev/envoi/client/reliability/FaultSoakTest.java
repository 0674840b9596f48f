package dev.envoi.client.reliability;

import dev.envoi.client.Client;
import dev.envoi.client.HttpTimeoutException;
import dev.envoi.client.Request;
import dev.envoi.client.Response;
import dev.envoi.core.EnvoiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The soak with faults (issue 7): one default client, {@value #CALLERS} callers, 100,000 requests
 * against a {@link SoakServer} that ends about one exchange in ten with a close or a reset, before,
 * during or after the response. Every request must either return its exact body (SHA-256) or fail
 * with a documented {@link EnvoiException} subtype; no POST may reach the server twice; and at the
 * end descriptors, threads, the client's connections and the heap are back to where they were. The
 * run is bounded to {@link #BOUND}; fewer requests in that time is a failure.
 *
 * <p>Tagged {@code soak}: {@code mvn -B -Psoak -pl client -am verify -Dtest='*SoakTest'
 * -Dsurefire.failIfNoSpecifiedTests=false} (from {@code .ci/run}). {@code -Dsoak.seed=N} replays a
 * run's faults (printed in the summary); {@code -Dsoak.requests=N} changes the count.
 */
@Tag("soak")
class FaultSoakTest {
    static final int CALLERS = 64;
    static final int REQUESTS = Integer.getInteger("soak.requests", 100_000);
    static final Duration BOUND = Duration.ofMinutes(2);
    /** Heap growth tolerated after a full GC: what a run may leave in caches the JVM keeps. */
    private static final long HEAP_TOLERANCE = 32L << 20;
    /** Cumulative weights of {@link SoakBodies#SIZES}: mostly small bodies, the large one 5 %. */
    private static final int[] SIZE_WEIGHTS = {10, 45, 75, 95, 100};

    private final LongAdder successes = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, String> failureSamples = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final LongAdder posts = new LongAdder();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void hundredThousandRequestsThroughFaults() throws Exception {
        long seed = Long.getLong("soak.seed", System.nanoTime());
        System.out.println("soak: seed=" + seed + " (replay with -Dsoak.seed=" + seed + ")");
        Warmup.once();
        long heapBefore = usedHeapAfterGc();
        Baseline before = Baseline.take();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + BOUND.toNanos();
        SoakServer server = new SoakServer(seed, REQUESTS);
        long[] opened = new long[1];
        int done;
        try (server; Client client = Client.builder().build()) {
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS, r -> {
                Thread t = new Thread(r, "soak-caller");
                t.setDaemon(true);
                return t;
            });
            for (int c = 0; c < CALLERS; c++) {
                callers.execute(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS && System.nanoTime() - deadline < 0;
                            i = next.getAndIncrement()) {
                        one(client, server, seed, i);
                    }
                });
            }
            callers.shutdown();
            if (!callers.awaitTermination(BOUND.toSeconds() + 60, TimeUnit.SECONDS)) {
                callers.shutdownNow();
                fail("callers still busy " + (BOUND.toSeconds() + 60) + " s after the start: a call hangs");
            }
            done = Math.min(next.get(), REQUESTS);
            Baseline.assertClientReleased(client);
            opened[0] = server.connections();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        before.assertRestored();
        long heapAfter = usedHeapAfterGc();
        System.out.println(summary(seed, done, server, opened[0], took, heapBefore, heapAfter, before.fds()));
        long completed = successes.sum() + failures.values().stream().mapToLong(LongAdder::sum).sum();
        assertThat(violations).as("requests that neither returned their exact body nor failed with a documented "
                + "EnvoiException").isEmpty();
        assertThat(completed).as("requests completed within %s (seed %d)", BOUND, seed).isEqualTo(REQUESTS);
        assertThat(server.badPosts()).as("POST bodies that arrived altered").isZero();
        assertThat(failures).as("the server never stalls, so no wait may time out").doesNotContainKey(
                HttpTimeoutException.class.getSimpleName());
        List<Integer> twice = new ArrayList<>();
        for (int id = 0; id < REQUESTS; id++) {
            if (server.postsSeen(id) > 1) {
                twice.add(id);
            }
        }
        assertThat(twice).as("POST ids whose head the server read more than once").isEmpty();
        assertThat(server.faultCount()).as("faults injected").isGreaterThan(REQUESTS / 20);
        assertThat(successes.sum()).as("successes").isGreaterThan(REQUESTS / 2);
        assertThat(heapAfter - heapBefore).as("heap growth after GC (before %d, after %d)", heapBefore, heapAfter)
                .isLessThan(HEAP_TOLERANCE);
    }

    /** Request {@code i}: its method, body size and framing drawn from the seed, so a run replays. */
    private void one(Client client, SoakServer server, long seed, int i) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1)));
        int w = r.nextInt(100);
        int k = 0;
        while (w >= SIZE_WEIGHTS[k]) {
            k++;
        }
        String url = server.url("/s/" + k + (r.nextBoolean() ? "c" : "l"));
        boolean post = r.nextInt(10) < 3;
        Request request = post
                ? Request.post(url).header("X-Request-Id", Integer.toString(i)).body(SoakBodies.postBody(i)).build()
                : Request.get(url).build();
        if (post) {
            posts.increment();
        }
        try {
            Response response = client.send(request);
            byte[] body = response.bytes();
            if (response.code() != 200 || !Arrays.equals(SoakBodies.sha256(body), SoakBodies.SHA256[k])) {
                violation(i, request, "status " + response.code() + ", " + body.length + " bytes, expected "
                        + SoakBodies.SIZES[k] + " with the served SHA-256");
                return;
            }
            successes.increment();
        } catch (EnvoiException e) {
            String type = e.getClass().getSimpleName();
            failures.computeIfAbsent(type, t -> new LongAdder()).increment();
            failureSamples.putIfAbsent(type, String.valueOf(e.getMessage()));
        } catch (Throwable t) {
            violation(i, request, t.toString());
        }
    }

    private void violation(int i, Request request, String what) {
        if (violations.size() < 20) {
            violations.add("#" + i + " " + request + ": " + what);
        }
    }

    private String summary(long seed, int done, SoakServer server, long opened, Duration took, long heapBefore,
            long heapAfter, int fds) {
        Map<String, Long> byType = new TreeMap<>();
        failures.forEach((type, n) -> byType.put(type, n.sum()));
        return "soak: seed=" + seed + " requests=" + done + " (POST " + posts.sum() + ") successes=" + successes.sum()
                + " failures=" + byType + " faults injected=" + server.faultCount() + " " + server.faults()
                + " connections opened=" + opened + " requests read by the server=" + server.requests()
                + " duration=" + took.toMillis() + " ms descriptors back to " + fds + " heap after GC "
                + (heapBefore >> 20) + " -> " + (heapAfter >> 20) + " MiB; a sample of each failure: "
                + new TreeMap<>(failureSamples);
    }

    /** Used heap after full collections, settled: the smallest of a few readings. */
    private static long usedHeapAfterGc() throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50); // lets reference processing and cleaners run between collections
            min = Math.min(min, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        }
        return min;
    }
}
