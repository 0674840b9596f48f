package dev.envoi.transport;

import dev.envoi.transport.internal.Der;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A test CA and certificates made in memory at test time (X.509 v3, RFC 5280 §4.1, ECDSA P-256), so no
 * private key is checked in and nothing expires in the repository.
 */
final class TestPki {
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate, its key pair and its chain up to (and including) the CA. */
    record Issued(X509Certificate cert, KeyPair keys, List<X509Certificate> chain) {
        KeyStore keyStore(char[] password) throws GeneralSecurityException, IOException {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("key", keys.getPrivate(), password, chain.toArray(new X509Certificate[0]));
            return ks;
        }

        Path writeChainPem(Path file) throws IOException, GeneralSecurityException {
            StringBuilder sb = new StringBuilder();
            for (X509Certificate c : chain) {
                sb.append(pem("CERTIFICATE", c.getEncoded()));
            }
            return Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
        }

        Path writeKeyPem(Path file) throws IOException {
            return Files.writeString(file, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        }

        Path writePkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
            try (OutputStream out = Files.newOutputStream(file)) {
                keyStore(password).store(out, password);
            }
            return file;
        }
    }

    private TestPki() {
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A self-signed CA valid from yesterday for a year. */
    static Issued ca(String name) throws GeneralSecurityException {
        KeyPair kp = keys();
        Instant now = Instant.now();
        X509Certificate c = cert(name, kp.getPublic(), name, kp.getPrivate(), now.minus(1, ChronoUnit.DAYS),
                now.plus(365, ChronoUnit.DAYS), true, List.of(), List.of());
        return new Issued(c, kp, List.of(c));
    }

    /** An end-entity certificate signed by {@code ca}. */
    static Issued leaf(Issued ca, String cn, Instant notBefore, Instant notAfter, List<String> dns, List<byte[]> ips)
            throws GeneralSecurityException {
        KeyPair kp = keys();
        X509Certificate c = cert(cn, kp.getPublic(), ca.cert().getSubjectX500Principal().getName().substring(3),
                ca.keys().getPrivate(), notBefore, notAfter, false, dns, ips);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(c);
        chain.addAll(ca.chain());
        return new Issued(c, kp, chain);
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1}, valid now. */
    static Issued server(Issued ca) throws GeneralSecurityException {
        Instant now = Instant.now();
        return leaf(ca, "localhost", now.minus(1, ChronoUnit.HOURS), now.plus(30, ChronoUnit.DAYS),
                List.of("localhost"), List.of(new byte[] {127, 0, 0, 1}));
    }

    static X509Certificate cert(String subject, PublicKey key, String issuer, PrivateKey issuerKey, Instant notBefore,
            Instant notAfter, boolean ca, List<String> dns, List<byte[]> ips) throws GeneralSecurityException {
        List<byte[]> exts = new ArrayList<>();
        byte[] critical = Der.tlv(0x01, new byte[] {(byte) 0xff});
        exts.add(Der.sequence(Der.oid("2.5.29.19"), critical,
                Der.octets(ca ? Der.sequence(critical) : Der.sequence())));
        if (ca) {
            exts.add(Der.sequence(Der.oid("2.5.29.15"), critical, Der.octets(Der.tlv(0x03, new byte[] {1, 0x06}))));
        }
        if (!dns.isEmpty() || !ips.isEmpty()) {
            List<byte[]> names = new ArrayList<>();
            for (String d : dns) {
                names.add(Der.tlv(0x82, d.getBytes(StandardCharsets.US_ASCII)));
            }
            for (byte[] ip : ips) {
                names.add(Der.tlv(0x87, ip));
            }
            exts.add(Der.sequence(Der.oid("2.5.29.17"), Der.octets(Der.sequence(names.toArray(new byte[0][])))));
        }
        byte[] alg = Der.sequence(Der.oid(ECDSA_SHA256));
        byte[] tbs = Der.sequence(
                Der.tlv(0xa0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                alg,
                name(issuer),
                Der.sequence(time(notBefore), time(notAfter)),
                name(subject),
                key.getEncoded(),
                Der.tlv(0xa3, Der.sequence(exts.toArray(new byte[0][]))));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(issuerKey);
        s.update(tbs);
        byte[] sig = s.sign();
        byte[] bits = new byte[sig.length + 1];
        System.arraycopy(sig, 0, bits, 1, sig.length);
        byte[] der = Der.sequence(tbs, alg, Der.tlv(0x03, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] name(String cn) {
        return Der.sequence(Der.tlv(0x31, Der.sequence(Der.oid("2.5.4.3"),
                Der.tlv(0x0c, cn.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant t) {
        return Der.tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }
}
