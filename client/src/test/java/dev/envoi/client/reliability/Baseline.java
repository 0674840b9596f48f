package dev.envoi.client.reliability;

import dev.envoi.client.Client;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The resources a scenario must give back, counted before it and checked after it: the open file
 * descriptors of this process (entries of {@code /proc/self/fd}; the check is skipped through
 * {@link Assumptions} where there is no {@code /proc}), the client's leased and open connections,
 * and the live threads. Asynchronous closes are waited for with a bounded poll on the condition,
 * and a failure shows before and after (and what was added: descriptor targets, thread names).
 */
public final class Baseline {
    private static final Path FD_DIR = Path.of("/proc/self/fd");
    /** Process-wide daemon singletons started on first use, which live as long as the JVM by design. */
    private static final List<String> LONG_LIVED_THREADS = List.of("envoi-call-deadline", "envoi-transport-timer",
            "envoi-async-", "hostile-server-watchdog", "Common-Cleaner", "Attach Listener", "process reaper");
    /** How long an asynchronous close may take before it counts as a leak. */
    static final Duration SETTLE = Duration.ofSeconds(10);

    private final Map<String, String> fds;
    private final Map<Long, String> threads;

    private Baseline(Map<String, String> fds, Map<Long, String> threads) {
        this.fds = fds;
        this.threads = threads;
    }

    /** Counts what is open now; skips the test where {@code /proc/self/fd} does not exist. */
    public static Baseline take() {
        Assumptions.assumeTrue(Files.isDirectory(FD_DIR), "no /proc/self/fd: descriptors cannot be counted here");
        return new Baseline(openFds(), liveThreads());
    }

    /** Open descriptors of this process: name to what it points at. */
    static Map<String, String> openFds() {
        Map<String, String> out = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(FD_DIR)) {
            for (Path p : dir) {
                String target;
                try {
                    target = Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    target = "?"; // a descriptor closed while the directory was listed
                }
                if (!(target.startsWith("/proc/") && target.endsWith("/fd"))) {
                    out.put(p.getFileName().toString(), target); // not the one that lists the directory itself
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + FD_DIR, e);
        }
        out.values().removeIf("?"::equals);
        return out;
    }

    /** The number of open descriptors now. */
    public static int fdCount() {
        return openFds().size();
    }

    private static Map<Long, String> liveThreads() {
        Map<Long, String> out = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                out.put(t.getId(), t.getName());
            }
        }
        return out;
    }

    /** The descriptors counted at the baseline. */
    public int fds() {
        return fds.size();
    }

    /**
     * Waits (bounded) until {@code client} has no leased connection and, after evicting idle ones,
     * no open connection; fails showing the counts otherwise.
     */
    public static void assertClientReleased(Client client) {
        String[] last = {""};
        boolean ok = await(SETTLE, () -> {
            client.evictIdleConnections();
            last[0] = "leased=" + client.leasedConnectionCount() + ", open=" + client.connectionCount()
                    + ", idle=" + client.idleConnectionCount();
            return client.leasedConnectionCount() == 0 && client.connectionCount() == 0;
        });
        if (!ok) {
            fail("the client kept connections after the scenario (expected leased=0, open=0 after eviction; "
                    + "after " + SETTLE.toSeconds() + " s: " + last[0] + ")");
        }
    }

    /**
     * Waits (bounded) until the descriptors and threads are back to this baseline (none more; a
     * test runner may close some of its own meanwhile); fails listing what stayed.
     */
    public void assertRestored() {
        boolean ok = await(SETTLE, () -> addedFds().isEmpty() && addedThreads().isEmpty());
        if (!ok) {
            Map<String, String> extra = addedFds();
            List<String> extraThreads = addedThreads();
            fail("resources not back to baseline after " + SETTLE.toSeconds() + " s: descriptors before="
                    + fds.size() + " after=" + openFds().size() + " added=" + extra + "; threads added="
                    + extraThreads);
        }
    }

    private Map<String, String> addedFds() {
        Map<String, String> now = openFds();
        Map<String, String> added = new TreeMap<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!e.getValue().equals(fds.get(e.getKey()))) {
                added.put(e.getKey(), e.getValue());
            }
        }
        return added;
    }

    private List<String> addedThreads() {
        List<String> added = new ArrayList<>();
        for (Map.Entry<Long, String> e : liveThreads().entrySet()) {
            if (!threads.containsKey(e.getKey()) && !longLived(e.getValue())) {
                added.add(e.getValue());
            }
        }
        return added;
    }

    private static boolean longLived(String name) {
        for (String prefix : LONG_LIVED_THREADS) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code max} passes. */
    public static boolean await(Duration max, BooleanSupplier condition) {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
