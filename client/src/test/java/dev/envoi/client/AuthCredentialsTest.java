package dev.envoi.client;

import dev.envoi.core.Method;
import dev.envoi.core.Url;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthCredentialsTest {

    @Test
    void toStringRedactsThePassword() {
        Credentials c = Credentials.of("alice", "hunter2");
        assertThat(c.toString()).isEqualTo("Credentials[username=alice, password=<redacted>]")
                .doesNotContain("hunter2");
        assertThat(c.username()).isEqualTo("alice");
        assertThat(c.password()).isEqualTo("hunter2");
        assertThat(c).isEqualTo(Credentials.of("alice", "hunter2")).isNotEqualTo(Credentials.of("alice", "x"));
        assertThatThrownBy(() -> Credentials.of(null, "x")).isInstanceOf(NullPointerException.class)
                .hasMessage("username");
    }

    @Test
    void fromUrlDecodesUserInfo() {
        assertThat(Credentials.fromUrl(Url.parse("https://a%40b:p%3Aw@example.com/")))
                .hasValue(Credentials.of("a@b", "p:w"));
        assertThat(Credentials.fromUrl(Url.parse("https://user@example.com/"))).hasValue(Credentials.of("user", ""));
        assertThat(Credentials.fromUrl(Url.parse("https://example.com/"))).isEmpty();
    }

    @Test
    void contextDefaultsAndBodyView() {
        byte[] body = {1, 2, 3};
        AuthContext ctx = AuthContext.builder().url(Url.parse("http://h:8080/p?q")).method(Method.POST).body(body)
                .build();
        assertThat(ctx.requestTarget()).isEqualTo("/p?q");
        assertThat(ctx.server()).isEqualTo(Url.parse("http://h:8080/").origin());
        assertThat(ctx.isProxy()).isFalse();
        assertThat(ctx.challenges()).isEmpty();
        assertThat(ctx.attempts()).isZero();
        assertThat(ctx.credentialsSent()).isFalse();
        ByteBuffer view = ctx.body().orElseThrow();
        assertThat(view.remaining()).isEqualTo(3);
        assertThatThrownBy(() -> view.put(0, (byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
        view.get();
        assertThat(ctx.body().orElseThrow().remaining()).isEqualTo(3); // each call is a fresh view
        assertThat(AuthContext.builder().url(Url.parse("http://h/")).method(Method.GET).build().body()).isEmpty();
        assertThatThrownBy(() -> AuthContext.builder().method(Method.GET).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AuthContext.builder().attempts(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
