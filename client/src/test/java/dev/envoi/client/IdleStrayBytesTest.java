package dev.envoi.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 7.3: a server answers, then 100 ms later writes {@code HTTP/1.1 408 Request Timeout} with
 * {@code Connection: close} on the idle connection and closes it (as servers whose request timer fires
 * do). The next request must not get that 408: it goes to the server on a new connection and gets the
 * real answer (RFC 9112 §9.3: a response does not name its request, so stray bytes on an idle
 * connection are never an answer).
 */
class IdleStrayBytesTest {

    /** Per connection, the request lines it received; the first connection writes the stray 408. */
    private static final class StraySender implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<List<String>> requestLines = new CopyOnWriteArrayList<>();
        final CountDownLatch strayFlushed = new CountDownLatch(1);

        StraySender() throws IOException {
            Thread t = new Thread(this::acceptLoop, "stray-sender");
            t.setDaemon(true);
            t.start();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    List<String> lines = new CopyOnWriteArrayList<>();
                    requestLines.add(lines);
                    boolean first = requestLines.size() == 1;
                    Thread t = new Thread(() -> serve(s, lines, first), "stray-sender-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s, List<String> lines, boolean first) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                String line;
                while ((line = RequestHeads.readRequestLine(in)) != null) {
                    lines.add(line);
                    String body = first ? "first" : "second";
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (first) {
                        Thread.sleep(100); // the behaviour under test: the server's timer fires later
                        out.write("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        s.shutdownOutput();
                        strayFlushed.countDown();
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getLocalPort() + path;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void a408WrittenOnAnIdleConnectionIsNotTheAnswerToTheNextRequest() throws Exception {
        try (StraySender server = new StraySender(); Client client = Client.builder().build()) {
            try (Response first = client.send(Request.get(server.url("/one")).build())) {
                assertThat(first.code()).isEqualTo(200);
                assertThat(first.text()).isEqualTo("first");
            }
            // the connection is idle in the pool now (unless a very slow machine took over 100 ms to
            // read the answer, when the 408 arrives with it and the connection is not kept at all)
            assertThat(server.strayFlushed.await(5, TimeUnit.SECONDS)).as("server wrote the stray 408").isTrue();

            try (Response second = client.send(Request.get(server.url("/two")).build())) {
                assertThat(second.code()).isEqualTo(200);
                assertThat(second.text()).isEqualTo("second");
            }
            assertThat(server.requestLines).hasSize(2);
            assertThat(server.requestLines.get(0)).containsExactly("GET /one HTTP/1.1");
            assertThat(server.requestLines.get(1)).containsExactly("GET /two HTTP/1.1");
            assertThat(client.leasedConnectionCount()).isZero();
            assertThat(client.idleConnectionCount()).isEqualTo(1);
        }
    }
}
