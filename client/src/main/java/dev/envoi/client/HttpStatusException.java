package dev.envoi.client;

import dev.envoi.core.EnvoiException;
import dev.envoi.core.Status;

/**
 * Thrown by {@link Response#ensureSuccess()} for a 4xx or 5xx status (RFC 9110 §15.5, §15.6), like
 * {@code raise_for_status()} in {@code requests}. It carries the status and the redacted URL; the
 * response itself (with its body, already read by {@code send}) is available through
 * {@link #response()}.
 */
public class HttpStatusException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    private final Status status;
    private final transient Response response;

    /**
     * @param response the response whose status is an error
     * @param redactedUrl its URL, already redacted
     */
    public HttpStatusException(Response response, String redactedUrl) {
        // the three digits as received: an invalid 099 (RFC 9110 §15) is not "99"
        super(response.status().toString().substring(0, 3) + " " + reason(response) + " for " + redactedUrl);
        this.status = response.status();
        this.response = response;
    }

    private static String reason(Response r) {
        String phrase = r.reasonPhrase();
        return phrase.isEmpty() ? r.status().reason() : phrase;
    }

    /** The error status. */
    public Status status() {
        return status;
    }

    /** The response, or {@code null} after deserialization. */
    public Response response() {
        return response;
    }
}
