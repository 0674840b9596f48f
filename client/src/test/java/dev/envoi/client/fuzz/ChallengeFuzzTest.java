package dev.envoi.client.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.envoi.client.Challenge;
import dev.envoi.client.Credentials;
import dev.envoi.client.internal.auth.ChallengeParser;
import dev.envoi.client.internal.auth.DigestChallenge;
import dev.envoi.client.internal.auth.DigestResponse;
import dev.envoi.core.FieldSyntax;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.InvalidSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the {@code WWW-Authenticate} / {@code Proxy-Authenticate} challenge
 * parser (RFC 9110 §11.2, §11.6.1, §11.7.1). For any field lines: {@link Challenge#parse},
 * {@link Challenge#fromHeaders} and {@link ChallengeParser#parse} never throw (malformed challenges
 * are dropped, as documented); every challenge has a token scheme, lower-case token parameter names
 * and a valid token68; each challenge written back ({@link Challenge#toString()}) parses to itself, and
 * so does the whole list joined by commas; and a Digest challenge (RFC 7616 §3.3) is answered by an
 * {@code Authorization} value that is a valid field value and echoes realm, nonce and opaque.
 *
 * <p>A normal build replays the seeds in
 * {@code src/test/resources/dev/envoi/client/fuzz/ChallengeFuzzTestInputs/parse/}; see
 * {@code docs/FUZZING.md}.
 */
class ChallengeFuzzTest {
    private static final Credentials USER = Credentials.of("Mufasa", "Circle of Life");

    @FuzzTest(maxDuration = "10s")
    void parse(FuzzedDataProvider data) {
        boolean proxy = data.consumeBoolean();
        int lines = data.consumeInt(1, 3);
        List<String> values = new ArrayList<>(lines);
        for (int i = 0; i < lines - 1; i++) {
            values.add(new String(data.consumeBytes(data.consumeInt(0, 256)), StandardCharsets.ISO_8859_1));
        }
        values.add(new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1));

        List<Challenge> all = Challenge.parseAll(values);
        List<Challenge> direct = new ArrayList<>();
        for (String v : values) {
            direct.addAll(ChallengeParser.parse(v));
        }
        assertThat(direct).isEqualTo(all);
        Headers headers = headers(values, proxy);
        if (headers != null) {
            assertThat(Challenge.fromHeaders(headers, proxy)).isEqualTo(all);
            assertThat(Challenge.fromHeaders(headers, !proxy)).isEmpty();
        }

        List<String> written = new ArrayList<>(all.size());
        for (Challenge c : all) {
            check(c);
            written.add(c.toString());
        }
        assertThat(Challenge.parse(String.join(", ", written))).as("written back: %s", written).isEqualTo(all);
    }

    /** The field lines as a response carries them, or null when a line is no valid field value. */
    private static Headers headers(List<String> values, boolean proxy) {
        Headers.Builder b = Headers.builder();
        try {
            for (String v : values) {
                b.add(proxy ? HeaderName.PROXY_AUTHENTICATE : HeaderName.WWW_AUTHENTICATE, v);
            }
        } catch (InvalidSyntaxException e) {
            return null;
        }
        return b.build();
    }

    private static void check(Challenge c) {
        assertThat(FieldSyntax.isToken(c.scheme())).as("scheme %s", c.scheme()).isTrue();
        for (Map.Entry<String, String> p : c.params().entrySet()) {
            assertThat(FieldSyntax.isToken(p.getKey())).as("name %s", p.getKey()).isTrue();
            assertThat(ChallengeParser.lowerAscii(p.getKey())).isEqualTo(p.getKey());
            assertThat(c.param(p.getKey().toUpperCase(java.util.Locale.ROOT))).contains(p.getValue());
        }
        c.token68().ifPresent(t -> assertThat(c.params()).isEmpty());
        assertThat(Challenge.parse(c.toString())).as("written back: %s", c).containsExactly(c);

        DigestChallenge digest = DigestChallenge.from(c);
        if (digest == null) {
            return;
        }
        String qop = digest.auth() ? "auth" : digest.authInt() ? "auth-int" : null;
        String answer = DigestResponse.authorization(digest, USER, "GET", "/dir/index.html", qop,
                "0a4f113b", 1, qop == null ? null : digest.algorithm().hashLatin1(""));
        try {
            Headers.builder().add(HeaderName.AUTHORIZATION, answer).build();
        } catch (InvalidSyntaxException e) {
            throw new AssertionError("a Digest answer no request can carry: " + answer, e);
        }
        List<Challenge> credentials = Challenge.parse(answer);
        assertThat(credentials).as("answer %s", answer).hasSize(1);
        Challenge a = credentials.get(0);
        assertThat(a.realm()).contains(digest.realm());
        assertThat(a.param("nonce")).contains(digest.nonce());
        assertThat(a.param("opaque").orElse(null)).isEqualTo(digest.opaque());
    }
}
