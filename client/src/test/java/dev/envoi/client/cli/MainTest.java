package dev.envoi.client.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the command line against the JDK's HTTP server on 127.0.0.1. */
class MainTest {
    static HttpServer server;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/hello", ex -> {
            byte[] body = ("method=" + ex.getRequestMethod() + " x=" + ex.getRequestHeaders().getFirst("X-Test")
                    + " type=" + ex.getRequestHeaders().getFirst("Content-Type") + " body="
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved", ex -> {
            ex.getResponseHeaders().set("Location", "/hello");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void getPrintsStatusFieldsAndBody() {
        Run r = run(base + "/hello");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("HTTP/1.1 200 OK\n").contains("Content-type: text/plain; charset=utf-8\n")
                .endsWith("\n\nmethod=GET x=null type=null body=\n");
    }

    @Test
    void methodHeaderDataAndVerbose() {
        Run r = run("-X", "PUT", "-H", "X-Test: yes", "-d", "a=1", "-v", base + "/hello");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("PUT /hello HTTP/1.1\nHost: 127.0.0.1:" + server.getAddress().getPort() + "\n")
                .contains("X-Test: yes\n").contains("Content-Length: 3\n")
                .contains("\nHTTP/1.1 200 OK\n")
                .endsWith("method=PUT x=yes type=application/x-www-form-urlencoded body=a=1\n");
    }

    @Test
    void redirectsAreFollowedAndShownWithVerbose() {
        Run r = run("-v", base + "/moved");
        assertThat(r.out()).contains("# redirect 302 Found: GET " + base + "/moved -> GET " + base + "/hello")
                .endsWith("method=GET x=null type=null body=\n");
        assertThat(run("--no-follow", base + "/moved").out()).startsWith("HTTP/1.1 302 ").contains("Location: /hello\n");
    }

    @Test
    void failuresAndUsage() {
        Run refused = run("http://127.0.0.1:1/");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).startsWith("envoi: cannot connect for http://127.0.0.1:1/");
        Run usage = run("-X");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).startsWith("envoi: -X needs a value\nusage: envoi");
        assertThat(run("--version").out()).isEqualTo("envoi/0.1\n");
    }
}
