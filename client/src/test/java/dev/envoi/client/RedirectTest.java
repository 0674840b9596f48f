package dev.envoi.client;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redirects (RFC 9110 §15.4) against the JDK's HTTP and HTTPS servers, and the credential matrix. */
class RedirectTest {
    static TestHttpServer a;
    static TestHttpServer b;
    static TestHttpServer s;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        a = routes(new TestHttpServer());
        b = routes(new TestHttpServer());
        s = routes(TestHttpServer.https(TestCa.get().serverContext));
        client = Client.builder().tls(TestCa.get().trust()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        a.close();
        b.close();
        s.close();
    }

    private static TestHttpServer routes(TestHttpServer server) {
        return server.handle("/to", RedirectTest::redirect).handle("/echo", RedirectTest::echo)
                .handle("/set", ex -> {
                    ex.getResponseHeaders().add("Set-Cookie", "jar=1; Path=/");
                    TestHttpServer.reply(ex, 200, "set");
                })
                .handle("/loop", ex -> {
                    ex.getResponseHeaders().set("Location", "/loop");
                    ex.sendResponseHeaders(302, -1);
                })
                .handle("/count", ex -> {
                    int n = Integer.parseInt(ex.getRequestURI().getQuery());
                    ex.getResponseHeaders().set("Location", "/count?" + (n + 1));
                    ex.sendResponseHeaders(302, -1);
                });
    }

    /** {@code /to?code=302&url=<encoded Location>}. */
    private static void redirect(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getRawQuery();
        int code = Integer.parseInt(q.substring(5, 8));
        String location = URLDecoder.decode(q.substring(q.indexOf("url=") + 4), StandardCharsets.UTF_8);
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(code, -1);
    }

    private static void echo(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var h = ex.getRequestHeaders();
        TestHttpServer.reply(ex, 200, "method=" + ex.getRequestMethod() + " auth=" + h.getFirst("Authorization")
                + " cookie=" + h.getFirst("Cookie") + " proxy=" + h.getFirst("Proxy-Authorization")
                + " type=" + h.getFirst("Content-Type") + " body=" + body);
    }

    static String to(TestHttpServer from, int code, String location) {
        return from.url("/to?code=" + code + "&url=" + URLEncoder.encode(location, StandardCharsets.UTF_8));
    }

    @Test
    void relativeLocationIsResolvedAndHistoryRecorded() throws IOException {
        Response r = client.send(Request.get(to(a, 301, "../echo?x=1")).build());
        assertThat(r.text()).startsWith("method=GET");
        assertThat(r.url().toString()).isEqualTo(a.url("/echo?x=1"));
        assertThat(r.history()).hasSize(1);
        Redirect hop = r.history().get(0);
        assertThat(hop.status().code()).isEqualTo(301);
        assertThat(hop.to().toString()).isEqualTo(a.url("/echo?x=1"));
        assertThat(hop.crossOrigin()).isFalse();
        assertThat(hop.changes()).isEmpty();
    }

    @Test
    void fragmentIsKeptWhenTheLocationHasNone() throws IOException {
        Response r = client.send(Request.get(to(a, 302, "/echo") + "#part").build());
        assertThat(r.url().encodedFragment()).isEqualTo("part");
        assertThat(r.history().get(0).changes()).anyMatch(c -> c.contains("RFC 9110 §10.2.2"));
    }

    @Test
    void postBecomesGetOn302And303AndDropsBodyAndContentFields() throws IOException {
        for (int code : new int[] {301, 302, 303}) {
            Response r = client.send(Request.post(to(a, code, "/echo")).body("payload").build());
            assertThat(r.text()).isEqualTo("method=GET auth=null cookie=null proxy=null type=null body=");
            assertThat(r.history().get(0).toMethod().name()).isEqualTo("GET");
            assertThat(r.history().get(0).changes().get(0)).startsWith("method POST -> GET, body and Content-* fields dropped");
        }
        Response put = client.send(Request.put(to(a, 303, "/echo")).body("payload").build());
        assertThat(put.text()).startsWith("method=GET");
        Response head = client.send(Request.head(to(a, 303, "/echo")).build());
        assertThat(head.request().method().name()).isEqualTo("HEAD");
    }

    @Test
    void putStaysPutOn301() throws IOException {
        assertThat(client.send(Request.put(to(a, 301, "/echo")).body("x").build()).text()).startsWith("method=PUT")
                .endsWith("body=x");
    }

