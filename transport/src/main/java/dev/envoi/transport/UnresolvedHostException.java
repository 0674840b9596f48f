package dev.envoi.transport;

import dev.envoi.core.EnvoiException;

/**
 * A host name could not be resolved to any address by the {@link Resolver} in use (RFC 1034/1035 name
 * resolution through the platform resolver, or an override map). The message names the host and,
 * when the name went through a proxy, says so.
 */
public class UnresolvedHostException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    private final String host;

    /**
     * @param host the name that did not resolve
     * @param cause the resolver's failure, or {@code null}
     */
    public UnresolvedHostException(String host, Throwable cause) {
        super("cannot resolve host " + host + (cause != null && cause.getMessage() != null
                && !cause.getMessage().equals(host) ? ": " + cause.getMessage() : "")
                + " (check the spelling, the DNS configuration, or add a Resolver override)", cause);
        this.host = host;
    }

    /** The name that did not resolve. */
    public String host() {
        return host;
    }
}
