package dev.envoi.client.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.client.Authenticator;
import dev.envoi.client.Client;
import dev.envoi.client.Cookie;
import dev.envoi.client.HttpStatusException;
import dev.envoi.client.HttpTimeoutException;
import dev.envoi.client.JsonValue;
import dev.envoi.client.Multipart;
import dev.envoi.client.Redirect;
import dev.envoi.client.Request;
import dev.envoi.client.Response;
import dev.envoi.client.Timeouts;
import dev.envoi.core.MediaType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** envoi's client against Debian's httpbin 0.7.0 under gunicorn: bodies, redirects, cookies, auth, codings. */
@Tag("interop")
class HttpbinInteropTest {
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

    private static String hostPort() {
        return InteropServers.httpbin().substring("http://".length());
    }

    @Test
    void getEchoesPercentEncodedQueryParameters() throws IOException {
        Response r = client.send(Request.get(url("/get")).query("dessert", "café & crème").query("n", "1").build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.request().url().encodedQuery()).isEqualTo("dessert=caf%C3%A9+%26+cr%C3%A8me&n=1");
        JsonValue args = r.json().get("args");
        assertThat(args.asObject()).containsOnlyKeys("dessert", "n");
        assertThat(args.get("dessert").asString()).isEqualTo("café & crème");
        assertThat(args.get("n").asString()).isEqualTo("1");
    }

    @Test
    void postJsonIsEchoed() throws IOException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", "envoi");
        payload.put("count", 3);
        payload.put("tags", List.of("http", "crème"));
        Response r = client.send(Request.post(url("/post")).json(payload).build());

