package dev.envoi.client;

import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Method;
import dev.envoi.core.Url;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicAuthTest {
    private static final Url URL = Url.parse("http://example.com/dir/index.html");

    static AuthContext.Builder context(String... challengeValues) {
        return AuthContext.builder().url(URL).method(Method.GET).challenges(Challenge.parseAll(List.of(challengeValues)));
    }

    @Test
    void rfc7617Example() throws IOException {
        Authenticator basic = Authenticator.basic("Aladdin", "open sesame");
        assertThat(basic.authenticate(context("Basic realm=\"WallyWorld\"").build()))
                .hasValue("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void rfc7617Utf8Example() throws IOException {
        Authenticator basic = Authenticator.basic("test", "123\u00a3");
        assertThat(basic.authenticate(context("Basic realm=\"foo\", charset=\"UTF-8\"").build()))
                .hasValue("Basic dGVzdDoxMjPCow==");
        // UTF-8 without the charset parameter too (documented default).
        assertThat(basic.authenticate(context("Basic realm=\"foo\"").build())).hasValue("Basic dGVzdDoxMjPCow==");
    }

    @Test
    void preemptiveAndGivingUp() throws IOException {
        Authenticator basic = Authenticator.basic("Aladdin", "open sesame");
        assertThat(basic.preemptive(context().build())).hasValue("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(basic.authenticate(context("Basic realm=r").credentialsSent(true).build())).isEmpty();
        assertThat(basic.authenticate(context("Basic realm=r").attempts(1).build())).isEmpty();
        assertThat(basic.authenticate(context("Digest realm=r, nonce=n, qop=auth").build())).isEmpty();
        assertThat(basic.authenticate(context().build())).isEmpty();
        assertThat(basic.authenticate(context("Newauth realm=r, BASIC realm=s").build())).isPresent();
    }

    @Test
    void proxyChallengeAnsweredTheSameWay() throws IOException {
        AuthContext ctx = context("Basic realm=\"proxy\"").proxy(true)
                .server(Url.parse("http://proxy.local:3128/").origin()).build();
        assertThat(ctx.fieldName()).isEqualTo("Proxy-Authorization");
        assertThat(context().build().fieldName()).isEqualTo("Authorization");
        assertThat(Authenticator.basic("Aladdin", "open sesame").authenticate(ctx))
                .hasValue("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void userIdWithColonRefused() {
        assertThatThrownBy(() -> Authenticator.basic("a:b", "pw"))
                .isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("RFC 7617 §2")
                .hasMessageContaining("':'");
        // A colon in the password is fine: the server splits at the first one.
        assertThat(Authenticator.basic("a", "b:c")).isNotNull();
    }

    @Test
    void controlCharactersRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> Authenticator.basic("a\nb", "pw")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Authenticator.basic("user", "sec\u0000ret"))
                .isInstanceOf(InvalidSyntaxException.class)
                .hasMessageNotContaining("sec");
    }

    @Test
    void emptyCredentialsAllowed() throws IOException {
        assertThat(Authenticator.basic("", "").preemptive(context().build())).hasValue("Basic Og==");
    }

    @Test
    void toStringNeverShowsThePasswordOrTheValue() {
        Authenticator basic = Authenticator.basic("Aladdin", "open sesame");
        assertThat(basic.toString()).contains("Aladdin").doesNotContain("open sesame")
                .doesNotContain("QWxhZGRpbjpvcGVuIHNlc2FtZQ");
    }

    @Test
    void firstOfPrefersDigestWhenOffered() throws IOException {
        Credentials c = Credentials.of("Mufasa", "Circle of Life");
        Authenticator any = Authenticator.firstOf(Authenticator.digest(c), Authenticator.basic(c));
        assertThat(any.authenticate(context("Basic realm=r", "Digest realm=r, nonce=n, qop=auth").build()))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Digest username=\"Mufasa\""));
        assertThat(any.authenticate(context("Basic realm=r").build())).hasValue(
                Authenticator.basic(c).authenticate(context("Basic realm=r").build()).orElseThrow());
        // Preemptive answers come from the first authenticator only: Basic is never sent unasked.
        assertThat(Authenticator.firstOf(Authenticator.digest(c), Authenticator.basic(c)).preemptive(
                context().server(Url.parse("http://other/").origin()).build())).isEqualTo(Optional.empty());
        assertThat(Authenticator.firstOf(Authenticator.bearer("t"), Authenticator.basic(c))
                .preemptive(context().build())).hasValue("Bearer t");
        assertThat(Authenticator.firstOf().preemptive(context().build())).isEmpty();
        assertThat(any.toString()).doesNotContain("Circle");
    }
}
