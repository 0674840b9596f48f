package dev.envoi.client;

import dev.envoi.core.EnvoiException;

/**
 * No connection to the server (or its proxy) could be made: the host name did not resolve, every
 * address refused or was unreachable, or a proxy refused the tunnel. The cause is the transport's
 * detailed exception ({@code UnresolvedHostException}, {@code ConnectFailedException} listing every
 * address tried, {@code ProxyException} naming a {@code 407} plainly). The message names the URL
 * with credentials redacted.
 */
public class ConnectException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    /**
     * @param redactedUrl the URL of the request, already redacted
     * @param cause the transport's exception
     */
    public ConnectException(String redactedUrl, Throwable cause) {
        super("cannot connect for " + redactedUrl + ": " + (cause == null ? "" : cause.getMessage()), cause);
    }
}
