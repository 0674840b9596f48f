package dev.envoi.client;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against the JDK's {@code com.sun.net.httpserver} on 127.0.0.1. */
class ClientExchangeTest {
    static TestHttpServer server;
    static Client client;

    @BeforeAll
    static void start() throws IOException {
        server = new TestHttpServer()
                .handle("/echo", ClientExchangeTest::echo)
                .handle("/chunked", ex -> {
                    ex.getResponseHeaders().set("Content-Type", "text/plain");
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 100; i++) {
                            out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                })
                .handle("/gzip", ex -> {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
                        gz.write("compressed ".repeat(1000).getBytes(StandardCharsets.US_ASCII));
                    }
                    ex.getResponseHeaders().set("Content-Encoding", "gzip");
                    TestHttpServer.reply(ex, 200, "text/plain", buf.toByteArray());
                })
                .handle("/nocontent", ex -> TestHttpServer.reply(ex, 204, null, new byte[0]))
                .handle("/json", ex -> TestHttpServer.reply(ex, 200, "application/json",
                        "{\"id\":7,\"tags\":[\"a\",\"b\"],\"ok\":true}".getBytes(StandardCharsets.UTF_8)))
                .handle("/status", ex -> TestHttpServer.reply(ex, Integer.parseInt(ex.getRequestURI().getQuery()), "nope"));
        client = Client.builder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    /** Echoes method, query, selected request fields and the body. */
    private static void echo(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        StringBuilder sb = new StringBuilder();
        sb.append(ex.getRequestMethod()).append(' ').append(ex.getRequestURI().getRawQuery()).append('\n');
        for (String name : new String[] {"Content-Type", "Content-Length", "Transfer-Encoding", "User-Agent", "X-Trace"}) {
            String v = ex.getRequestHeaders().getFirst(name);
            if (v != null) {
                sb.append(name).append(": ").append(v).append('\n');
            }
        }
        sb.append('\n').append(new String(body, StandardCharsets.UTF_8));
        TestHttpServer.reply(ex, 200, sb.toString());
    }

    @Test
    void getText() throws IOException {
        Response r = client.send(Request.get(server.url("/echo")).query("q", "café & crème").build());
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.text()).startsWith("GET q=caf%C3%A9+%26+cr%C3%A8me\n").contains("User-Agent: envoi/0.1");
        assertThat(r.url().toString()).isEqualTo(server.url("/echo?q=caf%C3%A9+%26+cr%C3%A8me"));
        assertThat(r.history()).isEmpty();
    }

    @Test
    void postJson() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", "value");
        m.put("n", 1);
        Response r = client.send(Request.post(server.url("/echo")).json(m).header("X-Trace", "1").build());
        assertThat(r.text()).isEqualTo("POST null\nContent-Type: application/json\nContent-Length: 21\n"
                + "User-Agent: envoi/0.1\nX-Trace: 1\n\n{\"key\":\"value\",\"n\":1}");
    }

    @Test
    void postForm() throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("a", "1");
        form.put("q", "café & crème");
        Response r = client.send(Request.post(server.url("/echo")).form(form).build());
        assertThat(r.text()).contains("Content-Type: application/x-www-form-urlencoded")
                .endsWith("\n\na=1&q=caf%C3%A9+%26+cr%C3%A8me");
    }

    @Test
    void postMultipartWithAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "file content");
        Multipart mp = Multipart.builder().field("name", "envoi").file("upload", file).build();
        Response r = client.send(Request.post(server.url("/echo")).multipart(mp).build());
        assertThat(r.text()).contains("Content-Type: multipart/form-data; boundary=" + mp.boundary())
                .contains("Content-Disposition: form-data; name=\"name\"\r\n\r\nenvoi\r\n")
                .contains("filename=\"notes.txt\"").contains("file content");
    }

    @Test
    void chunkedResponse() throws IOException {
        Response r = client.send(Request.get(server.url("/chunked")).build());
        assertThat(r.text()).startsWith("line 0\nline 1\n").endsWith("line 99\n");
        assertThat(r.header("Transfer-Encoding")).contains("chunked");
    }

    @Test
    void gzipResponseIsDecodedAndFieldsAdjusted() throws IOException {
        Response r = client.send(Request.get(server.url("/gzip")).build());
        assertThat(r.text()).isEqualTo("compressed ".repeat(1000));
        assertThat(r.headers().contains("Content-Encoding")).isFalse();
        assertThat(r.headers().contains("Content-Length")).isFalse();
        Client raw = client.newBuilder().contentDecoding(ContentDecoding.disabled()).build();
        Response encoded = raw.send(Request.get(server.url("/gzip")).build());
        assertThat(encoded.header("Content-Encoding")).contains("gzip");
        assertThat(encoded.bytes()[0] & 0xff).isEqualTo(0x1f);
    }

    @Test
    void headAndNoContent() throws IOException {
        Response head = client.send(Request.head(server.url("/json")).build());
        assertThat(head.code()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
        Response none = client.send(Request.delete(server.url("/nocontent")).build());
        assertThat(none.code()).isEqualTo(204);
        assertThat(none.bytes()).isEmpty();
    }

    @Test
    void json() throws IOException {
        JsonValue v = client.send(Request.get(server.url("/json")).build()).json();
        assertThat(v.get("id").asLong()).isEqualTo(7);
        assertThat(v.get("tags").get(1).asString()).isEqualTo("b");
        assertThat(v.asObject()).containsEntry("ok", true);
    }

    @Test
    void ensureSuccess() throws IOException {
        Response ok = client.send(Request.get(server.url("/status?200")).build());
        assertThat(ok.ensureSuccess()).isSameAs(ok);
        Response missing = client.send(Request.get("http://user:pw@127.0.0.1:" + server.port() + "/status?404").build());
        assertThatThrownBy(missing::ensureSuccess).isInstanceOf(HttpStatusException.class)
                .hasMessage("404 Not Found for http://127.0.0.1:" + server.port() + "/status?404")
                .satisfies(e -> assertThat(((HttpStatusException) e).response()).isSameAs(missing));
    }

    @Test
    void keepAliveReusesOneConnection() throws IOException {
        try (Client own = Client.builder().build()) {
            server.clientPorts.clear();
            for (int i = 0; i < 10; i++) {
                assertThat(own.send(Request.get(server.url("/json")).build()).code()).isEqualTo(200);
            }
            assertThat(server.clientPorts).hasSize(1);
            assertThat(own.connectionCount()).isEqualTo(1);
            assertThat(own.idleConnectionCount()).isEqualTo(1);
        }
    }

    @Test
    void streamReturnsTheConnectionOnlyAfterTheBody() throws IOException {
        try (Client own = Client.builder().build()) {
            try (Response r = own.stream(Request.get(server.url("/chunked")).build())) {
                assertThat(own.leasedConnectionCount()).isEqualTo(1);
                r.body().transferTo(OutputStream.nullOutputStream());
                assertThat(own.leasedConnectionCount()).isZero();
                assertThat(own.idleConnectionCount()).isEqualTo(1);
            }
            try (Response r = own.stream(Request.get(server.url("/chunked")).build())) {
                assertThat(r.body().read()).isEqualTo('l');
            }
            assertThat(own.connectionCount()).isZero(); // closed early: not reused
        }
    }

    @Test
    void envoiOneLiners() throws IOException {
        Response r = Envoi.get(server.url("/json"));
        assertThat(r.status() + " " + r.json().get("id").asInt()).isEqualTo("200 OK 7");
        assertThat(Envoi.post(server.url("/echo"), RequestBody.of("x")).text()).endsWith("\n\nx");
    }
}
