package dev.envoi.client;

import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import dev.envoi.core.Status;
import dev.envoi.core.Url;
import dev.envoi.transport.Proxy;
import dev.envoi.transport.ProxyConfig;
import dev.envoi.transport.Resolver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The event listener's dial phases (DNS, connect, TLS), body done and reuse, in order, like curl's -w. */
class DialEventsTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /** Records "name detail" per event, and that the elapsed times never go backwards. */
    static final class Recorder implements EventListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<Long> times = Collections.synchronizedList(new ArrayList<>());

        private void add(String e, long nanos) {
            events.add(e);
            times.add(nanos);
        }

        @Override
        public void callStart(Request request) {
            events.add("callStart");
            times.add(0L);
        }

        @Override
        public void dnsResolved(Url url, String host, List<InetAddress> addresses, long nanos) {
            List<String> a = new ArrayList<>();
            for (InetAddress i : addresses) {
                a.add(i.getHostAddress());
            }
            add("dnsResolved " + host + " " + a, nanos);
        }

        @Override
        public void connectStarted(Url url, InetSocketAddress address, long nanos) {
            add("connectStarted " + address.getAddress().getHostAddress(), nanos);
        }

        @Override
        public void connectFailed(Url url, InetSocketAddress address, IOException failure, long nanos) {
            add("connectFailed " + address.getAddress().getHostAddress(), nanos);
        }

        @Override
        public void connected(Url url, InetSocketAddress address, long nanos) {
            add("connected " + address.getAddress().getHostAddress(), nanos);
        }

        @Override
        public void proxyHandshakeDone(Url url, String proxy, long nanos) {
            add("proxyHandshakeDone " + proxy, nanos);
        }

        @Override
        public void tlsHandshakeDone(Url url, String protocol, String cipherSuite, long nanos) {
            add("tlsHandshakeDone " + protocol.startsWith("TLSv1.") + " " + !cipherSuite.isEmpty(), nanos);
        }

        @Override
        public void connectionAcquired(Url url, String peer, boolean reused, long nanos) {
            add("connectionAcquired reused=" + reused, nanos);
        }

        @Override
        public void requestSent(Url url, Method method, String target, Headers headers, long nanos) {
            add("requestSent", nanos);
        }

        @Override
        public void responseHeadReceived(Url url, HttpVersion version, Status status, Headers headers, long nanos) {
            add("responseHeadReceived " + status.code(), nanos);
        }

        @Override
        public void responseBodyDone(Url url, long nanos) {
            add("responseBodyDone", nanos);
        }

        @Override
        public void callEnd(Url url, long nanos) {
            add("callEnd", nanos);
        }

        @Override
        public void callFailed(Url url, IOException failure, long nanos) {
            add("callFailed " + failure, nanos);
        }

        List<String> take() {
            synchronized (events) {
                for (int i = 1; i < times.size(); i++) {
                    assertThat(times.get(i)).as("time of " + events.get(i)).isGreaterThanOrEqualTo(times.get(i - 1));
                }
                List<String> copy = List.copyOf(events);
                events.clear();
                times.clear();
                return copy;
            }
        }
    }

    @Test
    void plainCallReportsDnsConnectAndBodyDoneThenReuseReportsNoDial() throws Exception {
        Recorder r = new Recorder();
        try (RawServer server = new RawServer(RawServer.Reply.keep(OK), RawServer.Reply.keep(OK));
             Client c = Client.builder().eventListener(r).build()) {
            assertThat(c.send(Request.get(server.url("/")).build()).text()).isEqualTo("ok");
            assertThat(r.take()).containsExactly("callStart", "dnsResolved 127.0.0.1 [127.0.0.1]",
                    "connectStarted 127.0.0.1", "connected 127.0.0.1", "connectionAcquired reused=false",
                    "requestSent", "responseHeadReceived 200", "responseBodyDone", "callEnd");
            assertThat(c.send(Request.get(server.url("/")).build()).text()).isEqualTo("ok");
            assertThat(r.take()).containsExactly("callStart", "connectionAcquired reused=true",
                    "requestSent", "responseHeadReceived 200", "responseBodyDone", "callEnd");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void httpsCallReportsTheTlsHandshakeAfterConnect() throws Exception {
        Recorder r = new Recorder();
        try (TestHttpServer server = TestHttpServer.https(TestCa.get().serverContext)
                .handle("/", ex -> TestHttpServer.reply(ex, 200, "secure"));
             Client c = Client.builder().tls(TestCa.get().trust()).eventListener(r).build()) {
            assertThat(c.send(Request.get(server.url("/")).build()).text()).isEqualTo("secure");
            assertThat(r.take()).containsExactly("callStart", "dnsResolved 127.0.0.1 [127.0.0.1]",
                    "connectStarted 127.0.0.1", "connected 127.0.0.1", "tlsHandshakeDone true true",
                    "connectionAcquired reused=false", "requestSent", "responseHeadReceived 200",
                    "responseBodyDone", "callEnd");
        }
    }

    @Test
    void tunnelThroughAProxyReportsTheProxyHandshakeBetweenConnectAndTls() throws Exception {
        Recorder r = new Recorder();
        try (TestHttpServer server = TestHttpServer.https(TestCa.get().serverContext)
                .handle("/", ex -> TestHttpServer.reply(ex, 200, "tunnelled"));
             ConnectProxy proxy = new ConnectProxy((String) null);
             Client c = Client.builder().tls(TestCa.get().trust()).eventListener(r)
                     .proxies(ProxyConfig.of(Proxy.http("127.0.0.1", proxy.port()))).build()) {
            assertThat(c.send(Request.get(server.url("/")).build()).text()).isEqualTo("tunnelled");
            assertThat(r.take()).containsExactly("callStart", "dnsResolved 127.0.0.1 [127.0.0.1]",
                    "connectStarted 127.0.0.1", "connected 127.0.0.1", "proxyHandshakeDone 127.0.0.1:" + proxy.port(),
                    "tlsHandshakeDone true true", "connectionAcquired reused=false", "requestSent",
                    "responseHeadReceived 200", "responseBodyDone", "callEnd");
        }
    }

    @Test
    void happyEyeballsFallbackReportsTheFailedAttemptThenTheConnect() throws Exception {
        Recorder r = new Recorder();
        // Only loopback: ::1 (nothing listens on the port there) is tried first, then 127.0.0.1.
        List<InetAddress> both = List.of(InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"));
        try (RawServer server = new RawServer(RawServer.Reply.keep(OK));
             Client c = Client.builder().eventListener(r)
                     .resolver(Resolver.overriding(Map.of("fallback.test", both), Resolver.system())).build()) {
            Response resp = c.send(Request.get("http://fallback.test:" + server.port() + "/").build());
            assertThat(resp.text()).isEqualTo("ok");
            assertThat(r.take()).containsExactly("callStart", "dnsResolved fallback.test [0:0:0:0:0:0:0:1, 127.0.0.1]",
                    "connectStarted 0:0:0:0:0:0:0:1", "connectFailed 0:0:0:0:0:0:0:1", "connectStarted 127.0.0.1",
                    "connected 127.0.0.1", "connectionAcquired reused=false", "requestSent",
                    "responseHeadReceived 200", "responseBodyDone", "callEnd");
        }
    }
}
