package dev.envoi.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "experience" snippet, compiled and run against a local server (the README's URLs are
 * replaced by 127.0.0.1 ones; everything else is the snippet as printed).
 */
class ReadmeExperienceTest {
    static TestHttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new TestHttpServer()
                .handle("/items", ex -> TestHttpServer.reply(ex, 200, "item " + ex.getRequestURI().getQuery()))
                .handle("/post", ex -> {
                    String body = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    TestHttpServer.reply(ex, 200, "application/json", ("{\"json\":" + body + ",\"args\":\""
                            + ex.getRequestURI().getRawQuery() + "\",\"trace\":\"" + ex.getRequestHeaders().getFirst("X-Trace")
                            + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                })
                .handle("/big", ex -> TestHttpServer.reply(ex, 200, "application/octet-stream", new byte[1 << 20]));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theExperienceSnippet() throws IOException {
        String itemsUrl = server.url("/items?id=7");
        String postUrl = server.url("/post");
        String bigUrl = server.url("/big");
        OutputStream out = new ByteArrayOutputStream();

        // --- README snippet ---
        Response r = Envoi.get(itemsUrl);                                       // one-liners, like requests.get
        System.out.println(r.status() + " " + r.text());

        Client client = Client.builder()                                        // thread-safe; what requests calls a Session
            .timeouts(Timeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(30)))  // connect, read (+ total, write)
            .build();
        Response p = client.send(Request.post(postUrl)
                .json(Map.of("key", "value"))           // also .form(...), .multipart(...), .body(bytes/stream/file)
                .header("X-Trace", "1").query("q", "café & crème").build());
        Map<String, Object> json = p.json().asObject();
        try (Response s = client.stream(Request.get(bigUrl).build())) { s.body().transferTo(out); }
        // --- end of snippet ---

        assertThat(r.status() + " " + r.text()).isEqualTo("200 OK item id=7");
        assertThat(json).containsEntry("json", Map.of("key", "value")).containsEntry("trace", "1")
                .containsEntry("args", "q=caf%C3%A9+%26+cr%C3%A8me");
        assertThat(((ByteArrayOutputStream) out).size()).isEqualTo(1 << 20);
        client.close();
    }
}
