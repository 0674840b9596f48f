package dev.envoi.client;

import dev.envoi.core.EnvoiException;

/**
 * A server's authentication challenge could not be answered for a reason the caller should hear
 * about rather than a plain 401/407: for example Digest offered only {@code qop=auth-int}
 * (RFC 7616 §3.4.3), which signs the body, and the body was a stream that cannot be read twice.
 * The message names the scheme and the reason; it never contains credentials.
 */
public class AuthenticationException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    /** @param message what could not be answered and why; never credentials */
    public AuthenticationException(String message) {
        super(message);
    }
}
