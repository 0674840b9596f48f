package dev.envoi.client;

import dev.envoi.core.Headers;
import dev.envoi.core.InvalidSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengeTest {

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void rfc9110Section11_6_1Example() {
        List<Challenge> cs = Challenge.parse(
                "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"");
        assertThat(cs).hasSize(2);
        assertThat(cs.get(0).scheme()).isEqualTo("Newauth");
        assertThat(cs.get(0).params()).containsExactly(Map.entry("realm", "apps"), Map.entry("type", "1"),
                Map.entry("title", "Login to \"apps\""));
        assertThat(cs.get(1).scheme()).isEqualTo("Basic");
        assertThat(cs.get(1).params()).containsExactly(Map.entry("realm", "simple"));
    }

    @Test
    void quotedCommasDoNotSplitAndSeveralChallengesShareOneValue() {
        List<Challenge> cs = Challenge.parse(
                "Basic realm=\"a, b\", Digest realm=\"x\", nonce=\"y\", qop=\"auth,auth-int\"");
        assertThat(cs).containsExactly(
                Challenge.of("Basic", map("realm", "a, b")),
                Challenge.of("Digest", map("realm", "x", "nonce", "y", "qop", "auth,auth-int")));
    }

    @Test
    void token68() {
        assertThat(Challenge.parse("Negotiate abc==")).containsExactly(Challenge.ofToken68("Negotiate", "abc=="));
        List<Challenge> cs = Challenge.parse("Negotiate a/b+c=, Basic realm=\"r\", NTLM");
        assertThat(cs).hasSize(3);
        assertThat(cs.get(0).token68()).hasValue("a/b+c=");
        assertThat(cs.get(0).params()).isEmpty();
        assertThat(cs.get(1).realm()).hasValue("r");
        assertThat(cs.get(2).scheme()).isEqualTo("NTLM");
        assertThat(cs.get(2).token68()).isEmpty();
        // A token68 that looks like a name: a lone token is token68, not a parameter.
        assertThat(Challenge.parse("Foo realm").get(0).token68()).hasValue("realm");
        assertThat(Challenge.parse("Foo realm=").get(0).token68()).hasValue("realm=");
    }

    @Test
    void schemesAndNamesAreCaseInsensitive() {
        Challenge c = Challenge.parse("DIGEST REALM=\"r\", Nonce=n, STALE=TRUE").get(0);
        assertThat(c.hasScheme("digest")).isTrue();
        assertThat(c.scheme()).isEqualTo("DIGEST");
        assertThat(c.params()).containsOnlyKeys("realm", "nonce", "stale");
        assertThat(c.param("NONCE")).hasValue("n");
        assertThat(c.isStale()).isTrue();
        assertThat(c).isEqualTo(Challenge.of("Digest", map("realm", "r", "nonce", "n", "stale", "TRUE")));
    }

    @Test
    void badWhitespaceAroundEqualsAndEmptyListElements() {
        List<Challenge> cs = Challenge.parse(" ,, Basic realm = \"r\" ,\t, charset =UTF-8 ,  ,Bearer ,");
        assertThat(cs).containsExactly(Challenge.of("Basic", map("realm", "r", "charset", "UTF-8")),
                Challenge.of("Bearer", Map.of()));
    }

    @Test
    void schemeAloneAndBetweenOthers() {
        assertThat(Challenge.parse("Basic")).containsExactly(Challenge.of("Basic", Map.of()));
        assertThat(Challenge.parse("Basic, Digest realm=r, nonce=n"))
                .containsExactly(Challenge.of("Basic", Map.of()), Challenge.of("Digest", map("realm", "r", "nonce", "n")));
    }

    @Test
    void multipleFieldLines() {
        List<Challenge> cs = Challenge.parseAll(List.of("Digest realm=\"a\", nonce=\"1\", algorithm=SHA-256",
                "Digest realm=\"a\", nonce=\"1\", algorithm=MD5", "Basic realm=\"a\""));
        assertThat(cs).extracting(c -> c.param("algorithm").orElse("-")).containsExactly("SHA-256", "MD5", "-");
        assertThat(cs.get(2).hasScheme("basic")).isTrue();
    }

    @Test
    void fromResponseHeaders() {
        Headers h = Headers.of("WWW-Authenticate", "Basic realm=\"a\"", "Proxy-Authenticate", "Digest realm=p, nonce=n",
                "www-authenticate", "Bearer");
        assertThat(Challenge.fromHeaders(h, false)).extracting(Challenge::scheme).containsExactly("Basic", "Bearer");
        assertThat(Challenge.fromHeaders(h, true)).extracting(Challenge::scheme).containsExactly("Digest");
        assertThat(Challenge.fromHeaders(Headers.EMPTY, false)).isEmpty();
    }

    @Test
    void obsTextAndEscapesInQuotedStrings() {
        Challenge c = Challenge.parse("Basic realm=\"caf\u00c3\u00a9 \\\\ \\x\"").get(0);
        assertThat(c.realm()).hasValue("caf\u00c3\u00a9 \\ x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", ", ,", "\"", "=", "==", "\"Basic\"", "@@@", "Basic\"x\"", "realm=x",
            "Basic realm=\"unterminated", "Basic =x", "Basic realm=\"a\" junk",
            "Basic realm=\"\u0001\"", "Basic realm=\"a\\", "Basic realm=a b c", "Basic r\u00e9alm=x", "\u0000",
            "Digest realm=\"a\", realm=\"b\""})
    void garbageGivesNoChallengeAndNoException(String value) {
        assertThat(Challenge.parse(value)).isEmpty();
    }

    @Test
    void aBrokenChallengeIsDroppedAndParsingResumes() {
        assertThat(Challenge.parse("Digest realm=\"a\" junk, nonce=\"n\", Basic realm=\"b\""))
                .containsExactly(Challenge.of("Basic", map("realm", "b")));
        assertThat(Challenge.parse("@@@, Basic realm=b")).containsExactly(Challenge.of("Basic", map("realm", "b")));
        assertThat(Challenge.parse("Digest realm=a, realm=b, nonce=c, Bearer realm=x"))
                .containsExactly(Challenge.of("Bearer", map("realm", "x")));
        assertThat(Challenge.parse("Basic realm=\"a, b\"\"c\", Bearer"))
                .containsExactly(Challenge.of("Bearer", Map.of()));
        // Unterminated quote swallows the rest: what parsed before it is kept.
        assertThat(Challenge.parse("Bearer, Basic realm=\"a, Digest realm=b"))
                .containsExactly(Challenge.of("Bearer", Map.of()));
    }

    @Test
    void parsesEveryPrefixWithoutThrowing() {
        String value = "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\","
                + " Negotiate abc==, Digest realm=\"x\", nonce=\"y\", qop=\"auth,auth-int\"";
        for (int i = 0; i <= value.length(); i++) {
            assertThat(Challenge.parse(value.substring(0, i))).isNotNull();
            assertThat(Challenge.parse(value.substring(i))).isNotNull();
        }
        assertThat(Challenge.parse(value)).hasSize(4);
    }

    @Test
    void toStringIsFieldSyntax() {
        assertThat(Challenge.parse("Digest realm=x, qop=\"auth,auth-int\"").get(0))
                .hasToString("Digest realm=\"x\", qop=\"auth,auth-int\"");
        assertThat(Challenge.ofToken68("Negotiate", "abc==")).hasToString("Negotiate abc==");
    }

    @Test
    void factoriesValidate() {
        assertThatThrownBy(() -> Challenge.of("Bad Scheme", Map.of())).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Challenge.of("Basic", map("a b", "c"))).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Challenge.of("Basic", map("realm", "a", "REALM", "b")))
                .isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Challenge.ofToken68("Negotiate", "=abc")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Challenge.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
