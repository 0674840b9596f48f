package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each leniency relaxes exactly its rule, and only when turned on. */
class LeniencyTest {
    private static final ParserConfig BARE_LF = ParserConfig.builder().allow(Leniency.BARE_LF).build();

    @Test
    void bareLfEverywhere() {
        assertThat(Feed.response(BARE_LF, "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3;x=y\nabc\n0\nT: 1\n\n").ok()
                .lines())
                .containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: chunked | Chunked[] keepAlive=true",
                        "BODY abc",
                        "COMPLETE keepAlive=true upgraded=false trailers=T: 1",
                        "EOF NEED_INPUT");
        assertThat(Feed.request(BARE_LF, "\nGET / HTTP/1.1\nHost: a\n\n").ok().lines().get(0))
                .isEqualTo("HEAD GET / HTTP/1.1 | Host: a | NoBody[] keepAlive=true");
    }

    @Test
    void bareLfNeverMakesALoneCrALineEnd() {
        assertThat(Feed.response(BARE_LF, "HTTP/1.1 200 OK\nX: a\rb\n\n").malformed().reason())
                .isEqualTo("bare CR in field value: a CR must be followed by LF");
        assertThat(Feed.response(BARE_LF, "HTTP/1.1 200 OK\r\r\n\r\n").malformed().reason())
                .isEqualTo("bare CR in reason-phrase: a CR must be followed by LF");
    }

    @Test
    void whitespaceBeforeColonInResponses() {
        ParserConfig c = ParserConfig.builder().allow(Leniency.WHITESPACE_BEFORE_COLON_IN_RESPONSE).build();
        assertThat(Feed.response(c, "HTTP/1.1 200 OK\r\nContent-Length \t: 5\r\n\r\nhello").ok().lines())
                .containsExactly(
                "HEAD HTTP/1.1 200 'OK' | Content-Length: 5 | FixedLength[length=5] keepAlive=true",
                "BODY hello",
                "COMPLETE keepAlive=true upgraded=false",
                "EOF NEED_INPUT");
    }

    @Test
    void obsFoldInRequests() {
        ParserConfig c = ParserConfig.builder().allow(Leniency.OBS_FOLD_IN_REQUEST).build();
        assertThat(Feed.request(c, "GET / HTTP/1.1\r\nX-A: 1\r\n\t2\r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD GET / HTTP/1.1 | X-A: 1   2 | NoBody[] keepAlive=true");
        assertThat(Feed.request(c, "GET / HTTP/1.1\r\n X-A: 1\r\n\r\n").malformed().rfcSection())
                .isEqualTo("RFC 9112 §2.2");
    }
}
