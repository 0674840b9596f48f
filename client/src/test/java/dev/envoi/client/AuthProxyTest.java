package dev.envoi.client;

import com.sun.net.httpserver.HttpExchange;
import dev.envoi.core.Method;
import dev.envoi.transport.Proxy;
import dev.envoi.transport.ProxyConfig;
import dev.envoi.transport.ProxyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authentication (RFC 9110 §11) and proxies (RFC 9110 §9.3.6, RFC 9112 §3.2.2) through the client. */
class AuthProxyTest {
    static TestHttpServer http;
    static TestHttpServer https;
    static final DigestAuthFlowTest.Server DIGEST = new DigestAuthFlowTest.Server();

    @BeforeAll
    static void start() throws Exception {
        http = routes(new TestHttpServer());
        https = routes(TestHttpServer.https(TestCa.get().serverContext));
    }

    @AfterAll
    static void stop() {
        http.close();
        https.close();
    }

    private static TestHttpServer routes(TestHttpServer s) {
        return s.handle("/basic", AuthProxyTest::basic).handle("/digest", AuthProxyTest::digest)
                .handle("/echo", ex -> TestHttpServer.reply(ex, 200, "auth=" + ex.getRequestHeaders().getFirst("Authorization")
                        + " proxy=" + ex.getRequestHeaders().getFirst("Proxy-Authorization")));
    }

