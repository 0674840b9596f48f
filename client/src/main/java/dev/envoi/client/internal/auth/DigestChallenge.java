package dev.envoi.client.internal.auth;

import dev.envoi.client.Challenge;
import dev.envoi.core.FieldValues;

/**
 * The parts of a {@code Digest} challenge (RFC 7616 §3.3) that an answer needs, read once.
 *
 * @param algorithm the algorithm (MD5 when the challenge names none)
 * @param algorithmParam the {@code algorithm} value as the server wrote it, echoed back; null if absent
 * @param realm the realm (required)
 * @param nonce the nonce (required)
 * @param opaque the opaque value to echo, or null
 * @param auth whether {@code qop} offers {@code auth}
 * @param authInt whether {@code qop} offers {@code auth-int}
 * @param userhash whether the server asks for a hashed user name (RFC 7616 §3.4.4)
 * @param stale whether the previous nonce was stale
 */
public record DigestChallenge(DigestAlgorithm algorithm, String algorithmParam, String realm, String nonce,
        String opaque, boolean auth, boolean authInt, boolean userhash, boolean stale) {

    /**
     * The Digest challenge in {@code c}, or null when {@code c} is not one this client can answer:
     * another scheme, no realm or nonce, or an unknown algorithm (RFC 7616 §3.3: "If the algorithm
     * is not understood, the challenge should be ignored").
     */
    public static DigestChallenge from(Challenge c) {
        if (!c.hasScheme("Digest")) {
            return null;
        }
        String realm = c.params().get("realm");
        String nonce = c.params().get("nonce");
        String algorithmParam = c.params().get("algorithm");
        DigestAlgorithm algorithm = DigestAlgorithm.fromParameter(algorithmParam);
        if (realm == null || nonce == null || algorithm == null) {
            return null;
        }
        boolean auth = false;
        boolean authInt = false;
        String qop = c.params().get("qop");
        if (qop != null) {
            for (String option : FieldValues.splitList(qop)) {
                auth |= option.equalsIgnoreCase("auth");
                authInt |= option.equalsIgnoreCase("auth-int");
            }
        }
        return new DigestChallenge(algorithm, algorithmParam, realm, nonce, c.params().get("opaque"), auth, authInt,
                "true".equalsIgnoreCase(c.params().get("userhash")), c.isStale());
    }

    /** Whether the challenge has a {@code qop} this client knows; without one it is RFC 2069 style. */
    public boolean hasQop() {
        return auth || authInt;
    }
}
