package dev.envoi.transport;

import dev.envoi.core.EnvoiException;

/**
 * A proxy refused or failed to set up a route to the origin: a SOCKS5 reply other than "succeeded"
 * (RFC 1928 §6), rejected SOCKS5 credentials (RFC 1929 §2), no acceptable SOCKS5 authentication method,
 * or (raised by the client's CONNECT exchange) an HTTP proxy answering {@code 407 Proxy Authentication
 * Required} or another non-2xx status to CONNECT (RFC 9110 §9.3.6, §15.5.8).
 */
public class ProxyException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    private final String proxy;

    /**
     * @param proxy the proxy, as {@code host:port} (never with credentials)
     * @param reason what went wrong and how to fix it
     */
    public ProxyException(String proxy, String reason) {
        super("proxy " + proxy + ": " + reason);
        this.proxy = proxy;
    }

    /**
     * @param proxy the proxy, as {@code host:port} (never with credentials)
     * @param reason what went wrong and how to fix it
     * @param cause the underlying failure
     */
    public ProxyException(String proxy, String reason, Throwable cause) {
        super("proxy " + proxy + ": " + reason, cause);
        this.proxy = proxy;
    }

    /** The proxy as {@code host:port}. */
    public String proxy() {
        return proxy;
    }
}
