package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envoi.core.EnvoiException;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A parser fails as soon as the bytes received prove the message bad, even in the middle of a line,
 * like llhttp: a client must not wait for more bytes (or a timeout) from a peer that has already
 * broken the protocol. The error is the one the whole line gives — same reason, offset, state and
 * RFC section — for every split, since the rules scan left to right and the first error in a prefix
 * is the first error in the line.
 *
 * <p>Each case is checked three ways: the exact byte whose arrival fails the parse (every earlier
 * byte, fed one at a time, gives NEED_INPUT), the error of the incomplete input at every split
 * ({@link Feed#all} without end of input), and the same error when the line is complete.
 */
class FailFastTest {

    /** Feeds {@code input} one byte at a time; asserts that exactly byte {@code at} fails, and returns the error. */
    private static MalformedMessageException failsWhenByteArrives(Supplier<Feed.Subject> parser, String input,
            int at) {
        Feed.Subject p = parser.get();
        byte[] bytes = Feed.bytes(input);
        for (int i = 0; i < at; i++) {
            ByteBuffer in = ByteBuffer.wrap(bytes, i, 1);
            try {
                int guard = 0;
                while (p.parse(in) != ParseEvent.NEED_INPUT) {
                    assertThat(guard++).as("parser loops").isLessThan(1000);
                }
            } catch (EnvoiException e) {
                throw new AssertionError("failed at byte " + i + " before byte " + at + ": " + Feed.describe(e), e);
            }
        }
        ByteBuffer last = ByteBuffer.wrap(bytes, at, 1);
        Throwable t = catchThrowable(() -> {
            for (int guard = 0; guard < 1000 && p.parse(last) != ParseEvent.NEED_INPUT; guard++) {
                assertThat(guard).isLessThan(999);
            }
        });
        assertThat(t).as("byte %d (%s) should fail the parse", at, input).isInstanceOf(MalformedMessageException.class);
        return (MalformedMessageException) t;
    }

    private static Supplier<Feed.Subject> request() {
        return () -> Feed.requestSubject(new RequestParser());
    }

    private static Supplier<Feed.Subject> response() {
        return () -> Feed.responseSubject(new ResponseParser(), null);
    }

    /** The incomplete {@code input} at every split, without end of input: must fail, the same way each time. */
    private static MalformedMessageException incomplete(Supplier<Feed.Subject> parser, String input) {
        return Feed.all(parser, Feed.bytes(input), false).malformed();
    }

    /** Asserts the same error for the byte-at-a-time feed, every split of the prefix, and the complete input. */
    private static MalformedMessageException sameEverywhere(Supplier<Feed.Subject> parser, String prefix, int at,
            String complete) {
        MalformedMessageException first = failsWhenByteArrives(parser, prefix, at);
        String expected = Feed.describe(first);
        assertThat(Feed.describe(incomplete(parser, prefix))).isEqualTo(expected);
        assertThat(Feed.describe(Feed.all(parser, Feed.bytes(complete), true).malformed())).isEqualTo(expected);
        return first;
    }

    private static void assertError(MalformedMessageException e, String reason, long offset, String state,
            String section) {
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.parserState()).isEqualTo(state);
        assertThat(e.rfcSection()).isEqualTo(section);
    }

    // ---- start-line ----

    @Test
    void unsupportedMajorVersionFailsOnceTheVersionIsComplete() {
        String reason = "expected HTTP major version 1 but was 5 (505 HTTP Version Not Supported)";
        var e = sameEverywhere(request(), "GET / HTTP/5.6", 13, "GET / HTTP/5.6\r\nHost: a\r\n\r\n");
        assertError(e, reason, 11, "HTTP_VERSION", "RFC 9110 §2.5");
        e = sameEverywhere(response(), "HTTP/5.6 200 OK", 7, "HTTP/5.6 200 OK\r\n\r\n");
        assertError(e, reason, 5, "HTTP_VERSION", "RFC 9110 §2.5");
    }

    @Test
    void wrongVersionByteFailsWhenItArrives() {
        var e = sameEverywhere(request(), "GET / HTTQ", 9, "GET / HTTQ/1.1\r\n\r\n");
        assertError(e, "expected HTTP-version (HTTP/1.1) but was 'Q'", 9, "HTTP_VERSION", "RFC 9112 §2.3");
        e = sameEverywhere(response(), "HTTP/1,1", 6, "HTTP/1,1 200 OK\r\n\r\n");
        assertError(e, "expected HTTP-version (HTTP/1.1) but was ','", 6, "HTTP_VERSION", "RFC 9112 §2.3");
        e = sameEverywhere(request(), "GET / HTTP/1.1x", 14, "GET / HTTP/1.1x\r\n\r\n");
        assertError(e, "expected CRLF after HTTP-version but was 'x'", 14, "HTTP_VERSION", "RFC 9112 §3");
    }

    @Test
    void invalidMethodByteFailsWhenItArrives() {
        var e = sameEverywhere(request(), "G@T", 1, "G@T / HTTP/1.1\r\n\r\n");
        assertError(e, "expected SP after method but was '@'", 1, "METHOD", "RFC 9112 §3");
        e = sameEverywhere(request(), " GET", 0, " GET / HTTP/1.1\r\n\r\n");
        assertError(e, "expected method (a token) but was SP", 0, "METHOD", "RFC 9112 §3");
    }

    @Test
    void invalidTargetByteFailsWhenItArrives() {
        var e = sameEverywhere(request(), "GET /a\u0001b", 6, "GET /a\u0001b HTTP/1.1\r\n\r\n");
        assertError(e, "expected SP or a visible ASCII character in request-target but was 0x01", 6,
                "REQUEST_TARGET", "RFC 9112 §3.2");
        e = sameEverywhere(request(), "GET  /", 4, "GET  / HTTP/1.1\r\n\r\n");
        assertError(e, "expected request-target but was SP", 4, "REQUEST_TARGET", "RFC 9112 §3.2");
        e = sameEverywhere(request(), "GET /\u00e9", 5, "GET /\u00e9 HTTP/1.1\r\n\r\n");
        assertThat(e.reason()).isEqualTo("expected SP or a visible ASCII character in request-target but was 0xe9");
    }

    @Test
    void statusLineBytesFailWhenTheyArrive() {
        var e = sameEverywhere(response(), "HTTP/1.1 2x", 10, "HTTP/1.1 2x0 OK\r\n\r\n");
        assertError(e, "expected 3DIGIT status-code but was 'x'", 10, "STATUS_CODE", "RFC 9112 §4");
        e = sameEverywhere(response(), "HTTP/1.1 60 ", 11, "HTTP/1.1 60 X\r\n\r\n");
        assertError(e, "expected 3DIGIT status-code but was SP", 11, "STATUS_CODE", "RFC 9112 §4");
        e = sameEverywhere(response(), "HTTP/1.1 -10", 9, "HTTP/1.1 -10 X\r\n\r\n");
        assertError(e, "expected 3DIGIT status-code but was '-'", 9, "STATUS_CODE", "RFC 9112 §4");
        e = sameEverywhere(response(), "HTTP/1.1 6000", 12, "HTTP/1.1 6000 X\r\n\r\n");
        assertError(e, "expected SP after status-code but was '0'", 12, "STATUS_CODE", "RFC 9112 §4");
        e = sameEverywhere(response(), "HTTP/1.1 2000", 12, "HTTP/1.1 2000 OK\r\n\r\n");
        assertError(e, "expected SP after status-code but was '0'", 12, "STATUS_CODE", "RFC 9112 §4");
        e = sameEverywhere(response(), "HTTP/1.1 200 O\u0001K", 14, "HTTP/1.1 200 O\u0001K\r\n\r\n");
        assertError(e, "expected HTAB, SP, VCHAR or obs-text in reason-phrase but was 0x01", 14, "REASON_PHRASE",
                "RFC 9112 §4");
        e = sameEverywhere(response(), "HTTP/1.1 200 O\rK", 15, "HTTP/1.1 200 O\rK\r\n\r\n");
        assertError(e, "bare CR in reason-phrase: a CR must be followed by LF", 14, "REASON_PHRASE", "RFC 9112 §2.2");
    }

    @Test
    void aCrAtTheEndOfTheReceivedBytesIsNotJudgedYet() {
        // the CR may be the start of CRLF: only the byte after it decides
        var e = sameEverywhere(request(), "GET / HTTP/1.1\r\r", 15, "GET / HTTP/1.1\r\r\n\r\n");
        assertError(e, "expected CRLF after HTTP-version but was CR", 14, "HTTP_VERSION", "RFC 9112 §3");
        assertThat(Feed.all(request(), Feed.bytes("GET / HTTP/1.1\r"), false).ok().lines()).isEmpty();
        assertThat(Feed.all(response(), Feed.bytes("HTTP/1.1 200 OK\r\nA: b\r"), false).ok().lines()).isEmpty();
    }

    // ---- field lines ----

    @Test
    void bareCrBeforeTheEmptyLineFailsWhenTheNextByteArrives() {
        String head = "PUT /url HTTP/1.1\r\nContent-Length: 3\r\n";
        var e = sameEverywhere(request(), head + "\rabc", head.length() + 1, head + "\rabc\r\n\r\n");
        assertError(e, "expected field-name (a token) but was CR", head.length(), "FIELD_LINE", "RFC 9112 §5");
    }

    @Test
    void whitespaceBeforeTheFirstFieldFailsWhenItArrives() {
        String reason = "expected field-name but was SP: whitespace between the start-line and the first field";
        var e = sameEverywhere(request(), "GET / HTTP/1.1\r\n Host: foo", 16, "GET / HTTP/1.1\r\n Host: foo\r\n\r\n");
        assertError(e, reason, 16, "FIELD_LINE", "RFC 9112 §2.2");
        e = sameEverywhere(response(), "HTTP/1.1 200 OK\r\n Host: foo", 17, "HTTP/1.1 200 OK\r\n Host: foo\r\n\r\n");
        assertError(e, reason, 17, "FIELD_LINE", "RFC 9112 §2.2");
    }

    @Test
    void obsFoldInARequestFailsWhenItArrives() {
        String head = "GET / HTTP/1.1\r\nA: b\r\n";
        var e = sameEverywhere(request(), head + "\tc", head.length(), head + "\tc\r\n\r\n");
        assertError(e, "obs-fold (a line starting with HTAB) is not allowed in a request", head.length(),
                "FIELD_LINE", "RFC 9112 §5.2");
    }

    @Test
    void invalidFieldNameAndValueBytesFailWhenTheyArrive() {
        String req = "GET / HTTP/1.1\r\n";
        var e = sameEverywhere(request(), req + "Ho@st", req.length() + 2, req + "Ho@st: a\r\n\r\n");
        assertError(e, "expected ':' after field-name but was '@'", req.length() + 2, "FIELD_LINE", "RFC 9112 §5");
        e = sameEverywhere(request(), req + "Host : a", req.length() + 4, req + "Host : a\r\n\r\n");
        assertError(e, "expected ':' but was SP: no whitespace is allowed between the field name and colon",
                req.length() + 4, "FIELD_LINE", "RFC 9112 §5.1");
        e = sameEverywhere(request(), req + ": a", req.length(), req + ": a\r\n\r\n");
        assertError(e, "expected field-name but was ':' (empty field name)", req.length(), "FIELD_LINE",
                "RFC 9112 §5");
        String res = "HTTP/1.1 200 OK\r\n";
        e = sameEverywhere(response(), res + "X: a\u0000b", res.length() + 4, res + "X: a\u0000b\r\n\r\n");
        assertError(e, "NUL (0x00) is not allowed in a field value", res.length() + 4, "FIELD_LINE", "RFC 9110 §5.5");
        e = sameEverywhere(response(), res + "X: a\u007fb", res.length() + 4, res + "X: a\u007fb\r\n\r\n");
        assertError(e, "expected field-vchar, SP or HTAB in field value but was 0x7f", res.length() + 4,
                "FIELD_LINE", "RFC 9110 §5.5");
        e = sameEverywhere(response(), res + "X: a\rb", res.length() + 5, res + "X: a\rb\r\n\r\n");
        assertError(e, "bare CR in field value: a CR must be followed by LF", res.length() + 4, "FIELD_LINE",
                "RFC 9112 §2.2");
    }

    @Test
    void anErrorBeforeABareLfIsReportedBeforeTheBareLf() {
        // left to right: the byte-at-a-time parse sees the 0x7f before the LF, so the whole line must too
        String res = "HTTP/1.1 200 OK\r\n";
        var e = Feed.response(res + "X: a\u007f\nY: b\r\n\r\n").malformed();
        assertError(e, "expected field-vchar, SP or HTAB in field value but was 0x7f", res.length() + 4,
                "FIELD_LINE", "RFC 9110 §5.5");
        e = Feed.request("GET /\u0001 HTTP/1.1\n\n").malformed();
        assertThat(e.offset()).isEqualTo(5);
        e = Feed.response(res + "X: a\n\r\n").malformed();
        assertError(e, "expected CRLF but was a bare LF", res.length() + 4, "FIELD_LINE", "RFC 9112 §2.2");
    }

    @Test
    void obsFoldInAResponseIsStillUnfolded() {
        // a response may fold (RFC 9112 §5.2): the fail-fast checks must accept a continuation; CRLF
        // and the leading whitespace each become one SP
        String folded = "HTTP/1.1 200 OK\r\nA: b\r\n  c\r\nContent-Length: 0\r\n\r\n";
        assertThat(Feed.response(folded).ok().lines().get(0))
                .isEqualTo("HEAD HTTP/1.1 200 'OK' | A: b    c | Content-Length: 0 | FixedLength[length=0] keepAlive=true");
    }

    // ---- chunked bodies ----

    @Test
    void chunkSizeLineBytesFailWhenTheyArrive() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        var e = sameEverywhere(response(), head + "5x", head.length() + 1, head + "5x\r\nhello\r\n0\r\n\r\n");
        assertError(e, "expected ';' (chunk-ext) or CRLF after chunk-size but was 'x'", head.length() + 1,
                "CHUNK_EXT", "RFC 9112 §7.1");
        e = sameEverywhere(response(), head + "g", head.length(), head + "g\r\n\r\n");
        assertError(e, "expected chunk-size (HEXDIG) but was 'g'", head.length(), "CHUNK_SIZE", "RFC 9112 §7.1");
        e = sameEverywhere(response(), head + "5;a=\"b\u0001", head.length() + 6, head + "5;a=\"b\u0001\"\r\n");
        assertError(e, "expected chunk-ext-val (token or quoted-string) but was 0x01", head.length() + 6,
                "CHUNK_EXT", "RFC 9112 §7.1");
        e = sameEverywhere(response(), head + "5 ;@", head.length() + 3, head + "5 ;@\r\nhello\r\n0\r\n\r\n");
        assertError(e, "expected chunk-ext-name (a token) but was '@'", head.length() + 3, "CHUNK_EXT",
                "RFC 9112 §7.1");
        // the value is capped, not the numeral: the 16th significant digit of 2^63 fails as it arrives
        e = sameEverywhere(response(), head + "00008000000000000000", head.length() + 19,
                head + "00008000000000000000\r\n");
        assertError(e, "chunk-size exceeds 2^63-1", head.length() + 19, "CHUNK_SIZE", "RFC 9112 §7.1");
        e = sameEverywhere(response(), head + "10000000000000000", head.length() + 16,
                head + "10000000000000000\r\n");
        assertError(e, "chunk-size exceeds 2^63-1", head.length() + 16, "CHUNK_SIZE", "RFC 9112 §7.1");
    }

    @Test
    void chunkSizePrefixesThatMayStillBeValidWait() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (String partial : new String[] {"5", "5 ", "5;", "5; a", "5;a =", "5;a=\"b", "5;a=\"b\\", "5;a=b",
            "7fffffffffffffff", "000000000000000000007fffffffffffffff", "0".repeat(100)}) {
            assertThat(Feed.all(response(), Feed.bytes(head + partial), false).ok().last())
                    .as(partial).startsWith("HEAD");
        }
        // 2^63 is known to overflow at its 16th digit, whatever follows
        var e = sameEverywhere(response(), head + "8000000000000000", head.length() + 15,
                head + "8000000000000000\r\n");
        assertError(e, "chunk-size exceeds 2^63-1", head.length() + 15, "CHUNK_SIZE", "RFC 9112 §7.1");
    }

    @Test
    void trailerBytesFailWhenTheyArrive() {
        String body = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        var e = sameEverywhere(response(), body + " X", body.length(), body + " X: 1\r\n\r\n");
        assertError(e, "expected field-name but was SP", body.length(), "TRAILER_FIELD_LINE", "RFC 9112 §7.1.2");
        e = sameEverywhere(response(), body + "X: \u0001", body.length() + 3, body + "X: \u0001\r\n\r\n");
        assertError(e, "expected field-vchar, SP or HTAB in field value but was 0x01", body.length() + 3,
                "TRAILER_FIELD_LINE", "RFC 9110 §5.5");
    }

    // ---- limits: the first syntax error in the bytes received wins over a limit, at every split ----

    @Test
    void aSyntaxErrorBeforeALimitWinsAtEverySplit() {
        ParserConfig small = ParserConfig.builder().maxStartLineBytes(64).build();
        String longLine = "GET /" + "a".repeat(30) + "\u0001" + "b".repeat(60) + " HTTP/1.1\r\n\r\n";
        var e = Feed.request(small, longLine).malformed();
        assertThat(e.reason()).isEqualTo("expected SP or a visible ASCII character in request-target but was 0x01");
        assertThat(e.offset()).isEqualTo(35);
        LimitExceededException l = Feed.request(small, "GET /" + "a".repeat(100) + " HTTP/1.1\r\n\r\n").limit();
        assertThat(l.limitName()).isEqualTo("maxStartLineBytes");
        ParserConfig bareLf = ParserConfig.builder().maxStartLineBytes(64).allow(Leniency.BARE_LF).build();
        String justOver = "GET /" + "a".repeat(51) + " HTTP/1.1\n\n"; // 65 bytes before a bare LF
        assertThat(Feed.request(bareLf, justOver).limit().limitName()).isEqualTo("maxStartLineBytes");
        String justOverBad = "GET /" + "a".repeat(50) + "\u0001 HTTP/1.1\n\n";
        assertThat(Feed.request(bareLf, justOverBad).malformed().offset()).isEqualTo(55);
    }

    @Test
    void aChunkExtensionSyntaxErrorWinsOverItsLimitAtEverySplit() {
        ParserConfig small = ParserConfig.builder().maxChunkExtensionBytes(16).build();
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        var e = Feed.response(small, head + "5;a=b;@" + "c".repeat(20) + "\r\nhello\r\n0\r\n\r\n").malformed();
        assertThat(e.reason()).isEqualTo("expected chunk-ext-name (a token) but was '@'");
        assertThat(Feed.response(small, head + "5;a=" + "c".repeat(20) + "\r\nhello\r\n0\r\n\r\n").limit()
                .limitName()).isEqualTo("maxChunkExtensionBytes");
    }

    // ---- framing fields judged per line (RFC 9112 §6.3) ----

    @Test
    void anOverflowingContentLengthFailsWhenItsLineEnds() {
        String line = "PUT /url HTTP/1.1\r\nContent-Length: 1000000000000000000000\r\n";
        var e = sameEverywhere(request(), line, line.length() - 1, line + "\r\n");
        assertError(e, "invalid Content-Length: Content-Length value overflows a 63-bit length", 35, "FIELD_LINE",
                "RFC 9112 §6.3");
    }

    @Test
    void conflictingContentLengthLinesFailWhenTheSecondEnds() {
        String lines = "PUT /url HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n";
        var e = sameEverywhere(request(), lines, lines.length() - 1, lines + "\r\nx");
        assertError(e, "invalid Content-Length: conflicting Content-Length values 1 and 2", lines.length() - 3,
                "FIELD_LINE", "RFC 9112 §6.3");
    }

    @Test
    void anInvalidContentLengthFailsARequestInEitherOrderWithTransferEncoding() {
        // a request with both fields is refused anyway (rule 3), so the bad value may fail first
        String reason = "invalid Content-Length: expected DIGIT in Content-Length but was 'x'";
        String clFirst = "POST / HTTP/1.1\r\nContent-Length: x\r\n";
        var e = sameEverywhere(request(), clFirst, clFirst.length() - 1,
                clFirst + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertThat(e.reason()).isEqualTo(reason);
        String teFirst = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: x\r\n";
        e = sameEverywhere(request(), teFirst, teFirst.length() - 1, teFirst + "\r\n0\r\n\r\n");
        assertThat(e.reason()).isEqualTo(reason);
    }

    @Test
    void anInvalidContentLengthInAResponseWaitsForTheEndOfTheHead() {
        // rule 5 ignores it when a Transfer-Encoding follows, in either order (rule 3 then reads chunked)
        String clFirst = "HTTP/1.1 200 OK\r\nContent-Length: x\r\n";
        assertThat(Feed.all(response(), Feed.bytes(clFirst), false).ok().lines()).isEmpty();
        for (String message : new String[] {clFirst + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: x\r\n\r\n0\r\n\r\n"}) {
            assertThat(Feed.response(message).ok().lines()).as(message).endsWith(
                    "COMPLETE keepAlive=false upgraded=false", "EOF NEED_INPUT");
        }
        var e = Feed.response(clFirst + "\r\n").malformed();
        assertError(e, "invalid Content-Length: expected DIGIT in Content-Length but was 'x'", 33, "FIELD_LINE",
                "RFC 9112 §6.3");
    }

    @Test
    void contentLengthIsNotJudgedPerLineWhereItDoesNotCount() {
        // CONNECT: the framing fields are ignored (RFC 9110 §9.3.6)
        assertThat(Feed.request("CONNECT a:443 HTTP/1.1\r\nContent-Length: x\r\n\r\n").ok().lines().get(0))
                .endsWith("NoBody[] keepAlive=false");
        // an unfolded request: a continuation line may still complete the value
        ParserConfig fold = ParserConfig.builder().allow(Leniency.OBS_FOLD_IN_REQUEST).build();
        assertThat(Feed.request(fold, "PUT / HTTP/1.1\r\nContent-Length:\r\n 5\r\n\r\nhello").ok().lines())
                .contains("BODY hello");
    }

    // ---- generated: an error in a prefix is the error of the whole input ----

    /**
     * For hostile inputs (MutationTest's mutations) cut at every offset, without end of input: when
     * the prefix fails, the whole input fails the same way after the same events. This is the fail-fast
     * promise in general form: no check judges bytes that a later byte could still make valid.
     */
    private static final String[] EXTENSIONS = {
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 ; a = b ;c=\"x\\\"y\" ;d\r\nabc\r\n0;z\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;name=\"q\\\\\";n2=tok\r\nx\r\n0\r\nT: v\r\n\r\n",
    };

    @Test
    void anErrorInAnyPrefixIsTheErrorOfTheWholeInput() {
        ParserConfig lenient = ParserConfig.builder().allow(Leniency.BARE_LF)
                .allow(Leniency.WHITESPACE_BEFORE_COLON_IN_RESPONSE).allow(Leniency.OBS_FOLD_IN_REQUEST).build();
        Random random = new Random(20261201L);
        int prefixErrors = 0;
        for (int round = 0; round < 600; round++) {
            ParserConfig config = round % 3 == 2 ? lenient : ParserConfig.DEFAULT;
            boolean req = round % 2 == 0;
            String[] seeds = req ? MutationTest.REQUESTS : round % 4 == 1 ? EXTENSIONS : MutationTest.RESPONSES;
            byte[] input = MutationTest.mutate(Feed.bytes(seeds[round % seeds.length]), random);
            Supplier<Feed.Subject> parser = req ? () -> Feed.requestSubject(new RequestParser(config))
                    : () -> Feed.responseSubject(new ResponseParser(config), null);
            Feed.Result whole = Feed.all(parser, input, false); // and every split agrees, byte by byte too
            for (int cut = 1; cut < input.length; cut++) {
                Feed.Result prefix = Feed.run(parser.get(), List.of(ByteBuffer.wrap(input, 0, cut)), false);
                if (prefix.error() != null) {
                    prefixErrors++;
                    assertThat(prefix.lines()).as("cut %d of %s", cut, Feed.describe(whole.error()))
                            .isEqualTo(whole.lines());
                }
            }
        }
        assertThat(prefixErrors).as("prefixes that failed").isGreaterThan(1000);
        for (String seed : EXTENSIONS) {
            assertThat(Feed.response(seed).ok().lines()).as(seed).hasSize(4);
        }
    }
}
