package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;
import static dev.envoi.transport.DialerTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** SOCKS5, the tunnel hook and forward-proxy routes through in-test proxies on 127.0.0.1. */
class ProxyRoutesTest {
    /** Resolves only the proxy's address; any attempt to resolve an origin name locally fails the test. */
    private static final Resolver ONLY_LOOPBACK_LITERAL = (host, port) -> {
        if (!host.equals("127.0.0.1")) {
            throw new java.net.UnknownHostException("test resolver: " + host + " must not be resolved locally");
        }
        return List.of(LOOPBACK);
    };

    private static Dialer dialer() {
        return Dialer.newBuilder().resolver(ONLY_LOOPBACK_LITERAL).build();
    }

    @Test
    void socks5WithoutAuthSendsTheNameForRemoteDns() throws Exception {
        try (EchoServer echo = new EchoServer();
                TestProxies.Socks5Server socks = new TestProxies.Socks5Server(null, null, Map.of())) {
            Route r = Route.newBuilder().host("origin.test").port(echo.port())
                    .proxy(Proxy.socks5("127.0.0.1", socks.port())).build();
            try (Connection c = dialer().dial(r)) {
                assertThat(roundTrip(c, "through socks")).isEqualTo("through socks");
                assertThat(c.peer()).isEqualTo("127.0.0.1:" + socks.port());
            }
            assertThat(socks.requests).containsExactly(new TestProxies.Request(3, "origin.test", echo.port()));
        }
    }

    @Test
    void socks5WithUsernameAndPassword() throws Exception {
        try (EchoServer echo = new EchoServer();
                TestProxies.Socks5Server socks = new TestProxies.Socks5Server("alice", "s3cret", Map.of())) {
            Proxy proxy = Proxy.socks5("127.0.0.1", socks.port());
            Route good = Route.newBuilder().host("origin.test").port(echo.port())
                    .proxy(proxy.withCredentials("alice", "s3cret")).build();
            try (Connection c = dialer().dial(good)) {
                assertThat(roundTrip(c, "authenticated")).isEqualTo("authenticated");
            }
            Route wrong = good.toBuilder().proxy(proxy.withCredentials("alice", "wrong")).build();
            assertThatThrownBy(() -> dialer().dial(wrong)).isInstanceOf(ProxyException.class)
                    .hasMessageContaining("proxy 127.0.0.1:" + socks.port())
                    .hasMessageContaining("user name or password rejected")
                    .hasMessageContaining("RFC 1929");
            Route none = good.toBuilder().proxy(proxy).build();
            assertThatThrownBy(() -> dialer().dial(none)).isInstanceOf(ProxyException.class)
                    .hasMessageContaining("no acceptable authentication method; the proxy probably requires a user name");
        }
    }

    @Test
    void socks5LocalDnsSendsAnAddressAndFailuresAreNamed() throws Exception {
        try (EchoServer echo = new EchoServer();
                TestProxies.Socks5Server socks = new TestProxies.Socks5Server(null, null, Map.of("refused.test", 5))) {
            Resolver origin = Resolver.overriding(Map.of("local.test", List.of(LOOPBACK)), ONLY_LOOPBACK_LITERAL);
            Dialer d = Dialer.newBuilder().resolver(origin).build();
            Route local = Route.newBuilder().host("local.test").port(echo.port())
                    .proxy(Proxy.socks5("127.0.0.1", socks.port(), false)).build();
            try (Connection c = d.dial(local)) {
                assertThat(roundTrip(c, "v4")).isEqualTo("v4");
            }
            assertThat(socks.requests).containsExactly(new TestProxies.Request(1, "127.0.0.1", echo.port()));

            Route refused = Route.newBuilder().host("refused.test").port(80)
                    .proxy(Proxy.socks5("127.0.0.1", socks.port())).build();
            assertThatThrownBy(() -> d.dial(refused)).isInstanceOf(ProxyException.class)
                    .hasMessageContaining("cannot reach refused.test:80: connection refused (reply 5) [RFC 1928 §6]");
        }
    }

    @Test
    void socks5ToAnIpv6OriginUsesAddressType4() throws Exception {
        try (TestProxies.Socks5Server socks = new TestProxies.Socks5Server(null, null, Map.of("0:0:0:0:0:0:0:1", 4))) {
            Route r = Route.newBuilder().host("[::1]").port(8080).proxy(Proxy.socks5("127.0.0.1", socks.port())).build();
            assertThatThrownBy(() -> dialer().dial(r)).isInstanceOf(ProxyException.class).hasMessageContaining("host unreachable");
            assertThat(socks.requests).containsExactly(new TestProxies.Request(4, "0:0:0:0:0:0:0:1", 8080));
        }
    }

