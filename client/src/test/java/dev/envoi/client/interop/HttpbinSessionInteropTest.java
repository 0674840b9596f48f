package dev.envoi.client.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.client.Authenticator;
import dev.envoi.client.Client;
import dev.envoi.client.Cookie;
import dev.envoi.client.JsonValue;
import dev.envoi.client.Request;
import dev.envoi.client.RequestBody;
import dev.envoi.client.Response;
import dev.envoi.client.TooManyRedirectsException;
import dev.envoi.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** envoi's client against httpbin over several exchanges: auth sessions, cookie lifetimes, limits, big bodies. */
@Tag("interop")
class HttpbinSessionInteropTest {
    private Client client;

    @BeforeEach
    void newClient() {
        client = Client.builder().build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static String url(String path) {
        return InteropServers.httpbin() + path;
    }

    @Test
    void digestSessionSurvivesAStaleNonce() throws IOException {
        // stale_after=2: after two answers with one nonce httpbin says stale=true and gives a new nonce
        try (Client authed = client.newBuilder().authenticator(Authenticator.digest("user", "pass")).build()) {
            for (int i = 0; i < 5; i++) {
                Response r = authed.send(Request.get(url("/digest-auth/auth/user/pass/MD5/2")).build());
                assertThat(r.code()).as("request %d", i).isEqualTo(200);
                assertThat(r.json().get("authenticated").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void cookieDeletedByTheServerLeavesTheJar() throws IOException {
        client.send(Request.get(url("/cookies/set")).query("a", "1").query("b", "2").build());
        assertThat(client.cookieJar().all()).extracting(Cookie::name).containsExactlyInAnyOrder("a", "b");

        Response r = client.send(Request.get(url("/cookies/delete")).query("a", "").build());

        assertThat(r.json().get("cookies").asObject()).containsOnlyKeys("b");
        assertThat(client.cookieJar().all()).extracting(Cookie::name).containsExactly("b");
    }

    @Test
    void twoSetCookieFieldsInOneResponseBothReachTheJar() throws IOException {
        Response r = client.send(Request.get(url("/response-headers"))
                .query("Set-Cookie", "one=1; Path=/").query("Set-Cookie", "two=2; Path=/; HttpOnly").build());

        assertThat(r.headers().all("Set-Cookie")).containsExactly("one=1; Path=/", "two=2; Path=/; HttpOnly");
        JsonValue sent = client.send(Request.get(url("/cookies")).build()).json().get("cookies");
        assertThat(sent.asObject()).containsOnlyKeys("one", "two");
    }

    @Test
    void tooManyRedirectsStopsAtTheLimit() {
        try (Client few = client.newBuilder().maxRedirects(3).build()) {
            assertThatThrownBy(() -> few.send(Request.get(url("/redirect/5")).build()))
                    .isInstanceOfSatisfying(TooManyRedirectsException.class,
                            e -> assertThat(e.getMessage()).contains("3"));
        }
    }

    @Test
    void absoluteRedirectQueryOfTheRedirectEndpoint() throws IOException {
        Response r = client.send(Request.get(url("/redirect/3")).query("absolute", "true").build());

        assertThat(r.history()).extracting(h -> h.to().toString())
                .containsExactly(url("/absolute-redirect/2"), url("/absolute-redirect/1"), url("/get"));
    }

    @Test
    void megabyteUploadIsEchoedExactly() throws IOException {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        Response r = client.send(Request.post(url("/post"))
                .body(RequestBody.of(data, MediaType.parse("text/plain"))).build());

        JsonValue echo = r.json();
        assertThat(echo.get("headers").get("Content-Length").asString()).isEqualTo("1048576");
        assertThat(echo.get("data").asString().getBytes(StandardCharsets.US_ASCII)).isEqualTo(data);
    }

    @Test
    void expectContinueUploadIsEchoed() throws IOException {
        byte[] data = new byte[300_000];
        Arrays.fill(data, (byte) 'x');
        long start = System.nanoTime();
        Response r = client.send(Request.put(url("/put")).header("Expect", "100-continue")
                .body(RequestBody.of(data, MediaType.parse("text/plain"))).build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.json().get("data").asString()).hasSize(300_000);
        assertThat(r.json().get("headers").get("Expect").asString()).isEqualTo("100-continue");
        // gunicorn answers 100 Continue at once: the client must not sit out its 1 s fallback
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void dripArrivesOverTimeWithinTheReadTimeout() throws IOException {
        Response r = client.send(Request.get(url("/drip")).query("numbytes", "5").query("duration", "0.5")
                .query("delay", "0").query("code", "200").build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.bytes()).containsExactly('*', '*', '*', '*', '*');
    }
}
