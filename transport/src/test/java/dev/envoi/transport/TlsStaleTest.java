package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;
import static dev.envoi.transport.DialerTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool's stale check on TLS connections a server closed while they sat idle. */
class TlsStaleTest {
    private ServerSocket server;
    private TlsSettings tls;
    private final AtomicInteger accepted = new AtomicInteger();
    /** Released each time the server has closed a connection (close_notify or FIN written). */
    private final Semaphore serverClosed = new Semaphore(0);

    @BeforeEach
    void start() throws Exception {
        TestPki.Issued ca = TestPki.ca("envoi stale CA");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(TestPki.server(ca).keyStore("pw".toCharArray()), "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        tls = TlsSettings.newBuilder().trustPemText(TestPki.pem("CERTIFICATE", ca.cert().getEncoded())).build();
        server = new ServerSocket(0, 50, LOOPBACK);
        TestProxies.daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket raw = server.accept();
                    accepted.incrementAndGet();
                    TestProxies.daemon(() -> serve(ctx, raw));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Echoes bytes; after echoing 'N' it closes with close_notify, after 'F' with a bare TCP FIN. */
    private void serve(SSLContext ctx, Socket raw) {
        try {
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, null, raw.getPort(), false);
            s.setUseClientMode(false);
            int b;
            while ((b = s.getInputStream().read()) >= 0) {
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                if (b == 'N') {
                    s.close();
                    serverClosed.release();
                    return;
                }
                if (b == 'F') {
                    raw.close();
                    serverClosed.release();
                    return;
                }
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private ConnectionPool pool() {
        return ConnectionPool.newBuilder()
                .dialer(Dialer.newBuilder().resolver((h, p) -> List.of(LOOPBACK)).build()).build();
    }

    private Route route() {
        return Route.newBuilder().scheme("https").host("localhost").port(server.getLocalPort()).tls(tls).build();
    }

    @Test
    void closeNotifyWhileIdleIsDetectedAtOnce() throws Exception {
        try (ConnectionPool p = pool()) {
            Connection first = p.acquire(route());
            assertThat(roundTrip(first, "a")).isEqualTo("a");
            p.release(first);
            assertThat(p.acquire(route())).isSameAs(first); // alive: reused
            assertThat(roundTrip(first, "N")).isEqualTo("N");
            p.release(first);
            assertThat(serverClosed.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
            // close_notify reaches our socket shortly after the server's close returned: until then the
            // connection is rightly reused (bounded)
            Connection second = p.acquire(route());
            for (int i = 0; i < 500 && second == first; i++) {
                p.release(first);
                Thread.sleep(5);
                second = p.acquire(route());
            }
            assertThat(second).isNotSameAs(first);
            assertThat(first.isOpen()).isFalse();
            assertThat(roundTrip(second, "b")).isEqualTo("b");
            p.release(second);
        }
    }

    @Test
    void bareFinIsDetectedOnceTheConnectionHasBeenIdleForASecond() throws Exception {
        try (ConnectionPool p = pool()) {
            Connection first = p.acquire(route());
            assertThat(roundTrip(first, "F")).isEqualTo("F");
            p.release(first);
            Thread.sleep(Connection.PROBE_READ_AFTER_IDLE_MILLIS + 100);
            Connection second = p.acquire(route());
            assertThat(second).isNotSameAs(first);
            assertThat(roundTrip(second, "c")).isEqualTo("c");
            p.release(second);
            assertThat(accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void awaitReadableOnTlsNeitherConsumesNorPoisons() throws Exception {
        try (ConnectionPool p = pool()) {
            Connection c = p.acquire(route());
            AwaitReadableTest.checkOnEcho(c);
            p.release(c);
            assertThat(p.acquire(route())).isSameAs(c);
            p.release(c);
        }
    }
}
