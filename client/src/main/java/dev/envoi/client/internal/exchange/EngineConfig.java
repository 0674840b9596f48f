package dev.envoi.client.internal.exchange;

import dev.envoi.client.Authenticator;
import dev.envoi.client.ContentDecoding;
import dev.envoi.client.CookieJar;
import dev.envoi.client.Netrc;
import dev.envoi.client.Timeouts;
import dev.envoi.codec.ParserConfig;
import dev.envoi.transport.Connection;
import dev.envoi.transport.ConnectionPool;
import dev.envoi.transport.ProxyConfig;
import dev.envoi.transport.TlsSettings;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What the engine needs of a client's configuration, handed over by {@code Client} (whose
 * accessors stay in the API package). Immutable except the shared {@link #usedConnections()} set.
 *
 * @param pool the connection pool
 * @param cookieJar the jar, receiving {@code Set-Cookie} per hop and giving {@code Cookie} per hop
 * @param contentDecoding response decoding and its limits
 * @param timeouts read, write, pool and call limits (connect lives in the pool's dialer)
 * @param userAgent the {@code User-Agent} value, or {@code null} to send none
 * @param followRedirects whether to follow redirects
 * @param maxRedirects the most hops followed
 * @param authenticator the configured authenticator for the first request's origin, or {@code null}
 * @param netrc credentials by host, or {@code null} when {@code .netrc} is not used
 * @param proxies proxy selection per URL
 * @param tls TLS settings for https routes
 * @param parserConfig response parser limits and leniencies
 * @param statusRetries how many times a 429 or 503 to an idempotent request is retried (0: never)
 * @param maxRetryDelay the longest wait before such a retry; a longer Retry-After is not waited for
 * @param expectContinueTimeout how long to wait for {@code 100 Continue} before sending the body anyway
 * @param usedConnections connections that already carried an exchange (weak, identity), to tell
 *     a reused connection from a new one for the retry rules
 */
public record EngineConfig(ConnectionPool pool, CookieJar cookieJar, ContentDecoding contentDecoding, Timeouts timeouts,
        String userAgent, boolean followRedirects, int maxRedirects, Authenticator authenticator, Netrc netrc,
        ProxyConfig proxies, TlsSettings tls, ParserConfig parserConfig, int statusRetries, java.time.Duration maxRetryDelay,
        java.time.Duration expectContinueTimeout, Set<Connection> usedConnections) {

    /** A new set for {@link #usedConnections()}. */
    public static Set<Connection> newConnectionSet() {
        return Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    }
}
