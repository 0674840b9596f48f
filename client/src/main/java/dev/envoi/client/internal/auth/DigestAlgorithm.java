package dev.envoi.client.internal.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash algorithms of HTTP Digest (RFC 7616 §3.2, §6.1 registry), with the {@code -sess}
 * variants that fold the nonces into A1 (RFC 7616 §3.4.2). {@link #strength()} orders them for
 * choosing among several challenges: SHA-512-256 above SHA-256 above MD5 (RFC 7616 §3.7 lets local
 * policy choose; MD5 is kept only "for backward compatibility").
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false, 0),
    MD5_SESS("MD5-sess", "MD5", true, 0),
    SHA_256("SHA-256", "SHA-256", false, 1),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 1),
    SHA_512_256("SHA-512-256", "SHA-512/256", false, 2),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true, 2);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String token;
    private final String jcaName;
    private final boolean session;
    private final int strength;

    DigestAlgorithm(String token, String jcaName, boolean session, int strength) {
        this.token = token;
        this.jcaName = jcaName;
        this.session = session;
        this.strength = strength;
    }

    /**
     * The algorithm a challenge's {@code algorithm} parameter names (case-insensitive), MD5 when it
     * is absent (RFC 7616 §3.3), or null for one not supported (the challenge is then ignored).
     */
    public static DigestAlgorithm fromParameter(String value) {
        if (value == null) {
            return MD5;
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(value)) {
                return a;
            }
        }
        return null;
    }

    /** The name as registered, e.g. {@code SHA-512-256-sess}. */
    public String token() {
        return token;
    }

    /** Whether this is a {@code -sess} variant. */
    public boolean isSession() {
        return session;
    }

    /** Preference among algorithms: higher is stronger. */
    public int strength() {
        return strength;
    }

    /** A fresh {@link MessageDigest} (all three are required of every Java 17 platform or present in the JDK). */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    /** H(data) in lower-case hex, {@code data} as ISO-8859-1 octets (one per char). */
    public String hashLatin1(String data) {
        return hex(newDigest().digest(data.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** H(body) in lower-case hex, for {@code qop=auth-int} (RFC 7616 §3.4.3). */
    public String hash(ByteBuffer body) {
        MessageDigest md = newDigest();
        md.update(body.duplicate());
        return hex(md.digest());
    }

    /** H(bytes) in lower-case hex. */
    public String hash(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
