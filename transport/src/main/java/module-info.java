/**
 * Moving bytes between envoi and a peer: dialing, TLS, the connection pool, proxies and Unix domain
 * sockets. It knows nothing of HTTP messages.
 */
module dev.envoi.transport {
    requires transitive dev.envoi.core;
    // The API package is exported when the transport issue lands; an empty package cannot be exported.
}
