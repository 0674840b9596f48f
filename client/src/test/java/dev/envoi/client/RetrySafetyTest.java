package dev.envoi.client;

import dev.envoi.core.EnvoiException;
import dev.envoi.core.MediaType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When a failed request is sent again (issue 7.8 and the retry blind spot of issue 7), counted on the
 * server: a request that reached the server is repeated only on a reused connection (the
 * stale-connection race), only once, only for an idempotent method with a replayable body, and never
 * after a response byte arrived.
 */
class RetrySafetyTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /** What the server does with the n-th request it reads (counted over all connections). */
    enum Act { ANSWER, CLOSE, PARTIAL_HEAD_THEN_RESET }

    /** Reads requests on every connection and acts on each as scripted; acts past the script: ANSWER. */
    static final class CountingServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Act> script;
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

        CountingServer(Act... script) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.script = List.of(script);
            Thread t = new Thread(this::accept, "counting-server");
            t.setDaemon(true);
            t.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getLocalPort() + path;
        }

        /** The request lines received, in order. */
        List<String> requests() {
            synchronized (requests) {
                return List.copyOf(requests);
            }
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    Thread t = new Thread(() -> serve(s), "counting-server-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (;;) {
                    String head = readRequest(in);
                    if (head == null) {
                        return;
                    }
                    Act act;
                    synchronized (requests) {
                        act = requests.size() < script.size() ? script.get(requests.size()) : Act.ANSWER;
                        requests.add(head.substring(0, head.indexOf("\r\n")));
                    }
                    switch (act) {
                        case ANSWER -> out.write(OK.getBytes(StandardCharsets.ISO_8859_1));
                        case CLOSE -> {
                            return;
                        }
                        case PARTIAL_HEAD_THEN_RESET -> {
                            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                            s.setSoLinger(true, 0);
                            return;
                        }
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away or the test ended
            }
        }

        /** One request: its head, then a Content-Length body (read and dropped). Null at EOF. */
        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                buf.write(b);
                if (buf.size() >= 4 && b == '\n' && buf.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    String head = buf.toString(StandardCharsets.ISO_8859_1);
                    int cl = head.toLowerCase(Locale.ROOT).indexOf("\r\ncontent-length:");
                    if (cl >= 0) {
                        long n = Long.parseLong(head.substring(cl + 17, head.indexOf("\r\n", cl + 2)).trim());
                        in.readNBytes((int) n);
                    }
                    return head;
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    /** A user's body that could be written again but does not say it is replayable. */
    private static final class OneShot extends RequestBody {
        @Override
        public Optional<MediaType> contentType() {
            return Optional.empty();
        }

        @Override
        public OptionalLong contentLength() {
            return OptionalLong.of(5);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aGetClosedUnansweredOnANewConnectionIsSentOnce() throws Exception {
        try (CountingServer server = new CountingServer(Act.CLOSE, Act.CLOSE, Act.CLOSE);
             Client c = Client.builder().build()) {
            assertThatThrownBy(() -> c.send(Request.get(server.url("/once")).build()))
                    .isInstanceOf(EnvoiException.class)
                    .hasMessageContaining("without sending a response")
                    .hasMessageContaining("waiting for the response");
            assertThat(server.requests()).containsExactly("GET /once HTTP/1.1");
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void aGetClosedUnansweredOnAPooledConnectionIsSentTwiceAtMost() throws Exception {
        try (CountingServer server = new CountingServer(Act.ANSWER, Act.CLOSE, Act.CLOSE, Act.CLOSE);
             Client c = Client.builder().build()) {
            assertThat(c.send(Request.get(server.url("/warm")).build()).text()).isEqualTo("ok");
            assertThat(c.idleConnectionCount()).isEqualTo(1);
            assertThatThrownBy(() -> c.send(Request.get(server.url("/twice")).build()))
                    .isInstanceOf(EnvoiException.class)
                    .hasMessageContaining("without sending a response");
            assertThat(server.requests()).containsExactly("GET /warm HTTP/1.1", "GET /twice HTTP/1.1",
                    "GET /twice HTTP/1.1");
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void aSentRequestIsRetriedOnlyOnceEvenWhenTheNextPooledConnectionIsStaleToo() throws Exception {
        try (CountingServer server = new CountingServer(Act.ANSWER, Act.ANSWER, Act.CLOSE, Act.CLOSE, Act.ANSWER);
             Client c = Client.builder().build()) {
            try (Response a = c.stream(Request.get(server.url("/a")).build());
                 Response b = c.stream(Request.get(server.url("/b")).build())) {
                assertThat(a.text()).isEqualTo("ok");
                assertThat(b.text()).isEqualTo("ok");
            }
            assertThat(c.idleConnectionCount()).isEqualTo(2);
            assertThatThrownBy(() -> c.send(Request.get(server.url("/c")).build()))
                    .isInstanceOf(EnvoiException.class)
                    .hasMessageContaining("without sending a response");
            assertThat(server.requests()).hasSize(4).endsWith("GET /c HTTP/1.1", "GET /c HTTP/1.1");
        }
    }

    @Test
    void thePooledRetryGoesToANewConnectionAndCanSucceed() throws Exception {
        try (CountingServer server = new CountingServer(Act.ANSWER, Act.CLOSE, Act.ANSWER);
             Client c = Client.builder().build()) {
            assertThat(c.send(Request.get(server.url("/warm")).build()).text()).isEqualTo("ok");
            assertThat(c.send(Request.get(server.url("/again")).build()).text()).isEqualTo("ok");
            assertThat(server.requests()).containsExactly("GET /warm HTTP/1.1", "GET /again HTTP/1.1",
                    "GET /again HTTP/1.1");
        }
    }

    @Test
    void aBodyNotDeclaredReplayableIsNeverSentTwice() throws Exception {
        // PUT is idempotent and the connection was pooled: only the body's guard stops a retry
        try (CountingServer server = new CountingServer(Act.ANSWER, Act.CLOSE, Act.ANSWER);
             Client c = Client.builder().build()) {
            assertThat(c.send(Request.get(server.url("/warm")).build()).text()).isEqualTo("ok");
            assertThatThrownBy(() -> c.send(Request.put(server.url("/put")).body(new OneShot()).build()))
                    .isInstanceOf(EnvoiException.class)
                    .hasMessageContaining("without sending a response");
            assertThat(server.requests()).containsExactly("GET /warm HTTP/1.1", "PUT /put HTTP/1.1");
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void aNonIdempotentRequestThatWasSentIsNeverRepeated() throws Exception {
        try (CountingServer server = new CountingServer(Act.ANSWER, Act.CLOSE, Act.ANSWER);
             Client c = Client.builder().build()) {
            assertThat(c.send(Request.get(server.url("/warm")).build()).text()).isEqualTo("ok");
            assertThatThrownBy(() -> c.send(Request.post(server.url("/post")).body("x").build()))
                    .isInstanceOf(EnvoiException.class);
            assertThat(server.requests()).containsExactly("GET /warm HTTP/1.1", "POST /post HTTP/1.1");
        }
    }

    @Test
    void nothingIsRetriedOnceAResponseByteArrived() throws Exception {
        // pooled, idempotent, replayable, not a timeout nor malformed: only the response-byte guard
        try (CountingServer server = new CountingServer(Act.ANSWER, Act.PARTIAL_HEAD_THEN_RESET, Act.ANSWER);
             Client c = Client.builder().build()) {
            assertThat(c.send(Request.get(server.url("/warm")).build()).text()).isEqualTo("ok");
            assertThatThrownBy(() -> c.send(Request.get(server.url("/half")).build()))
                    .isInstanceOf(EnvoiException.class)
                    .hasMessageContaining("reading the response head");
            assertThat(server.requests()).containsExactly("GET /warm HTTP/1.1", "GET /half HTTP/1.1");
            assertThat(c.connectionCount()).isZero();
        }
    }
}
