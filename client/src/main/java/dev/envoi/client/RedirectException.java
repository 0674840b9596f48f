package dev.envoi.client;

import dev.envoi.core.EnvoiException;

import java.util.List;

/**
 * A redirect (RFC 9110 §15.4) could not be followed: a loop, a {@code Location} that is not an
 * {@code http}/{@code https} URL, or a 307/308 that must resend a body that cannot be replayed (a
 * stream, sent once). {@link #history()} lists the hops followed before the failure.
 */
public class RedirectException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    private final transient List<Redirect> history;

    /**
     * @param message what went wrong, naming the redacted URLs
     * @param history the hops followed so far
     */
    public RedirectException(String message, List<Redirect> history) {
        super(message);
        this.history = List.copyOf(history);
    }

    /** The redirects followed before the failure, oldest first. */
    public List<Redirect> history() {
        return history == null ? List.of() : history;
    }
}
