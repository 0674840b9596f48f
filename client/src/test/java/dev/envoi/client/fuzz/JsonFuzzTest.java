package dev.envoi.client.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.envoi.client.Json;
import dev.envoi.client.JsonLimits;
import dev.envoi.client.JsonParseException;
import dev.envoi.client.JsonValue;
import dev.envoi.core.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the JSON reader (RFC 8259). For any text or bytes and any small
 * {@link JsonLimits}: {@link Json#parse} throws only {@link JsonParseException} (with an offset inside
 * the input) or {@link LimitExceededException}; bytes read from a stream give the same outcome as the
 * same bytes in memory; and what parses is written back by {@link Json#write} to text that parses to
 * an equal value (integers compared as decimals of scale 0, see {@link #canonical}) and writes back
 * identically (through UTF-8 bytes too, when the input was bytes).
 *
 * <p>A normal build replays the seeds in
 * {@code src/test/resources/dev/envoi/client/fuzz/JsonFuzzTestInputs/parse/}; see
 * {@code docs/FUZZING.md}.
 */
class JsonFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(FuzzedDataProvider data) throws IOException {
        boolean asBytes = data.consumeBoolean();
        JsonLimits limits = JsonLimits.DEFAULT;
        if (data.consumeBoolean()) { // small limits, to reach every limit check
            limits = new JsonLimits(data.consumeInt(1, 16), data.consumeInt(1, 4096), data.consumeInt(1, 64));
        }
        byte[] bytes = null;
        String text = null;
        if (asBytes) {
            bytes = data.consumeRemainingAsBytes();
        } else {
            text = data.consumeRemainingAsString();
        }

        JsonValue value;
        try {
            value = asBytes ? Json.parse(bytes, limits) : Json.parse(text, limits);
        } catch (JsonParseException e) {
            long length = asBytes ? bytes.length : text.length();
            assertThat(e.offset()).as("offset of %s", e.getMessage()).isBetween(0L, length);
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
            assertThat(e.rfcSection()).startsWith("RFC 8259 §");
            if (asBytes) {
                assertStreamFails(bytes, limits, e);
            }
            return;
        } catch (LimitExceededException e) {
            if (asBytes) {
                assertStreamFails(bytes, limits, e);
            }
            return;
        }
        if (asBytes && bytes.length <= limits.maxInputBytes()) {
            assertThat(Json.parse(new ByteArrayInputStream(bytes), limits)).isEqualTo(value);
        }

        String written = Json.write(value.value());
        assertThat(value.toString()).isEqualTo(written);
        JsonValue again = Json.parse(written);
        assertThat(canonical(again.value())).as("written back as %s", written).isEqualTo(canonical(value.value()));
        assertThat(Json.write(again.value())).isEqualTo(written);
        if (asBytes) {
            assertThat(canonical(Json.parse(Json.writeUtf8(value.value())).value())).as("written back as UTF-8")
                    .isEqualTo(canonical(value.value()));
        }
    }

    /**
     * The value with every integer as a {@link BigDecimal} of scale 0: a decimal without fraction
     * digits ({@code 11e0}, {@code 1.5e1}) is written as an integer ({@code 11}, {@code 15}) and reads
     * back as a {@code Long}, the same JSON number (RFC 8259 §6) in another Java type, as
     * {@link Json#write} documents. Scales are otherwise kept: {@code 1.0} and {@code 1.00} differ.
     */
    private static Object canonical(Object v) {
        if (v instanceof Long || v instanceof BigInteger) {
            return new BigDecimal(v.toString());
        } else if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, e) -> out.put(k, canonical(e)));
            return out;
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(canonical(e)));
            return out;
        }
        return v;
    }

    /** The same bytes read from a stream fail the same way (or on the stream's input limit). */
    private static void assertStreamFails(byte[] bytes, JsonLimits limits, Exception expected) throws IOException {
        try {
            Json.parse(new ByteArrayInputStream(bytes), limits);
        } catch (JsonParseException | LimitExceededException e) {
            if (!(e instanceof LimitExceededException l && l.limitName().equals("maxInputBytes"))) {
                assertThat(e.getMessage()).isEqualTo(expected.getMessage());
            }
            return;
        }
        throw new AssertionError("parsed from a stream but not from memory: " + expected);
    }
}
