package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** What the client offers in its ClientHello, seen from a raw JSSE server on 127.0.0.1. */
class SniAlpnTest {
    private record Seen(List<SNIServerName> serverNames, List<String> offeredAlpn, String chosenAlpn, String protocol) {
    }

    private static CompletableFuture<Seen> serveOnce(SSLServerSocket server) {
        return TestProxies.async(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                List<List<String>> offered = new java.util.ArrayList<>();
                s.setHandshakeApplicationProtocolSelector((sock, protocols) -> {
                    offered.add(protocols);
                    return protocols.contains("http/1.1") ? "http/1.1" : null;
                });
                s.startHandshake();
                ExtendedSSLSession session = (ExtendedSSLSession) s.getSession();
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                int b = in.read();
                out.write(b);
                out.flush();
                return new Seen(session.getRequestedServerNames(), offered.isEmpty() ? List.of() : offered.get(0),
                        s.getApplicationProtocol(), session.getProtocol());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void sniCarriesTheAsciiFormOfAnIdnHostAndAlpnOffersHttp11() throws Exception {
        TestPki.Issued ca = TestPki.ca("envoi SNI CA");
        String ascii = "xn--bcher-kva.example";
        TestPki.Issued cert = TestPki.leaf(ca, ascii, Instant.now().minus(1, ChronoUnit.HOURS),
                Instant.now().plus(1, ChronoUnit.DAYS), List.of(ascii), List.of(new byte[] {127, 0, 0, 1}));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(cert.keyStore("pw".toCharArray()), "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        TlsSettings tls = TlsSettings.newBuilder().trustPemText(TestPki.pem("CERTIFICATE", ca.cert().getEncoded())).build();
        Dialer dialer = Dialer.newBuilder().resolver((h, p) -> List.of(LOOPBACK)).build();

        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            int port = server.getLocalPort();

            CompletableFuture<Seen> seen = serveOnce(server);
            Route idn = Route.newBuilder().scheme("https").host("bücher.example").port(port).tls(tls).build();
            try (Connection c = dialer.dial(idn)) {
                assertThat(DialerTest.roundTrip(c, "x")).isEqualTo("x");
                assertThat(c.applicationProtocol()).contains("http/1.1");
            }
            Seen s = seen.get(5, TimeUnit.SECONDS);
            assertThat(s.serverNames()).containsExactly(new SNIHostName(ascii));
            assertThat(s.offeredAlpn()).containsExactly("http/1.1");
            assertThat(s.chosenAlpn()).isEqualTo("http/1.1");
            assertThat(s.protocol()).isEqualTo("TLSv1.3");

            // RFC 6066 §3: no SNI for an IP literal; verification uses the iPAddress SAN instead
            CompletableFuture<Seen> seenIp = serveOnce(server);
            try (Connection c = dialer.dial(Route.newBuilder().scheme("https").host("127.0.0.1").port(port).tls(tls).build())) {
                assertThat(DialerTest.roundTrip(c, "y")).isEqualTo("y");
            }
            assertThat(seenIp.get(5, TimeUnit.SECONDS).serverNames()).isEmpty();

            // TLS 1.2 only, when asked
            CompletableFuture<Seen> seen12 = serveOnce(server);
            TlsSettings tls12 = TlsSettings.newBuilder().trustPemText(TestPki.pem("CERTIFICATE", ca.cert().getEncoded()))
                    .protocols("TLSv1.2").build();
            try (Connection c = dialer.dial(idn.toBuilder().tls(tls12).build())) {
                assertThat(DialerTest.roundTrip(c, "z")).isEqualTo("z");
            }
            assertThat(seen12.get(5, TimeUnit.SECONDS).protocol()).isEqualTo("TLSv1.2");
        }
    }
}