    private static void basic(HttpExchange ex) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s\u00e9same".getBytes(UTF_8));
        if (expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            TestHttpServer.reply(ex, 200, "welcome");
        } else {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\", charset=\"UTF-8\"");
            TestHttpServer.reply(ex, 401, "who?");
        }
    }

    private static void digest(HttpExchange ex) throws IOException {
        try {
            Optional<String> challenge;
            synchronized (DIGEST) {
                challenge = DIGEST.handle(Method.of(ex.getRequestMethod()), ex.getRequestURI().toString(),
                        ex.getRequestHeaders().getFirst("Authorization"));
            }
            if (challenge.isPresent()) {
                ex.getResponseHeaders().add("WWW-Authenticate", challenge.get());
                TestHttpServer.reply(ex, 401, "digest please");
            } else {
                TestHttpServer.reply(ex, 200, "digest ok");
            }
        } catch (Exception e) {
            TestHttpServer.reply(ex, 500, e.toString());
        }
    }

    @Test
    void basicAnsweredPreemptivelyAndRefusedCredentialsEndWith401() throws IOException {
        try (Client c = Client.builder().authenticator(Authenticator.basic("alice", "s\u00e9same")).build()) {
            Response r = c.send(Request.get(http.url("/basic")).build());
            assertThat(r.text()).isEqualTo("welcome");
        }
        try (Client c = Client.builder().authenticator(Authenticator.basic("alice", "wrong")).build()) {
            Response r = c.send(Request.get(http.url("/basic")).build());
            assertThat(r.code()).isEqualTo(401);
            assertThatThrownBy(r::ensureSuccess).isInstanceOf(HttpStatusException.class)
                    .hasMessageNotContaining("Basic").hasMessageNotContaining("wrong");
        }
    }

    @Test
    void digestIsAnsweredAfterTheChallenge() throws IOException {
        try (Client c = Client.builder().authenticator(Authenticator.digest("alice", "wonder land")).build()) {
            Response r = c.send(Request.get(http.url("/digest?x=1")).build());
            assertThat(r.text()).isEqualTo("digest ok");
            assertThat(c.send(Request.get(http.url("/digest?x=2")).build()).text()).isEqualTo("digest ok");
        }
    }

    @Test
    void netrcCredentialsGoToTheirHostOnly() throws IOException {
        Netrc netrc = Netrc.parse("machine 127.0.0.1 login alice password s\u00e9same\n");
        try (Client c = Client.builder().netrc(netrc).build()) {
            assertThat(c.send(Request.get(http.url("/basic")).build()).text()).isEqualTo("welcome");
            assertThat(c.send(Request.get(http.url("/echo").replace("127.0.0.1", "localhost")).build()).text())
                    .isEqualTo("auth=null proxy=null");
        }
    }

    @Test
    void forwardProxyGetsAbsoluteFormAndItsCredentials() throws Exception {
        try (RawServer proxy = new RawServer(RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nproxied"))) {
            Proxy p = Proxy.http("127.0.0.1", proxy.port()).withCredentials("pu", "pp");
            try (Client c = Client.builder().proxies(ProxyConfig.of(p)).build()) {
                Response r = c.send(Request.get("http://u:pw@127.0.0.1:9/path?q=1#frag").build());
                assertThat(r.text()).isEqualTo("proxied");
            }
            assertThat(proxy.request(0)).startsWith("GET http://127.0.0.1:9/path?q=1 HTTP/1.1\r\nHost: 127.0.0.1:9\r\n")
                    .contains("\r\nProxy-Authorization: Basic cHU6cHA=\r\n")
                    .contains("\r\nAuthorization: Basic dTpwdw==\r\n");
        }
    }

    @Test
    void tunnelSendsProxyAuthorizationToTheProxyOnly() throws Exception {
        String creds = "Basic " + Base64.getEncoder().encodeToString("pu:pp".getBytes(UTF_8));
        try (ConnectProxy proxy = new ConnectProxy(creds);
             Client c = Client.builder().tls(TestCa.get().trust())
                     .proxies(ProxyConfig.of(Proxy.http("127.0.0.1", proxy.port()).withCredentials("pu", "pp"))).build()) {
            Response r = c.send(Request.get(https.url("/echo")).build());
            assertThat(r.text()).isEqualTo("auth=null proxy=null");
            assertThat(proxy.heads.get(0)).isEqualTo("CONNECT 127.0.0.1:" + https.port() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + https.port() + "\r\nUser-Agent: envoi/0.1\r\n"
                    + "Proxy-Authorization: " + creds + "\r\n\r\n");
            assertThat(c.send(Request.get(https.url("/echo")).build()).code()).isEqualTo(200);
            assertThat(proxy.heads).hasSize(1); // the tunnel connection was reused
        }
    }

    @Test
    void tunnelAnswersADigestChallengeFromTheProxy() throws Exception {
        DigestAuthFlowTest.Server digest = new DigestAuthFlowTest.Server();
        try (ConnectProxy proxy = new ConnectProxy(digest);
             Client c = Client.builder().tls(TestCa.get().trust())
                     .proxies(ProxyConfig.of(Proxy.http("127.0.0.1", proxy.port()).withCredentials("alice", "wonder land")))
                     .build()) {
            assertThat(c.send(Request.get(https.url("/echo")).build()).text()).isEqualTo("auth=null proxy=null");
            assertThat(proxy.heads).hasSize(2);
            assertThat(proxy.heads.get(0)).contains("Proxy-Authorization: Basic ");
            assertThat(proxy.heads.get(1)).contains("Proxy-Authorization: Digest ");
        }
    }

    @Test
    void forwardProxyDigestChallengeIsAnswered() throws Exception {
        try (RawServer proxy = new RawServer(
                RawServer.Reply.keep("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Digest realm=\"p\","
                        + " qop=\"auth\", nonce=\"abc\", algorithm=SHA-256\r\nContent-Length: 0\r\n\r\n"),
                RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            Proxy p = Proxy.http("127.0.0.1", proxy.port()).withCredentials("pu", "pp");
            try (Client c = Client.builder().proxies(ProxyConfig.of(p)).build()) {
                assertThat(c.send(Request.get("http://127.0.0.1:9/x").build()).text()).isEqualTo("ok");
            }
            assertThat(proxy.request(0)).contains("Proxy-Authorization: Basic cHU6cHA=\r\n");
            assertThat(proxy.request(1)).contains("Proxy-Authorization: Digest username=\"pu\"")
                    .contains("uri=\"http://127.0.0.1:9/x\"");
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @Test
    void tunnelRefusedWith407IsReportedClearly() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy("Basic secret");
             Client c = Client.builder().tls(TestCa.get().trust())
                     .proxies(ProxyConfig.of(Proxy.http("127.0.0.1", proxy.port()))).build()) {
            assertThatThrownBy(() -> c.send(Request.get(https.url("/echo")).build()))
                    .isInstanceOf(ProxyException.class)
                    .hasMessageContaining("407 Proxy Authentication Required")
                    .hasMessageContaining("Basic realm=\"test\"");
        }
    }

    @Test
    void untrustedCertificateIsATlsException() throws Exception {
        try (Client c = Client.builder().build()) {
            assertThatThrownBy(() -> c.send(Request.get(https.url("/echo")).build()))
                    .isInstanceOf(TlsException.class).hasMessageContaining(https.url("/echo"));
        }
    }
}
