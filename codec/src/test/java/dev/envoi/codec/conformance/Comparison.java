package dev.envoi.codec.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares envoi's {@link Outcome} with a case's expectations. A field the suite leaves {@code null}
 * is not checked. When the suite expects an error, envoi must fail too, and every message the suite
 * completed before the error must match; how far into a doomed message each parser got is not compared.
 */
final class Comparison {
    private Comparison() {
    }

    static List<String> differences(ConformanceCase c, Outcome o) {
        List<String> diffs = new ArrayList<>();
        boolean failed = o.error() != null || o.dataAfterClose();
        if (c.expectsError() && !failed) {
            diffs.add("expected an error (" + c.expectedError().get("name") + ": " + c.expectedError().get("reason")
                    + ") but envoi accepted the input");
        } else if (!c.expectsError() && o.error() != null) {
            diffs.add("expected no error but envoi failed: " + o.error());
        }
        if (c.expectedUpgrade() != null) {
            long offset = (Long) c.expectedUpgrade().get("offset");
            if (o.upgradeOffset() != offset) {
                diffs.add("expected an upgrade at offset " + offset + " but was " + o.upgradeOffset());
            }
        } else if (o.upgradeOffset() >= 0) {
            diffs.add("envoi treated the message as an upgrade at offset " + o.upgradeOffset());
        }
        if (c.expectedMessages() != null) {
            compareMessages(c, o, diffs);
        }
        return diffs;
    }

