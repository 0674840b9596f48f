package dev.envoi.transport;

import dev.envoi.core.EnvoiException;

import java.util.Objects;

/**
 * A TLS handshake (RFC 8446 for TLS 1.3, RFC 5246 for TLS 1.2) failed, or the certificate the server
 * presented was refused. The message names the host, the {@link Reason} and how to fix it, e.g.
 *
 * <pre>
 * TLS handshake with localhost:8443 failed: certificate expired (NotAfter: ...).
 *   Fix: renew the server certificate; check the clock of this machine.
 * </pre>
 *
 * <p>Never "fixed" by turning verification off in production: {@link TlsSettings#insecureTrustAllForTesting()}
 * exists for tests only.
 */
public class TlsHandshakeException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    /** Why the handshake failed. */
    public enum Reason {
        /** The server certificate (or one in its chain) is past its NotAfter, or before its NotBefore. */
        CERTIFICATE_EXPIRED("certificate expired or not yet valid",
                "renew the server certificate; check the clock of this machine"),
        /** No path from the server certificate to a trusted CA. */
        UNTRUSTED_CERTIFICATE("certificate not trusted (no path to a trusted CA)",
                "trust the issuing CA with TlsSettings.Builder.trustPem(...) or trustStore(...), or have the"
                        + " server send its intermediate certificates"),
        /** The certificate does not name the host in its subjectAltName (RFC 9110 §4.3.4, RFC 6125). */
        HOSTNAME_MISMATCH("certificate does not match the host name",
                "connect with a name listed in the certificate's subjectAltName, or reissue the certificate"
                        + " with this name"),
        /** The verified chain contains none of the configured pins. */
        PIN_MISMATCH("certificate pin mismatch",
                "update the pins in TlsSettings after a legitimate key change, or suspect interception"),
        /** The server required a client certificate and refused the one sent (or none was sent). */
        CLIENT_CERTIFICATE_REJECTED("client certificate required or rejected by the server",
                "configure a client certificate the server trusts with TlsSettings.Builder.clientPem(...)"
                        + " or clientPkcs12(...)"),
        /**
         * The server offered no protocol version envoi enables (TLS 1.3, RFC 8446; TLS 1.2, RFC 5246): it
         * chose TLS 1.1 or older, answered with a {@code protocol_version} alert, or closed the connection
         * after our ClientHello without an alert, as many old servers do. TLS 1.0 and 1.1 are deprecated
         * (RFC 8996) and never enabled.
         */
        PROTOCOL_VERSION("the server offered no TLS protocol version envoi enables (TLS 1.3, TLS 1.2)",
                "enable TLS 1.2 or 1.3 on the server; TLS 1.0 and 1.1 are deprecated (RFC 8996)"),
        /** No cipher suite in common, or the peer does not speak TLS. */
        PROTOCOL("no common TLS protocol or cipher suite, or the peer does not speak TLS",
                "check that the port serves TLS and allows TLS 1.2 or 1.3"),
        /** Anything else; see the cause. */
        OTHER("handshake failed", "see the cause");

        private final String description;
        private final String fix;

        Reason(String description, String fix) {
            this.description = description;
            this.fix = fix;
        }

        /** The reason in words. */
        public String description() {
            return description;
        }

        /** What usually fixes it. */
        public String fix() {
            return fix;
        }
    }

    private final String host;
    private final Reason reason;

    /**
     * @param host the peer as {@code host:port}
     * @param reason why it failed
     * @param detail the underlying message, or {@code null}
     * @param cause the JSSE exception, or {@code null}
     */
    public TlsHandshakeException(String host, Reason reason, String detail, Throwable cause) {
        super("TLS handshake with " + host + " failed: " + reason.description()
                + (detail == null ? "" : " (" + detail + ")") + ".\n  Fix: " + reason.fix(), cause);
        this.host = Objects.requireNonNull(host, "host");
        this.reason = reason;
    }

    /** The peer as {@code host:port}. */
    public String host() {
        return host;
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }
}