    @Test
    void temporaryAndPermanentRedirectsKeepMethodAndBody() throws IOException {
        for (int code : new int[] {307, 308}) {
            Response r = client.send(Request.post(to(a, code, "/echo")).body("payload").build());
            assertThat(r.text()).isEqualTo("method=POST auth=null cookie=null proxy=null"
                    + " type=text/plain; charset=UTF-8 body=payload");
        }
    }

    @Test
    void unreplayableBodyFailsClearlyOn307() {
        RequestBody once = RequestBody.ofStream(new ByteArrayInputStream("x".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> client.send(Request.post(to(a, 307, "/echo")).body(once).build()))
                .isInstanceOf(RedirectException.class).hasMessageContaining("can be sent only once");
    }

    @Test
    void loopsAndTooManyRedirects() throws IOException {
        assertThatThrownBy(() -> client.send(Request.get(a.url("/loop")).build()))
                .isInstanceOf(RedirectException.class).hasMessageContaining("redirect loop");
        assertThatThrownBy(() -> client.send(Request.get(a.url("/count?0")).build()))
                .isInstanceOf(TooManyRedirectsException.class).hasMessageContaining("more than 30 redirects")
                .satisfies(e -> assertThat(((TooManyRedirectsException) e).history()).hasSize(30));
        try (Client none = client.newBuilder().followRedirects(false).build()) {
            assertThat(none.send(Request.get(a.url("/count?0")).build()).code()).isEqualTo(302);
        }
        try (Client three = client.newBuilder().maxRedirects(3).build()) {
            assertThatThrownBy(() -> three.send(Request.get(a.url("/count?0")).build()))
                    .isInstanceOf(TooManyRedirectsException.class);
        }
    }

    @Test
    void invalidLocationIsReported() {
        assertThatThrownBy(() -> client.send(Request.get(to(a, 302, "mailto:x@example.com")).build()))
                .isInstanceOf(RedirectException.class).hasMessageContaining("not an http(s) URL");
    }

    /**
     * The credential matrix: user-set Authorization, Cookie and Proxy-Authorization, URL userinfo, the
     * client's authenticator and jar cookies, across same origin, other host, other port, https→http
     * and http→https (curl CVE-2018-1000007, CVE-2022-27776; requests CVE-2018-18074).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "same origin, a, a, 127.0.0.1, true, true",
            "other host, a, a, localhost, false, false",
            "other port, a, b, 127.0.0.1, false, true",
            "https to http, s, a, 127.0.0.1, false, true",
            "http to https, a, s, 127.0.0.1, false, true"})
    void credentialMatrix(String name, String fromServer, String toServer, String toHost, boolean keep,
            boolean jarCookieSent) throws Exception {
        TestHttpServer from = server(fromServer);
        TestHttpServer dest = server(toServer);
        String target = dest.url("/echo").replace("127.0.0.1", toHost);
        try (Client c = Client.builder().tls(TestCa.get().trust()).authenticator(Authenticator.bearer("tok")).build()) {
            c.send(Request.get(from.url("/set")).build());
            c.send(Request.get(dest.url("/set")).build()); // the destination's jar cookie, for 127.0.0.1
            Response r = c.send(Request.get(to(from, 302, target)).header("Authorization", "Bearer user")
                    .header("Cookie", "mine=1").header("Proxy-Authorization", "Basic cHJveHk6cHc=").build());
            String expectedCookie = keep ? "mine=1; jar=1" : jarCookieSent ? "jar=1" : "null";
            assertThat(r.text()).isEqualTo("method=GET auth=" + (keep ? "Bearer user" : "null") + " cookie="
                    + expectedCookie + " proxy=" + (keep ? "Basic cHJveHk6cHc=" : "null") + " type=null body=");
            if (!keep) {
                assertThat(r.history().get(0).changes()).anyMatch(ch -> ch.startsWith("Authorization set on the request dropped"))
                        .anyMatch(ch -> ch.startsWith("Cookie set on the request dropped"))
                        .anyMatch(ch -> ch.startsWith("Proxy-Authorization set on the request dropped"));
            }
            // the client's authenticator: sent preemptively to the first origin only
            Response viaAuthenticator = c.send(Request.get(to(from, 302, target)).build());
            assertThat(viaAuthenticator.text()).contains("auth=" + (keep ? "Bearer tok" : "null"));
        }
        // URL userinfo: Basic for that origin only
        Response withUserInfo = client.send(Request.get(to(from, 302, target).replace("://", "://u:p@")).build());
        assertThat(withUserInfo.text()).contains("auth=" + (keep ? "Basic dTpw" : "null"));
    }

    private static TestHttpServer server(String name) {
        return switch (name) {
            case "a" -> a;
            case "b" -> b;
            default -> s;
        };
    }
}
