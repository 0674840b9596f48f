package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The request-smuggling and response-splitting classics (RFC 9112 §11.2, §6.3): every message where
 * two parsers could disagree on where a body ends is either refused or read one safe way, and a
 * connection whose framing was in doubt is never reused.
 */
class SmugglingTest {
    private static final String OK = "HTTP/1.1 200 OK\r\n";
    private static final String POST = "POST /x HTTP/1.1\r\nHost: a\r\n";

    // ---- CL.CL: conflicting Content-Length (RFC 9112 §6.3 rule 5, RFC 9110 §8.6) ----

    @Test
    void clClConflictingLinesAreRefused() {
        var e = Feed.response(OK + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!").malformed();
        assertThat(e.reason()).isEqualTo("invalid Content-Length: conflicting Content-Length values 5 and 6");
        assertThat(e.rfcSection()).isEqualTo("RFC 9112 §6.3");
        assertThat(Feed.request(POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!").malformed().reason())
                .isEqualTo("invalid Content-Length: conflicting Content-Length values 5 and 6");
    }

    @Test
    void clClConflictingListIsRefused() {
        assertThat(Feed.response(OK + "Content-Length: 5, 6\r\n\r\nhello!").malformed().reason())
                .isEqualTo("invalid Content-Length: conflicting Content-Length values 5 and 6");
        assertThat(Feed.request(POST + "Content-Length: 5,6\r\n\r\nhello!").malformed().reason())
                .isEqualTo("invalid Content-Length: conflicting Content-Length values 5 and 6");
    }

    @Test
    void identicalContentLengthsAreOneValue() {
        // RFC 9110 §8.6 / RFC 9112 §6.3 rule 5: a list of identical values is processed as that value
        assertThat(Feed.response(OK + "Content-Length: 3, 3\r\n\r\nabc").ok().lines().get(0))
                .endsWith("FixedLength[length=3] keepAlive=true");
        assertThat(Feed.response(OK + "Content-Length: 3\r\ncontent-length: 3\r\n\r\nabc").ok().lines().get(0))
                .endsWith("FixedLength[length=3] keepAlive=true");
        assertThat(Feed.request(POST + "Content-Length: 3,3 , ,3\r\n\r\nabc").ok().lines().get(1))
                .isEqualTo("BODY abc");
    }

    @Test
    void contentLengthMustBeDigitsOnly() {
        // CVE-2023-40167 (Jetty accepted "+16"), CVE-2018-7159 (Node.js read "1 2" as 12); also hex,
        // empty and overflowing values
        String[][] cases = {
            {"+1", "expected DIGIT in Content-Length but was '+'"},
            {"-1", "expected DIGIT in Content-Length but was '-'"},
            {"1 2", "expected ',' or end of Content-Length value but was '2'"},
            {"0x1", "expected ',' or end of Content-Length value but was 'x'"},
            {"1.0", "expected ',' or end of Content-Length value but was '.'"},
            {"", "expected DIGIT in Content-Length but was an empty value"},
            {",", "expected DIGIT in Content-Length but was an empty value"},
            {"9223372036854775808", "Content-Length value overflows a 63-bit length"},
            {"99999999999999999999999", "Content-Length value overflows a 63-bit length"},
        };
        for (String[] c : cases) {
            assertThat(Feed.response(OK + "Content-Length: " + c[0] + "\r\n\r\n").malformed().reason())
                    .as(c[0]).isEqualTo("invalid Content-Length: " + c[1]);
            assertThat(Feed.request(POST + "Content-Length: " + c[0] + "\r\n\r\n").malformed().reason())
                    .as(c[0]).isEqualTo("invalid Content-Length: " + c[1]);
        }
    }

    @Test
    void leadingSpaceInContentLengthIsOws() {
        // " 1": the OWS after the colon is not part of the value (RFC 9112 §5)
        assertThat(Feed.response(OK + "Content-Length:  1\r\n\r\nx").ok().lines().get(1)).isEqualTo("BODY x");
        assertThat(Feed.response(OK + "Content-Length: 9223372036854775807\r\n\r\n").lines().get(0))
                .endsWith("FixedLength[length=9223372036854775807] keepAlive=true");
        assertThat(Feed.response(OK + "Content-Length: 007\r\n\r\n1234567").ok().lines().get(1))
                .isEqualTo("BODY 1234567");
    }

    // ---- CL.TE and TE.CL: both present (RFC 9112 §6.3 rule 3, §6.1) ----

    @Test
    void clTeResponseReadsChunkedAndClosesTheConnection() {
        assertThat(Feed.response(OK + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                .ok().lines()).containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Content-Length: 3 | Transfer-Encoding: chunked | Chunked[] "
                                + "keepAlive=false",
                        "BODY hello",
                        "COMPLETE keepAlive=false upgraded=false",
                        "EOF NEED_INPUT");
    }

    @Test
    void teClResponseEvenWithInvalidContentLengthReadsChunked() {
        // rule 5 applies only without Transfer-Encoding, so the bad Content-Length is ignored
        assertThat(Feed.response(OK + "Transfer-Encoding: chunked\r\nContent-Length: abc\r\n\r\n0\r\n\r\n").ok().lines()
                .get(1))
                .isEqualTo("COMPLETE keepAlive=false upgraded=false");
    }

    @Test
    void clTeAndTeClRequestsAreRefused() {
        var e = Feed.request(POST + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nX").malformed();
        assertThat(e.reason()).isEqualTo(
                "a request must not have both Transfer-Encoding and Content-Length (request smuggling)");
        assertThat(e.rfcSection()).isEqualTo("RFC 9112 §6.3");
        assertThat(Feed.request(POST + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\n").malformed()
                .reason())
                .startsWith("a request must not have both");
    }

    // ---- TE.TE: obfuscated Transfer-Encoding ----

    @Test
    void teTeObfuscatedCodingsInResponsesReadUntilClose() {
        // rule 4: chunked not final in a response -> read until close; never reused
        String[] values = {"xchunked", "chunked, identity", "identity", "chunked-false", "\"chunked\"" };
        for (String v : values) {
            var r = Feed.response(OK + "Transfer-Encoding: " + v + "\r\n\r\n0\r\n\r\n");
            if (v.startsWith("\"")) {
                assertThat(r.malformed().reason()).startsWith("invalid Transfer-Encoding");
                continue;
            }
            assertThat(r.ok().lines()).as(v).containsExactly(
                    "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: " + v + " | UntilClose[] keepAlive=false",
                    "BODY 0\r\n\r\n",
                    "EOF MESSAGE_COMPLETE keepAlive=false upgraded=false");
        }
    }

    @Test
    void teTeObfuscatedCodingsInRequestsAreRefused() {
        // CVE-2019-15605 (Node.js accepted malformed Transfer-Encoding), CVE-2020-8287 (Node.js read only
        // the first of two Transfer-Encoding lines)
        assertThat(Feed.request(POST + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n").malformed().reason())
                .isEqualTo("expected chunked as the final transfer coding of a request");
        assertThat(Feed.request(POST + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n").malformed().reason())
                .isEqualTo("expected chunked as the final transfer coding of a request");
        assertThat(Feed.request(POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n0\r\n\r\n")
                .malformed().reason()).isEqualTo("expected chunked as the final transfer coding of a request");
        assertThat(Feed.request(POST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n").malformed().reason())
                .isEqualTo("a request transfer coding other than chunked is not supported (501)");
        assertThat(Feed.request(POST + "Transfer-Encoding:\r\n\r\n").malformed().reason())
                .isEqualTo("expected chunked as the final transfer coding of a request");
    }

    @Test
    void teWhitespaceAndCaseAreNotObfuscation() {
        // OWS around the value and between list elements is syntax; coding names are case-insensitive
        for (String v : new String[] {"Transfer-Encoding:\tchunked", "Transfer-Encoding:  chunked ",
                "Transfer-Encoding: CHUNKED",
                "transfer-encoding: Chunked", "Transfer-Encoding: , chunked"}) {
            assertThat(Feed.request(POST + v + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n").ok().lines().get(1)).as(v)
                    .isEqualTo("BODY abc");
        }
    }

    @Test
    void teListsCombineAcrossLines() {
        // RFC 9110 §5.3: "Transfer-Encoding: gzip" + "Transfer-Encoding: chunked" is "gzip, chunked"
        assertThat(Feed.response(OK
                + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n")
                .ok().lines().get(0)).endsWith("Chunked[] keepAlive=true");
        assertThat(Feed.response(OK + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\nabc").ok().lines()
                .get(0))
                .endsWith("UntilClose[] keepAlive=false");
    }

    @Test
    void chunkedTwiceOrWithParametersIsRefused() {
        assertThat(Feed.response(OK + "Transfer-Encoding: chunked, chunked\r\n\r\n").malformed().reason())
                .isEqualTo("invalid Transfer-Encoding: chunked is applied more than once");
        assertThat(Feed.request(POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n").malformed()
                .reason()).isEqualTo("invalid Transfer-Encoding: chunked is applied more than once");
        assertThat(Feed.response(OK + "Transfer-Encoding: chunked;q=1\r\n\r\n").malformed().reason())
                .isEqualTo("invalid Transfer-Encoding: the chunked transfer coding takes no parameters");
        assertThat(Feed.response(OK + "Transfer-Encoding: gzip;level=\"9\", chunked\r\n\r\n0\r\n\r\n").ok().lines()
                .get(0))
                .endsWith("Chunked[] keepAlive=true");
        assertThat(Feed.response(OK + "Transfer-Encoding: chunked x\r\n\r\n").malformed().reason())
                .isEqualTo("invalid Transfer-Encoding: expected ',' or end of Transfer-Encoding value but was 'x'");
    }

    @Test
    void transferEncodingInHttp10() {
        // RFC 9112 §6.1: treat the framing as faulty and close the connection after the message
        assertThat(Feed.response("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n"
                + "2\r\nab\r\n0\r\n\r\n").ok().lines()).containsExactly(
                        "HEAD HTTP/1.0 200 'OK' | Transfer-Encoding: chunked | Connection: keep-alive | Chunked[] "
                                + "keepAlive=false",
                        "BODY ab",
                        "COMPLETE keepAlive=false upgraded=false",
                        "EOF NEED_INPUT");
        assertThat(Feed.request("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").malformed().reason())
                .isEqualTo("Transfer-Encoding in an HTTP/1.0 request: the framing is faulty");
    }

    // ---- field names with whitespace (RFC 9112 §5.1) ----

    @Test
    void whitespaceBeforeColonIsRefused() {
        // CVE-2019-16869 (Netty), CVE-2021-22959 (llhttp): "Transfer-Encoding : chunked" was accepted
        var e = Feed.response(OK + "Content-Length : 5\r\n\r\nhello").malformed();
        assertThat(e.reason())
                .isEqualTo("expected ':' but was SP: no whitespace is allowed between the field name and colon");
        assertThat(e.rfcSection()).isEqualTo("RFC 9112 §5.1");
        assertThat(e.offset()).isEqualTo(31);
        assertThat(Feed.request(POST + "Transfer-Encoding\t: chunked\r\n\r\n").malformed().rfcSection())
                .isEqualTo("RFC 9112 §5.1");
        assertThat(Feed.response(OK + " Content-Length: 5\r\n\r\nhello").malformed().rfcSection())
                .isEqualTo("RFC 9112 §2.2");
    }

    // ---- NUL, CR and LF in field lines (RFC 9110 §5.5, RFC 9112 §2.2) ----

    @Test
    void nulInValueIsRefused() {
        var e = Feed.response(OK + "X-A: a\u0000b\r\n\r\n").malformed();
        assertThat(e.reason()).isEqualTo("NUL (0x00) is not allowed in a field value");
        assertThat(e.excerpt()).contains("a0x00b");
    }

    @Test
    void loneCrIsNeverALineEnd() {
        // CVE-2023-30589: llhttp accepted a CR alone as the end of a field line
        assertThat(Feed.response(OK + "X-A: a\rContent-Length: 5\r\n\r\nhello").malformed().reason())
                .isEqualTo("bare CR in field value: a CR must be followed by LF");
        assertThat(Feed.response("HTTP/1.1 200 OK\rContent-Length: 5\r\n\r\nhello").malformed().reason())
                .isEqualTo("bare CR in reason-phrase: a CR must be followed by LF");
        assertThat(Feed.request("GET / HTTP/1.1\rHost: a\r\n\r\n").malformed().reason())
                .isEqualTo("expected CRLF after HTTP-version but was CR");
        assertThat(Feed.response(OK + "X-A: a\r\r\n\r\n").malformed().reason())
                .isEqualTo("bare CR in field value: a CR must be followed by LF");
    }

    @Test
    void bareLfIsRefusedByDefault() {
        var e = Feed.response(OK + "Content-Length: 1\n\r\nx").malformed();
        assertThat(e.reason()).isEqualTo("expected CRLF but was a bare LF");
        assertThat(e.rfcSection()).isEqualTo("RFC 9112 §2.2");
        assertThat(Feed.response("HTTP/1.1 200 OK\nContent-Length: 1\r\n\r\nx").malformed().reason())
                .isEqualTo("expected CRLF but was a bare LF");
        assertThat(Feed.response(OK + "Content-Length: 1\r\n\nx").malformed().reason())
                .isEqualTo("expected CRLF but was a bare LF");
    }

    // ---- chunk-size (RFC 9112 §7.1) ----

    @Test
    void chunkSizeMustBeBareHex() {
        // CVE-2022-24761 (waitress parsed chunk sizes with int(): "+", "0x" and "_" slipped through)
        String[][] cases = {
            {"0x10", "expected ';' (chunk-ext) or CRLF after chunk-size but was 'x'"},
            {"-1", "expected chunk-size (HEXDIG) but was '-'"},
            {"+1", "expected chunk-size (HEXDIG) but was '+'"},
            {" 1", "expected chunk-size (HEXDIG) but was SP"},
            {"1 ", "expected ';' (chunk-ext) or CRLF after chunk-size but was end of line"},
            {"", "expected chunk-size (HEXDIG) but was end of line"},
            {"10000000000000000", "chunk-size exceeds 2^63-1"},
            {"000000000000000010000000000000000", "chunk-size exceeds 2^63-1"},
            {"FFFFFFFFFFFFFFFF", "chunk-size exceeds 2^63-1"},
            {"8000000000000000", "chunk-size exceeds 2^63-1"},
            {"1\u0000", "expected ';' (chunk-ext) or CRLF after chunk-size but was 0x00"},
        };
        for (String[] c : cases) {
            var e = Feed.response(OK + "Transfer-Encoding: chunked\r\n\r\n" + c[0] + "\r\nx\r\n0\r\n\r\n").malformed();
            assertThat(e.reason()).as(c[0]).isEqualTo(c[1]);
            assertThat(e.rfcSection()).isEqualTo("RFC 9112 §7.1");
            assertThat(e.offset()).as(c[0]).isGreaterThanOrEqualTo(OK.length() + 30);
            assertThat(Feed.request(POST + "Transfer-Encoding: chunked\r\n\r\n" + c[0] + "\r\nx\r\n0\r\n\r\n")
                    .malformed()
                    .reason()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void largestChunkSizeIsAccepted() {
        var r = Feed.run(Feed.responseSubject(new ResponseParser(), null),
                java.util.List.of(java.nio.ByteBuffer.wrap(Feed.bytes(OK
                        + "Transfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nab"))),
                false);
        assertThat(r.ok().lines()).containsExactly(
                "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: chunked | Chunked[] keepAlive=true");
    }

    @Test
    void chunkDataMustEndWithCrlf() {
        assertThat(Feed.response(OK + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n").malformed().reason())
                .isEqualTo("expected CRLF after chunk-data but was 'X'");
        assertThat(Feed.response(OK + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\rX0\r\n\r\n").malformed().reason())
                .isEqualTo("expected LF after CR after chunk-data but was 'X'");
        assertThat(Feed.response(OK + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n").malformed().reason())
                .isEqualTo("expected CRLF after chunk-data but was LF");
    }

    @Test
    void requestSmugglingViaShortChunkIsCaught() {
        // the front end reads size 3 and "abcdef"; the chunk does not end where its size says
        assertThat(Feed.request(POST + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n").malformed()
                .reason())
                .isEqualTo("expected CRLF after chunk-data but was 'd'");
    }

    // ---- obs-fold and leading whitespace around framing fields ----

    @Test
    void leadingWhitespaceBeforeTransferEncodingIsAFoldNotAField() {
        // CVE-2020-7238 (Netty read " Transfer-Encoding: chunked" as a field). In a response the line is
        // an obs-fold and becomes part of the previous value (RFC 9112 §5.2); in a request it is refused.
        assertThat(Feed.response(OK + "X-A: a\r\n Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc").ok()
                .lines())
                .containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | X-A: a   Transfer-Encoding: chunked | Content-Length: 3 | "
                                + "FixedLength[length=3] keepAlive=true",
                        "BODY abc",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
        assertThat(Feed.request(POST + " Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc").malformed()
                .rfcSection())
                .isEqualTo("RFC 9112 §5.2");
    }

    @Test
    void foldedTransferEncodingIsReadAfterUnfolding() {
        // CVE-2022-32215 (llhttp mishandled multi-line Transfer-Encoding): unfold first, then decide
        assertThat(Feed.response(OK + "Transfer-Encoding: gzip,\r\n chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n").ok().lines()
                .get(0))
                .isEqualTo("HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: gzip,   chunked | Chunked[] keepAlive=true");
        assertThat(Feed.response(OK + "Transfer-Encoding: chunked\r\n , identity\r\n\r\nabc").ok().lines().get(0))
                .endsWith("UntilClose[] keepAlive=false");
        assertThat(Feed.request(POST + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n").malformed().rfcSection())
                .isEqualTo("RFC 9112 §5.2");
    }

    @Test
    void controlCharactersInOrAfterFieldNamesAreRefused() {
        // CVE-2021-43797 (Netty accepted control characters in field names)
        assertThat(Feed.request(POST + "Transfer-Encoding\u000b: chunked\r\n\r\n").malformed().reason())
                .isEqualTo("expected ':' after field-name but was 0x0b");
        assertThat(Feed.request(POST + "Transfer-Encoding\r: chunked\r\n\r\n").malformed().reason())
                .isEqualTo("expected ':' after field-name but was CR");
        assertThat(Feed.request(POST + "\u0001Content-Length: 3\r\n\r\nabc").malformed().reason())
                .isEqualTo("expected field-name (a token) but was 0x01");
    }

    @Test
    void aConnectionWhoseFramingWasInDoubtIsNeverReused() {
        String[] responses = {
            OK + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            OK + "Transfer-Encoding: identity\r\n\r\n",
            OK + "\r\n",
        };
        for (String r : responses) {
            assertThat(Feed.response(r).ok().lines()).as(r).anyMatch(l -> l.contains("COMPLETE keepAlive=false"));
        }
    }
}
