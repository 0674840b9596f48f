package dev.envoi.client;

import dev.envoi.core.EnvoiException;

/**
 * The TLS handshake with the server failed (RFC 8446): an untrusted or expired certificate, a host
 * name mismatch (RFC 9110 §4.3.4), no common protocol version, a pin mismatch. The cause is the
 * transport's {@code TlsHandshakeException}, which says what went wrong and how to fix it. Never
 * retried. The message names the URL with credentials redacted.
 */
public class TlsException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    /**
     * @param redactedUrl the URL of the request, already redacted
     * @param cause the transport's exception
     */
    public TlsException(String redactedUrl, Throwable cause) {
        super("TLS handshake failed for " + redactedUrl + ": " + (cause == null ? "" : cause.getMessage()), cause);
    }
}
