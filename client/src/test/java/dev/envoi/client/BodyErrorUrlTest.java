package dev.envoi.client;

import dev.envoi.core.EnvoiException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Errors while reading or decoding a response body name the (redacted) URL, once. */
class BodyErrorUrlTest {

    private static String secretUrl(RawServer server) {
        return "http://user:hunter2@127.0.0.1:" + server.port() + "/data?access_token=abc123&page=2";
    }

    private static String redacted(RawServer server) {
        return "http://127.0.0.1:" + server.port() + "/data?access_token=REDACTED&page=2";
    }

    @Test
    void contentDecodingFailureNamesTheRedactedUrl() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep(
                "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\n\u001f\u0000\u0000"));
             Client c = Client.builder().build()) {
            assertThatThrownBy(() -> c.send(Request.get(secretUrl(server)).build()))
                    .isInstanceOfSatisfying(ContentDecodingException.class, e -> {
                        assertThat(e.url()).hasValue(redacted(server));
                        assertThat(e.coding()).isEqualTo("gzip");
                        assertThat(e.getMessage()).startsWith("gzip content: ")
                                .endsWith(" of " + redacted(server) + ")")
                                .doesNotContain("hunter2").doesNotContain("abc123");
                        assertThat(e.getMessage().indexOf(redacted(server)))
                                .isEqualTo(e.getMessage().lastIndexOf(redacted(server)));
                    });
        }
    }

    @Test
    void corruptStreamedBodyNamesTheUrl() throws Exception {
        byte[] gz = gzip("hello hello hello");
        gz[gz.length - 5] ^= 1; // CRC-32 or ISIZE no longer matches
        String head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n";
        try (RawServer server = new RawServer(RawServer.Reply.keep(head + new String(gz, java.nio.charset.StandardCharsets.ISO_8859_1)));
             Client c = Client.builder().build();
             Response r = c.stream(Request.get(secretUrl(server)).build())) {
            assertThatThrownBy(() -> r.body().readAllBytes())
                    .isInstanceOfSatisfying(ContentDecodingException.class, e -> assertThat(e.getMessage())
                            .contains("mismatch").endsWith("(reading the response body of " + redacted(server) + ")"));
        }
    }

    @Test
    void truncatedBodyNamesTheUrlOnce() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.close("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab"));
             Client c = Client.builder().build()) {
            assertThatThrownBy(() -> c.send(Request.get(secretUrl(server)).build()))
                    .isInstanceOf(EnvoiException.class)
                    .satisfies(e -> {
                        String m = e.getMessage();
                        assertThat(m).contains(redacted(server)).doesNotContain("hunter2").doesNotContain("abc123");
                        assertThat(m.indexOf(redacted(server))).isEqualTo(m.lastIndexOf(redacted(server)));
                    });
        }
    }

    private static byte[] gzip(String s) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
