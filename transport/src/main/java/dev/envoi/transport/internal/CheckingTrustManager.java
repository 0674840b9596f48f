package dev.envoi.transport.internal;

import dev.envoi.transport.TlsHandshakeException.Reason;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Wraps the JDK's PKIX trust manager (which also verifies the host name when the socket's
 * {@code endpointIdentificationAlgorithm} is {@code HTTPS}, RFC 2818 / RFC 6125) and adds three things:
 * <ol>
 *   <li>a {@link Reason} on every refusal (expired, untrusted, wrong host), so messages can say how to
 *       fix it;</li>
 *   <li>subjectAltName only: the JDK falls back to the subject CN when a certificate has no dNSName SAN;
 *       RFC 9110 §4.3.4 and the CA/Browser Forum require the SAN, so such certificates are refused;</li>
 *   <li>certificate pinning (SHA-256 of SubjectPublicKeyInfo, {@code sha256/BASE64}) checked against the
 *       <em>verified</em> chain, rebuilt from the leaf up to a trust anchor, never against whatever extra
 *       certificates the server chose to send.</li>
 * </ol>
 */
public final class CheckingTrustManager extends X509ExtendedTrustManager {
    private static final int MAX_CHAIN = 10;

    private final X509ExtendedTrustManager delegate;
    private final Function<String, Set<String>> pinsForHost;
    private volatile Map<X500Principal, List<X509Certificate>> anchorsBySubject;

    /**
     * @param delegate the PKIX trust manager
     * @param pinsForHost the pins for an ASCII host name (empty when the host is not pinned)
     */
    public CheckingTrustManager(X509ExtendedTrustManager delegate, Function<String, Set<String>> pinsForHost) {
        this.delegate = delegate;
        this.pinsForHost = pinsForHost;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw classify(chain, authType, e);
        }
        String host = peerHost(socket instanceof SSLSocket s ? s.getHandshakeSession() : null);
        afterVerification(chain, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw classify(chain, authType, e);
        }
        afterVerification(chain, peerHost(engine == null ? null : engine.getHandshakeSession()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        afterVerification(chain, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** The SHA-256 pin of a certificate's SubjectPublicKeyInfo, as {@code sha256/BASE64}. */
    public static String pin(X509Certificate cert) {
        try {
            byte[] spki = cert.getPublicKey().getEncoded();
            return "sha256/" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private CertificateException classify(X509Certificate[] chain, String authType, CertificateException e) {
        try {
            // The same chain without the host name check: if it passes now, the host name was the problem.
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException chainProblem) {
            return new ClassifiedCertificateException(isExpiry(chainProblem) ? Reason.CERTIFICATE_EXPIRED
                    : Reason.UNTRUSTED_CERTIFICATE, describe(chain, chainProblem), chainProblem);
        }
        return new ClassifiedCertificateException(Reason.HOSTNAME_MISMATCH, e.getMessage() + "; certificate names "
                + subjectAltNames(chain[0]), e);
    }

    private void afterVerification(X509Certificate[] chain, String host) throws CertificateException {
        if (host == null) {
            return;
        }
        if (IpLiteral.parse(host) == null && !hasDnsSan(chain[0])) {
            throw new ClassifiedCertificateException(Reason.HOSTNAME_MISMATCH, "the certificate for " + host
                    + " has no subjectAltName dNSName; a name in the subject CN is not accepted (RFC 9110 §4.3.4)",
                    null);
        }
        Set<String> pins = pinsForHost.apply(host);
        if (pins.isEmpty()) {
            return;
        }
        List<X509Certificate> verified = verifiedChain(chain);
        List<String> seen = new ArrayList<>(verified.size());
        for (X509Certificate c : verified) {
            String p = pin(c);
            if (pins.contains(p)) {
                return;
            }
            seen.add(p + " (" + c.getSubjectX500Principal().getName() + ")");
        }
        throw new ClassifiedCertificateException(Reason.PIN_MISMATCH, "expected one of " + pins
                + " but the verified chain has " + seen, null);
    }

    /**
     * The chain from the leaf to a trust anchor: each next certificate is one whose subject is the
     * issuer of the current one and whose key verifies its signature, looked up first among the trust
     * anchors (which ends the chain) and then among the certificates the server sent.
     */
    List<X509Certificate> verifiedChain(X509Certificate[] presented) throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        X509Certificate current = presented[0];
        out.add(current);
        for (int depth = 0; depth < MAX_CHAIN; depth++) {
            X509Certificate anchor = findIssuer(current, anchors().get(current.getIssuerX500Principal()));
            if (anchor != null) {
                if (!anchor.equals(current)) {
                    out.add(anchor);
                }
                return out;
            }
            X509Certificate next = findIssuer(current, List.of(presented));
            if (next == null || next.equals(current)) {
                break;
            }
            out.add(next);
            current = next;
        }
        throw new ClassifiedCertificateException(Reason.UNTRUSTED_CERTIFICATE,
                "no chain from the leaf to a trust anchor could be rebuilt for pinning", null);
    }

    private static X509Certificate findIssuer(X509Certificate cert, Collection<X509Certificate> candidates) {
        if (candidates == null) {
            return null;
        }
        for (X509Certificate c : candidates) {
            if (!c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            try {
                cert.verify(c.getPublicKey());
                return c;
            } catch (Exception notThisOne) {
                // another certificate with the same subject name; keep looking
            }
        }
        return null;
    }

    private Map<X500Principal, List<X509Certificate>> anchors() {
        Map<X500Principal, List<X509Certificate>> map = anchorsBySubject;
        if (map == null) {
            map = new HashMap<>();
            for (X509Certificate c : delegate.getAcceptedIssuers()) {
                map.computeIfAbsent(c.getSubjectX500Principal(), k -> new ArrayList<>(1)).add(c);
            }
            anchorsBySubject = map;
        }
        return map;
    }

    private static boolean isExpiry(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                return true;
            }
            if (c instanceof CertPathValidatorException v
                    && (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(X509Certificate[] chain, CertificateException e) {
        X509Certificate leaf = chain[0];
        return e.getMessage() + "; certificate " + leaf.getSubjectX500Principal().getName() + " issued by "
                + leaf.getIssuerX500Principal().getName() + ", valid " + leaf.getNotBefore().toInstant()
                + " to " + leaf.getNotAfter().toInstant();
    }

    private static boolean hasDnsSan(X509Certificate cert) throws CertificateParsingException {
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                if (Integer.valueOf(2).equals(san.get(0))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String subjectAltNames(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return "no subjectAltName";
            }
            List<String> names = new ArrayList<>();
            for (List<?> san : sans) {
                Object type = san.get(0);
                names.add((Integer.valueOf(7).equals(type) ? "IP:" : Integer.valueOf(2).equals(type) ? "DNS:"
                        : "type " + type + ":") + san.get(1));
            }
            return names.toString();
        } catch (CertificateParsingException e) {
            return "an unreadable subjectAltName";
        }
    }

    private static String peerHost(SSLSession session) {
        return session == null ? null : session.getPeerHost();
    }
}
