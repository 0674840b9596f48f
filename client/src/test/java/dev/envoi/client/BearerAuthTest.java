package dev.envoi.client;

import dev.envoi.core.InvalidSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static dev.envoi.client.BasicAuthTest.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerAuthTest {

    @Test
    void rfc6750Example() throws IOException {
        Authenticator bearer = Authenticator.bearer("mF_9.B5f-4.1JqM");
        assertThat(bearer.preemptive(context().build())).hasValue("Bearer mF_9.B5f-4.1JqM");
        assertThat(bearer.authenticate(context("Bearer realm=\"example\"").build())).hasValue("Bearer mF_9.B5f-4.1JqM");
    }

    @Test
    void refusedTokenIsNotSentAgain() throws IOException {
        Authenticator bearer = Authenticator.bearer("abc");
        String refused = "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"";
        assertThat(bearer.authenticate(context(refused).credentialsSent(true).build())).isEmpty();
        assertThat(bearer.authenticate(context(refused).attempts(1).build())).isEmpty();
        assertThat(bearer.authenticate(context("Basic realm=x").build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a-b.c_d~e+f/g", "abc==", "A1", "x="})
    void b64tokensAccepted(String token) {
        assertThat(Authenticator.bearer(token)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "=", "=abc", "a b", "a\r\nX-Injected: 1", "ab=c", "a\"b", "tok,en", "caf\u00e9"})
    void nonB64TokensRefusedWithoutEchoingThem(String token) {
        assertThatThrownBy(() -> Authenticator.bearer(token))
                .isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("RFC 6750 §2.1")
                .satisfies(e -> assertThat(((InvalidSyntaxException) e).input()).isNull());
    }

    @Test
    void toStringRedacts() {
        assertThat(Authenticator.bearer("secret-token").toString()).doesNotContain("secret");
    }
}
