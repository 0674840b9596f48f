package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.core.Method;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Request-lines, request framing and persistence (RFC 9112 §2.2, §3, §6.3, §9.3). */
class RequestParserTest {

    @Test
    void simpleGet() {
        assertThat(Feed.request("GET /where?q=now HTTP/1.1\r\nHost: www.example.com\r\n\r\n").ok().lines())
                .containsExactly(
                        "HEAD GET /where?q=now HTTP/1.1 | Host: www.example.com | NoBody[] keepAlive=true",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
    }

    @Test
    void pipelinedRequestsWithBodies() {
        assertThat(Feed.request("POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                + "PUT /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n"
                + "DELETE /c HTTP/1.1\r\nConnection: close\r\n\r\n").ok().lines()).containsExactly(
                        "HEAD POST /a HTTP/1.1 | Content-Length: 3 | FixedLength[length=3] keepAlive=true",
                        "BODY abc",
                        "COMPLETE keepAlive=true upgraded=false",
                        "HEAD PUT /b HTTP/1.1 | Transfer-Encoding: chunked | Chunked[] keepAlive=true",
                        "BODY de",
                        "COMPLETE keepAlive=true upgraded=false trailers=X-T: 1",
                        "HEAD DELETE /c HTTP/1.1 | Connection: close | NoBody[] keepAlive=false",
                        "COMPLETE keepAlive=false upgraded=false",
                        "EOF NEED_INPUT");
    }

    @Test
    void rule7RequestWithoutFramingHasNoBody() {
        assertThat(Feed.request("POST / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n").ok().lines()).hasSize(5);
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreIgnored() {
        // RFC 9112 §2.2: a server SHOULD ignore at least one empty line received before the request-line
        assertThat(Feed.request("\r\n\r\nGET / HTTP/1.1\r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD GET / HTTP/1.1 | NoBody[] keepAlive=true");
        assertThat(Feed.request("GET / HTTP/1.1\r\n\r\n\r\nGET /2 HTTP/1.1\r\n\r\n").ok().lines().get(2))
                .isEqualTo("HEAD GET /2 HTTP/1.1 | NoBody[] keepAlive=true");
        assertThat(Feed.request("\r\n").ok().lines()).containsExactly("EOF NEED_INPUT");
        assertThat(Feed.request("\n").malformed().reason()).isEqualTo("expected CRLF but was a bare LF");
    }

    @Test
    void http10RequestPersistence() {
        assertThat(Feed.request("GET / HTTP/1.0\r\n\r\n").ok().lines().get(0)).endsWith("keepAlive=false");
        assertThat(Feed.request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").ok().lines().get(0))
                .endsWith("keepAlive=true");
        assertThat(Feed.request("GET / HTTP/1.2\r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD GET / HTTP/1.2 | NoBody[] keepAlive=true");
    }

    @Test
    void requestLineNeedsExactlyOneSpaceBetweenParts() {
        assertThat(Feed.request("GET  / HTTP/1.1\r\n\r\n").malformed().reason())
                .isEqualTo("expected request-target but was SP");
        assertThat(Feed.request("GET /  HTTP/1.1\r\n\r\n").malformed().reason())
                .isEqualTo("expected HTTP-version (HTTP/1.1) but was SP");
        assertThat(Feed.request("GET / HTTP/1.1 \r\n\r\n").malformed().reason())
                .isEqualTo("expected CRLF after HTTP-version but was SP");
        assertThat(Feed.request(" GET / HTTP/1.1\r\n\r\n").malformed().reason())
                .isEqualTo("expected method (a token) but was SP");
        assertThat(Feed.request("GET\t/ HTTP/1.1\r\n\r\n").malformed().reason())
                .isEqualTo("expected SP after method but was HTAB");
        assertThat(Feed.request("GET /\r\n\r\n").malformed().reason())
                .isEqualTo("expected SP after request-target but was end of line");
    }

    @Test
    void requestTargetRefusesControlsAndNonAscii() {
        var e = Feed.request("GET /a\u0000b HTTP/1.1\r\n\r\n").malformed();
        assertThat(e.reason()).isEqualTo("expected SP or a visible ASCII character in request-target but was 0x00");
        assertThat(e.parserState()).isEqualTo("REQUEST_TARGET");
        assertThat(e.offset()).isEqualTo(6);
        assertThat(Feed.request("GET /\u00e9 HTTP/1.1\r\n\r\n").malformed().reason()).endsWith("but was 0xe9");
        assertThat(Feed.request("GET /a\tb HTTP/1.1\r\n\r\n").malformed().reason()).endsWith("but was HTAB");
        assertThat(Feed.request("GET /a\u007fb HTTP/1.1\r\n\r\n").malformed().reason()).endsWith("but was 0x7f");
    }

    @Test
    void versionIsCaseSensitiveAndSingleDigits() {
        assertThat(Feed.request("GET / http/1.1\r\n\r\n").malformed().reason())
                .isEqualTo("expected HTTP-version (HTTP/1.1) but was 'h'");
        assertThat(Feed.request("GET / HTTP/1.11\r\n\r\n").malformed().reason())
                .isEqualTo("expected CRLF after HTTP-version but was '1'");
        assertThat(Feed.request("GET / HTTP/1\r\n\r\n").malformed().reason())
                .isEqualTo("expected HTTP-version (HTTP/1.1) but was end of line");
        assertThat(Feed.request("GET / HTTP/0.9\r\n\r\n").malformed().rfcSection()).isEqualTo("RFC 9110 §2.5");
    }

    @Test
    void methodsAreCaseSensitiveTokens() throws Exception {
        RequestParser p = new RequestParser();
        p.parse(ByteBuffer.wrap(Feed.bytes("GET / HTTP/1.1\r\n\r\n")));
        assertThat(p.method()).isSameAs(Method.GET);
        RequestParser q = new RequestParser();
        q.parse(ByteBuffer.wrap(Feed.bytes("get / HTTP/1.1\r\n\r\n")));
        assertThat(q.method()).isNotEqualTo(Method.GET);
        assertThat(q.method().name()).isEqualTo("get");
        for (String m : new String[] {"HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}) {
            RequestParser r = new RequestParser();
            r.parse(ByteBuffer.wrap(Feed.bytes(m + " / HTTP/1.1\r\n\r\n")));
            assertThat(r.method()).isSameAs(Method.of(m));
        }
        assertThat(Feed.request("G(T / HTTP/1.1\r\n\r\n").malformed().reason())
                .isEqualTo("expected SP after method but was '('");
    }

    @Test
    void obsFoldInRequestIsRefused() {
        var e = Feed.request("GET / HTTP/1.1\r\nX-A: 1\r\n 2\r\n\r\n").malformed();
        assertThat(e.reason()).isEqualTo("obs-fold (a line starting with SP) is not allowed in a request");
        assertThat(e.rfcSection()).isEqualTo("RFC 9112 §5.2");
    }

    @Test
    void whitespaceBeforeColonIsRefusedInRequestsEvenWithTheResponseLeniency() {
        ParserConfig c = ParserConfig.builder().allow(Leniency.WHITESPACE_BEFORE_COLON_IN_RESPONSE).build();
        assertThat(Feed.request(c, "GET / HTTP/1.1\r\nHost : a\r\n\r\n").malformed().rfcSection())
                .isEqualTo("RFC 9112 §5.1");
    }

    @Test
    void connectRequestStopsTheParser() {
        assertThat(Feed.request("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n\u0016\u0003").ok()
                .lines())
                .containsExactly(
                        "HEAD CONNECT example.com:443 HTTP/1.1 | Host: example.com:443 | NoBody[] keepAlive=false",
                        "COMPLETE keepAlive=false upgraded=true",
                        "REST \u0016\u0003");
        // RFC 9110 §9.3.6: a CONNECT request has no content, whatever its fields say
        assertThat(Feed.request("CONNECT a:443 HTTP/1.1\r\nContent-Length: 4\r\n\r\nblarf").ok().lines())
                .containsExactly(
                "HEAD CONNECT a:443 HTTP/1.1 | Content-Length: 4 | NoBody[] keepAlive=false",
                "COMPLETE keepAlive=false upgraded=true",
                "REST blarf");
    }

    @Test
    void truncatedRequests() {
        assertThat(Feed.request("GET / HT").malformed().reason())
                .isEqualTo("message truncated: expected the rest of the start-line but the input ended");
        assertThat(Feed.request("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nab").malformed().offset()).isEqualTo(40);
    }

    @Test
    void absoluteAndAsteriskForms() {
        assertThat(Feed.request("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").ok().lines().get(0))
                .startsWith("HEAD OPTIONS * HTTP/1.1");
        assertThat(Feed.request("GET http://a.example/p?q#x HTTP/1.1\r\n\r\n").ok().lines().get(0))
                .startsWith("HEAD GET http://a.example/p?q#x HTTP/1.1");
    }
}
