package dev.envoi.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write timeout at the client's level, and the phase its message names (issue 7.7): a server
 * that accepts and never reads makes a large upload block once the socket buffers are full.
 */
class WriteTimeoutTest {

    @Test
    void aServerThatNeverReadsMakesTheUploadTimeOutWhileSendingTheBody() throws Exception {
        AtomicReference<Socket> accepted = new AtomicReference<>();
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(64 * 1024);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(() -> {
                try {
                    accepted.set(server.accept()); // held open, never read
                } catch (IOException e) {
                    // the test ended
                }
            }, "never-reading-server");
            t.setDaemon(true);
            t.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/upload";
            Timeouts timeouts = Timeouts.defaults().withWrite(Duration.ofMillis(300));
            try (Client c = Client.builder().timeouts(timeouts).build()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> c.send(Request.post(url)
                        .body(new EarlyResponseTest.Generated(50L * 1024 * 1024, false)).build()))
                        .isInstanceOf(HttpTimeoutException.class)
                        .hasMessageContaining("write timeout (300 ms) expired for " + url + " while sending the request body")
                        .satisfies(e -> assertThat(((HttpTimeoutException) e).kind()).isEqualTo(HttpTimeoutException.Kind.WRITE));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
                assertThat(c.connectionCount()).isZero();
            }
        } finally {
            Socket s = accepted.get();
            if (s != null) {
                s.close();
            }
        }
    }
}
