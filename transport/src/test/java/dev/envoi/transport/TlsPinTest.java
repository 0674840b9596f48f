package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envoi.transport.TlsHandshakeException.Reason;
import dev.envoi.transport.internal.CheckingTrustManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Certificate pinning checked against answers that do not come from envoi's code: a fixed P-256 key
 * whose pin was computed with {@code openssl}, and a server that presents an extra certificate carrying
 * the pinned key that is not part of the verified chain (the attack pinning exists to stop).
 */
class TlsPinTest {
    /** A fixed P-256 key pair (PKCS#8 and X.509 SubjectPublicKeyInfo DER, base64), made once with openssl. */
    private static final String FIXED_PRIVATE_PKCS8 = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgwRO0qwwVhACZB7JzqQ7aA/m"
            + "sv+t/k1E9WOfgtKvcIzehRANCAATfsy+t2H6vIMET7wknoqhcEY0zwcAHa902k5gKexMdBCfIjaUsxqPWT8W4vhMTan2Dhst9jsIiwWw"
            + "aquPxR/qC";
    private static final String FIXED_PUBLIC_SPKI = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE37Mvrdh+ryDBE+8JJ6KoXBGNM8HAB2vdNpOYCn"
            + "sTHQQnyI2lLMaj1k/FuL4TE2p9g4bLfY7CIsFsGqrj8Uf6gg==";
    /**
     * The known answer, from {@code openssl pkey -in fixed.pem -pubout -outform DER | openssl dgst -sha256
     * -binary | base64} (RFC 7469 §2.4: SHA-256 of the DER SubjectPublicKeyInfo).
     */
    private static final String FIXED_PIN = "sha256/rw4p4cD66XA/00iY+InfFq6TVqBiR9td7V+CkApoxto=";

    private TestPki.Issued ca;
    private ServerSocket server;

    @BeforeEach
    void pki() throws Exception {
        ca = TestPki.ca("envoi pin CA");
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static KeyPair fixedKeys() throws Exception {
        KeyFactory f = KeyFactory.getInstance("EC");
        PublicKey pub = f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(FIXED_PUBLIC_SPKI)));
        PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(FIXED_PRIVATE_PKCS8)));
        return new KeyPair(pub, priv);
    }

    /** A localhost certificate for {@code key}, signed by {@code issuer}. */
    private static X509Certificate leafFor(PublicKey key, TestPki.Issued issuer) throws Exception {
        Instant now = Instant.now();
        return TestPki.cert("localhost", key, issuer.cert().getSubjectX500Principal().getName().substring(3),
                issuer.keys().getPrivate(), now.minus(1, ChronoUnit.HOURS), now.plus(30, ChronoUnit.DAYS), false,
                List.of("localhost"), List.of());
    }

    /** A TLS server on 127.0.0.1 that presents exactly {@code chain} (no key store reorders or checks it). */
    private int serve(PrivateKey key, X509Certificate... chain) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new X509ExtendedKeyManager[] {new FixedKeyManager(key, chain)}, null, null);
        server = ctx.getServerSocketFactory().createServerSocket(0, 10, LOOPBACK);
        ServerSocket s = server;
        TestProxies.daemon(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    c.setSoTimeout(5_000);
                    ((SSLSocket) c).startHandshake();
                    c.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                    c.getInputStream().read(); // until the client closes
                } catch (SocketTimeoutException | RuntimeException e) {
                    // the next connection
                } catch (IOException e) {
                    if (s.isClosed()) {
                        return;
                    }
                }
            }
        });
        return server.getLocalPort();
    }

    private Throwable dial(int port, String... pins) throws Exception {
        TlsSettings tls = TlsSettings.newBuilder().trustPemText(TestPki.pem("CERTIFICATE", ca.cert().getEncoded()))
                .pin("localhost", pins).build();
        Dialer dialer = Dialer.newBuilder().resolver((h, p) -> List.of(LOOPBACK)).build();
        Route route = Route.newBuilder().scheme("https").host("localhost").port(port).tls(tls).build();
        try (Connection c = dialer.dial(route)) {
            assertThat(new String(c.input().readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("hi");
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void pinOfAFixedKeyMatchesTheIndependentlyComputedAnswer() throws Exception {
        KeyPair fixed = fixedKeys();
        X509Certificate leaf = leafFor(fixed.getPublic(), ca);
        // the same answer from the JDK alone: SHA-256 over the certificate's DER SubjectPublicKeyInfo
        byte[] spki = leaf.getPublicKey().getEncoded();
        assertThat(Base64.getEncoder().encodeToString(spki)).isEqualTo(FIXED_PUBLIC_SPKI);
        assertThat("sha256/" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki)))
                .isEqualTo(FIXED_PIN);
        assertThat(CheckingTrustManager.pin(leaf)).isEqualTo(FIXED_PIN);

        int port = serve(fixed.getPrivate(), leaf, ca.cert());
        assertThat(dial(port, FIXED_PIN)).isNull();
        String other = "sha256/" + Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(dial(port, other)).isInstanceOf(TlsHandshakeException.class)
                .hasMessageContaining(FIXED_PIN + " (CN=localhost)")
                .satisfies(e -> assertThat(((TlsHandshakeException) e).reason()).isEqualTo(Reason.PIN_MISMATCH));
    }

    @Test
    void anExtraCertificateWithThePinnedKeyOutsideTheVerifiedChainDoesNotSatisfyThePin() throws Exception {
        KeyPair leafKeys = TestPki.keys();
        X509Certificate leaf = leafFor(leafKeys.getPublic(), ca);
        // the attacker's certificate carries the pinned key, self-signed: not on the path to the trust anchor
        KeyPair fixed = fixedKeys();
        Instant now = Instant.now();
        X509Certificate extra = TestPki.cert("attacker", fixed.getPublic(), "attacker", fixed.getPrivate(),
                now.minus(1, ChronoUnit.HOURS), now.plus(30, ChronoUnit.DAYS), true, List.of(), List.of());
        int port = serve(leafKeys.getPrivate(), leaf, ca.cert(), extra);
        Throwable thrown = dial(port, FIXED_PIN);
        assertThat(thrown).isInstanceOf(TlsHandshakeException.class)
                .hasMessageContaining("certificate pin mismatch")
                .hasMessageNotContaining(FIXED_PIN + " (");
        assertThat(((TlsHandshakeException) thrown).reason()).isEqualTo(Reason.PIN_MISMATCH);
    }

    /** Presents one fixed chain, whatever is asked. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate[] chain;

        FixedKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain.clone();
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return "EC".equals(keyType) ? "fixed" : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return "EC".equals(keyType) ? "fixed" : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return "EC".equals(keyType) ? new String[] {"fixed"} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }
    }
}
