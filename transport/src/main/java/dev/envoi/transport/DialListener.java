package dev.envoi.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Observes the steps of one {@link Dialer#dial(Route, DialListener, Cancellation) dial}: name
 * resolution, each TCP attempt of the RFC 8305 race, the proxy handshake (SOCKS5 or the CONNECT
 * tunnel) and the TLS handshake — the phases curl's {@code -w} times as {@code time_namelookup},
 * {@code time_connect} and {@code time_appconnect}. Every method has an empty default.
 *
 * <p>All methods run on the dialing thread, in this order: {@code dnsStart}, {@code dnsEnd} (not for
 * Unix domain sockets); for each attempt {@code connectStart}, then {@code connectFailed} or (for the
 * winner) {@code connectEnd}; {@code proxyHandshakeStart}/{@code End} when a proxy is traversed;
 * {@code tlsStart}/{@code tlsEnd} for TLS routes. A SOCKS5 proxy without remote DNS resolves the origin
 * too, with a second {@code dnsStart}/{@code dnsEnd} pair. Attempts still running when another wins
 * are abandoned without an event. An exception thrown by a listener fails the dial.
 *
 * <pre>{@code
 * DialListener timings = new DialListener() {
 *     public void connectEnd(InetSocketAddress a) { log.info("connected to " + a); }
 * };
 * Connection c = dialer.dial(route, timings, Cancellation.none());
 * }</pre>
 */
public interface DialListener {
    /** The listener that does nothing. */
    DialListener NONE = new DialListener() {
    };

    /** Name resolution of {@code host} (the proxy's or the origin's) starts. */
    default void dnsStart(String host) {
    }

    /** {@code host} resolved to {@code addresses}, in the order they will be tried (RFC 8305 §4). */
    default void dnsEnd(String host, List<InetAddress> addresses) {
    }

    /** A TCP connect attempt to {@code address} starts (or a Unix domain socket connect, with a {@code null} address). */
    default void connectStart(InetSocketAddress address) {
    }

    /** The attempt to {@code address} connected and won the race. */
    default void connectEnd(InetSocketAddress address) {
    }

    /** The attempt to {@code address} failed with {@code failure}; another address may follow. */
    default void connectFailed(InetSocketAddress address, IOException failure) {
    }

    /** The SOCKS5 negotiation or the CONNECT tunnel handshake with {@code proxy} starts. */
    default void proxyHandshakeStart(Proxy proxy) {
    }

    /** The proxy handshake succeeded: bytes now flow to the origin. */
    default void proxyHandshakeEnd(Proxy proxy) {
    }

    /** The TLS handshake with {@code host} starts. */
    default void tlsStart(String host) {
    }

    /** The TLS handshake finished: the negotiated {@code protocol} (e.g. {@code TLSv1.3}) and {@code cipherSuite}. */
    default void tlsEnd(String protocol, String cipherSuite) {
    }
}
