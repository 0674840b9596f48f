package dev.envoi.transport.internal;

import dev.envoi.transport.TlsHandshakeException;
import dev.envoi.transport.TlsHandshakeException.Reason;

import java.io.EOFException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

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
                case "protocol_version" -> {
                    return new TlsHandshakeException(peer, Reason.PROTOCOL_VERSION,
                            "the server sent alert protocol_version: it supports none of the versions offered", failure);
                }
                case "handshake_failure", "insufficient_security", "no_application_protocol" -> {
                    return new TlsHandshakeException(peer, Reason.PROTOCOL, "the server sent alert " + alert, failure);
                }
                default -> {
                    return new TlsHandshakeException(peer, Reason.OTHER, "the server sent alert " + alert, failure);
                }
            }
        }
        String chosen = chosenVersion(msg);
        if (chosen != null) {
            return new TlsHandshakeException(peer, Reason.PROTOCOL_VERSION, "the server chose " + chosen, failure);
        }
        if (isBareClose(failure)) {
            return new TlsHandshakeException(peer, Reason.PROTOCOL_VERSION, "the server closed the connection during"
                    + " the handshake without a TLS alert, as servers that speak only TLS 1.1 or older do", failure);
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

    /**
     * Whether the server ended the connection inside the handshake without an alert: JSSE's "Remote host
     * terminated the handshake" over an {@link EOFException}. Servers that speak only TLS 1.1 or older
     * commonly answer a TLS 1.2+ ClientHello this way; a TLS 1.2 server refusing a client certificate too.
     */
    public static boolean isBareClose(Throwable failure) {
        return failure instanceof SSLHandshakeException && (failure.getCause() instanceof EOFException
                || String.valueOf(failure.getMessage()).contains("Remote host terminated the handshake"));
    }

    /**
     * The version in JSSE's "The server selected protocol version TLS10 is not accepted by client
     * preferences [TLS13, TLS12]", in words ("TLS 1.0"), or {@code null} for another message.
     */
    private static String chosenVersion(String msg) {
        String marker = "The server selected protocol version ";
        int i = msg.indexOf(marker);
        if (i < 0) {
            return null;
        }
        int start = i + marker.length();
        int end = start;
        while (end < msg.length() && Character.isLetterOrDigit(msg.charAt(end))) {
            end++;
        }
        String v = msg.substring(start, end);
        return switch (v) {
            case "TLS10" -> "TLS 1.0";
            case "TLS11" -> "TLS 1.1";
            case "SSL30" -> "SSL 3.0";
            case "SSL20Hello" -> "SSL 2.0";
            default -> v.isEmpty() ? "an unknown version" : v;
        };
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
