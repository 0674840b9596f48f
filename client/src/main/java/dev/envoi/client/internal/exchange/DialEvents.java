package dev.envoi.client.internal.exchange;

import dev.envoi.client.EventListener;
import dev.envoi.core.Url;
import dev.envoi.transport.DialListener;
import dev.envoi.transport.Proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Forwards transport's dial steps to the call's {@link EventListener}, with the URL and the call's elapsed time. */
final class DialEvents implements DialListener {
    private final EventListener events;
    private final Url url;
    private final CallState state;

    DialEvents(EventListener events, Url url, CallState state) {
        this.events = events;
        this.url = url;
        this.state = state;
    }

    /** The listener to dial with: none at all when the call's listener is the no-op one. */
    static DialListener of(CallState state, Url url) {
        EventListener events = state.listener();
        return events == EventListener.NONE ? DialListener.NONE : new DialEvents(events, url, state);
    }

    @Override
    public void dnsEnd(String host, List<InetAddress> addresses) {
        events.dnsResolved(url, host, addresses, state.elapsedNanos());
    }

    @Override
    public void connectStart(InetSocketAddress address) {
        events.connectStarted(url, address, state.elapsedNanos());
    }

    @Override
    public void connectEnd(InetSocketAddress address) {
        events.connected(url, address, state.elapsedNanos());
    }

    @Override
    public void connectFailed(InetSocketAddress address, IOException failure) {
        events.connectFailed(url, address, failure, state.elapsedNanos());
    }

    @Override
    public void proxyHandshakeEnd(Proxy proxy) {
        events.proxyHandshakeDone(url, proxy.authority(), state.elapsedNanos());
    }

    @Override
    public void tlsEnd(String protocol, String cipherSuite) {
        events.tlsHandshakeDone(url, protocol, cipherSuite, state.elapsedNanos());
    }
}
