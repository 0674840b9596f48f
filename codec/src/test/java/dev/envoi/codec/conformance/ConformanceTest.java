package dev.envoi.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.codec.ParserConfig;
import dev.envoi.core.MalformedMessageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the llhttp and http-parser message vectors (copied from ../shared/conformance, MIT-licensed
 * data: see THIRD-PARTY-NOTICES.md) through envoi's parsers. Each case is fed whole, one byte at a
 * time and at random split points (fixed seed); all feedings must agree, and the result must match
 * the suite or the case must be a deliberate deviation listed, with its reason and what envoi does
 * instead, in {@code codec/CONFORMANCE.md}. A listed case must deviate exactly as recorded: one that
 * starts passing, or failing another way (another error, another section, other messages), fails.
 */
class ConformanceTest {
    private static final long SEED = 0x5eed_e4701L;
    private static final int RANDOM_SPLITS = 8;

    @TestFactory
    Stream<DynamicTest> llhttp() throws IOException {
        return suite("llhttp", "http1-llhttp.jsonl");
    }

    @TestFactory
    Stream<DynamicTest> httpParser() throws IOException {
        return suite("http-parser", "http1-http-parser.jsonl");
    }

    /** Every listed deviation names a real case, and no case is listed twice. */
    @Test
    void deviationListNamesRealCases() throws IOException {
        Map<String, Deviation> deviations = Deviations.load();
        TreeSet<String> ids = new TreeSet<>();
        for (String file : new String[] {"http1-llhttp.jsonl", "http1-http-parser.jsonl"}) {
            for (ConformanceCase c : load(file)) {
                ids.add(c.id());
            }
        }
        assertThat(ids).containsAll(deviations.keySet());
    }

    private Stream<DynamicTest> suite(String suite, String file) throws IOException {
        List<ConformanceCase> cases = load(file);
        Map<String, Deviation> deviations = Deviations.load();
        int[] counts = new int[3]; // pass, deviation, fail
        List<String> report = new ArrayList<>();
        List<String> deviating = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (ConformanceCase c : cases) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                List<String> diffs = evaluate(c);
                Deviation deviation = deviations.get(c.id());
                if (deviation != null) {
                    counts[1]++;
                    String actual = Harness.run(c, Leniencies.configFor(c), new int[0]).record();
                    deviating.add("| `" + c.id() + "` | " + deviation.reason() + " | `" + actual + "` |");
                    assertThat(diffs).as("%s is listed as a deviation in CONFORMANCE.md (%s) but now passes: "
                            + "remove it from the list", c.id(), deviation.reason()).isNotEmpty();
                    assertThat(actual).as("%s is listed as a deviation in CONFORMANCE.md, but envoi no longer "
                            + "does what the list records (%s)", c.id(), String.join("; ", diffs))
                            .isEqualTo(deviation.record());
                    return;
                }
                if (diffs.isEmpty()) {
                    counts[0]++;
                } else {
                    counts[2]++;
                    report.add(c + "\n  raw: " + MalformedMessageException.escape(c.raw(), 0, c.raw().length)
                            + "\n  lenient: " + c.lenient() + "\n  " + String.join("\n  ", diffs) + "\n");
                }
                assertThat(diffs).as("%s: %s", c, String.join("; ", diffs)).isEmpty();
            }));
        }
        tests.add(DynamicTest.dynamicTest("summary", () -> {
            // The failures, in full, for whoever works on the parser: target/conformance-<suite>.txt
            Files.write(Path.of("target", "conformance-" + suite + ".txt"), report, StandardCharsets.UTF_8);
            // the deviations as table rows with what envoi does now, to update CONFORMANCE.md from
            Files.write(Path.of("target", "conformance-" + suite + "-deviations.txt"), deviating,
                    StandardCharsets.UTF_8);
            System.out.printf("%s: %d/%d pass, %d deliberate deviations, %d failing%n", suite, counts[0], cases.size(),
                    counts[1], counts[2]);
            assertThat(counts[0] + counts[1] + counts[2]).isEqualTo(cases.size());
        }));
        return tests.stream();
    }

    /** Differences from the suite's expectations; the feedings' disagreement counts as one. */
    static List<String> evaluate(ConformanceCase c) {
        ParserConfig config = Leniencies.configFor(c);
        Outcome whole = Harness.run(c, config, new int[0]);
        List<String> diffs = new ArrayList<>(Comparison.differences(c, whole));
        if (!c.noScan() && c.raw().length > 1) {
            Map<String, int[]> feedings = new LinkedHashMap<>();
            int[] each = new int[c.raw().length - 1];
            for (int i = 0; i < each.length; i++) {
                each[i] = i + 1;
            }
            feedings.put("one byte at a time", each);
            Random random = new Random(SEED ^ c.id().hashCode());
            for (int k = 0; k < RANDOM_SPLITS; k++) {
                int a = 1 + random.nextInt(c.raw().length - 1);
                int b = 1 + random.nextInt(c.raw().length - 1);
                feedings.put("split at " + Math.min(a, b) + "," + Math.max(a, b),
                        a == b ? new int[] {a} : new int[] {Math.min(a, b), Math.max(a, b)});
            }
            for (Map.Entry<String, int[]> f : feedings.entrySet()) {
                Outcome split = Harness.run(c, config, f.getValue());
                if (!sameResult(whole, split)) {
                    diffs.add("fed " + f.getKey() + " the result differs: " + split + " vs whole: " + whole);
                    break;
                }
            }
        }
        return diffs;
    }

    /** Same messages, same upgrade point, and the same failure or none (messages name offsets that may differ). */
    private static boolean sameResult(Outcome a, Outcome b) {
        return a.messages().equals(b.messages()) && a.upgradeOffset() == b.upgradeOffset()
                && java.util.Objects.equals(a.failure(), b.failure()) && a.dataAfterClose() == b.dataAfterClose();
    }

    static List<ConformanceCase> load(String file) throws IOException {
        List<ConformanceCase> cases = new ArrayList<>();
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + file)) {
            assertThat(in).as("test resource /conformance/%s", file).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    cases.add(ConformanceCase.fromJson(line));
                }
            }
        }
        return cases;
    }

    /** A listed deviation: why envoi differs, and what it does instead ({@link Outcome#record()}). */
    record Deviation(String reason, String record) {
    }

    /** The deviation table of codec/CONFORMANCE.md: rows {@code | `id` | reason | `what envoi does` |}. */
    static final class Deviations {
        static Map<String, Deviation> load() throws IOException {
            Map<String, Deviation> map = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("CONFORMANCE.md"), StandardCharsets.UTF_8)) {
                if (line.startsWith("| `")) {
                    int end = line.indexOf('`', 3);
                    String id = line.substring(3, end);
                    int reasonStart = line.indexOf('|', end) + 1;
                    int recordStart = line.indexOf("| `", reasonStart);
                    if (recordStart < 0 || !line.endsWith("` |")) {
                        throw new IllegalStateException("CONFORMANCE.md: " + id + " does not record what envoi does "
                                + "instead (a last column `...`; see target/conformance-*-deviations.txt)");
                    }
                    Deviation d = new Deviation(line.substring(reasonStart, recordStart).trim(),
                            line.substring(recordStart + 3, line.length() - 3));
                    if (map.put(id, d) != null) {
                        throw new IllegalStateException("CONFORMANCE.md lists " + id + " twice");
                    }
                }
            }
            return map;
        }
    }
}
