package dev.envoi.transport;

import dev.envoi.core.EnvoiException;

/**
 * A dial (or a wait for a pool slot) stopped because its {@link Cancellation} was tripped; every
 * socket it had opened is closed.
 */
public class DialCanceledException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    /** @param what what was canceled, e.g. {@code "dial to example.com:443"} */
    public DialCanceledException(String what) {
        super(what + " was canceled");
    }
}
