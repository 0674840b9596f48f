/**
 * Moving bytes between envoi and a peer, and nothing about HTTP messages.
 *
 * <ul>
 *   <li>{@link dev.envoi.transport.Route}: scheme, host, port, {@link dev.envoi.transport.Proxy} and
 *       {@link dev.envoi.transport.TlsSettings}, the key under which connections are pooled;</li>
 *   <li>{@link dev.envoi.transport.Dialer}: DNS through a {@link dev.envoi.transport.Resolver}, TCP with
 *       Happy Eyeballs (RFC 8305), SOCKS5 (RFC 1928/1929), the {@link dev.envoi.transport.TunnelHandshake}
 *       hook where the client runs CONNECT, then TLS (RFC 8446, SNI per RFC 6066, ALPN per RFC 7301); or a
 *       Unix domain socket; each step reported to a {@link dev.envoi.transport.DialListener}, and the whole
 *       dial stoppable from another thread with a {@link dev.envoi.transport.Cancellation};</li>
 *   <li>{@link dev.envoi.transport.Connection}: buffered streams, timeouts, reusability, cancellation,
 *       {@code awaitReadable} (wait for an optional answer without consuming or poisoning);</li>
 *   <li>{@link dev.envoi.transport.ConnectionPool}: reuse per route (RFC 9112 §9.3), limits, expiry, stale checks;</li>
 *   <li>{@link dev.envoi.transport.ProxyConfig} and {@link dev.envoi.transport.NoProxy}: the
 *       {@code HTTP_PROXY}/{@code HTTPS_PROXY}/{@code ALL_PROXY}/{@code NO_PROXY} conventions of curl and
 *       {@code requests}, and the JDK's {@code http.proxyHost} properties.</li>
 * </ul>
 *
 * <pre>{@code
 * Dialer dialer = Dialer.newBuilder().tunnelHandshake(client::connectExchange).build();
 * ConnectionPool pool = ConnectionPool.newBuilder().dialer(dialer).build();
 * Proxy proxy = ProxyConfig.system().select("https", "example.com", 443);
 * Route route = Route.newBuilder().scheme("https").host("example.com").port(443).proxy(proxy).build();
 * Connection c = pool.acquire(route);
 * try {
 *     // write a request to c.output(), flush, read the response from c.input()
 * } catch (IOException e) {
 *     c.markNotReusable();
 *     throw e;
 * } finally {
 *     pool.release(c);
 * }
 * }</pre>
 *
 * <p>Failures are {@link dev.envoi.core.EnvoiException}s: {@link dev.envoi.transport.UnresolvedHostException},
 * {@link dev.envoi.transport.ConnectFailedException}, {@link dev.envoi.transport.TlsHandshakeException},
 * {@link dev.envoi.transport.ProxyException}, {@link dev.envoi.transport.TransportTimeoutException},
 * {@link dev.envoi.transport.DialCanceledException}.
 */
package dev.envoi.transport;
