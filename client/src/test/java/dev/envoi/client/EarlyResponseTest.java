package dev.envoi.client;

import dev.envoi.core.EnvoiException;
import dev.envoi.core.MediaType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A final response that arrives while the request body is still being sent is the answer, not the
 * write failure that follows (RFC 9112 §9.5; issue 7.4): a server that refuses a 50 MB upload with
 * {@code 413 Content Too Large} after reading only the head, then resets the connection or simply
 * stops reading.
 */
class EarlyResponseTest {
    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final String TOO_LARGE = "HTTP/1.1 413 Content Too Large\r\nConnection: close\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 9\r\n\r\ntoo large";

    /** 50 MB of 'x' from one 64 KiB array: nothing allocated per write. */
    static final class Generated extends RequestBody {
        private final long length;
        private final boolean chunked;

        Generated(long length, boolean chunked) {
            this.length = length;
            this.chunked = chunked;
        }

        @Override
        public Optional<MediaType> contentType() {
            return Optional.empty();
        }

        @Override
        public OptionalLong contentLength() {
            return chunked ? OptionalLong.empty() : OptionalLong.of(length);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'x');
            for (long left = length; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    /** What the server does after it answered, having read only the request head. */
    enum After {
        /** Closes with the upload unread: the kernel answers that with a reset. */
        RESET,
        /** Holds the connection, reading nothing, until the test ends. */
        HOLD,
        /** Reads the whole Content-Length body (an echo-like server that answers first). */
        READ_BODY
    }

    /** Accepts one connection, reads the request head, writes {@code answer}, then acts as {@link After} says. */
    static final class RefusingServer implements AutoCloseable {
        private final ServerSocket server;
        private final After after;
        private final String answer;
        private final CountDownLatch done = new CountDownLatch(1);
        private final CountDownLatch bodyRead = new CountDownLatch(1);
        private final SSLContext tls;
        private volatile Socket socket;
        volatile String head;
        volatile long bodyBytes;

        RefusingServer(After after, String answer) throws IOException {
            this(after, answer, null);
        }

        RefusingServer(After after, String answer, SSLContext tls) throws IOException {
            this.after = after;
            this.answer = answer;
            this.tls = tls;
            server = new ServerSocket();
            server.setReceiveBufferSize(64 * 1024); // inherited by the accepted socket: fills sooner
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(this::serve, "refusing-server");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return (tls == null ? "http" : "https") + "://127.0.0.1:" + server.getLocalPort() + "/upload";
        }

        private void serve() {
            try {
                Socket s = server.accept();
                socket = s;
                if (tls != null) {
                    SSLSocket t = (SSLSocket) tls.getSocketFactory().createSocket(s, "127.0.0.1", s.getPort(), true);
                    t.setUseClientMode(false);
                    t.startHandshake();
                    socket = t;
                    s = t;
                }
                s.setSoTimeout(10_000);
                head = readHead(s.getInputStream());
                s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                if (after == After.RESET) {
                    s.close(); // unread bytes in the receive buffer: Linux sends RST, not FIN
                    return;
                }
                if (after == After.READ_BODY) {
                    bodyBytes = readBody(s.getInputStream(), head);
                    bodyRead.countDown();
                }
                done.await(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the test ended
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            while (!sb.toString().endsWith("\r\n\r\n") && sb.length() < 8192) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                sb.append((char) b);
            }
            return sb.toString();
        }

        private static long readBody(InputStream in, String head) throws IOException {
            int at = head.indexOf("Content-Length: ") + 16;
            long length = Long.parseLong(head.substring(at, head.indexOf("\r\n", at)));
            byte[] sink = new byte[64 * 1024];
            long total = 0;
            for (int n; total < length && (n = in.read(sink, 0, (int) Math.min(sink.length, length - total))) > 0; ) {
                total += n;
            }
            return total;
        }

        /** The body bytes read (READ_BODY), once the server has read them all or the wait ran out. */
        long awaitBodyBytes() throws InterruptedException {
            assertThat(bodyRead.await(20, TimeUnit.SECONDS)).isTrue();
            return bodyBytes;
        }

        @Override
        public void close() throws IOException {
            done.countDown();
            server.close();
            Socket s = socket;
            if (s != null) {
                s.close();
            }
        }
    }

    private static Client client() {
        // a short write timeout: without the fix the held-connection case fails in seconds, not 30 s
        return Client.builder().timeouts(Timeouts.defaults().withWrite(Duration.ofSeconds(5))).build();
    }

    @Test
    void a413ThenResetDuringA50MbUploadIsTheAnswer() throws Exception {
        try (RefusingServer server = new RefusingServer(After.RESET, TOO_LARGE); Client c = client()) {
            Response r = c.send(Request.post(server.url()).body(new Generated(FIFTY_MB, false)).build());
            assertThat(r.code()).isEqualTo(413);
            assertThat(r.header("Connection")).contains("close");
            assertThat(server.head).startsWith("POST /upload HTTP/1.1\r\n").contains("Content-Length: 52428800\r\n");
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void a413FromAServerThatStopsReadingEndsTheUpload() throws Exception {
        try (RefusingServer server = new RefusingServer(After.HOLD, TOO_LARGE); Client c = client()) {
            Response r = c.send(Request.post(server.url()).body(new Generated(FIFTY_MB, false)).build());
            assertThat(r.code()).isEqualTo(413);
            assertThat(r.text()).isEqualTo("too large");
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void a413DuringAChunkedUploadIsTheAnswer() throws Exception {
        try (RefusingServer server = new RefusingServer(After.HOLD, TOO_LARGE); Client c = client()) {
            Response r = c.send(Request.put(server.url()).body(new Generated(FIFTY_MB, true)).build());
            assertThat(r.code()).isEqualTo(413);
            assertThat(r.text()).isEqualTo("too large");
            assertThat(server.head).contains("Transfer-Encoding: chunked\r\n");
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void anEarly200FromAServerThatKeepsReadingLetsTheUploadFinish() throws Exception {
        long length = 8L * 1024 * 1024;
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (RefusingServer server = new RefusingServer(After.READ_BODY, ok); Client c = client()) {
            Response r = c.send(Request.post(server.url()).body(new Generated(length, false)).build());
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("ok");
            assertThat(server.awaitBodyBytes()).isEqualTo(length);
            assertThat(c.idleConnectionCount()).isEqualTo(1); // a complete exchange: kept
        }
    }

    @Test
    void overTlsA413FromAServerThatStopsReadingEndsTheUpload() throws Exception {
        // TLS hides the bytes under its records: the look between writes must read through it
        TestCa ca = TestCa.get();
        try (RefusingServer server = new RefusingServer(After.HOLD, TOO_LARGE, ca.serverContext);
             Client c = Client.builder().tls(ca.trust()).timeouts(Timeouts.defaults().withWrite(Duration.ofSeconds(5)))
                     .build()) {
            Response r = c.send(Request.post(server.url()).body(new Generated(FIFTY_MB, false)).build());
            assertThat(r.code()).isEqualTo(413);
            assertThat(r.text()).isEqualTo("too large");
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void overTlsA413ThenResetIsTheAnswer() throws Exception {
        TestCa ca = TestCa.get();
        try (RefusingServer server = new RefusingServer(After.RESET, TOO_LARGE, ca.serverContext);
             Client c = Client.builder().tls(ca.trust()).timeouts(Timeouts.defaults().withWrite(Duration.ofSeconds(5)))
                     .build()) {
            Response r = c.send(Request.post(server.url()).body(new Generated(FIFTY_MB, false)).build());
            assertThat(r.code()).isEqualTo(413);
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void aResetWithoutAnAnswerDuringTheUploadNamesTheBodyPhase() throws Exception {
        // issue 7.7: not "waiting for the response", which would send the reader to the wrong place
        try (RefusingServer server = new RefusingServer(After.RESET, ""); Client c = client()) {
            assertThatThrownBy(() -> c.send(Request.post(server.url()).body(new Generated(FIFTY_MB, false)).build()))
                    .isInstanceOf(EnvoiException.class)
                    .hasMessageContaining("sending the request body")
                    .hasMessageContaining(server.url())
                    .hasMessageNotContaining("waiting for the response");
            assertThat(c.connectionCount()).isZero();
        }
    }
}
