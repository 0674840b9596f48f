package dev.envoi.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.envoi.core.FieldValues;
import dev.envoi.core.HttpDate;
import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the field-value parsers (Jazzer) on values a peer controls:
 * {@link MediaType#tryParse} and {@link HttpDate#parse} never throw, {@link FieldValues#splitList}
 * never throws, {@link FieldValues#parseParameters} throws only {@link InvalidSyntaxException}, and
 * what parses formats back to an equal value. See {@code docs/FUZZING.md}.
 */
class FieldFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    @FuzzTest(maxDuration = "10s")
    void fieldValues(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();

        Optional<MediaType> type = MediaType.tryParse(value);
        type.ifPresent(t -> assertThat(MediaType.parse(t.toString())).isEqualTo(t));

        Optional<Instant> date = HttpDate.parse(value, CLOCK);
        date.ifPresent(d -> assertThat(HttpDate.parse(HttpDate.format(d), CLOCK)).contains(d));

        for (String element : FieldValues.splitList(value)) {
            assertThat(element).isNotEmpty();
        }
        try {
            FieldValues.parseParameters(value);
        } catch (InvalidSyntaxException refused) {
            // a value that is not parameters
        }
    }
}
