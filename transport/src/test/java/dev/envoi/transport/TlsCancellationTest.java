package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.EnvoiException;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing a TLS connection must never wait for JSSE: an SSLSocket's close() takes the record lock to
 * send close_notify, which a writer blocked on a full send buffer holds forever.
 */
class TlsCancellationTest {
    private SSLServerSocket server;
    private TlsSettings tls;
    private final CountDownLatch release = new CountDownLatch(1);
    // Own threads: the common pool may have a single worker on a 2-core machine, which the blocked
    // reader or writer would occupy, so a close() queued behind it would never run.
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        TestPki.Issued ca = TestPki.ca("envoi cancel CA");
        TestPki.Issued cert = TestPki.server(ca);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(cert.keyStore("pw".toCharArray()), "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress(LOOPBACK, 0));
        tls = TlsSettings.newBuilder().trustPemText(TestPki.pem("CERTIFICATE", ca.cert().getEncoded())).build();
        TestProxies.daemon(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.startHandshake(); // then never read nor write: a stalled peer
                release.await(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // test over
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        release.countDown();
        server.close();
    }

    private Connection dial() throws Exception {
        Dialer d = Dialer.newBuilder().resolver((h, p) -> List.of(LOOPBACK)).build();
        return d.dial(Route.newBuilder().scheme("https").host("localhost").port(server.getLocalPort()).tls(tls).build());
    }

    @Test
    void closeCancelsABlockedTlsRead() throws Exception {
        Connection c = dial();
        c.setReadTimeout(Duration.ZERO);
        CompletableFuture<Thread> readerThread = new CompletableFuture<>();
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                readerThread.complete(Thread.currentThread());
                c.input().read();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, threads);
        TestThreads.awaitBlockedIn(readerThread.get(5, TimeUnit.SECONDS), Connection.class, "rawRead");
        CompletableFuture<Void> closer = CompletableFuture.runAsync(c::close, threads);
        closer.get(2, TimeUnit.SECONDS);
        assertThat(reader.get(2, TimeUnit.SECONDS)).isInstanceOf(EnvoiException.class).hasMessageContaining("cancelled");
    }

    @Test
    void writeTimeoutStopsABlockedTlsWrite() throws Exception {
        Connection c = dial();
        c.setWriteTimeout(Duration.ofMillis(300));
        byte[] chunk = new byte[64 * 1024];
        CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < 4096; i++) {
                    c.output().write(chunk);
                }
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, threads);
        assertThat(writer.get(5, TimeUnit.SECONDS)).isInstanceOf(TransportTimeoutException.class)
                .hasMessageContaining("write timed out after 300 ms");
        CompletableFuture.runAsync(c::close, threads).get(2, TimeUnit.SECONDS);
    }

    @Test
    void closeCancelsABlockedTlsWrite() throws Exception {
        Connection c = dial();
        c.setWriteTimeout(Duration.ZERO);
        byte[] chunk = new byte[64 * 1024];
        CompletableFuture<Thread> writerThread = new CompletableFuture<>();
        CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
            try {
                writerThread.complete(Thread.currentThread());
                for (int i = 0; i < 4096; i++) {
                    c.output().write(chunk);
                }
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, threads);
        // the send buffers fill and the writer blocks
        TestThreads.awaitBlockedIn(writerThread.get(5, TimeUnit.SECONDS), Connection.class, "rawWrite");
        assertThat(writer).isNotDone();
        CompletableFuture.runAsync(c::close, threads).get(2, TimeUnit.SECONDS);
        assertThat(writer.get(2, TimeUnit.SECONDS)).isInstanceOf(EnvoiException.class).hasMessageContaining("cancelled");
    }
}
