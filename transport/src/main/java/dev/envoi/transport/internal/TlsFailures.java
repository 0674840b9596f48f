package dev.envoi.transport.internal;

import dev.envoi.transport.TlsHandshakeException;
import dev.envoi.transport.TlsHandshakeException.Reason;

import javax.net.ssl.SSLException;

/**
 * Turns JSSE's exceptions into a {@link TlsHandshakeException} with a {@link Reason}. Certificate
 * refusals by this side carry a {@link ClassifiedCertificateException}; refusals by the server arrive as
 * TLS alerts (RFC 8446 §6.2) in the message text, the only place JSSE puts them.
 */
public final class TlsFailures {
    private TlsFailures() {
    }

    /** The reason for a failure, or {@code null} when it is not recognisably a TLS failure. */
    public static TlsHandshakeException classify(String peer, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClassifiedCertificateException c) {
                return new TlsHandshakeException(peer, c.reason(), c.getMessage(), failure);
            }
        }
        String msg = failure.getMessage() == null ? "" : failure.getMessage();
        String alert = alert(msg);
        if (alert != null) {
            switch (alert) {
                case "certificate_required", "bad_certificate", "certificate_unknown", "unknown_ca",
                        "certificate_expired", "certificate_revoked", "unsupported_certificate", "access_denied" -> {
                    return new TlsHandshakeException(peer, Reason.CLIENT_CERTIFICATE_REJECTED,
                            "the server sent alert " + alert, failure);
                }
                case "protocol_version", "handshake_failure", "insufficient_security", "no_application_protocol" -> {
                    return new TlsHandshakeException(peer, Reason.PROTOCOL, "the server sent alert " + alert, failure);
                }
                default -> {
                    return new TlsHandshakeException(peer, Reason.OTHER, "the server sent alert " + alert, failure);
                }
            }
        }
        if (msg.contains("protocol is disabled") || msg.contains("No appropriate protocol")
                || msg.contains("Unsupported or unrecognized SSL message") || msg.contains("no cipher suites in common")) {
            return new TlsHandshakeException(peer, Reason.PROTOCOL, msg, failure);
        }
        return failure instanceof SSLException ? new TlsHandshakeException(peer, Reason.OTHER, msg, failure) : null;
    }

    /** Whether the failure is a server's refusal of our client certificate. */
    public static boolean isClientCertificateRejection(Throwable failure) {
        String alert = alert(failure.getMessage() == null ? "" : failure.getMessage());
        return alert != null && (alert.equals("certificate_required") || alert.equals("bad_certificate")
                || alert.equals("certificate_unknown") || alert.equals("unknown_ca"));
    }

    private static String alert(String msg) {
        String marker = "Received fatal alert: ";
        int i = msg.indexOf(marker);
        if (i < 0) {
            return null;
        }
        int start = i + marker.length();
        int end = start;
        while (end < msg.length() && (Character.isLetterOrDigit(msg.charAt(end)) || msg.charAt(end) == '_')) {
            end++;
        }
        return msg.substring(start, end);
    }
}