        JsonValue echo = r.json();
        assertThat(echo.get("headers").get("Content-Type").asString()).startsWith("application/json");
        JsonValue json = echo.get("json");
        assertThat(json.get("name").asString()).isEqualTo("envoi");
        assertThat(json.get("count").asInt()).isEqualTo(3);
        assertThat(json.get("tags").get(1).asString()).isEqualTo("crème");
        assertThat(echo.get("data").asString()).isEqualTo("{\"name\":\"envoi\",\"count\":3,\"tags\":[\"http\",\"crème\"]}");
    }

    @Test
    void postFormIsEchoed() throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("dessert", "café & crème");
        form.put("empty", "");
        Response r = client.send(Request.post(url("/post")).form(form).build());

        JsonValue echo = r.json();
        assertThat(echo.get("headers").get("Content-Type").asString()).isEqualTo("application/x-www-form-urlencoded");
        // "dessert=caf%C3%A9+%26+cr%C3%A8me&empty=" is 39 bytes
        assertThat(echo.get("headers").get("Content-Length").asString()).isEqualTo("39");
        assertThat(echo.get("form").asObject()).containsOnlyKeys("dessert", "empty");
        assertThat(echo.get("form").get("dessert").asString()).isEqualTo("café & crème");
        assertThat(echo.get("form").get("empty").asString()).isEmpty();
    }

    @Test
    void postMultipartFileIsEchoed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "line one\nline two, crème\n", StandardCharsets.UTF_8);
        Multipart multipart = Multipart.builder()
                .field("title", "café")
                .file("upload", file, "notes.txt", MediaType.parse("text/plain"))
                .build();
        Response r = client.send(Request.post(url("/post")).multipart(multipart).build());

        JsonValue echo = r.json();
        assertThat(echo.get("headers").get("Content-Type").asString())
                .isEqualTo("multipart/form-data; boundary=" + multipart.boundary());
        assertThat(echo.get("form").asObject()).containsOnlyKeys("title");
        assertThat(echo.get("form").get("title").asString()).isEqualTo("café");
        assertThat(echo.get("files").asObject()).containsOnlyKeys("upload");
        assertThat(echo.get("files").get("upload").asString()).isEqualTo("line one\nline two, crème\n");
    }

    @Test
    void headersShowTheUserAgentAndNoFieldTwice() throws IOException {
        Response r = client.send(Request.get(url("/headers")).header("X-Envoi-Test", "one").build());

        JsonValue headers = r.json().get("headers");
        // gunicorn joins repeated fields with a comma, so an exact value also proves it was sent once
        assertThat(headers.get("User-Agent").asString()).isEqualTo("envoi/0.1");
        assertThat(headers.get("Host").asString()).isEqualTo(hostPort());
        assertThat(headers.get("Accept-Encoding").asString()).isEqualTo("gzip, deflate");
        assertThat(headers.get("X-Envoi-Test").asString()).isEqualTo("one");
        assertThat(headers.asObject()).containsOnlyKeys("User-Agent", "Host", "Accept-Encoding", "Accept",
                "X-Envoi-Test");
        assertThat(headers.get("Accept").asString()).isEqualTo("*/*");
    }

    @Test
    void redirectChainOfThreeIsFollowed() throws IOException {
        Response r = client.send(Request.get(url("/redirect/3")).build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.url().toString()).isEqualTo(url("/get"));
        assertThat(r.history()).extracting(h -> h.to().encodedPath())
                .containsExactly("/relative-redirect/2", "/relative-redirect/1", "/get");
        assertThat(r.history()).extracting(h -> h.status().code()).containsExactly(302, 302, 302);
    }

    @Test
    void absoluteRedirectsAreFollowed() throws IOException {
        Response r = client.send(Request.get(url("/absolute-redirect/2")).build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.url().toString()).isEqualTo(url("/get"));
        List<Redirect> history = r.history();
        assertThat(history).extracting(h -> h.to().toString())
                .containsExactly(url("/absolute-redirect/1"), url("/get"));
    }

    @Test
    void relativeRedirectsAreFollowed() throws IOException {
        Response r = client.send(Request.get(url("/relative-redirect/2")).build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.url().toString()).isEqualTo(url("/get"));
        assertThat(r.history()).extracting(h -> h.to().toString())
                .containsExactly(url("/relative-redirect/1"), url("/get"));
        assertThat(r.json().get("url").asString()).isEqualTo(url("/get"));
    }

    @Test
    void teapotIsReturnedAndRaisedOnEnsureSuccess() throws IOException {
        Response r = client.send(Request.get(url("/status/418")).build());

        assertThat(r.code()).isEqualTo(418);
        assertThat(r.text()).contains("teapot");
        assertThatThrownBy(r::ensureSuccess).isInstanceOfSatisfying(HttpStatusException.class,
                e -> assertThat(e.status().code()).isEqualTo(418));
    }

    @Test
    void gzipAndDeflateBodiesAreDecoded() throws IOException {
        Response gzip = client.send(Request.get(url("/gzip")).build());
        assertThat(gzip.json().get("gzipped").asBoolean()).isTrue();
        assertThat(gzip.json().get("headers").get("Accept-Encoding").asString()).isEqualTo("gzip, deflate");

        Response deflate = client.send(Request.get(url("/deflate")).build());
        assertThat(deflate.json().get("deflated").asBoolean()).isTrue();
    }

    @Test
    void cookiesSetByTheServerAreSentBackFromTheJar() throws IOException {
        Response set = client.send(Request.get(url("/cookies/set")).query("flavour", "oatmeal").build());

        // /cookies/set answers 302 to /cookies, which already shows the jar's cookie
        assertThat(set.history()).hasSize(1);
        assertThat(set.json().get("cookies").asObject()).containsExactly(Map.entry("flavour", "oatmeal"));
        assertThat(client.cookieJar().all()).extracting(Cookie::name, Cookie::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("flavour", "oatmeal"));

        Response again = client.send(Request.get(url("/cookies")).build());
        assertThat(again.json().get("cookies").asObject()).containsExactly(Map.entry("flavour", "oatmeal"));
    }

    @Test
    void responseHeadersSetCookieReachesTheJar() throws IOException {
        Response r = client.send(Request.get(url("/response-headers"))
                .query("Set-Cookie", "session=abc123; Path=/").query("X-Envoi", "yes").build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.headers().all("Set-Cookie")).containsExactly("session=abc123; Path=/");
        assertThat(r.header("X-Envoi")).contains("yes");
        assertThat(r.json().get("Set-Cookie").asString()).isEqualTo("session=abc123; Path=/");

        Response cookies = client.send(Request.get(url("/cookies")).build());
        assertThat(cookies.json().get("cookies").asObject()).containsExactly(Map.entry("session", "abc123"));
    }

    @Test
    void basicAuthSucceedsWithTheAuthenticatorAndIs401Without() throws IOException {
        Response without = client.send(Request.get(url("/basic-auth/user/pass")).build());
        assertThat(without.code()).isEqualTo(401);
        assertThat(without.header("WWW-Authenticate")).contains("Basic realm=\"Fake Realm\"");

        try (Client authed = client.newBuilder().authenticator(Authenticator.basic("user", "pass")).build()) {
            Response r = authed.send(Request.get(url("/basic-auth/user/pass")).build());
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.json().get("authenticated").asBoolean()).isTrue();
            assertThat(r.json().get("user").asString()).isEqualTo("user");
        }
        try (Client wrong = client.newBuilder().authenticator(Authenticator.basic("user", "wrong")).build()) {
            assertThat(wrong.send(Request.get(url("/basic-auth/user/pass")).build()).code()).isEqualTo(401);
        }
    }

    @Test
    void digestAuthMd5Succeeds() throws IOException {
        Response without = client.send(Request.get(url("/digest-auth/auth/user/pass")).build());
        assertThat(without.code()).isEqualTo(401);
        assertThat(without.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Digest "));

        try (Client authed = client.newBuilder().authenticator(Authenticator.digest("user", "pass")).build()) {
            Response r = authed.send(Request.get(url("/digest-auth/auth/user/pass")).build());
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.json().get("authenticated").asBoolean()).isTrue();
            assertThat(r.json().get("user").asString()).isEqualTo("user");
        }
        try (Client wrong = client.newBuilder().authenticator(Authenticator.digest("user", "wrong")).build()) {
            assertThat(wrong.send(Request.get(url("/digest-auth/auth/user/pass")).build()).code()).isEqualTo(401);
        }
    }

    @Test
    void streamOfTwentyJsonLinesIsReadInFull() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Response r = client.stream(Request.get(url("/stream/20")).build())) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Transfer-Encoding")).contains("chunked");
            BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null && lines.size() < 100; line = reader.readLine()) {
                lines.add(line);
            }
        }
        assertThat(lines).hasSize(20);
        for (int i = 0; i < 20; i++) {
            JsonValue line = dev.envoi.client.Json.parse(lines.get(i));
            assertThat(line.get("id").asInt()).isEqualTo(i);
            assertThat(line.get("url").asString()).isEqualTo(url("/stream/20"));
        }
    }

    @Test
    void bytesHaveTheAskedLength() throws IOException {
        Response r = client.send(Request.get(url("/bytes/102400")).query("seed", "7").build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header("Content-Type")).contains("application/octet-stream");
        assertThat(r.header("Content-Length")).contains("102400");
        assertThat(r.bytes()).hasSize(102400);
        Response same = client.send(Request.get(url("/bytes/102400")).query("seed", "7").build());
        assertThat(same.bytes()).isEqualTo(r.bytes());
    }

    @Test
    void delayLongerThanTheReadTimeoutRaisesHttpTimeoutException() {
        try (Client impatient = client.newBuilder()
                .timeouts(Timeouts.defaults().withRead(Duration.ofMillis(300))).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> impatient.send(Request.get(url("/delay/1")).build()))
                    .isInstanceOfSatisfying(HttpTimeoutException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HttpTimeoutException.Kind.READ);
                        assertThat(e.timeoutMillis()).isEqualTo(300);
                        assertThat(e.getMessage()).contains("/delay/1");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(950));
        }
    }
}
