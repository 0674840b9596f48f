package dev.envoi.client;

import dev.envoi.core.MalformedMessageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact bytes in and out, against {@link RawServer}. */
class RawExchangeTest {
    private final Client client = Client.builder().build();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void getWritesExactlyTheseBytes() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"))) {
            Response r = client.send(Request.get(server.url("/a/b?q=1")).build());
            assertThat(r.text()).isEqualTo("hi");
            assertThat(server.request(0)).isEqualTo("GET /a/b?q=1 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "User-Agent: envoi/0.1\r\n"
                    + "Accept: */*\r\n"
                    + "Accept-Encoding: gzip, deflate\r\n\r\n");
        }
    }

    @Test
    void postSmallBodyLeavesWithTheHeadAndContentLength() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"))) {
            Response r = client.send(Request.post(server.url("/p")).header("X-Trace", "1").body("héllo").build());
            assertThat(r.code()).isEqualTo(201);
            assertThat(r.bytes()).isEmpty();
            assertThat(new String(server.requests().get(0), StandardCharsets.UTF_8)).isEqualTo("POST /p HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "X-Trace: 1\r\n"
                    + "User-Agent: envoi/0.1\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n"
                    + "Content-Length: 6\r\n\r\nhéllo");
        }
    }

    @Test
    void streamOfUnknownLengthIsSentChunked() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            InputStream body = new java.io.ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII));
            client.send(Request.put(server.url("/u")).body(RequestBody.ofStream(body)).build());
            assertThat(server.request(0)).contains("Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
                    .doesNotContain("Content-Length");
        }
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            Response r = client.send(Request.post(server.url("/")).body("x").build());
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("ok");
            assertThat(r.headers().contains("Link")).isFalse();
        }
    }

    @Test
    void chunkedBodyWithTrailers() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\nChecksum: abc\r\n\r\n"))) {
            try (Response r = client.stream(Request.get(server.url("/")).build())) {
                assertThatThrownBy(r::trailers).isInstanceOf(IllegalStateException.class);
                assertThat(new String(r.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
                assertThat(r.trailers().get("Checksum")).contains("abc");
            }
            assertThat(client.idleConnectionCount()).isEqualTo(1);
        }
    }

    @Test
    void truncatedContentLengthBodyRaises() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.close("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/t?token=s3cret")).build()))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("http://127.0.0.1:" + server.port() + "/t?token=REDACTED")
                    .hasMessageNotContaining("s3cret");
            assertThat(client.connectionCount()).isZero();
        }
    }

    @Test
    void truncatedChunkedBodyRaisesWhileStreaming() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.close("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6\r\n wo"))) {
            try (Response r = client.stream(Request.get(server.url("/")).build())) {
                assertThatThrownBy(() -> r.body().readAllBytes()).isInstanceOf(MalformedMessageException.class);
            }
            assertThat(client.connectionCount()).isZero();
        }
    }

    @Test
    void malformedResponseHeadRaises() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.close("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"))) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/")).build()))
                    .isInstanceOf(MalformedMessageException.class).hasMessageContaining("RFC 9112");
        }
        try (RawServer server = new RawServer(RawServer.Reply.close("HTTP/1.1 2x0 OK\r\n\r\n"))) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/")).build()))
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void connectionResetMidBodyRaises() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.of(RawServer.After.RESET,
                "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", "x".repeat(1000), 50))) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/")).build())).isInstanceOf(IOException.class);
            assertThat(client.connectionCount()).isZero();
        }
    }

    @Test
    void noResponseAtAllOnANewConnectionIsReportedNotRetriedForPost() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.close(""), RawServer.Reply.close(""))) {
            assertThatThrownBy(() -> client.send(Request.post(server.url("/")).body("x").build()))
                    .isInstanceOf(IOException.class).hasMessageContaining("without sending a response")
                    .hasMessageContaining(server.url("/"));
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void aPooledConnectionTheServerClosedIsNotUsed() throws Exception {
        CountDownLatch firstClosed = new CountDownLatch(1);
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                        s.setSoTimeout(10_000);
                        InputStream in = s.getInputStream();
                        String head = readHead(in);
                        if (i == 0) {
                            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na".getBytes(StandardCharsets.ISO_8859_1));
                        } else {
                            in.readNBytes(head.contains("Content-Length: 1\r\n") ? 1 : 0);
                            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb".getBytes(StandardCharsets.ISO_8859_1));
                            in.read(); // until the client goes
                        }
                    } catch (IOException e) {
                        return;
                    } finally {
                        firstClosed.countDown(); // the first socket's close (its FIN) is done
                    }
                }
            }, "closing-server");
            t.setDaemon(true);
            t.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/";
            assertThat(client.send(Request.get(url).build()).text()).isEqualTo("a");
            assertThat(client.idleConnectionCount()).isEqualTo(1);
            assertThat(firstClosed.await(10, TimeUnit.SECONDS)).isTrue(); // the pool's stale check sees the FIN
            assertThat(client.send(Request.post(url).body("x").build()).text()).isEqualTo("b");
            assertThat(connections.get()).isEqualTo(2);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b >= 0 && sb.length() < 8192; b = in.read()) {
            sb.append((char) b);
            if (b == '\n' && sb.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }

    @Test
    void idempotentRequestClosedUnansweredOnANewConnectionIsNotRetried() throws Exception {
        // issue 7.8: only a reused connection (the stale-connection race) justifies sending it again
        try (RawServer server = new RawServer(RawServer.Reply.close(""),
                RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/")).build()))
                    .isInstanceOf(IOException.class).hasMessageContaining("without sending a response")
                    .hasMessageContaining("(waiting for the response of");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void headAnd204And304NeverReadABody() throws Exception {
        try (RawServer server = new RawServer(
                RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"),
                RawServer.Reply.keep("HTTP/1.1 204 No Content\r\n\r\n"),
                RawServer.Reply.keep("HTTP/1.1 304 Not Modified\r\nContent-Length: 55\r\n\r\n"),
                RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone"))) {
            Response head = client.send(Request.head(server.url("/")).build());
            assertThat(head.bytes()).isEmpty();
            assertThat(head.header("Content-Length")).contains("1000");
            assertThat(client.send(Request.get(server.url("/")).build()).code()).isEqualTo(204);
            assertThat(client.send(Request.get(server.url("/")).build()).code()).isEqualTo(304);
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo("done");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (RawServer server = new RawServer(
                RawServer.Reply.keep("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na"),
                RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"))) {
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo("a");
            assertThat(client.connectionCount()).isZero();
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo("b");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void closeDelimitedBodyIsReadAndTheConnectionNotReused() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.close("HTTP/1.1 200 OK\r\n\r\nuntil close"))) {
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo("until close");
            assertThat(client.connectionCount()).isZero();
        }
    }

    @Test
    void bodyOverTheCapRaises() throws Exception {
        try (Client small = client.newBuilder().maxBodyBytes(10).build();
             RawServer server = new RawServer(RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world"))) {
            assertThatThrownBy(() -> small.send(Request.get(server.url("/")).build()))
                    .isInstanceOf(dev.envoi.core.LimitExceededException.class).hasMessageContaining("maxBodyBytes");
        }
    }

    @Test
    void textCharsetFromContentTypeThenBomThenUtf8() throws Exception {
        byte[] latin = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Length: 4\r\n\r\ncaf\u00e9"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] bom = concat("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'o', 0, 'k'});
        byte[] utf8 = concat("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "café".getBytes(StandardCharsets.UTF_8));
        try (RawServer server = new RawServer(RawServer.Reply.of(RawServer.After.KEEP, latin),
                RawServer.Reply.of(RawServer.After.KEEP, bom), RawServer.Reply.of(RawServer.After.KEEP, utf8))) {
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo("café");
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo("ok");
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo("café");
        }
    }

    @Test
    void decompressionBombIsRefusedWithinItsBudget() throws Exception {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros); // 64 MiB of zeros, about 64 KiB on the wire
            }
        }
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.size() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (RawServer server = new RawServer(RawServer.Reply.of(RawServer.After.KEEP, concat(head, gz.toByteArray())))) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/bomb")).build()))
                    .isInstanceOf(dev.envoi.core.LimitExceededException.class).hasMessageContaining("maxRatio");
            assertThat(client.connectionCount()).isZero();
        }
    }

    @Test
    void corruptGzipRaisesAndIsNeverReturnedShort() throws Exception {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write("hello world, hello world".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] cut = java.util.Arrays.copyOf(gz.toByteArray(), gz.size() - 6); // trailer cut off
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + cut.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (RawServer server = new RawServer(RawServer.Reply.of(RawServer.After.KEEP, concat(head, cut)))) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/")).build()))
                    .isInstanceOf(ContentDecodingException.class);
        }
    }

    @Test
    void ipv6LiteralHostGoesInBracketsInHost() throws Exception {
        java.net.InetAddress v6;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
            v6 = probe.getInetAddress();
        } catch (IOException noIpv6) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here");
            return;
        }
        try (RawServer server = new RawServer(v6, RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nv6"))) {
            assertThat(client.send(Request.get(server.url("/six")).build()).text()).isEqualTo("v6");
            assertThat(server.request(0)).startsWith("GET /six HTTP/1.1\r\nHost: [::1]:" + server.port() + "\r\n");
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
