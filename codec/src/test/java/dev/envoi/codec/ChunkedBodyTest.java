package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunked transfer coding: chunks, extensions, trailers (RFC 9112 §7.1). */
class ChunkedBodyTest {
    private static final String HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

    @Test
    void rfcExampleStyleChunkedBody() {
        assertThat(Feed.response(HEAD + "4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n").ok().lines())
                .containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: chunked | Chunked[] keepAlive=true",
                        "BODY Wikipedia in\r\n\r\nchunks.",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
    }

    @Test
    void hexDigitsInEitherCaseAndLeadingZeros() {
        assertThat(Feed.response(HEAD + "0a\r\n0123456789\r\nA\r\nabcdefghij\r\n000\r\n\r\n").ok().lines().get(1))
                .isEqualTo("BODY 0123456789abcdefghij");
    }

    /**
     * Issue 7.11b: chunk-size = 1*HEXDIG (RFC 9112 §7.1) has no length cap; the guard is on the
     * value (2^63-1), so zeros before a small size are read, within the chunk-size line's limit.
     */
    @Test
    void chunkSizePaddedWithZerosBeyond16DigitsIsItsValue() {
        assertThat(Feed.response(HEAD + "00000000000000000005\r\nhello\r\n000000000000000000000\r\n\r\n").ok()
                .lines()).containsExactly(
                "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: chunked | Chunked[] keepAlive=true",
                "BODY hello",
                "COMPLETE keepAlive=true upgraded=false",
                "EOF NEED_INPUT");
        String zeros = "0".repeat(1000);
        assertThat(Feed.response(HEAD + zeros + "a;x=y\r\n0123456789\r\n" + zeros + "\r\n\r\n").ok().lines().get(1))
                .isEqualTo("BODY 0123456789");
    }

    @Test
    void paddedChunkSizeThatOverflowsIsRefusedAtItsDigit() {
        // 2^63 after 20 zeros: the 16th significant digit is where the value passes 2^63-1
        var e = Feed.response(HEAD + "00000000000000000000" + "8000000000000000\r\n").malformed();
        assertThat(e.reason()).isEqualTo("chunk-size exceeds 2^63-1");
        assertThat(e.rfcSection()).isEqualTo("RFC 9112 §7.1");
        assertThat(e.parserState()).isEqualTo("CHUNK_SIZE");
        assertThat(e.offset()).isEqualTo(HEAD.length() + 20 + 15);
        e = Feed.response(HEAD + "0000FFFFFFFFFFFFFFFFF\r\n").malformed();
        assertThat(e.reason()).isEqualTo("chunk-size exceeds 2^63-1");
        assertThat(e.offset()).isEqualTo(HEAD.length() + 4 + 15);
    }

    @Test
    void zerosPaddingAChunkSizeAreBoundedByTheChunkLineLimit() {
        // the line holds 16 HEXDIG + CRLF + maxChunkExtensionBytes; padding draws on the same allowance
        ParserConfig none = ParserConfig.builder().maxChunkExtensionBytes(0).build();
        assertThat(Feed.response(none, HEAD + "0000000000000005\r\nhello\r\n0\r\n\r\n").ok().lines().get(1))
                .isEqualTo("BODY hello");
        var limit = Feed.response(none, HEAD + "00000000000000005\r\nhello\r\n0\r\n\r\n").limit();
        assertThat(limit.limitName()).isEqualTo("maxChunkExtensionBytes");
        assertThat(limit.offset()).isEqualTo(HEAD.length() + 18);
        limit = Feed.response(HEAD + "0".repeat(5000) + "5\r\nhello\r\n0\r\n\r\n").limit();
        assertThat(limit.limitName()).isEqualTo("maxChunkExtensionBytes");
        assertThat(limit.offset()).isEqualTo(HEAD.length() + 18 + ParserConfig.DEFAULT_MAX_CHUNK_EXTENSION_BYTES);
    }

