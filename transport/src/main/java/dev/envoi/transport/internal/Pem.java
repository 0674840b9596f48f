package dev.envoi.transport.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the textual encodings of RFC 7468: {@code CERTIFICATE} blocks (text between blocks, such as the
 * comments of a CA bundle, is ignored), {@code PRIVATE KEY} (PKCS#8, RFC 5208) and
 * {@code RSA PRIVATE KEY} (PKCS#1, RFC 8017 Appendix A.1.2, wrapped into PKCS#8 here).
 */
public final class Pem {
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";

    private Pem() {
    }

    /** One labelled block. */
    public record Block(String label, byte[] der) {
    }

    /** Every block in the text, in order. */
    public static List<Block> blocks(String text) throws IOException {
        List<Block> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", from);
            if (begin < 0) {
                return out;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                throw new IOException("PEM: unterminated BEGIN line at offset " + begin + " [RFC 7468 §2]");
            }
            String label = text.substring(begin + 11, labelEnd);
            String endLine = "-----END " + label + "-----";
            int end = text.indexOf(endLine, labelEnd + 5);
            if (end < 0) {
                throw new IOException("PEM: no \"" + endLine + "\" after offset " + begin + " [RFC 7468 §2]");
            }
            String body = text.substring(labelEnd + 5, end);
            try {
                out.add(new Block(label, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IOException("PEM: invalid base64 in " + label + " block at offset " + begin, e);
            }
            from = end + endLine.length();
        }
    }

    /** Every certificate in the text; fails if there is none. */
    public static List<X509Certificate> certificates(String text, String source) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(text)) {
                if (b.label().equals("CERTIFICATE") || b.label().equals("TRUSTED CERTIFICATE")) {
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(source + ": invalid certificate: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IOException(source + ": no \"-----BEGIN CERTIFICATE-----\" block found [RFC 7468 §5]");
        }
        return certs;
    }

    /**
     * The first private key in the text, for a certificate whose public key uses {@code algorithm}
     * ({@code "RSA"}, {@code "EC"}, {@code "EdDSA"}, ...).
     */
    public static PrivateKey privateKey(String text, String algorithm, String source) throws IOException {
        for (Block b : blocks(text)) {
            byte[] pkcs8;
            switch (b.label()) {
                case "PRIVATE KEY" -> pkcs8 = b.der();
                case "RSA PRIVATE KEY" -> pkcs8 = Der.sequence(Der.integer(BigInteger.ZERO),
                        Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nul()), Der.octets(b.der()));
                case "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY" -> throw new IOException(source + ": "
                        + b.label() + " is not supported; convert it to unencrypted PKCS#8 with"
                        + " `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`, or use PKCS#12");
                default -> {
                    continue;
                }
            }
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                throw new IOException(source + ": cannot read " + algorithm + " private key: " + e.getMessage(), e);
            }
        }
        throw new IOException(source + ": no \"-----BEGIN PRIVATE KEY-----\" block found [RFC 7468 §10]");
    }
}
