package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;
import static dev.envoi.transport.DialerTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7.3: an idle pooled connection that became readable is dead. A server that writes {@code HTTP/1.1
 * 408 Request Timeout} (or any stray bytes) on an idle connection must not have those bytes taken as
 * the answer to the next request; TLS records that are not application data (a TLS 1.3
 * NewSessionTicket) must not kill a healthy idle connection.
 */
class IdleReadableTest {
    private static final byte[] STRAY = ("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    /** Counted down by the server once its TLS handshake is done (its session ticket is sent by then). */
    private final CountDownLatch handshaken = new CountDownLatch(1);

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Echoes bytes; on {@code '!'} it echoes, then writes {@link #STRAY} as a separate write once the
     * client had time to take the echo, as a server whose request timer fired on an idle connection.
     */
    private void serve(Socket s, InputStream in, OutputStream out) throws IOException {
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '#') {
                // an answer and the stray response in one write: one TLS record, so the stray bytes end up
                // decrypted in JSSE's buffer once the client read exactly the answer
                byte[] both = new byte[Connection.BUFFER_SIZE + STRAY.length];
                Arrays.fill(both, 0, Connection.BUFFER_SIZE, (byte) '#');
                System.arraycopy(STRAY, 0, both, Connection.BUFFER_SIZE, STRAY.length);
                out.write(both);
                out.flush();
                continue;
            }
            out.write(b);
            out.flush();
            if (b == '!') {
                int ack = in.read(); // the client says it released the connection to the pool
                if (ack != '.') {
                    return;
                }
                out.write(STRAY);
                out.flush();
            }
        }
    }

    private int startPlain() throws IOException {
        server = new ServerSocket(0, 50, LOOPBACK);
        TestProxies.daemon(() -> acceptLoop(null, null));
        return server.getLocalPort();
    }