    @Test
    void forwardProxyRouteConnectsToTheProxy() throws Exception {
        try (EchoServer proxy = new EchoServer()) {
            Route r = Route.newBuilder().host("origin.test").port(80).proxy(Proxy.http("127.0.0.1", proxy.port())).build();
            assertThat(r.isForwardProxy()).isTrue();
            try (Connection c = dialer().dial(r)) {
                assertThat(c.peer()).isEqualTo("127.0.0.1:" + proxy.port());
                assertThat(roundTrip(c, "GET http://origin.test/ HTTP/1.1")).isEqualTo("GET http://origin.test/ HTTP/1.1");
            }
        }
    }

    /** An SSL server socket on 127.0.0.1 with a certificate for origin.test, and settings that trust it. */
    private record TlsOrigin(SSLServerSocket server, TlsSettings tls) {
    }

    private static TlsOrigin tlsOrigin() throws Exception {
        TestPki.Issued ca = TestPki.ca("envoi proxy CA");
        TestPki.Issued cert = TestPki.leaf(ca, "origin.test", Instant.now().minus(1, ChronoUnit.HOURS),
                Instant.now().plus(1, ChronoUnit.DAYS), List.of("origin.test"), List.of());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(cert.keyStore("pw".toCharArray()), "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(LOOPBACK, 0));
        return new TlsOrigin(server, TlsSettings.newBuilder()
                .trustPemText(TestPki.pem("CERTIFICATE", ca.cert().getEncoded())).build());
    }

    /** Accepts one TLS connection, echoes one byte, and reports the negotiated protocol. */
    private static CompletableFuture<String> echoOnce(SSLServerSocket server) {
        return TestProxies.async(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                int b = s.getInputStream().read();
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                return s.getSession().getProtocol();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void tlsRunsEndToEndThroughSocks5() throws Exception {
        TlsOrigin origin = tlsOrigin();
        try (SSLServerSocket server = origin.server();
                TestProxies.Socks5Server socks = new TestProxies.Socks5Server(null, null, Map.of())) {
            CompletableFuture<String> served = echoOnce(server);
            Route r = Route.newBuilder().scheme("https").host("origin.test").port(server.getLocalPort()).tls(origin.tls())
                    .proxy(Proxy.socks5("127.0.0.1", socks.port())).build();
            try (Connection c = dialer().dial(r)) {
                assertThat(roundTrip(c, "s")).isEqualTo("s");
            }
            assertThat(served.get(5, TimeUnit.SECONDS)).startsWith("TLSv1.");
            assertThat(socks.requests).containsExactly(new TestProxies.Request(3, "origin.test", server.getLocalPort()));
        }
    }

    /** The hook runs after TCP connect and before TLS; TLS then runs end to end through the tunnel. */
    @Test
    void tunnelHookRunsBeforeTls() throws Exception {
        TlsOrigin tlsOrigin = tlsOrigin();
        TlsSettings tls = tlsOrigin.tls();
        TunnelHandshake lineProtocol = (route, in, out) -> {
            out.write(("OPEN " + route.authority() + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = TestProxies.readLine(in);
            if (!answer.equals("OK")) {
                throw new ProxyException(route.proxy().authority(), "refused the tunnel: " + answer);
            }
        };
        try (SSLServerSocket origin = tlsOrigin.server();
                TestProxies.LineTunnelServer proxy = new TestProxies.LineTunnelServer()) {
            CompletableFuture<String> served = echoOnce(origin);
            Dialer d = dialer().toBuilder().tunnelHandshake(lineProtocol).build();
            Route r = Route.newBuilder().scheme("https").host("origin.test").port(origin.getLocalPort()).tls(tls)
                    .proxy(Proxy.http("127.0.0.1", proxy.port())).build();
            assertThat(r.isTunnel()).isTrue();
            try (Connection c = d.dial(r)) {
                assertThat(c.tlsSession()).isPresent();
                assertThat(roundTrip(c, "t")).isEqualTo("t");
            }
            assertThat(served.get(5, TimeUnit.SECONDS)).startsWith("TLSv1.");
            assertThat(proxy.opened).containsExactly("OPEN origin.test:" + origin.getLocalPort());

            Route denied = r.toBuilder().host("denied.test").build();
            assertThatThrownBy(() -> d.dial(denied)).isInstanceOf(ProxyException.class)
                    .hasMessageContaining("refused the tunnel: DENIED");
        }
    }
}
