/**
 * Moving bytes between envoi and a peer: dialing (RFC 8305 Happy Eyeballs), TLS over JSSE (RFC 8446,
 * RFC 6066 SNI, RFC 7301 ALPN), the connection pool (RFC 9112 §9 persistence), proxies (HTTP forward and
 * tunnel hook, SOCKS5 per RFC 1928/1929, the {@code HTTP_PROXY}/{@code NO_PROXY} conventions) and Unix
 * domain sockets. It knows nothing of HTTP messages. Only {@code dev.envoi.transport} is exported.
 */
module dev.envoi.transport {
    requires transitive dev.envoi.core;

    exports dev.envoi.transport;
}
