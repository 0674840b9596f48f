package dev.envoi.transport.internal;

import dev.envoi.transport.TlsHandshakeException;

import java.security.cert.CertificateException;

/**
 * A certificate refusal that already knows its {@link TlsHandshakeException.Reason}; thrown by
 * {@link CheckingTrustManager} inside the handshake and found again in the cause chain of JSSE's
 * {@code SSLHandshakeException} by {@link TlsFailures}.
 */
public final class ClassifiedCertificateException extends CertificateException {
    private static final long serialVersionUID = 1L;

    private final TlsHandshakeException.Reason reason;

    ClassifiedCertificateException(TlsHandshakeException.Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    /** Why the certificate was refused. */
    public TlsHandshakeException.Reason reason() {
        return reason;
    }
}