    @Test
    void trailersAreParsedAndReturned() {
        assertThat(Feed.response(HEAD + "1\r\nx\r\n0\r\nExpires: never\r\nX-Sum:  abc \r\n\r\n").ok().lines())
                .containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: chunked | Chunked[] keepAlive=true",
                        "BODY x",
                        "COMPLETE keepAlive=true upgraded=false trailers=Expires: never | X-Sum: abc",
                        "EOF NEED_INPUT");
    }

    @Test
    void trailerObsFoldIsUnfoldedInResponsesAndRefusedInRequests() {
        assertThat(Feed.response(HEAD + "0\r\nX-A: 1\r\n  2\r\n\r\n").ok().lines().get(1))
                .isEqualTo("COMPLETE keepAlive=true upgraded=false trailers=X-A: 1    2");
        assertThat(Feed.request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-A: 1\r\n  2\r\n\r\n")
                .malformed().reason()).startsWith("obs-fold");
    }

    @Test
    void trailerErrors() {
        assertThat(Feed.response(HEAD + "0\r\n X: 1\r\n\r\n").malformed().rfcSection()).isEqualTo("RFC 9112 §7.1.2");
        assertThat(Feed.response(HEAD + "0\r\nX : 1\r\n\r\n").malformed().rfcSection()).isEqualTo("RFC 9112 §5.1");
        var e = Feed.response(HEAD + "0\r\nX: a\u0000\r\n\r\n").malformed();
        assertThat(e.reason()).isEqualTo("NUL (0x00) is not allowed in a field value");
        assertThat(e.offset()).isEqualTo(HEAD.length() + 3 + 4);
        assertThat(e.parserState()).isEqualTo("TRAILER_FIELD_LINE");
    }

    @Test
    void extensionsAreValidatedAndObserved() {
        List<String> seen = new ArrayList<>();
        ResponseParser p = new ResponseParser();
        p.setChunkObserver((size, ext) -> {
            StringBuilder sb = new StringBuilder().append(size);
            for (String[] x : ext) {
                sb.append(' ').append(x[0]).append('=').append(x[1]);
            }
            seen.add(sb.toString());
        });
        var r = Feed.run(Feed.responseSubject(p, null), List.of(ByteBuffer.wrap(Feed.bytes(
                HEAD + "3;a=1;b ; c = \"q\\\"x\" ;d\r\nabc\r\n0;last\r\n\r\n"))), true);
        assertThat(r.ok().lines().get(1)).isEqualTo("BODY abc");
        assertThat(seen).containsExactly("3 a=1 b=null c=\"q\\\"x\" d=null", "0 last=null");
    }

    @Test
    void extensionsDoNotChangeTheBodyAtAnySplit() {
        assertThat(Feed.response(HEAD + "3 ; name=\"v;al\"\r\nabc\r\n0\r\n\r\n").ok().lines().get(1))
                .isEqualTo("BODY abc");
    }

    @Test
    void badExtensionsAreRefused() {
        String[][] cases = {
            {"3;\r\n", "expected chunk-ext-name (a token) but was end of line"},
            {"3;=x\r\n", "expected chunk-ext-name (a token) but was '='"},
            {"3;a=\r\n", "expected chunk-ext-val (token or quoted-string) but was end of line"},
            {"3;a=\"open\r\n", "expected chunk-ext-val (token or quoted-string) but was end of line"},
            {"3;a=b c\r\n", "expected ';' (chunk-ext) or CRLF after chunk-size but was 'c'"},
            {"3;a=\"\u0001\"\r\n", "expected chunk-ext-val (token or quoted-string) but was 0x01"},
        };
        for (String[] c : cases) {
            var e = Feed.response(HEAD + c[0] + "abc\r\n0\r\n\r\n").malformed();
            assertThat(e.reason()).as(c[0]).isEqualTo(c[1]);
            assertThat(e.parserState()).isEqualTo("CHUNK_EXT");
        }
    }

    @Test
    void bodyEventsAreSlicesOfTheInput() throws Exception {
        ResponseParser p = new ResponseParser();
        byte[] bytes = Feed.bytes(HEAD + "5\r\nhello\r\n0\r\n\r\n");
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.HEAD);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.BODY);
        ByteBuffer body = p.body();
        assertThat(body.position()).isEqualTo(HEAD.length() + 3);
        assertThat(body.remaining()).isEqualTo(5);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.MESSAGE_COMPLETE);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void aChunkSplitAcrossCallsGivesSeveralBodyEvents() throws Exception {
        ResponseParser p = new ResponseParser();
        assertThat(p.parse(ByteBuffer.wrap(Feed.bytes(HEAD + "a\r\n0123")))).isEqualTo(ParseEvent.HEAD);
        ByteBuffer second = ByteBuffer.wrap(Feed.bytes(HEAD + "a\r\n0123"));
        second.position(HEAD.length());
        assertThat(p.parse(second)).isEqualTo(ParseEvent.BODY);
        assertThat(p.body().remaining()).isEqualTo(4);
        assertThat(p.parse(second)).isEqualTo(ParseEvent.NEED_INPUT);
        assertThat(p.parse(ByteBuffer.wrap(Feed.bytes("456789\r\n0\r\n\r\n")))).isEqualTo(ParseEvent.BODY);
        assertThat(p.body().remaining()).isEqualTo(6);
    }

    @Test
    void emptyChunkedBody() {
        assertThat(Feed.response(HEAD + "0\r\n\r\n").ok().lines()).containsExactly(
                "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: chunked | Chunked[] keepAlive=true",
                "COMPLETE keepAlive=true upgraded=false",
                "EOF NEED_INPUT");
    }

    @Test
    void chunkedThenNextResponse() {
        assertThat(Feed.response(HEAD + "1\r\na\r\n0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n").ok().lines())
                .containsExactly(
                "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: chunked | Chunked[] keepAlive=true",
                "BODY a",
                "COMPLETE keepAlive=true upgraded=false",
                "HEAD HTTP/1.1 204 'No Content' | NoBody[] keepAlive=true",
                "COMPLETE keepAlive=true upgraded=false",
                "EOF NEED_INPUT");
    }
}
