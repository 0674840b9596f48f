package dev.envoi.client.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.client.Client;
import dev.envoi.client.ContentDecoding;
import dev.envoi.client.HttpStatusException;
import dev.envoi.client.Redirect;
import dev.envoi.client.Request;
import dev.envoi.client.Response;
import dev.envoi.client.TlsException;
import dev.envoi.core.Method;
import dev.envoi.transport.TlsHandshakeException;
import dev.envoi.transport.TlsSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** envoi's client against Debian's nginx: static files, keep-alive, gzip, chunked, redirects, TLS. */
@Tag("interop")
class NginxInteropTest {
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
        return InteropServers.nginx() + path;
    }

    private static byte[] file(String path) throws IOException {
        return Files.readAllBytes(InteropServers.docroot().resolve(path));
    }

    @Test
    void staticFileIsByteExact() throws IOException {
        Response r = client.send(Request.get(url("/static/data.bin")).build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.version().toString()).isEqualTo("HTTP/1.1");
        assertThat(r.header("Content-Length")).contains("102400");
        assertThat(r.header("Content-Type")).contains("application/octet-stream");
        assertThat(r.header("Server")).hasValueSatisfying(v -> assertThat(v).startsWith("nginx"));
        assertThat(r.bytes()).isEqualTo(file("static/data.bin"));
    }

    @Test
    void headHasTheFieldsAndNoBodyAndLeavesTheConnectionReusable() throws IOException {
        Response head = client.send(Request.head(url("/static/data.bin")).build());

        assertThat(head.code()).isEqualTo(200);
        assertThat(head.header("Content-Length")).contains("102400");
        assertThat(head.bytes()).isEmpty();

        Response get = client.send(Request.get(url("/static/hello.txt")).build());
        assertThat(get.text()).isEqualTo("hello from nginx\n");
        assertThat(client.connectionCount()).isEqualTo(1);
    }

    @Test
    void keepAliveReusesOneConnectionForSequentialRequests() throws IOException {
        for (int i = 0; i < 8; i++) {
            Response r = client.send(Request.get(url("/static/hello.txt")).build());
            assertThat(r.text()).isEqualTo("hello from nginx\n");
        }

        assertThat(client.connectionCount()).isEqualTo(1);
        assertThat(client.idleConnectionCount()).isEqualTo(1);
        assertThat(client.leasedConnectionCount()).isZero();
    }

    @Test
    void gzipBodyIsDecodedToTheFile() throws IOException {
        Response r = client.send(Request.get(url("/static/text.txt")).build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.bytes()).isEqualTo(file("static/text.txt"));
        // nginx compressed it (it answers "Vary: Accept-Encoding" and, for gzip, drops Content-Length)
        assertThat(r.header("Vary")).contains("Accept-Encoding");
        assertThat(r.header("Content-Length")).isEmpty();
    }

    @Test
    void gzipIsWhatNginxSendsWhenAskedAndDecodesToTheFile() throws IOException {
        try (Client raw = Client.builder().contentDecoding(ContentDecoding.disabled()).build()) {
            Response r = raw.send(Request.get(url("/static/text.txt")).header("Accept-Encoding", "gzip").build());

            assertThat(r.header("Content-Encoding")).contains("gzip");
            assertThat(r.header("Transfer-Encoding")).contains("chunked");
            byte[] body = r.bytes();
            assertThat(Arrays.copyOf(body, 2)).containsExactly(0x1f, 0x8b);
            assertThat(body.length).isLessThan(file("static/text.txt").length / 4);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                assertThat(in.readAllBytes()).isEqualTo(file("static/text.txt"));
            }
        }
    }

    @Test
    void chunkedSsiResponseIsDecodedFully() throws IOException {
        Response r = client.send(Request.get(url("/ssi/page.txt")).build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header("Transfer-Encoding")).contains("chunked");
        assertThat(r.header("Content-Length")).isEmpty();
        assertThat(r.text()).isEqualTo("begin\npart one\nmiddle\npart two\nend\n");
        // the connection survived the chunked body and is reused
        assertThat(client.send(Request.get(url("/ssi/page.txt")).build()).text())
                .isEqualTo("begin\npart one\nmiddle\npart two\nend\n");
        assertThat(client.connectionCount()).isEqualTo(1);
    }

    @Test
    void permanentRedirectsAreFollowedWithHistory() throws IOException {
        Response r = client.send(Request.get(url("/moved")).build());

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("hello from nginx\n");
        assertThat(r.url().toString()).isEqualTo(url("/static/hello.txt"));
        List<Redirect> history = r.history();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).status().code()).isEqualTo(301);
        assertThat(history.get(0).from().toString()).isEqualTo(url("/moved"));
        assertThat(history.get(0).to().toString()).isEqualTo(url("/moved-again"));
        assertThat(history.get(1).status().code()).isEqualTo(301);
        assertThat(history.get(1).to().toString()).isEqualTo(url("/static/hello.txt"));
        assertThat(history).allSatisfy(h -> {
            assertThat(h.fromMethod()).isEqualTo(Method.GET);
            assertThat(h.toMethod()).isEqualTo(Method.GET);
            assertThat(h.crossOrigin()).isFalse();
        });
    }

    @Test
    void notFoundRaisesOnEnsureSuccess() throws IOException {
        Response r = client.send(Request.get(url("/no/such/file")).build());

        assertThat(r.code()).isEqualTo(404);
        assertThat(r.isSuccessful()).isFalse();
        assertThatThrownBy(r::ensureSuccess)
                .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("404").contains("/no/such/file");
                });
    }

    @Test
    void rangeRequestGetsPartialContent() throws IOException {
        Response r = client.send(Request.get(url("/static/data.bin")).header("Range", "bytes=100-1123").build());

        assertThat(r.code()).isEqualTo(206);
        assertThat(r.header("Content-Range")).contains("bytes 100-1123/102400");
        assertThat(r.header("Content-Length")).contains("1024");
        assertThat(r.bytes()).isEqualTo(Arrays.copyOfRange(file("static/data.bin"), 100, 1124));
    }

    @Test
    void httpsWithTheRunTimeCaTrusted() throws IOException {
        TlsSettings tls = TlsSettings.newBuilder().trustPem(InteropServers.caPem()).build();
        try (Client https = Client.builder().tls(tls).build()) {
            for (int i = 0; i < 3; i++) {
                Response r = https.send(Request.get(InteropServers.nginxTls() + "/static/data.bin").build());
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.bytes()).isEqualTo(file("static/data.bin"));
            }
            assertThat(https.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void httpsWithDefaultTrustFailsNamingTheHost() {
        String target = InteropServers.nginxTls() + "/static/hello.txt";

        assertThatThrownBy(() -> client.send(Request.get(target).build()))
                .isInstanceOfSatisfying(TlsException.class, e -> {
                    assertThat(e.getMessage()).startsWith("TLS handshake failed for " + target + ": TLS handshake with 127.0.0.1:")
                            .contains("certificate not trusted");
                    assertThat(e.getCause()).isInstanceOfSatisfying(TlsHandshakeException.class, cause -> {
                        assertThat(cause.host()).isEqualTo(target.substring("https://".length(), target.indexOf("/static")));
                        assertThat(cause.reason()).isEqualTo(TlsHandshakeException.Reason.UNTRUSTED_CERTIFICATE);
                    });
                });
    }

    @Test
    void headOfAGzippedResourceHasNoBodyToDecode() throws IOException {
        Response head = client.send(Request.head(url("/static/text.txt")).build());

        assertThat(head.code()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
        assertThat(client.send(Request.get(url("/static/hello.txt")).build()).text()).isEqualTo("hello from nginx\n");
        assertThat(client.connectionCount()).isEqualTo(1);
    }

    @Test
    void notModifiedHasNoBodyAndKeepsTheConnection() throws IOException {
        Response first = client.send(Request.get(url("/static/data.bin")).build());
        String etag = first.header("ETag").orElseThrow();

        Response again = client.send(Request.get(url("/static/data.bin")).header("If-None-Match", etag).build());
        assertThat(again.code()).isEqualTo(304);
        assertThat(again.header("ETag")).contains(etag);
        assertThat(again.bytes()).isEmpty();
        assertThat(client.send(Request.get(url("/static/hello.txt")).build()).text()).isEqualTo("hello from nginx\n");
        assertThat(client.connectionCount()).isEqualTo(1);
    }

    @Test
    void connectionClosedByTheServerAfterKeepaliveRequestsIsNotReused() throws IOException {
        List<String> connectionFields = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Response r = client.send(Request.get(url("/limited/hello.txt")).build());
            assertThat(r.text()).isEqualTo("hello from nginx\n");
            connectionFields.add(r.header("Connection").orElse("-"));
        }

        // keepalive_requests 3: every third response says close, and the next request dials again
        assertThat(connectionFields).containsExactly("keep-alive", "keep-alive", "close", "keep-alive", "keep-alive",
                "close", "keep-alive");
        assertThat(client.connectionCount()).isEqualTo(1);
    }

    @Test
    void connectionClosedByTheServerWhileIdleIsReplaced() throws Exception {
        assertThat(client.send(Request.get(url("/short-idle/hello.txt")).build()).text()).isEqualTo("hello from nginx\n");
        assertThat(client.idleConnectionCount()).isEqualTo(1);

        Thread.sleep(1600); // nginx's keepalive_timeout here is 1 s
        Response r = client.send(Request.get(url("/short-idle/hello.txt")).build());

        assertThat(r.text()).isEqualTo("hello from nginx\n");
        assertThat(client.connectionCount()).isEqualTo(1);
    }

    @Test
    void httpsCertificateForAnotherNameIsRefusedEvenWithItsCnMatching() throws IOException {
        TlsSettings tls = TlsSettings.newBuilder().trustPem(InteropServers.caPem()).build();
        String target = InteropServers.nginxWrongHost() + "/static/hello.txt";
        try (Client https = Client.builder().tls(tls).build()) {
            assertThatThrownBy(() -> https.send(Request.get(target).build()))
                    .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.getCause())
                            .isInstanceOfSatisfying(TlsHandshakeException.class, cause -> assertThat(cause.reason())
                                    .isEqualTo(TlsHandshakeException.Reason.HOSTNAME_MISMATCH)));
        }
    }

    @Test
    void httpsToLocalhostUsesTheDnsNameOfTheCertificate() throws IOException {
        // localhost may resolve to ::1 first, where nginx does not listen: the dialer must fall back to 127.0.0.1
        TlsSettings tls = TlsSettings.newBuilder().trustPem(InteropServers.caPem()).build();
        String target = InteropServers.nginxTls().replace("127.0.0.1", "localhost") + "/static/hello.txt";
        try (Client https = Client.builder().tls(tls).build()) {
            Response r = https.send(Request.get(target).build());
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("hello from nginx\n");
        }
    }

    @Test
    void concurrentRequestsShareThePoolAndGetExactBodies() throws Exception {
        byte[] expected = file("static/data.bin");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> client.send(Request.get(url("/static/data.bin")).build()).bytes()));
            }
            for (java.util.concurrent.Future<byte[]> f : results) {
                assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(client.connectionCount()).isBetween(1, 4);
        assertThat(client.leasedConnectionCount()).isZero();
    }

    @Test
    void nonAsciiFileNameIsReachedThroughItsPercentEncodedPath() throws IOException {
        Response r = client.send(Request.get(url("/static/café crème.txt")).build());

        assertThat(r.request().url().encodedPath()).isEqualTo("/static/caf%C3%A9%20cr%C3%A8me.txt");
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("a name outside ASCII\n");
    }
}