    private TlsSettings startTls(String protocol) throws Exception {
        TestPki.Issued ca = TestPki.ca("envoi idle CA");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(TestPki.server(ca).keyStore("pw".toCharArray()), "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket(0, 50, LOOPBACK);
        TestProxies.daemon(() -> acceptLoop(ctx, protocol));
        return TlsSettings.newBuilder().trustPemText(TestPki.pem("CERTIFICATE", ca.cert().getEncoded()))
                .protocols(protocol).build();
    }

    private void acceptLoop(SSLContext ctx, String protocol) {
        while (!server.isClosed()) {
            try {
                Socket raw = server.accept();
                accepted.incrementAndGet();
                TestProxies.daemon(() -> {
                    try (raw) {
                        Socket s = raw;
                        if (ctx != null) {
                            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, null, raw.getPort(), false);
                            ssl.setUseClientMode(false);
                            ssl.setEnabledProtocols(new String[] {protocol});
                            ssl.startHandshake();
                            handshaken.countDown();
                            s = ssl;
                        }
                        serve(s, s.getInputStream(), s.getOutputStream());
                    } catch (IOException ignored) {
                        // the client went away
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private static ConnectionPool pool() {
        return ConnectionPool.newBuilder()
                .dialer(Dialer.newBuilder().resolver((h, p) -> List.of(LOOPBACK)).build()).build();
    }

    /**
     * Acquires until the pool hands out another connection than {@code stale} (bounded): the stray
     * bytes reach the client's socket some time after the server wrote them.
     */
    private static Connection acquireUntilReplaced(ConnectionPool p, Route route, Connection stale) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Connection c = p.acquire(route);
            if (c != stale) {
                return c;
            }
            p.release(c);
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the pool kept handing out a connection the server wrote stray bytes on");
            }
            Thread.sleep(10);
        }
    }

    /** The client's part: one echo, release, then it tells the server, which writes the stray response. */
    private static Connection provokeStrayBytes(ConnectionPool p, Route route) throws IOException {
        Connection first = p.acquire(route);
        assertThat(roundTrip(first, "!")).isEqualTo("!");
        p.release(first);
        // The acknowledgement is written on an idle connection only so the server knows when to answer;
        // the pool does not look at what the client writes.
        first.output().write('.');
        first.output().flush();
        return first;
    }

    @Test
    void plainConnectionThatReceivedStrayBytesWhileIdleIsDiscarded() throws Exception {
        Route route = Route.of("http", "127.0.0.1", startPlain());
        try (ConnectionPool p = pool()) {
            Connection first = provokeStrayBytes(p, route);
            Connection second = acquireUntilReplaced(p, route, first);
            assertThat(first.isOpen()).isFalse();
            assertThat(roundTrip(second, "ok")).isEqualTo("ok"); // the echo, not "HT" of the stray 408
            p.release(second);
            assertThat(accepted.get()).isEqualTo(2);
            assertThat(p.leasedCount()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void tlsConnectionThatReceivedStrayApplicationDataWhileIdleIsDiscarded(String protocol) throws Exception {
        TlsSettings tls = startTls(protocol);
        Route route = Route.newBuilder().scheme("https").host("localhost").port(server.getLocalPort()).tls(tls).build();
        try (ConnectionPool p = pool()) {
            Connection first = provokeStrayBytes(p, route);
            assertThat(first.tlsSession().orElseThrow().getProtocol()).isEqualTo(protocol);
            Connection second = acquireUntilReplaced(p, route, first);
            assertThat(first.isOpen()).isFalse();
            assertThat(roundTrip(second, "ok")).isEqualTo("ok");
            p.release(second);
            assertThat(accepted.get()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void strayBytesDecryptedButUnreadInTheTlsLayerAreSeen(String protocol) throws Exception {
        TlsSettings tls = startTls(protocol);
        Route route = Route.newBuilder().scheme("https").host("localhost").port(server.getLocalPort()).tls(tls).build();
        try (ConnectionPool p = pool()) {
            Connection first = p.acquire(route);
            first.output().write('#');
            first.output().flush();
            byte[] answer = first.input().readNBytes(Connection.BUFFER_SIZE); // large reads bypass our buffer
            assertThat(answer).containsOnly((byte) '#');
            assertThat(first.hasUnreadInput()).isFalse(); // the stray bytes are in JSSE's buffer, not ours
            p.release(first);
            Connection second = p.acquire(route); // no wait: nothing is left in flight
            assertThat(second).isNotSameAs(first);
            assertThat(first.isOpen()).isFalse();
            assertThat(roundTrip(second, "ok")).isEqualTo("ok");
            p.release(second);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void quietIdleTlsConnectionIsReusedEvenWithASessionTicketPending(String protocol) throws Exception {
        TlsSettings tls = startTls(protocol);
        Route route = Route.newBuilder().scheme("https").host("localhost").port(server.getLocalPort()).tls(tls).build();
        try (ConnectionPool p = pool()) {
            Connection first = p.acquire(route);
            p.release(first); // nothing read yet: with TLS 1.3 the server's NewSessionTicket is still unread
            assertThat(handshaken.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(p.acquire(route)).isSameAs(first);
            assertThat(roundTrip(first, "a")).isEqualTo("a");
            p.release(first);
            // Idle past the threshold, the stale check reads for 1 ms; a quiet connection survives it.
            Thread.sleep(Connection.PROBE_READ_AFTER_IDLE_MILLIS + 100);
            assertThat(p.acquire(route)).isSameAs(first);
            assertThat(roundTrip(first, "b")).isEqualTo("b");
            p.release(first);
            assertThat(accepted.get()).isEqualTo(1);
        }
    }

    @Test
    void connectionReleasedWithUnreadBytesIsNotKept() throws Exception {
        Route route = Route.of("http", "127.0.0.1", startPlain());
        try (ConnectionPool p = pool()) {
            Connection c = p.acquire(route);
            assertThat(roundTrip(c, "!")).isEqualTo("!");
            c.output().write('.');
            c.output().flush();
            assertThat(c.awaitReadable(Duration.ofSeconds(5))).isTrue(); // the stray 408 sits in the buffer now
            assertThat(c.input().available()).isPositive();
            p.release(c);
            assertThat(c.isOpen()).isFalse();
            assertThat(p.idleCount()).isZero();
            assertThat(p.connectionCount()).isZero();
        }
    }
}
