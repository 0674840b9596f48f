package dev.envoi.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Url;

/**
 * Coverage-guided fuzzing of {@link Url} (Jazzer): for any strings, {@link Url#parse},
 * {@link Url#resolve} and {@link Url#resolveReference} either succeed or throw
 * {@link InvalidSyntaxException} — nothing else — and every URL they make survives
 * {@code parse(toString())} unchanged. Runs in regression mode over the seeds in
 * {@code src/test/resources/dev/envoi/core/fuzz/UrlFuzzTestInputs/} in a normal build; see
 * {@code docs/FUZZING.md}.
 */
class UrlFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(FuzzedDataProvider data) {
        String input = data.consumeRemainingAsString();
        Url url;
        try {
            url = Url.parse(input);
        } catch (InvalidSyntaxException refused) {
            return;
        }
        roundTrips(url);
    }

    @FuzzTest(maxDuration = "10s")
    void resolve(FuzzedDataProvider data) {
        String base = data.consumeString(256);
        String reference = data.consumeRemainingAsString();
        try {
            Url.resolveReference(base, reference);
        } catch (InvalidSyntaxException refused) {
            // a base without a scheme
        }
        Url url;
        try {
            url = Url.parse(base);
        } catch (InvalidSyntaxException refused) {
            return;
        }
        Url resolved;
        try {
            resolved = url.resolve(reference);
        } catch (InvalidSyntaxException refused) {
            return;
        }
        roundTrips(resolved);
    }

    private static void roundTrips(Url url) {
        String serialized = url.toString();
        Url again = Url.parse(serialized);
        assertThat(again).isEqualTo(url);
        assertThat(again.toString()).isEqualTo(serialized);
        assertThat(again.requestTarget()).isEqualTo(url.requestTarget());
        assertThat(again.authority()).isEqualTo(url.authority());
        assertThat(again.port()).isEqualTo(url.port());
    }
}
