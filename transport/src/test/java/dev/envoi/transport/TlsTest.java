package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.envoi.transport.TlsHandshakeException.Reason;
import dev.envoi.transport.internal.CheckingTrustManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS against the JDK's HttpsServer on 127.0.0.1 with a CA and certificates made at test time. */
class TlsTest {
    private static final char[] PW = "test".toCharArray();
    private static TestPki.Issued ca;
    private static TestPki.Issued otherCa;
    private static ExecutorService executor;

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("envoi test CA");
        otherCa = TestPki.ca("envoi untrusted CA");
        executor = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    /** An HttpsServer on 127.0.0.1 answering "hello" with the given certificate. */
    private static HttpsServer server(TestPki.Issued cert, boolean needClientAuth) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(cert.keyStore(PW), PW);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(executor);
        server.start();
        return server;
    }

    private static TlsSettings.Builder trustingCa() throws IOException {
        return TlsSettings.newBuilder().trustPemText(TestPki.pem("CERTIFICATE", encoded(ca)));
    }

    private static byte[] encoded(TestPki.Issued i) {
        try {
            return i.cert().getEncoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Dialer dialer() {
        // every name the tests use resolves to 127.0.0.1 and nothing else
        return Dialer.newBuilder().resolver((h, p) -> List.of(LOOPBACK)).build();
    }

    private static Route route(String host, HttpsServer server, TlsSettings tls) {
        return Route.newBuilder().scheme("https").host(host).port(server.getAddress().getPort()).tls(tls).build();
    }

    /** Sends a GET and returns the whole response (the server closes after it). */
    private static String get(Connection c) throws IOException {
        c.output().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        c.output().flush();
        return new String(c.input().readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void trustedCertificateByNameAndByIpLiteral() throws Exception {
        HttpsServer server = server(TestPki.server(ca), false);
        try {
            TlsSettings tls = trustingCa().build();
            for (String host : List.of("localhost", "127.0.0.1")) {
                try (Connection c = dialer().dial(route(host, server, tls))) {
                    assertThat(c.tlsSession()).isPresent();
                    assertThat(c.tlsSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
                    assertThat(get(c)).startsWith("HTTP/1.1 200 OK").endsWith("hello");
                }
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void pooledTlsConnectionSurvivesTheStaleProbe() throws Exception {
        HttpsServer server = server(TestPki.server(ca), false);
        try (ConnectionPool pool = ConnectionPool.newBuilder().dialer(dialer()).build()) {
            Route r = route("localhost", server, trustingCa().build());
            Connection first = pool.acquire(r);
            pool.release(first);
            for (int i = 0; i < 3; i++) {
                Connection c = pool.acquire(r);
                assertThat(c).isSameAs(first); // the 1 ms probe read on the SSLSocket left it usable
                c.output().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                c.output().flush();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) c.input().read());
                }
                assertThat(head.toString()).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-length: 5");
                assertThat(new String(c.input().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
                pool.release(c);
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void expiredCertificate() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued expired = TestPki.leaf(ca, "localhost", now.minus(10, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS), List.of("localhost"), List.of());
        HttpsServer server = server(expired, false);
        try {
            assertThatThrownBy(() -> dialer().dial(route("localhost", server, trustingCa().build())))
                    .isInstanceOf(TlsHandshakeException.class)
                    .hasMessageContaining("TLS handshake with localhost:" + server.getAddress().getPort())
                    .hasMessageContaining("certificate expired")
                    .hasMessageContaining("Fix: renew the server certificate")
                    .satisfies(e -> assertThat(((TlsHandshakeException) e).reason()).isEqualTo(Reason.CERTIFICATE_EXPIRED));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void wrongHostName() throws Exception {
        HttpsServer server = server(TestPki.server(ca), false);
        try {
            assertThatThrownBy(() -> dialer().dial(route("wrong.example", server, trustingCa().build())))
                    .isInstanceOf(TlsHandshakeException.class)
                    .hasMessageContaining("TLS handshake with wrong.example:")
                    .hasMessageContaining("does not match the host name")
                    .hasMessageContaining("DNS:localhost")
                    .hasMessageContaining("Fix: connect with a name listed in the certificate")
                    .satisfies(e -> assertThat(((TlsHandshakeException) e).reason()).isEqualTo(Reason.HOSTNAME_MISMATCH));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void commonNameWithoutSubjectAltNameIsRefused() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued cnOnly = TestPki.leaf(ca, "localhost", now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.DAYS), List.of(), List.of());
        HttpsServer server = server(cnOnly, false);
        try {
            assertThatThrownBy(() -> dialer().dial(route("localhost", server, trustingCa().build())))
                    .isInstanceOf(TlsHandshakeException.class)
                    .hasMessageContaining("no subjectAltName dNSName")
                    .satisfies(e -> assertThat(((TlsHandshakeException) e).reason()).isEqualTo(Reason.HOSTNAME_MISMATCH));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void untrustedCa() throws Exception {
        HttpsServer server = server(TestPki.server(ca), false);
        try {
            TlsSettings trustsOther = TlsSettings.newBuilder()
                    .trustPemText(TestPki.pem("CERTIFICATE", encoded(otherCa))).build();
            for (TlsSettings tls : List.of(trustsOther, TlsSettings.defaults())) {
                assertThatThrownBy(() -> dialer().dial(route("localhost", server, tls)))
                        .isInstanceOf(TlsHandshakeException.class)
                        .hasMessageContaining("certificate not trusted")
                        .hasMessageContaining("issued by CN=envoi test CA")
                        .hasMessageContaining("Fix: trust the issuing CA")
                        .satisfies(e -> assertThat(((TlsHandshakeException) e).reason())
                                .isEqualTo(Reason.UNTRUSTED_CERTIFICATE));
            }
            // the insecure test mode connects anyway, by design
            try (Connection c = dialer().dial(route("wrong.example", server, TlsSettings.insecureTrustAllForTesting()))) {
                assertThat(get(c)).endsWith("hello");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void pinsAreCheckedOnTheVerifiedChain() throws Exception {
        TestPki.Issued leaf = TestPki.server(ca);
        HttpsServer server = server(leaf, false);
        try {
            String wrongPin = "sha256/" + Base64.getEncoder().encodeToString(new byte[32]);
            // an attacker's extra certificate in the handshake must not satisfy a pin: only the verified chain counts
            String untrustedPin = CheckingTrustManager.pin(otherCa.cert());
            TlsSettings mismatch = trustingCa().pin("localhost", wrongPin, untrustedPin).build();
            assertThatThrownBy(() -> dialer().dial(route("localhost", server, mismatch)))
                    .isInstanceOf(TlsHandshakeException.class)
                    .hasMessageContaining("certificate pin mismatch")
                    .hasMessageContaining(CheckingTrustManager.pin(leaf.cert()))
                    .hasMessageContaining("Fix: update the pins")
                    .satisfies(e -> assertThat(((TlsHandshakeException) e).reason()).isEqualTo(Reason.PIN_MISMATCH));

            for (String good : List.of(CheckingTrustManager.pin(leaf.cert()), CheckingTrustManager.pin(ca.cert()))) {
                try (Connection c = dialer().dial(route("localhost", server, trustingCa().pin("localhost", wrongPin, good).build()))) {
                    assertThat(get(c)).endsWith("hello");
                }
            }
            // pins for other hosts do not apply
            try (Connection c = dialer().dial(route("localhost", server, trustingCa().pin("*.example.com", wrongPin).build()))) {
                assertThat(get(c)).endsWith("hello");
            }
            assertThatThrownBy(() -> TlsSettings.newBuilder().pin("h", "sha1/abc")).isInstanceOf(IllegalArgumentException.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void clientCertificateRequired() throws Exception {
        HttpsServer server = server(TestPki.server(ca), true);
        try {
            // without a client certificate: TLS 1.2 fails in the handshake, TLS 1.3 on the first read
            for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
                TlsSettings none = trustingCa().protocols(protocol).build();
                Throwable failure = catchThrowable(() -> {
                    try (Connection c = dialer().dial(route("localhost", server, none))) {
                        get(c);
                    }
                });
                assertThat(failure).as(protocol).isInstanceOf(TlsHandshakeException.class)
                        .hasMessageContaining("client certificate required or rejected")
                        .hasMessageContaining("Fix: configure a client certificate");
                assertThat(((TlsHandshakeException) failure).reason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REJECTED);
            }

            TestPki.Issued client = TestPki.leaf(ca, "envoi client", Instant.now().minus(1, ChronoUnit.HOURS),
                    Instant.now().plus(1, ChronoUnit.DAYS), List.of("client.test"), List.of());
            Path chain = client.writeChainPem(dir.resolve("client.crt"));
            Path key = client.writeKeyPem(dir.resolve("client.key"));
            Path p12 = client.writePkcs12(dir.resolve("client.p12"), PW);
            TlsSettings pem = trustingCa().clientPem(chain, key).build();
            TlsSettings pkcs12 = trustingCa().clientPkcs12(p12, PW).build();
            assertThat(pem.hasClientCertificate()).isTrue();
            assertThat(pem).isEqualTo(pkcs12); // same key and chain, same pool key
            for (TlsSettings tls : List.of(pem, pkcs12)) {
                try (Connection c = dialer().dial(route("localhost", server, tls))) {
                    assertThat(get(c)).endsWith("hello");
                }
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void trustFromPemFileAndKeyStore() throws Exception {
        HttpsServer server = server(TestPki.server(ca), false);
        try {
            Path bundle = dir.resolve("bundle.pem");
            java.nio.file.Files.writeString(bundle, "# a comment line, as in CA bundles\n"
                    + TestPki.pem("CERTIFICATE", encoded(otherCa)) + "\nsome text\n" + TestPki.pem("CERTIFICATE", encoded(ca)));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca.cert());
            TlsSettings fromFile = TlsSettings.newBuilder().trustPem(bundle).build();
            TlsSettings fromStore = TlsSettings.newBuilder().trustStore(ks).build();
            for (TlsSettings tls : List.of(fromFile, fromStore)) {
                try (Connection c = dialer().dial(route("localhost", server, tls))) {
                    assertThat(get(c)).endsWith("hello");
                }
            }
            assertThatThrownBy(() -> TlsSettings.newBuilder().trustPemText("no pem here"))
                    .isInstanceOf(IOException.class).hasMessageContaining("no \"-----BEGIN CERTIFICATE-----\"");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void rsaPkcs1KeysAreAccepted() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair rsa = g.generateKeyPair();
        // PKCS#8 PrivateKeyInfo: SEQUENCE { version, algorithm, OCTET STRING pkcs1 }: take the OCTET STRING back out
        byte[] pkcs8 = rsa.getPrivate().getEncoded();
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        assertThat(pkcs8[22]).isEqualTo((byte) 0x04);
        java.security.PrivateKey back = dev.envoi.transport.internal.Pem.privateKey(
                TestPki.pem("RSA PRIVATE KEY", pkcs1), "RSA", "test");
        assertThat(back.getEncoded()).isEqualTo(pkcs8);
        assertThatThrownBy(() -> dev.envoi.transport.internal.Pem.privateKey(
                TestPki.pem("EC PRIVATE KEY", new byte[] {1}), "EC", "key.pem"))
                .isInstanceOf(IOException.class).hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void settingsDescribeThemselves() throws Exception {
        assertThat(TlsSettings.insecureTrustAllForTesting().toString()).contains("INSECURE");
        assertThat(TlsSettings.defaults().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(trustingCa().build().toString()).contains("1 CA certificates");
        assertThat(Map.of(trustingCa().build(), 1)).containsKey(trustingCa().build());
    }
}
