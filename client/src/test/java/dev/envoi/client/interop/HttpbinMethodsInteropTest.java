package dev.envoi.client.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.client.Authenticator;
import dev.envoi.client.Client;
import dev.envoi.client.JsonValue;
import dev.envoi.client.Request;
import dev.envoi.client.RequestBody;
import dev.envoi.client.Response;
import dev.envoi.core.Method;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** envoi's client against httpbin: methods, redirects that change or keep the method, caching, charsets. */
@Tag("interop")
class HttpbinMethodsInteropTest {
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
    void putPatchDeleteAreEchoedWithTheirBodies() throws IOException {
        for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
            Response r = client.send(Request.builder(url("/anything/x")).method(method).json(Map.of("m", method)).build());
            JsonValue echo = r.json();
            assertThat(echo.get("method").asString()).isEqualTo(method);
            assertThat(echo.get("json").get("m").asString()).isEqualTo(method);
        }
        Response delete = client.send(Request.delete(url("/anything")).build());
        assertThat(delete.json().get("method").asString()).isEqualTo("DELETE");
        assertThat(delete.json().get("data").asString()).isEmpty();
        assertThat(delete.json().get("headers").has("Content-Length")).isFalse();
        assertThat(delete.json().get("headers").has("Transfer-Encoding")).isFalse();
    }

    @Test
    void streamedBodyOfUnknownLengthIsSentChunked() throws IOException {
        byte[] data = "0123456789".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        Response r = client.send(Request.post(url("/post"))
                .body(RequestBody.ofStream(new ByteArrayInputStream(data))).build());

        JsonValue echo = r.json();
        assertThat(echo.get("headers").get("Transfer-Encoding").asString()).isEqualTo("chunked");
        assertThat(echo.get("data").asString()).isEqualTo(new String(data, StandardCharsets.US_ASCII));
    }

    @Test
    void redirect307KeepsMethodAndBody() throws IOException {
        Response r = client.send(Request.post(url("/redirect-to")).query("url", "/anything/kept")
                .query("status_code", "307").json(Map.of("keep", "me")).build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.history()).hasSize(1);
        assertThat(r.history().get(0).toMethod()).isEqualTo(Method.POST);
        assertThat(r.json().get("method").asString()).isEqualTo("POST");
        assertThat(r.json().get("json").get("keep").asString()).isEqualTo("me");
    }

    @Test
    void redirect303And302TurnPostIntoGetWithoutBody() throws IOException {
        for (String code : new String[] {"303", "302"}) {
            Response r = client.send(Request.post(url("/redirect-to")).query("url", "/anything/changed")
                    .query("status_code", code).json(Map.of("drop", "me")).build());

            assertThat(r.history()).hasSize(1);
            assertThat(r.history().get(0).toMethod()).isEqualTo(Method.GET);
            JsonValue echo = r.json();
            assertThat(echo.get("method").asString()).isEqualTo("GET");
            assertThat(echo.get("data").asString()).isEmpty();
            assertThat(echo.get("headers").has("Content-Type")).isFalse();
            assertThat(echo.get("headers").has("Content-Length")).isFalse();
        }
    }

    @Test
    void etagNotModifiedAndPreconditionFailed() throws IOException {
        Response notModified = client.send(Request.get(url("/etag/v1")).header("If-None-Match", "\"v0\", v1").build());
        assertThat(notModified.code()).isEqualTo(304);
        assertThat(notModified.bytes()).isEmpty();

        Response failed = client.send(Request.get(url("/etag/v1")).header("If-Match", "v2").build());
        assertThat(failed.code()).isEqualTo(412);

        Response fresh = client.send(Request.get(url("/etag/v1")).build());
        assertThat(fresh.code()).isEqualTo(200);
        assertThat(fresh.header("ETag")).contains("v1");
    }

    @Test
    void utf8TextIsDecodedWithTheDeclaredCharset() throws IOException {
        // Debian's httpbin drops the /encoding/utf8 demo page; /base64 answers any UTF-8 text instead
        String text = "café ∮ E⋅da = Q, Οὐχὶ ταὐτὰ";
        String encoded = Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        Response r = client.send(Request.get(url("/base64/" + encoded)).build());

        assertThat(r.contentType().orElseThrow().toString()).isEqualTo("text/html; charset=utf-8");
        assertThat(r.text()).isEqualTo(text);
    }

    @Test
    void streamBytesInChunksHaveTheAskedLength() throws IOException {
        Response r = client.send(Request.get(url("/stream-bytes/102400")).query("seed", "3")
                .query("chunk_size", "1000").build());

        assertThat(r.header("Transfer-Encoding")).contains("chunked");
        assertThat(r.bytes()).hasSize(102400);
    }

    @Test
    void keepAliveWithGunicorn() throws IOException {
        for (int i = 0; i < 5; i++) {
            assertThat(client.send(Request.get(url("/get")).build()).code()).isEqualTo(200);
        }
        assertThat(client.connectionCount()).isEqualTo(1);
    }

    @Test
    void hiddenBasicAuthGetsThePreemptiveAnswer() throws IOException {
        assertThat(client.send(Request.get(url("/hidden-basic-auth/user/pass")).build()).code()).isEqualTo(404);

        try (Client authed = client.newBuilder().authenticator(Authenticator.basic("user", "pass")).build()) {
            Response r = authed.send(Request.get(url("/hidden-basic-auth/user/pass")).build());
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.history()).isEmpty();
        }
    }

    @Test
    void digestSha256Succeeds() throws IOException {
        try (Client authed = client.newBuilder().authenticator(Authenticator.digest("user", "pass")).build()) {
            Response r = authed.send(Request.get(url("/digest-auth/auth/user/pass/SHA-256")).build());
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.json().get("authenticated").asBoolean()).isTrue();
        }
    }

    @Test
    void bearerTokenIsAccepted() throws IOException {
        assertThat(client.send(Request.get(url("/bearer")).build()).code()).isEqualTo(401);
        try (Client authed = client.newBuilder().authenticator(Authenticator.bearer("tok-123")).build()) {
            Response r = authed.send(Request.get(url("/bearer")).build());
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.json().get("token").asString()).isEqualTo("tok-123");
        }
    }

    @Test
    void noContentLeavesTheConnectionReusable() throws IOException {
        Response r = client.send(Request.get(url("/status/204")).build());

        assertThat(r.code()).isEqualTo(204);
        assertThat(r.bytes()).isEmpty();
        assertThat(client.send(Request.get(url("/get")).build()).code()).isEqualTo(200);
        assertThat(client.connectionCount()).isEqualTo(1);
    }

    @Test
    void rangeOfTheRangeEndpoint() throws IOException {
        Response r = client.send(Request.get(url("/range/1024")).header("Range", "bytes=10-19").build());

        assertThat(r.code()).isEqualTo(206);
        assertThat(r.header("Content-Range")).contains("bytes 10-19/1024");
        assertThat(new String(r.bytes(), StandardCharsets.US_ASCII)).isEqualTo("klmnopqrst");
    }

    @Test
    void nonAsciiPathIsPercentEncoded() throws IOException {
        Response r = client.send(Request.get(url("/anything/café crème")).build());

        assertThat(r.request().url().encodedPath()).isEqualTo("/anything/caf%C3%A9%20cr%C3%A8me");
        // werkzeug rebuilds request.url as an IRI: UTF-8 escapes come back decoded, the space stays %20
        assertThat(r.json().get("url").asString()).isEqualTo(url("/anything/café%20crème"));
    }

    @Test
    void streamedResponseClosedEarlyDoesNotPoisonThePool() throws IOException {
        for (int i = 0; i < 3; i++) {
            try (Response r = client.stream(Request.get(url("/bytes/102400")).build())) {
                assertThat(r.body().readNBytes(10)).hasSize(10);
            }
            Response next = client.send(Request.get(url("/get")).query("i", Integer.toString(i)).build());
            assertThat(next.json().get("args").get("i").asString()).isEqualTo(Integer.toString(i));
        }
        assertThat(client.leasedConnectionCount()).isZero();
    }
}