    private static void compareMessages(ConformanceCase c, Outcome o, List<String> diffs) {
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Map<String, Object> m : c.expectedMessages()) {
            boolean headersComplete = Boolean.TRUE.equals(m.get("headers_complete"));
            boolean complete = Boolean.TRUE.equals(m.get("message_complete"));
            if (c.expectsError() ? complete : headersComplete) {
                expected.add(m);
            }
        }
        List<Outcome.Message> actual = new ArrayList<>();
        for (Outcome.Message m : o.messages()) {
            if (!c.expectsError() || m.complete()) {
                actual.add(m);
            }
        }
        if (expected.size() != actual.size()) {
            diffs.add("expected " + expected.size() + " message(s) but envoi produced " + actual.size());
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            boolean upgradedAfter = c.expectedUpgrade() != null && i == actual.size() - 1;
            compareMessage(i, expected.get(i), actual.get(i), "http-parser".equals(c.suite()), upgradedAfter,
                    hasObsFold(c.raw()), diffs);
        }
    }

    @SuppressWarnings("unchecked")
    private static void compareMessage(int i, Map<String, Object> e, Outcome.Message a, boolean trailersAsHeaders,
            boolean upgradedAfter, boolean folded, List<String> diffs) {
        String at = "message " + i + ": ";
        check(diffs, at + "method", e.get("method"), a.method());
        check(diffs, at + "url", e.get("url"), a.url());
        check(diffs, at + "status", e.get("status") == null ? null : ((Long) e.get("status")).intValue(), a.status());
        check(diffs, at + "reason", e.get("reason"), a.reason());
        check(diffs, at + "version", e.get("version"), a.version());
        List<List<String>> headers = a.headers();
        if (trailersAsHeaders && a.trailers() != null && !a.trailers().isEmpty()) {
            // http-parser reports trailer fields through its header callbacks, after the header fields.
            headers = new ArrayList<>(headers);
            headers.addAll(a.trailers());
        }
        if (folded) {
            check(diffs, at + "headers (whitespace runs folded)", collapse(withoutTrailingWhitespace(e.get("headers"))),
                    collapse(headers));
        } else {
            check(diffs, at + "headers", withoutTrailingWhitespace(e.get("headers")), headers);
        }
        if (e.get("body_size") != null) {
            check(diffs, at + "body size", ((Long) e.get("body_size")).intValue(), a.body().length());
        } else {
            check(diffs, at + "body", e.get("body"), a.body());
        }
        Object trailers = e.get("trailers");
        if (trailers != null && !((List<Object>) trailers).isEmpty()) {
            check(diffs, at + "trailers", withoutTrailingWhitespace(trailers), a.trailers());
        }
        if (e.get("chunks") != null && a.chunks() != null) {
            compareChunks(at, (List<Map<String, Object>>) e.get("chunks"), a.chunks(), diffs);
        }
        if (!upgradedAfter) {
            // After an upgrade the connection carries another protocol: envoi's keepAlive() is false by
            // definition (no further HTTP/1.1 message), while http-parser reports the Connection flags.
            check(diffs, at + "should_keep_alive", e.get("should_keep_alive"), a.keepAlive());
        }
        if (e.get("message_complete_on_eof") != null) {
            check(diffs, at + "message_complete_on_eof", e.get("message_complete_on_eof"), a.untilClose() && a.complete());
        }
        check(diffs, at + "message_complete", e.get("message_complete"), a.complete());
    }

    @SuppressWarnings("unchecked")
    private static void compareChunks(String at, List<Map<String, Object>> expected, List<Outcome.Chunk> actual,
            List<String> diffs) {
        if (expected.size() != actual.size()) {
            diffs.add(at + "expected " + expected.size() + " chunk(s) but envoi saw " + actual.size());
            return;
        }
        for (int k = 0; k < expected.size(); k++) {
            Map<String, Object> ec = expected.get(k);
            check(diffs, at + "chunk " + k + " size", ec.get("size"), actual.get(k).size());
            if (ec.get("extensions") != null) {
                check(diffs, at + "chunk " + k + " extensions", ec.get("extensions"), actual.get(k).extensions());
            }
        }
    }

    /**
     * Whether the message holds an obs-fold (a line break followed by SP or HTAB). RFC 9112 §5.2 lets a
     * recipient replace each obs-fold with "one or more SP octets"; envoi writes one SP for each byte
     * of the fold, llhttp drops the CRLF and keeps the rest. The values are the same field value after
     * either replacement, so for such messages runs of whitespace compare as one SP.
     */
    private static boolean hasObsFold(byte[] raw) {
        for (int i = 1; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == ' ' || raw[i + 1] == '\t')) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Object collapse(Object fields) {
        if (fields == null) {
            return null;
        }
        List<List<String>> out = new ArrayList<>();
        for (Object field : (List<Object>) fields) {
            List<String> pair = (List<String>) field;
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < pair.get(1).length(); k++) {
                char ch = pair.get(1).charAt(k);
                boolean space = ch == ' ' || ch == '\t';
                if (!space || sb.length() == 0 || sb.charAt(sb.length() - 1) != ' ') {
                    sb.append(space ? ' ' : ch);
                }
            }
            out.add(List.of(pair.get(0), sb.toString()));
        }
        return out;
    }

    /**
     * llhttp reports a field value with the whitespace that ends its line; envoi does not, because
     * OWS around a field value is not part of it (RFC 9112 §5, RFC 9110 §5.5). Only that
     * representation differs, so the expected values are compared without trailing SP/HTAB.
     */
    @SuppressWarnings("unchecked")
    private static Object withoutTrailingWhitespace(Object fields) {
        if (fields == null) {
            return null;
        }
        List<List<String>> out = new ArrayList<>();
        for (Object field : (List<Object>) fields) {
            List<String> pair = (List<String>) field;
            String value = pair.get(1);
            int end = value.length();
            while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
                end--;
            }
            out.add(List.of(pair.get(0), value.substring(0, end)));
        }
        return out;
    }

    private static void check(List<String> diffs, String what, Object expected, Object actual) {
        if (expected == null) {
            return;
        }
        if (!Objects.equals(expected, actual)) {
            diffs.add(what + ": expected " + show(expected) + " but was " + show(actual));
        }
    }

    private static String show(Object o) {
        if (o == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (char ch : o.toString().toCharArray()) {
            if (ch < 0x20 || ch >= 0x7f) {
                sb.append(String.format("\\x%02x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
