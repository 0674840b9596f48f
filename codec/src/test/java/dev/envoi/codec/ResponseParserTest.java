package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.HeaderName;
import dev.envoi.core.Method;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Status line, fields, bodies and persistence of responses (RFC 9112 §4, §5, §6, §9). */
class ResponseParserTest {

    @Test
    void contentLengthBody() {
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello").ok()
                .lines())
                .containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Content-Length: 5 | Content-Type: text/plain | "
                                + "FixedLength[length=5] keepAlive=true",
                        "BODY hello",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
    }

    @Test
    void twoResponsesOnOneConnection() {
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").ok().lines())
                .containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Content-Length: 2 | FixedLength[length=2] keepAlive=true",
                        "BODY ab",
                        "COMPLETE keepAlive=true upgraded=false",
                        "HEAD HTTP/1.1 404 'Not Found' | Content-Length: 0 | FixedLength[length=0] keepAlive=true",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
    }

    @Test
    void statusLineWithoutSpaceBeforeEmptyReasonIsAccepted() {
        // RFC 9112 §4 requires the SP; accepted by design, see Leniency's class documentation
        assertThat(Feed.response("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD HTTP/1.1 200 '' | Content-Length: 0 | FixedLength[length=0] keepAlive=true");
        assertThat(Feed.response("HTTP/1.1 204 \r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD HTTP/1.1 204 '' | NoBody[] keepAlive=true");
    }

    @Test
    void reasonPhraseMayContainSpacesTabsAndObsText() {
        assertThat(Feed.response("HTTP/1.1 200 Fine\tand dandy \u00e9\r\nContent-Length: 0\r\n\r\n").ok().lines()
                .get(0))
                .startsWith("HEAD HTTP/1.1 200 'Fine\tand dandy \u00e9'");
    }

    @Test
    void statusLineErrors() {
        assertThat(Feed.response("HTTP/1.1 2000 OK\r\n\r\n").malformed().reason())
                .isEqualTo("expected SP after status-code but was '0'");
        assertThat(Feed.response("HTTP/1.1 20 OK\r\n\r\n").malformed().reason())
                .isEqualTo("expected 3DIGIT status-code but was SP");
        assertThat(Feed.response("HTTP/1.1  200 OK\r\n\r\n").malformed().reason())
                .isEqualTo("expected 3DIGIT status-code but was SP");
        assertThat(Feed.response("http/1.1 200 OK\r\n\r\n").malformed().reason())
                .isEqualTo("expected HTTP-version (HTTP/1.1) but was 'h'");
        assertThat(Feed.response("HTTP/2.0 200 OK\r\n\r\n").malformed().reason())
                .startsWith("expected HTTP major version 1");
        assertThat(Feed.response("HTTP/1.1 200 O\u0001K\r\n\r\n").malformed().reason())
                .isEqualTo("expected HTAB, SP, VCHAR or obs-text in reason-phrase but was 0x01");
        assertThat(Feed.response("HTTP/1.10 200 OK\r\n\r\n").malformed().reason())
                .isEqualTo("expected SP after HTTP-version but was '0'");
    }

    /**
     * Issue 7.11a: a status-code is any 3DIGIT (RFC 9112 §4); one outside 100..599 is invalid and a
     * client "SHOULD process the response as if it had a 5xx (Server Error) status code" (RFC 9110 §15),
     * so it is read, with its body framed as a 5xx's: not interim, not without content.
     */
    @Test
    void statusCodesOutside100To599AreReadAsServerErrors() {
        assertThat(Feed.response("HTTP/1.1 600 X\r\nContent-Length: 3\r\n\r\nabc").ok().lines()).containsExactly(
                "HEAD HTTP/1.1 600 'X' | Content-Length: 3 | FixedLength[length=3] keepAlive=true",
                "BODY abc",
                "COMPLETE keepAlive=true upgraded=false",
                "EOF NEED_INPUT");
        // 0xx is not an interim response: its body runs until close, like a 5xx without framing fields
        assertThat(Feed.response("HTTP/1.1 099 X\r\n\r\nbody").ok().lines()).containsExactly(
                "HEAD HTTP/1.1 99 'X' | UntilClose[] keepAlive=false",
                "BODY body",
                "EOF MESSAGE_COMPLETE keepAlive=false upgraded=false");
        assertThat(Feed.response("HTTP/1.1 999\r\nContent-Length: 2\r\n\r\nhi").ok().lines()).containsExactly(
                "HEAD HTTP/1.1 999 '' | Content-Length: 2 | FixedLength[length=2] keepAlive=true",
                "BODY hi",
                "COMPLETE keepAlive=true upgraded=false",
                "EOF NEED_INPUT");
        assertThat(Feed.response("HTTP/1.1 000 Zero\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n")
                .ok().lines()).containsExactly(
                "HEAD HTTP/1.1 0 'Zero' | Transfer-Encoding: chunked | Chunked[] keepAlive=true",
                "BODY hi",
                "COMPLETE keepAlive=true upgraded=false",
                "EOF NEED_INPUT");
        // as a 5xx: no content after HEAD, and a 0xx to CONNECT is no tunnel
        assertThat(Feed.responseTo(Method.HEAD, "HTTP/1.1 600 X\r\nContent-Length: 5\r\n\r\n").ok().lines())
                .containsExactly("HEAD HTTP/1.1 600 'X' | Content-Length: 5 | NoBody[] keepAlive=true",
                        "COMPLETE keepAlive=true upgraded=false", "EOF NEED_INPUT");
        assertThat(Feed.responseTo(Method.CONNECT, "HTTP/1.1 099 X\r\nContent-Length: 2\r\n\r\nhi").ok().lines())
                .containsExactly("HEAD HTTP/1.1 99 'X' | Content-Length: 2 | FixedLength[length=2] keepAlive=true",
                        "BODY hi", "COMPLETE keepAlive=true upgraded=false", "EOF NEED_INPUT");
    }

    @Test
    void anInvalidStatusCodeIsKeptAndClassifiedAsAServerError() throws Exception {
        ResponseParser p = new ResponseParser();
        ByteBuffer in = ByteBuffer.wrap(Feed.bytes("HTTP/1.1 600 X\r\nContent-Length: 0\r\n\r\n"));
        assertThat(p.parse(in)).isEqualTo(dev.envoi.codec.ParseEvent.HEAD);
        assertThat(p.statusCode()).isEqualTo(600);
        ResponseHead head = p.head();
        assertThat(head.status()).isSameAs(dev.envoi.core.Status.of(600));
        assertThat(head.status().isValid()).isFalse();
        assertThat(head.status().isServerError()).isTrue();
        assertThat(head.status().statusClass()).isEqualTo(dev.envoi.core.Status.StatusClass.SERVER_ERROR);
        assertThat(head.reasonPhrase()).isEqualTo("X");
    }

    @Test
    void errorCarriesOffsetStateSectionAndEscapedExcerpt() {
        var e = Feed.response("HTTP/1.1 200 OK\r\nX-A: a\u000bb\r\n\r\n").malformed();
        assertThat(e.reason()).isEqualTo("expected field-vchar, SP or HTAB in field value but was 0x0b");
        assertThat(e.offset()).isEqualTo(23);
        assertThat(e.parserState()).isEqualTo("FIELD_LINE");
        assertThat(e.rfcSection()).isEqualTo("RFC 9110 §5.5");
        assertThat(e.excerpt()).contains("X-A: a0x0bb\\r\\n");
        assertThat(e.getMessage()).contains("at offset 23").contains("[RFC 9110 §5.5]");
    }

    @Test
    void emptyLinesBeforeAStatusLineAreIgnored() {
        // a stray CRLF after a body (llhttp response/pipelining.md) or before the first response
        assertThat(Feed.response("\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nAAA\r\n"
                + "HTTP/1.1 304 Not Modified\r\n\r\n\r\n\r\n").ok().lines()).containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Content-Length: 3 | FixedLength[length=3] keepAlive=true",
                        "BODY AAA",
                        "COMPLETE keepAlive=true upgraded=false",
                        "HEAD HTTP/1.1 304 'Not Modified' | NoBody[] keepAlive=true",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
        assertThat(Feed.response("\r\n \r\nHTTP/1.1 200 OK\r\n\r\n").malformed().reason())
                .isEqualTo("expected HTTP-version (HTTP/1.1) but was SP");
    }

    @Test
    void http10PersistsOnlyWithKeepAlive() {
        assertThat(Feed.response("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx").ok().lines().get(2))
                .isEqualTo("COMPLETE keepAlive=false upgraded=false");
        assertThat(Feed.response("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx").ok().lines()
                .get(2))
                .isEqualTo("COMPLETE keepAlive=true upgraded=false");
        assertThat(Feed.response("HTTP/1.0 200 OK\r\nConnection: foo, keep-alive\r\nContent-Length: 0\r\n\r\n").ok()
                .lines().get(1))
                .isEqualTo("COMPLETE keepAlive=true upgraded=false");
    }

    @Test
    void connectionCloseEndsPersistence() {
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nConnection: CLOSE\r\nContent-Length: 0\r\n\r\n").ok().lines()
                .get(1))
                .isEqualTo("COMPLETE keepAlive=false upgraded=false");
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nConnection: upgrade\r\nConnection: close\r\nContent-Length: "
                + "0\r\n\r\n")
                .ok().lines().get(1)).isEqualTo("COMPLETE keepAlive=false upgraded=false");
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nConnection: closed\r\nContent-Length: 0\r\n\r\n").ok().lines()
                .get(1))
                .isEqualTo("COMPLETE keepAlive=true upgraded=false");
    }

    @Test
    void proxyConnectionCloseIsHonouredButNotItsKeepAlive() {
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nProxy-Connection: close\r\n\r\n").ok().lines()
                .get(1))
                .isEqualTo("COMPLETE keepAlive=false upgraded=false");
        assertThat(Feed.response("HTTP/1.0 200 OK\r\nContent-Length: 0\r\nProxy-Connection: keep-alive\r\n\r\n").ok()
                .lines()
                .get(1)).isEqualTo("COMPLETE keepAlive=false upgraded=false");
    }

    @Test
    void rule8ResponseWithoutFramingReadsUntilClose() {
        assertThat(Feed.response("HTTP/1.1 200 OK\r\n\r\nall of it").ok().lines()).containsExactly(
                "HEAD HTTP/1.1 200 'OK' | UntilClose[] keepAlive=false",
                "BODY all of it",
                "EOF MESSAGE_COMPLETE keepAlive=false upgraded=false");
    }

    @Test
    void rule1HeadResponseHasNoBodyWhateverItsFields() {
        assertThat(Feed.responseTo(Method.HEAD, "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n").ok().lines())
                .containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Content-Length: 42 | NoBody[] keepAlive=true",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
        assertThat(Feed.responseTo(Method.HEAD, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").ok().lines()
                .get(0))
                .endsWith("NoBody[] keepAlive=true");
    }

    @Test
    void rule1NoBodyFor204And304() {
        assertThat(Feed.response("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n").ok().lines().get(0))
                .endsWith("NoBody[] keepAlive=true");
        assertThat(Feed.response("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n").ok().lines().get(0))
                .endsWith("NoBody[] keepAlive=true");
    }

    @Test
    void interimResponsesThenFinal() {
        assertThat(Feed.response("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx").ok().lines())
                .containsExactly(
                        "INTERIM_HEAD HTTP/1.1 100 'Continue'",
                        "INTERIM_HEAD HTTP/1.1 103 'Early Hints' | Link: </style.css>; rel=preload",
                        "HEAD HTTP/1.1 200 'OK' | Content-Length: 1 | FixedLength[length=1] keepAlive=true",
                        "BODY x",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
    }

    @Test
    void interimResponsesAreBounded() {
        // A peer must not keep a client reading 1xx heads forever (RFC 9110 §15.2 sets no bound; envoi does).
        ParserConfig two = ParserConfig.builder().maxInterimResponses(2).build();
        String interim = "HTTP/1.1 100 Continue\r\n\r\n";
        assertThat(Feed.response(two, interim + interim + "HTTP/1.1 204 No Content\r\n\r\n").ok().lines())
                .hasSize(5).last().isEqualTo("EOF NEED_INPUT");
        var limit = Feed.response(two, interim + interim + interim + "HTTP/1.1 204 No Content\r\n\r\n").limit();
        assertThat(limit.limitName()).isEqualTo("maxInterimResponses");
        assertThat(limit.limit()).isEqualTo(2);
        assertThat(limit.getMessage()).contains("interim (1xx) responses", "RFC 9110 §15.2");
        // the count starts again with each final response
        assertThat(Feed.response(two, interim + interim + "HTTP/1.1 204 No Content\r\n\r\n" + interim + interim
                + "HTTP/1.1 204 No Content\r\n\r\n").ok().lines()).hasSize(9).last().isEqualTo("EOF NEED_INPUT");
    }

    @Test
    void endOfInputAfterInterimIsTruncation() {
        assertThat(Feed.response("HTTP/1.1 100 Continue\r\n\r\n").malformed().reason())
                .isEqualTo("message truncated: expected the final response after 1xx but the input ended");
    }

    @Test
    void switchingProtocolsUpgrades() {
        assertThat(Feed.response("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: "
                + "Upgrade\r\n\r\n\u0081\u0005hello")
                .ok().lines()).containsExactly(
                        "HEAD HTTP/1.1 101 'Switching Protocols' | Upgrade: websocket | Connection: Upgrade | "
                                + "NoBody[] keepAlive=false",
                        "COMPLETE keepAlive=false upgraded=true",
                        "REST \u0081\u0005hello");
    }

    @Test
    void rule2SuccessfulConnectBecomesATunnelIgnoringFraming() {
        assertThat(Feed.responseTo(Method.CONNECT,
                "HTTP/1.1 200 Connection established\r\nContent-Length: 10\r\n\r\n\u0016\u0003\u0001")
                .ok().lines()).containsExactly(
                        "HEAD HTTP/1.1 200 'Connection established' | Content-Length: 10 | NoBody[] keepAlive=false",
                        "COMPLETE keepAlive=false upgraded=true",
                        "REST \u0016\u0003\u0001");
        assertThat(Feed.responseTo(Method.CONNECT,
                "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 2\r\n\r\nno")
                .ok().lines().get(2)).isEqualTo("COMPLETE keepAlive=true upgraded=false");
    }

    @Test
    void parseAfterUpgradeOrErrorIsCallerMisuse() throws Exception {
        ResponseParser p = new ResponseParser();
        ByteBuffer in = ByteBuffer.wrap(Feed.bytes("HTTP/1.1 101 Switching Protocols\r\n\r\n"));
        assertThat(p.parse(in)).isEqualTo(ParseEvent.HEAD);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.MESSAGE_COMPLETE);
        assertThat(p.upgraded()).isTrue();
        assertThatThrownBy(() -> p.parse(in)).isInstanceOf(IllegalStateException.class);

        ResponseParser bad = new ResponseParser();
        assertThatThrownBy(() -> bad.parse(ByteBuffer.wrap(Feed.bytes("HTTP/1.1 200 OK\r\nA B: c\r\n\r\n"))))
                .isInstanceOf(dev.envoi.core.MalformedMessageException.class);
        assertThatThrownBy(() -> bad.parse(ByteBuffer.allocate(0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ResponseParser().statusCode()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ResponseParser().parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void truncatedBodyIsAnErrorNotAShortBody() {
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort").malformed().reason())
                .isEqualTo("message truncated: expected 5 more body bytes but the input ended");
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nContent-Le").malformed().reason())
                .isEqualTo("message truncated: expected the rest of the header section but the input ended");
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab").malformed().reason())
                .isEqualTo("message truncated: expected 3 more body bytes but the input ended");
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n").malformed().reason())
                .isEqualTo("message truncated: expected the rest of the chunked body but the input ended");
    }

    @Test
    void wellKnownNamesAreInternedInTheirReceivedCase() throws Exception {
        ResponseParser p = new ResponseParser();
        p.parse(ByteBuffer.wrap(Feed.bytes("HTTP/1.1 200 OK\r\nContent-Type: a\r\ncontent-type: b\r\nCONTENT-TYPE: "
                + "c\r\nX-Mine: d\r\n\r\n")));
        assertThat(p.fieldName(0)).isSameAs(HeaderName.CONTENT_TYPE);
        assertThat(p.fieldName(1)).isEqualTo("content-type").isSameAs(p.fieldName(1));
        assertThat(p.fieldName(2)).isEqualTo("CONTENT-TYPE");
        assertThat(p.fieldName(3)).isEqualTo("X-Mine");
        assertThat(p.fieldValue(3)).isEqualTo("d");
        assertThat(p.contentLength()).isEmpty();
    }

    @Test
    void bodyViewIsReusedForTheSameInput() throws Exception {
        ResponseParser p = new ResponseParser();
        ByteBuffer in = ByteBuffer.allocate(100);
        in.put(Feed.bytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab")).flip();
        assertThat(p.parse(in)).isEqualTo(ParseEvent.HEAD);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.BODY);
        ByteBuffer first = p.body();
        assertThat(first.remaining()).isEqualTo(2);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.NEED_INPUT);
        in.compact().put(Feed.bytes("cd")).flip();
        assertThat(p.parse(in)).isEqualTo(ParseEvent.BODY);
        assertThat(p.body()).isSameAs(first);
        assertThat(p.body().get(p.body().position())).isEqualTo((byte) 'c');
        assertThat(p.parse(in)).isEqualTo(ParseEvent.MESSAGE_COMPLETE);
    }
}
