package dev.envoi.client.internal.auth;

import dev.envoi.client.Credentials;
import dev.envoi.core.FieldValues;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Computes a Digest {@code Authorization} value, RFC 7616 §3.4, as a pure function of its inputs
 * (so the RFC's examples can be reproduced byte for byte with their cnonce).
 *
 * <pre>
 * response = KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2))     ; with qop
 * response = KD(H(A1), nonce ":" H(A2))                              ; RFC 2069, no qop
 * A1       = username ":" realm ":" password                          ; -sess: H(that) ":" nonce ":" cnonce
 * A2       = method ":" uri                                           ; auth-int: ... ":" H(entity-body)
 * KD(s, d) = H(s ":" d)
 * </pre>
 *
 * The user name and password are hashed as UTF-8 (RFC 7616 §4: UTF-8 is the only charset the
 * {@code charset} parameter can announce, and the one used here whether or not it is announced);
 * values taken from the challenge (realm, nonce) are hashed as the octets they arrived as.
 */
public final class DigestResponse {
    private static final String SCHEME = "Digest ";

    private DigestResponse() {
    }

    /**
     * The field value answering {@code ch}.
     *
     * @param qop {@code "auth"}, {@code "auth-int"}, or null for an RFC 2069 challenge without qop
     * @param cnonce the client nonce (ignored without qop)
     * @param nc the nonce count, 1 for the first use of a nonce (ignored without qop)
     * @param bodyHash H(entity-body) in hex for {@code auth-int}, else null
     */
    public static String authorization(DigestChallenge ch, Credentials credentials, String method, String uri,
            String qop, String cnonce, long nc, String bodyHash) {
        DigestAlgorithm alg = ch.algorithm();
        String ha1 = hashUtf8(alg, credentials.username(), ":" + ch.realm() + ":", credentials.password());
        if (alg.isSession()) {
            ha1 = alg.hashLatin1(ha1 + ":" + ch.nonce() + ":" + cnonce);
        }
        String a2 = method + ":" + uri + ("auth-int".equals(qop) ? ":" + bodyHash : "");
        String ha2 = alg.hashLatin1(a2);
        String ncHex = qop == null ? null : ncHex(nc);
        String response = qop == null
                ? alg.hashLatin1(ha1 + ":" + ch.nonce() + ":" + ha2)
                : alg.hashLatin1(ha1 + ":" + ch.nonce() + ":" + ncHex + ":" + cnonce + ":" + qop + ":" + ha2);

        StringBuilder sb = new StringBuilder(256).append(SCHEME);
        appendUsername(sb, ch, credentials.username());
        sb.append(", realm=").append(FieldValues.quote(ch.realm()));
        sb.append(", uri=").append(FieldValues.quote(uri));
        if (ch.algorithmParam() != null) {
            sb.append(", algorithm=").append(ch.algorithmParam()); // a token, unquoted (RFC 7616 §3.4)
        }
        sb.append(", nonce=").append(FieldValues.quote(ch.nonce()));
        if (qop != null) {
            sb.append(", nc=").append(ncHex);
            sb.append(", cnonce=").append(FieldValues.quote(cnonce));
            sb.append(", qop=").append(qop);
        }
        sb.append(", response=\"").append(response).append('"');
        if (ch.opaque() != null) {
            sb.append(", opaque=").append(FieldValues.quote(ch.opaque()));
        }
        if (ch.userhash()) {
            sb.append(", userhash=true");
        }
        return sb.toString();
    }

    /** The hashed user name of RFC 7616 §3.4.4: H(username ":" realm), in hex. */
    public static String userhash(DigestAlgorithm alg, String username, String realm) {
        return hashUtf8(alg, username, ":" + realm, "");
    }

    /** {@code nc}: exactly 8 lower-case hex digits (RFC 7616 §3.4). */
    static String ncHex(long nc) {
        String hex = Long.toHexString(nc);
        return "00000000".substring(hex.length()) + hex;
    }

    private static void appendUsername(StringBuilder sb, DigestChallenge ch, String username) {
        if (ch.userhash()) {
            sb.append("username=\"").append(userhash(ch.algorithm(), username, ch.realm())).append('"');
        } else if (isPrintableAscii(username)) {
            sb.append("username=").append(FieldValues.quote(username));
        } else {
            // Not expressible in a quoted-string as the UTF-8 the hash used: RFC 8187 ext-value.
            sb.append("username*=").append(Rfc8187.encode(username));
        }
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** H(UTF-8(user) || Latin-1(middle) || UTF-8(password)) in hex. */
    private static String hashUtf8(DigestAlgorithm alg, String user, String middle, String password) {
        MessageDigest md = alg.newDigest();
        md.update(user.getBytes(StandardCharsets.UTF_8));
        md.update(middle.getBytes(StandardCharsets.ISO_8859_1));
        md.update(password.getBytes(StandardCharsets.UTF_8));
        return DigestAlgorithm.hex(md.digest());
    }
}
