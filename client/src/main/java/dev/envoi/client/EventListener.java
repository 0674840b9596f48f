package dev.envoi.client;

import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import dev.envoi.core.Status;
import dev.envoi.core.Url;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Observes the steps of each call, with timings measured from the start of the call (nanoseconds,
 * {@link System#nanoTime()} based) — the numbers curl's {@code -w} shows. Every method has an
 * empty default; implement what you need. Called on the calling thread, in this order per exchange:
 * when a new connection is dialed, {@link #dnsResolved}, then for each address tried
 * {@link #connectStarted} and {@link #connectFailed} or {@link #connected}, {@link #proxyHandshakeDone}
 * (SOCKS5 or CONNECT tunnel) and {@link #tlsHandshakeDone} where they apply (none of these when a pooled
 * connection is reused); then {@link #connectionAcquired}, {@link #requestSent},
 * {@link #responseHeadReceived}; {@link #redirect} or {@link #retry} between exchanges;
 * {@link #responseBodyDone} when the final body was read to its end; {@link #callEnd} or
 * {@link #callFailed} once.
 *
 * <p>curl's {@code -w} variables map to: {@code time_namelookup} = {@code dnsResolved},
 * {@code time_connect} = {@code connected}, {@code time_appconnect} = {@code tlsHandshakeDone},
 * {@code time_pretransfer} = {@code connectionAcquired}, {@code time_starttransfer} =
 * {@code responseHeadReceived}, {@code time_total} = {@code responseBodyDone}/{@code callEnd}, and
 * {@code num_connects} counts {@code connectionAcquired} with {@code reused == false}.
 * Implementations must be thread-safe (one listener serves every call of a client) and fast; an
 * exception thrown by a listener propagates to the caller.
 *
 * <pre>{@code
 * Client client = Client.builder().eventListener(new EventListener() {
 *     public void responseHeadReceived(Url url, HttpVersion v, Status s, Headers h, long nanos) {
 *         log.info(url + " answered " + s + " after " + nanos / 1_000_000 + " ms");
 *     }
 * }).build();
 * }</pre>
 * Values of {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie} are passed as
 * sent; a listener that logs them must redact them.
 */
public interface EventListener {
    /** The shared listener that does nothing. */
    EventListener NONE = new EventListener() {
    };

    /** A call starts. */
    default void callStart(Request request) {
    }

    /**
     * The host to dial (the proxy, or the origin) resolved to {@code addresses}, in the order they
     * will be tried (RFC 8305 §4). A SOCKS5 proxy without remote DNS reports the origin's lookup too.
     * Not called for Unix domain sockets.
     */
    default void dnsResolved(Url url, String host, List<InetAddress> addresses, long elapsedNanos) {
    }

    /** A TCP connect attempt to {@code address} starts (several may race, RFC 8305). */
    default void connectStarted(Url url, InetSocketAddress address, long elapsedNanos) {
    }

    /** The connect attempt to {@code address} failed; another address may be tried. */
    default void connectFailed(Url url, InetSocketAddress address, IOException failure, long elapsedNanos) {
    }

    /** TCP connected to {@code address} (the attempt that won the race). */
    default void connected(Url url, InetSocketAddress address, long elapsedNanos) {
    }

    /** The SOCKS5 negotiation or CONNECT tunnel through {@code proxy} ({@code host:port}) succeeded. */
    default void proxyHandshakeDone(Url url, String proxy, long elapsedNanos) {
    }

    /** The TLS handshake finished with {@code protocol} (e.g. {@code TLSv1.3}) and {@code cipherSuite}. */
    default void tlsHandshakeDone(Url url, String protocol, String cipherSuite, long elapsedNanos) {
    }

    /**
     * A connection was obtained: from the pool ({@code reused}) or newly dialed (DNS, TCP, TLS and
     * proxy handshakes included in {@code elapsedNanos}).
     */
    default void connectionAcquired(Url url, String peer, boolean reused, long elapsedNanos) {
    }

    /** The request head (as written, Host first) and body were sent. */
    default void requestSent(Url url, Method method, String target, Headers headers, long elapsedNanos) {
    }

    /** The final response head arrived (time to first byte, roughly). */
    default void responseHeadReceived(Url url, HttpVersion version, Status status, Headers headers,
            long elapsedNanos) {
    }

    /** A redirect is being followed. */
    default void redirect(Redirect redirect, long elapsedNanos) {
    }

    /** An exchange failed in a way that is safe to retry, and is retried. */
    default void retry(Url url, IOException failure, int attempt, long elapsedNanos) {
    }

    /** The final response body was read to its end (nothing for a body closed early); {@link #callEnd} follows. */
    default void responseBodyDone(Url url, long elapsedNanos) {
    }

    /** The call ended: the body was read to its end or closed. */
    default void callEnd(Url url, long elapsedNanos) {
    }

    /** The call failed. */
    default void callFailed(Url url, IOException failure, long elapsedNanos) {
    }
}
