package dev.envoi.codec.conformance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One case of the peer parser suites (schema: {@code codec/src/test/resources/conformance/README.md}).
 * Byte strings use one char per byte (ISO-8859-1).
 */
record ConformanceCase(String suite, String id, String name, boolean request, byte[] raw, List<String> lenient,
        boolean eofAfterInput, boolean skipBody, boolean noScan, List<Map<String, Object>> expectedMessages,
        Map<String, Object> expectedError, Map<String, Object> expectedUpgrade) {

    @SuppressWarnings("unchecked")
    static ConformanceCase fromJson(String line) {
        Map<String, Object> c = (Map<String, Object>) Json.parse(line);
        Map<String, Object> mode = (Map<String, Object>) c.get("mode");
        Map<String, Object> expected = (Map<String, Object>) c.get("expected");
        return new ConformanceCase((String) c.get("suite"), (String) c.get("id"), (String) c.get("name"),
                "request".equals(c.get("type")), bytes((String) c.get("raw")), (List<String>) mode.get("lenient"),
                (Boolean) mode.get("eof_after_input"), (Boolean) mode.get("skip_body"), (Boolean) mode.get("no_scan"),
                (List<Map<String, Object>>) expected.get("messages"), (Map<String, Object>) expected.get("error"),
                (Map<String, Object>) expected.get("upgrade"));
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The expected error, ignoring llhttp's pause codes, which report an upgrade and not a failure. */
    boolean expectsError() {
        return expectedError != null && !String.valueOf(expectedError.get("name")).startsWith("HPE_PAUSED");
    }

    @Override
    public String toString() {
        return id + " (" + name + ")";
    }
}
