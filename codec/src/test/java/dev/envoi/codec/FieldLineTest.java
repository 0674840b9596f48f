package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Field lines (RFC 9112 §5, RFC 9110 §5.5): names, values, whitespace, obs-fold. */
class FieldLineTest {
    private static final String OK = "HTTP/1.1 204 No Content\r\n";

    @Test
    void owsAroundValueIsNotPartOfIt() {
        assertThat(Feed.response(OK + "A:b\r\nB: \t c d \t \r\nC:\r\nD:   \r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD HTTP/1.1 204 'No Content' | A: b | B: c d | C:  | D:  | NoBody[] keepAlive=true");
    }

    @Test
    void obsTextAndTokenCharactersAreKept() {
        assertThat(Feed.response(OK + "X!#$%&'*+-.^_`|~09aZ: caf\u00e9 \"q\" (c)\r\n\r\n").ok().lines().get(0))
                .contains("X!#$%&'*+-.^_`|~09aZ: caf\u00e9 \"q\" (c)");
    }

    @Test
    void responseObsFoldIsReplacedWithSpaces() {
        // RFC 9112 §5.2: a user agent MUST replace each obs-fold with one or more SP
        assertThat(Feed.response(OK + "X-A: one\r\n two\r\n\t three \r\nX-B: b\r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD HTTP/1.1 204 'No Content' | X-A: one   two    three | X-B: b | NoBody[] "
                        + "keepAlive=true");
        assertThat(Feed.response(OK + "X-A:\r\n two\r\n\r\n").ok().lines().get(0)).contains("| X-A: two |");
        assertThat(Feed.response(OK + "X-A: a\r\n   \r\n\r\n").ok().lines().get(0)).contains("| X-A: a |");
    }

    @Test
    void foldedContentLengthIsReadAfterUnfolding() {
        // "1" folded with "2" is "1   2": not a valid Content-Length
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n 2\r\n\r\n").malformed().reason())
                .isEqualTo("invalid Content-Length: expected ',' or end of Content-Length value but was '2'");
    }

    @Test
    void badNames() {
        assertThat(Feed.response(OK + ": x\r\n\r\n").malformed().reason())
                .isEqualTo("expected field-name but was ':' (empty field name)");
        assertThat(Feed.response(OK + "A(b: x\r\n\r\n").malformed().reason())
                .isEqualTo("expected ':' after field-name but was '('");
        assertThat(Feed.response(OK + "NoColon\r\n\r\n").malformed().reason())
                .isEqualTo("expected ':' after field-name but was end of line");
        assertThat(Feed.response(OK + "\u00e9: x\r\n\r\n").malformed().reason())
                .isEqualTo("expected field-name (a token) but was 0xe9");
        assertThat(Feed.response(OK + "A\u0000: x\r\n\r\n").malformed().reason())
                .isEqualTo("expected ':' after field-name but was 0x00");
    }

    @Test
    void controlCharactersInValues() {
        for (int c = 0; c < 0x20; c++) {
            if (c == '\t' || c == '\n') {
                continue;
            }
            assertThat(Feed.response(OK + "X: a" + (char) c + "b\r\n\r\n").error()).as("0x%02x", c).isNotNull();
        }
        assertThat(Feed.response(OK + "X: a\u007fb\r\n\r\n").malformed().reason()).endsWith("but was 0x7f");
    }
}
