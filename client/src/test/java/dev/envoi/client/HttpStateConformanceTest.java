package dev.envoi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.core.Url;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Runs every case of the http-state suite (abarth/http-state, {@code tests/data/parser}; see
 * {@code ../shared/conformance/README.md}) against the standard jar, and reports
 * {@code http-state: N/M pass, K deliberate deviations}.
 *
 * <p>The deliberate deviations are the table between the {@code http-state deviations} markers in
 * {@code client/CONFORMANCE.md}, read by this test, so the document and the code cannot drift: an
 * unlisted failure fails the build, and so does a listed case that passes, or that sends another
 * Cookie field than the one its "envoi sends" column records.
 */
class HttpStateConformanceTest {
    /** The README's suggestion: the date of the last upstream commit, inside the suite's window. */
    static final Instant SUITE_TIME = Instant.parse("2017-08-09T00:00:00Z");
    private static final String BEGIN = "<!-- http-state deviations begin -->";
    private static final String END = "<!-- http-state deviations end -->";

    @Test
    void wholeSuite() throws IOException {
        List<Map<String, Object>> cases = loadCases();
        assertThat(cases).hasSize(222);
        Map<String, String> deviations = documentedDeviations();
        List<String> unexpected = new ArrayList<>();
        Set<String> failed = new TreeSet<>();
        int passed = 0;
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            String expected = (String) c.get("expected_cookie_header");
            String actual = run(c);
            if (Objects.equals(expected, actual)) {
                passed++;
                if (deviations.containsKey(name)) {
                    unexpected.add(name + ": listed as a deviation in CONFORMANCE.md but passes");
                }
            } else {
                failed.add(name);
                System.out.println("  http-state " + name + ": expected " + quote(expected) + ", envoi sends "
                        + quote(actual));
                if (!deviations.containsKey(name)) {
                    unexpected.add(name + ": expected " + quote(expected) + " but was " + quote(actual)
                            + " for " + c.get("set_cookie"));
                } else if (!Objects.equals(deviations.get(name), actual)) {
                    unexpected.add(name + ": CONFORMANCE.md records that envoi sends " + quote(deviations.get(name))
                            + " but it sends " + quote(actual) + " for " + c.get("set_cookie"));
                }
            }
        }
        Set<String> unknown = new TreeSet<>(deviations.keySet());
        unknown.removeAll(failed);
        for (Map<String, Object> c : cases) {
            unknown.remove((String) c.get("name"));
        }
        for (String name : unknown) {
            unexpected.add(name + ": listed in CONFORMANCE.md but no such case");
        }
        System.out.println("http-state: " + passed + "/" + cases.size() + " pass, " + failed.size()
                + " deliberate deviations " + failed);
        assertThat(unexpected).as("http-state results that CONFORMANCE.md does not account for").isEmpty();
    }

    /**
     * One case: a fresh jar with the fixed clock, the Set-Cookie values, then the Cookie field. The suite's
     * text (the charset cases hold Chinese) goes in as the octets a server sends, its UTF-8 read one char per
     * octet as envoi's parser gives field values (RFC 9110 §5.5), and the Cookie field's octets come back out
     * as UTF-8 to compare with the suite's text.
     */
    static String run(Map<String, Object> c) {
        CookieJar jar = CookieJar.builder().clock(Clock.fixed(SUITE_TIME, ZoneOffset.UTC)).build();
        @SuppressWarnings("unchecked")
        List<String> setCookies = (List<String>) c.get("set_cookie");
        List<String> wire = new ArrayList<>();
        for (String value : setCookies) {
            wire.add(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
        jar.receive(Url.parse((String) c.get("origin_url")), wire);
        return jar.cookieHeaderFor(Url.parse((String) c.get("request_url")))
                .map(field -> new String(field.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadCases() throws IOException {
        List<Map<String, Object>> cases = new ArrayList<>();
        try (InputStream in = HttpStateConformanceTest.class.getResourceAsStream("/cookies/cookies-http-state.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(
                        Objects.requireNonNull(in, "cookies-http-state.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    cases.add(Json.parse(line).asObject());
                }
            }
        }
        return cases;
    }

    /**
     * The rows of the table between the markers: case name (first column, e.g. {@code | `0004` |}) to
     * the Cookie field envoi sends (fourth column: {@code `a=b; x`}, or {@code no Cookie field} as null).
     */
    static Map<String, String> documentedDeviations() throws IOException {
        String doc = Files.readString(Path.of("CONFORMANCE.md"), StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("CONFORMANCE.md marker " + BEGIN).isGreaterThanOrEqualTo(0);
        assertThat(end).as("CONFORMANCE.md marker " + END).isGreaterThan(begin);
        Map<String, String> sends = new LinkedHashMap<>();
        for (String row : doc.substring(begin, end).lines().toList()) {
            if (row.startsWith("| `")) {
                int close = row.indexOf('`', 3);
                String name = row.substring(3, close);
                assertThat(sends.containsKey(name)).as("listed twice: " + name).isFalse();
                sends.put(name, cookieField(name, row));
            }
        }
        return sends;
    }

    /** The "envoi sends" cell of {@code row}: columns are case, Set-Cookie values, expected, envoi sends, reason. */
    private static String cookieField(String name, String row) {
        String[] cells = row.substring(2, row.length() - 2).split(" \\| ", -1);
        assertThat(cells).as("CONFORMANCE.md row of %s: 5 columns", name).hasSize(5);
        String cell = cells[3].trim();
        if (cell.equals("no Cookie field")) {
            return null;
        }
        assertThat(cell).as("CONFORMANCE.md: what envoi sends for %s, in backticks", name)
                .startsWith("`").endsWith("`");
        return cell.substring(1, cell.length() - 1);
    }

    private static String quote(String s) {
        return s == null ? "no Cookie field" : '"' + s + '"';
    }
}
