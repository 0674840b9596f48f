package dev.envoi.client.internal.exchange;

import dev.envoi.core.EnvoiException;

/**
 * The connection ended before a complete response head: on a reused connection with nothing of the
 * response read, the server most likely closed it while idle, which makes a retry safe under the
 * conditions in {@link ExchangeRunner}.
 */
public final class NoResponseException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    NoResponseException(String message) {
        super(message);
    }
}
