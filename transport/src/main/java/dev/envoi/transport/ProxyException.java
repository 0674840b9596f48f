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

    /**
     * The HTTP proxy answered CONNECT with {@code 407 Proxy Authentication Required} (RFC 9110
     * §15.5.8), for the client's {@link TunnelHandshake} to throw.
     *
     * @param proxy the proxy as {@code host:port}
     * @param credentialsSent whether a {@code Proxy-Authorization} field was sent
     * @param challenges the {@code Proxy-Authenticate} field values, e.g. {@code Basic realm="corp"}, or empty
     */
    public static ProxyException authenticationRequired(String proxy, boolean credentialsSent, String challenges) {
        String asked = challenges == null || challenges.isBlank() ? "" : " (it asks for: " + challenges + ")";
        return new ProxyException(proxy, "407 Proxy Authentication Required" + asked + "; "
                + (credentialsSent ? "the credentials sent were refused: check the proxy user name and password"
                        : "set credentials with Proxy.withCredentials(user, password) or in the proxy URL")
                + " [RFC 9110 §15.5.8]");
    }

    /**
     * The HTTP proxy answered CONNECT with a status other than 2xx or 407 (RFC 9110 §9.3.6), for the
     * client's {@link TunnelHandshake} to throw.
     *
     * @param proxy the proxy as {@code host:port}
     * @param target the {@code host:port} the tunnel was for
     * @param status the status code
     * @param reasonPhrase the reason phrase, or empty
     */
    public static ProxyException tunnelRefused(String proxy, String target, int status, String reasonPhrase) {
        return new ProxyException(proxy, "refused to open a tunnel to " + target + ": " + status
                + (reasonPhrase == null || reasonPhrase.isEmpty() ? "" : " " + reasonPhrase) + " [RFC 9110 §9.3.6]");
    }

    /** The proxy as {@code host:port}. */
    public String proxy() {
        return proxy;
    }
}
