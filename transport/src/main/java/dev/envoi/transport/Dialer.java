package dev.envoi.transport;

import dev.envoi.transport.internal.IpLiteral;
import dev.envoi.transport.internal.Link;
import dev.envoi.transport.internal.Log;
import dev.envoi.transport.internal.SocketLink;
import dev.envoi.transport.internal.Socks5;
import dev.envoi.transport.internal.TlsFailures;
import dev.envoi.transport.internal.UnixLink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens {@link Connection}s for {@link Route}s. Steps, all within the connect timeout:
 * <ol>
 *   <li>resolve the first hop (the proxy, or the origin) with the {@link Resolver};</li>
 *   <li>connect over TCP, racing the addresses per RFC 8305 (Happy Eyeballs v2: IPv6/IPv4 interleaved,
 *       a new attempt every 250 ms or on failure, first success wins); or open the route's Unix domain
 *       socket;</li>
 *   <li>SOCKS5 proxy: negotiate (RFC 1928, RFC 1929 credentials), sending the origin's name for remote
 *       DNS; HTTP proxy with {@code https}: run the {@link TunnelHandshake} (the client's CONNECT);</li>
 *   <li>{@code https}: TLS handshake with SNI, hostname verification, ALPN {@code http/1.1} and the
 *       route's {@link TlsSettings};</li>
 *   <li>apply the read and write timeouts and hand the connection over.</li>
 * </ol>
 * Failures are typed: {@link UnresolvedHostException}, {@link ConnectFailedException} (every address
 * tried and why it failed), {@link ProxyException}, {@link TlsHandshakeException},
 * {@link TransportTimeoutException} (phase {@code CONNECT} when no address accepted the TCP connect
 * within the connect timeout, {@code HANDSHAKE} when a proxy or TLS handshake ran out of it). Thread-safe and immutable.
 *
 * <pre>{@code
 * Dialer dialer = Dialer.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
 * try (Connection c = dialer.dial(Route.of("https", "example.com", 443))) { ... }
 * }</pre>
 */
public final class Dialer {
    /** Default connect timeout: 10 s (whole dial: DNS excluded, TCP, proxy and TLS handshakes). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default read and write timeout: 30 s. */
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(30);
    /** RFC 8305 §8 recommended Connection Attempt Delay. */
    public static final Duration DEFAULT_ATTEMPT_DELAY = Duration.ofMillis(250);

    private final Resolver resolver;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration attemptDelay;
    private final TunnelHandshake tunnel;
    private final SocketConnector connector;

    private Dialer(Builder b) {
        this.resolver = b.resolver;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.attemptDelay = b.attemptDelay;
        this.tunnel = b.tunnel;
        this.connector = b.connector;
    }

    /** A dialer with every default. */
    public static Dialer defaults() {
        return newBuilder().build();
    }

    /** A builder with the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder holding this dialer's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.resolver = resolver;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.attemptDelay = attemptDelay;
        b.tunnel = tunnel;
        b.connector = connector;
        return b;
    }

    /** The connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Opens a connection for {@code route}.
     *
     * @throws IllegalStateException if the route tunnels through an HTTP proxy and no
     *     {@link TunnelHandshake} is configured
     */
    public Connection dial(Route route) throws IOException {
        return dial(route, DialListener.NONE, Cancellation.none());
    }

    /**
     * Opens a connection for {@code route}, reporting each step to {@code listener} and stopping
     * promptly, with every socket it opened closed, when {@code cancel} is tripped.
     *
     * @throws DialCanceledException if {@code cancel} was tripped before the connection was handed over
     * @throws IllegalStateException if the route tunnels through an HTTP proxy and no
     *     {@link TunnelHandshake} is configured
     */
    public Connection dial(Route route, DialListener listener, Cancellation cancel) throws IOException {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        if (route.isTunnel() && tunnel == null) {
            throw new IllegalStateException("route " + route + " tunnels through an HTTP proxy but this Dialer has"
                    + " no TunnelHandshake; set one with Dialer.Builder.tunnelHandshake(...)");
        }
        String what = "dial to " + route.authority();
        cancel.check(what);
        int budget = millis(connectTimeout);
        if (route.unixSocket() != null) {
            Connection c = finish(route, dialUnix(route, budget)); // a local connect: not worth a registration
            if (cancel.isCanceled()) {
                c.close();
                cancel.check(what);
            }
            return c;
        }
        return dialTcp(route, budget, listener, cancel);
    }

    /** TCP (racing), then the proxy and TLS handshakes, with the TCP socket registered for cancellation. */
    private Connection dialTcp(Route route, int budget, DialListener listener, Cancellation cancel) throws IOException {
        String what = "dial to " + route.authority();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budget);
        Socket tcp = connectFirstHop(route, budget, listener, cancel);
        Socket socket = tcp;
        cancel.register(tcp);
        try {
            tcp.setTcpNoDelay(true); // requests are written whole and flushed; Nagle only adds latency
            traverseProxy(route, tcp, deadline, listener);
            boolean certificateAsked = false;
            if (route.isTls()) {
                listener.tlsStart(route.host());
                SSLSocket ssl = handshake(route, tcp, remaining(deadline, route));
                socket = ssl;
                certificateAsked = route.tls().clientCertificateRequested(socket);
                listener.tlsEnd(ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite());
            }
            String peer = Route.formatAddress((InetSocketAddress) tcp.getRemoteSocketAddress());
            Connection c = finish(route, new SocketLink(socket, tcp, peer));
            c.clientCertificateRequested = certificateAsked;
            cancel.unregister(tcp);
            if (cancel.isCanceled()) {
                c.close();
                cancel.check(what);
            }
            return c;
        } catch (SocketTimeoutException e) {
            close(socket);
            cancel.check(what);
            TransportTimeoutException t = new TransportTimeoutException(TransportTimeoutException.Phase.HANDSHAKE,
                    route.authority(), budget);
            t.initCause(e);
            throw t;
        } catch (IOException | RuntimeException e) {
            close(socket);
            if (cancel.isCanceled()) {
                throw (DialCanceledException) new DialCanceledException(what).initCause(e);
            }
            throw e;
        } finally {
            cancel.unregister(tcp);
        }
    }

    /** TCP to the proxy, or to the origin when there is none, racing its addresses (RFC 8305). */
    private Socket connectFirstHop(Route route, int budget, DialListener listener, Cancellation cancel)
            throws IOException {
        Proxy proxy = route.proxy();
        boolean direct = proxy.type() == Proxy.Type.DIRECT;
        String host = direct ? route.host() : proxy.host();
        int port = direct ? route.port() : proxy.port();
        List<InetAddress> addresses = HappyEyeballs.interleave(resolve(host, port, listener));
        cancel.check("dial to " + route.authority());
        return new HappyEyeballs(connector, attemptDelay.toNanos()).connect(host, addresses, port, budget,
                listener, cancel);
    }

    /** SOCKS5 negotiation, or the tunnel hook for https through an HTTP proxy; nothing otherwise. */
    private void traverseProxy(Route route, Socket tcp, long deadline, DialListener listener) throws IOException {
        Proxy proxy = route.proxy();
        if (proxy.type() == Proxy.Type.SOCKS5) {
            listener.proxyHandshakeStart(proxy);
            tcp.setSoTimeout(remaining(deadline, route));
            // socks5h sends the name (RFC 1928 §5 DOMAINNAME); socks5 sends our first address for it
            String target = proxy.remoteDns() ? route.host()
                    : IpLiteral.format(resolve(route.host(), route.port(), listener).get(0));
            Socks5.connect(tcp.getInputStream(), tcp.getOutputStream(), proxy.authority(),
                    proxy.username(), proxy.password(), target, route.port());
            listener.proxyHandshakeEnd(proxy);
        } else if (route.isTunnel()) {
            listener.proxyHandshakeStart(proxy);
            tcp.setSoTimeout(remaining(deadline, route));
            tunnel.establish(route, tcp.getInputStream(), tcp.getOutputStream());
            listener.proxyHandshakeEnd(proxy);
        }
    }

    private Connection finish(Route route, Link link) throws IOException {
        Connection c = new Connection(route, link);
        c.setReadTimeout(readTimeout);
        c.setWriteTimeout(writeTimeout);
        return c;
    }

    private static Link dialUnix(Route route, int timeoutMillis) throws IOException {
        try {
            return UnixLink.connect(route.unixSocket(), timeoutMillis);
        } catch (SocketTimeoutException e) {
            TransportTimeoutException t = new TransportTimeoutException(TransportTimeoutException.Phase.CONNECT,
                    "unix:" + route.unixSocket(), timeoutMillis);
            t.initCause(e);
            throw t;
        } catch (IOException e) {
            throw new ConnectFailedException("unix:" + route.unixSocket(), -1, List.of(), e);
        }
    }

    private SSLSocket handshake(Route route, Socket tcp, int timeoutMillis) throws IOException {
        TlsSettings tls = route.tls();
        String host = route.host();
        SSLSocket ssl = (SSLSocket) tls.sslContext().getSocketFactory().createSocket(tcp, host, route.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        if (IpLiteral.parse(host) == null) {
            // RFC 6066 §3: SNI carries DNS names only, never IP literals; a trailing dot is not sent.
            params.setServerNames(List.of(new SNIHostName(host.endsWith(".") ? host.substring(0, host.length() - 1) : host)));
        }
        if (!tls.isInsecure()) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        params.setApplicationProtocols(new String[] {"http/1.1"});
        params.setProtocols(tls.protocols().toArray(new String[0]));
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(timeoutMillis);
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            tls.clientCertificateRequested(ssl);
            throw e;
        } catch (IOException e) {
            boolean asked = tls.clientCertificateRequested(ssl);
            if (Log.DEBUG) {
                Log.debug("TLS handshake with " + route.authority() + " failed: " + e);
            }
            TlsHandshakeException t = TlsFailures.classify(route.authority(), e);
            if (asked && (t == null || t.reason() == TlsHandshakeException.Reason.OTHER || TlsFailures.isBareClose(e))) {
                // TLS 1.2: a server refusing our (missing) certificate may close before we read its alert
                throw new TlsHandshakeException(route.authority(), TlsHandshakeException.Reason.CLIENT_CERTIFICATE_REJECTED,
                        "the server asked for a client certificate" + (tls.hasClientCertificate() ? "" : " and none is configured")
                        + ", then failed the handshake: " + e.getMessage(), e);
            }
            throw t != null ? t : e;
        }
        if (Log.DEBUG) {
            Log.debug("TLS with " + route.authority() + ": " + ssl.getSession().getProtocol() + ", "
                    + ssl.getSession().getCipherSuite() + ", ALPN " + ssl.getApplicationProtocol());
        }
        return ssl;
    }

    private List<InetAddress> resolve(String host, int port, DialListener listener) throws IOException {
        listener.dnsStart(host);
        List<InetAddress> found;
        try {
            found = resolver.resolve(host, port);
        } catch (UnresolvedHostException e) {
            throw e;
        } catch (IOException e) {
            throw new UnresolvedHostException(host, e);
        }
        if (found == null || found.isEmpty()) {
            throw new UnresolvedHostException(host, null);
        }
        listener.dnsEnd(host, HappyEyeballs.interleave(List.copyOf(found)));
        return found;
    }

    private static int remaining(long deadline, Route route) throws TransportTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new TransportTimeoutException(TransportTimeoutException.Phase.HANDSHAKE, route.authority(), 0);
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the dial already failed; the close failure adds nothing
        }
    }

    private static int millis(Duration d) {
        long ms = d.toMillis();
        return (int) Math.max(1, Math.min(ms, Integer.MAX_VALUE));
    }

    /** Builds a {@link Dialer}. */
    public static final class Builder {
        private Resolver resolver = Resolver.system();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_IO_TIMEOUT;
        private Duration writeTimeout = DEFAULT_IO_TIMEOUT;
        private Duration attemptDelay = DEFAULT_ATTEMPT_DELAY;
        private TunnelHandshake tunnel;
        private SocketConnector connector = SocketConnector.DEFAULT;

        private Builder() {
        }

        /** The resolver; {@link Resolver#system()} by default. */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Time for the whole dial after DNS: TCP, proxy handshake and TLS; default {@link #DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Read timeout of new connections, zero for none; default {@link #DEFAULT_IO_TIMEOUT}. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = notNegative(timeout, "readTimeout");
            return this;
        }

        /** Write timeout of new connections, zero for none; default {@link #DEFAULT_IO_TIMEOUT}. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = notNegative(timeout, "writeTimeout");
            return this;
        }

        /** RFC 8305 Connection Attempt Delay between racing attempts; default 250 ms (RFC 8305 §8: 100 ms to 2 s). */
        public Builder attemptDelay(Duration delay) {
            this.attemptDelay = positive(delay, "attemptDelay");
            return this;
        }

        /** The CONNECT exchange for {@code https} routes through HTTP proxies. */
        public Builder tunnelHandshake(TunnelHandshake handshake) {
            this.tunnel = Objects.requireNonNull(handshake, "handshake");
            return this;
        }

        Builder socketConnector(SocketConnector connector) {
            this.connector = Objects.requireNonNull(connector, "connector");
            return this;
        }

        /** The dialer. */
        public Dialer build() {
            return new Dialer(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }

        private static Duration notNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }
    }
}
