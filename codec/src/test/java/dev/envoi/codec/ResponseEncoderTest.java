package dev.envoi.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Method;
import dev.envoi.core.Status;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseEncoderTest {
    private static final HttpVersion V11 = HttpVersion.HTTP_1_1;
    private static final RequestHead GET = new RequestHead(Method.GET, "/", V11, Headers.of("Host", "h"));
    private static final RequestHead HEAD = new RequestHead(Method.HEAD, "/", V11, Headers.of("Host", "h"));
    private static final RequestHead GET_10 = new RequestHead(Method.GET, "/", HttpVersion.HTTP_1_0, Headers.EMPTY);
    private static final RequestHead CONNECT = new RequestHead(Method.CONNECT, "h:443", V11, Headers.of("Host", "h:443"));

    private static ResponseHead head(int code, String reason, String... fields) {
        return new ResponseHead(V11, Status.of(code), reason, Headers.of(fields));
    }

    private static String encode(ResponseHead head) {
        return new String(ResponseEncoder.encode(head), ISO_8859_1);
    }

    @Nested
    class Bytes {
        @Test
        void statusLineAndFields() {
            assertThat(encode(head(200, "OK", "Content-Type", "text/plain", "Content-Length", "5")))
                    .isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n");
        }

        @Test
        void emptyReasonPhraseKeepsTheSpace() {
            // status-line = HTTP-version SP status-code SP [ reason-phrase ]  (RFC 9112 §4)
            assertThat(encode(head(200, ""))).isEqualTo("HTTP/1.1 200 \r\n\r\n");
        }

        @Test
        void reasonPhraseMayHoldSpaceTabAndObsText() {
            assertThat(ResponseEncoder.encode(head(404, "Not\tFound h\u00e9las")))
                    .isEqualTo("HTTP/1.1 404 Not\tFound h\u00e9las\r\n\r\n".getBytes(ISO_8859_1));
        }

        @Test
        void versionsAndUnregisteredCodes() {
            assertThat(encode(new ResponseHead(HttpVersion.HTTP_1_0, Status.of(599), "Whatever", Headers.EMPTY)))
                    .isEqualTo("HTTP/1.0 599 Whatever\r\n\r\n");
            assertThat(encode(head(100, "Continue"))).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        }

        @Test
        void invalidStatusCodesAreNeverWritten() {
            // RFC 9110 §15: values outside 100..599 are invalid; a parser accepts them, an encoder does not make them
            for (int code : new int[] {0, 99, 600, 999}) {
                assertThatThrownBy(() -> ResponseEncoder.encode(head(code, "X")))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("invalid status code [RFC 9110 §15]");
                assertThatThrownBy(() -> ResponseEncoder.withFraming(head(code, "X"), GET, BodyFraming.NO_BODY))
                        .isInstanceOf(IllegalArgumentException.class);
                // a client processes one as a 5xx: content, except after HEAD
                assertThat(ResponseEncoder.hasContent(Status.of(code), Method.GET)).isTrue();
                assertThat(ResponseEncoder.hasContent(Status.of(code), Method.CONNECT)).isTrue();
                assertThat(ResponseEncoder.hasContent(Status.of(code), Method.HEAD)).isFalse();
            }
        }

        @Test
        void fieldsKeepOrderAndCaseAndRepeats() {
            assertThat(encode(head(200, "OK", "set-cookie", "a=1", "Set-Cookie", "b=2", "X-Empty", "")))
                    .isEqualTo("HTTP/1.1 200 OK\r\nset-cookie: a=1\r\nSet-Cookie: b=2\r\nX-Empty:\r\n\r\n");
        }

        @Test
        void appendsToABuffer() {
            WireBuffer buf = new WireBuffer();
            ResponseEncoder.encode(head(100, "Continue"), buf);
            ResponseEncoder.encode(head(204, "No Content"), buf);
            assertThat(buf.toString()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");
        }
    }

    @Nested
    class Refusals {
        @ParameterizedTest
        @ValueSource(strings = {"OK\r\nSet-Cookie: evil=1", "OK\n", "OK\r", "O\0K", "OK\u007f", "OK\u0001", "OK\u20ac"})
        void reasonPhraseInjection(String reason) {
            WireBuffer buf = new WireBuffer();
            assertThatThrownBy(() -> ResponseEncoder.encode(head(200, reason), buf))
                    .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                        assertThat(e.rfcSection()).isEqualTo("RFC 9112 §4");
                        assertThat(e.index()).isEqualTo(reason.charAt(1) == 'K' ? 2 : 1);
                    })
                    .hasMessageStartingWith("reason phrase must not contain");
            assertThat(buf.size()).isZero();
        }

        @Test
        void framingFieldsIn1xxAnd204() {
            assertThatThrownBy(() -> encode(head(204, "No Content", "Content-Length", "0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a 204 response must not carry Content-Length or Transfer-Encoding"
                            + " [RFC 9110 §8.6, RFC 9112 §6.1]");
            assertThatThrownBy(() -> encode(head(101, "Switching Protocols", "Transfer-Encoding", "chunked")))
                    .hasMessageContaining("a 101 response must not carry");
        }

        @Test
        void contentLengthRules() {
            assertThatThrownBy(() -> encode(head(200, "OK", "Content-Length", "1", "Transfer-Encoding", "chunked")))
                    .hasMessageContaining("[RFC 9112 §6.2]");
            assertThatThrownBy(() -> encode(head(200, "OK", "Content-Length", "1", "Content-Length", "1")))
                    .hasMessageContaining("at most one Content-Length");
            assertThatThrownBy(() -> encode(head(200, "OK", "Content-Length", "-1")))
                    .isInstanceOf(InvalidSyntaxException.class);
        }
    }

    @Nested
    class Framing {
        private String framed(ResponseHead head, RequestHead request, BodyFraming f) {
            return encode(ResponseEncoder.withFraming(head, request, f));
        }

        @Test
        void fixedLengthAndEmpty() {
            assertThat(framed(head(200, "OK", "Content-Type", "text/plain"), GET, new BodyFraming.FixedLength(5)))
                    .isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n");
            assertThat(framed(head(200, "OK"), GET, BodyFraming.NO_BODY))
                    .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            assertThat(framed(head(404, "Not Found"), GET, new BodyFraming.FixedLength(0)))
                    .isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        }

        @Test
        void chunked() {
            assertThat(framed(head(200, "OK"), GET, BodyFraming.CHUNKED))
                    .isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            ResponseHead preset = head(200, "OK", "Transfer-Encoding", "gzip, chunked");
            assertThat(ResponseEncoder.withFraming(preset, GET, BodyFraming.CHUNKED)).isSameAs(preset);
            assertThatThrownBy(() -> framed(head(200, "OK", "Transfer-Encoding", "gzip"), GET, BodyFraming.CHUNKED))
                    .hasMessageContaining("does not end in chunked");
            assertThatThrownBy(() -> framed(head(200, "OK"), GET_10, BodyFraming.CHUNKED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("chunked transfer coding needs HTTP/1.1 on both sides, request is HTTP/1.0"
                            + " [RFC 9112 §6.1]");
            assertThatThrownBy(() -> framed(head(200, "OK", "Content-Length", "3"), GET, BodyFraming.CHUNKED))
                    .hasMessageContaining("must not carry Content-Length");
        }

        @Test
        void untilClose() {
            assertThat(framed(head(200, "OK"), GET_10, BodyFraming.UNTIL_CLOSE))
                    .isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            assertThat(framed(head(200, "OK", "Connection", "close"), GET, BodyFraming.UNTIL_CLOSE))
                    .isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            assertThatThrownBy(() -> framed(head(200, "OK", "Content-Length", "3"), GET, BodyFraming.UNTIL_CLOSE))
                    .hasMessageContaining("runs until close");
            assertThatThrownBy(() -> framed(head(200, "OK", "Transfer-Encoding", "chunked"), GET,
                    BodyFraming.UNTIL_CLOSE))
                    .hasMessageContaining("Transfer-Encoding is set");
        }

        @Test
        void noFramingFieldsWhereContentIsImpossible() {
            ResponseHead noContent = head(204, "No Content");
            assertThat(ResponseEncoder.withFraming(noContent, GET, BodyFraming.NO_BODY)).isSameAs(noContent);
            ResponseHead cont = head(100, "Continue");
            assertThat(ResponseEncoder.withFraming(cont, GET, BodyFraming.NO_BODY)).isSameAs(cont);
            ResponseHead tunnel = head(200, "Connection Established");
            assertThat(ResponseEncoder.withFraming(tunnel, CONNECT, BodyFraming.NO_BODY)).isSameAs(tunnel);
            assertThatThrownBy(() -> ResponseEncoder.withFraming(noContent, GET, new BodyFraming.FixedLength(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a 204 response to GET has no content");
            assertThatThrownBy(() -> ResponseEncoder.withFraming(tunnel, CONNECT, BodyFraming.CHUNKED))
                    .hasMessageContaining("has no content");
        }

        @Test
        void headAnd304CarryTheLengthAGetWouldHave() {
            assertThat(framed(head(200, "OK"), HEAD, new BodyFraming.FixedLength(1234)))
                    .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
            assertThat(framed(head(304, "Not Modified", "ETag", "\"x\""), GET, new BodyFraming.FixedLength(7)))
                    .isEqualTo("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nContent-Length: 7\r\n\r\n");
            assertThat(framed(head(200, "OK"), HEAD, BodyFraming.CHUNKED)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            assertThat(framed(head(304, "Not Modified"), GET, BodyFraming.NO_BODY))
                    .isEqualTo("HTTP/1.1 304 Not Modified\r\n\r\n");
            // a 404 to CONNECT has content: only 2xx turns the connection into a tunnel
            assertThat(framed(head(404, "Not Found"), CONNECT, BodyFraming.NO_BODY))
                    .isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        }

        @Test
        void hasContent() {
            assertThat(ResponseEncoder.hasContent(Status.OK, Method.GET)).isTrue();
            assertThat(ResponseEncoder.hasContent(Status.OK, Method.HEAD)).isFalse();
            assertThat(ResponseEncoder.hasContent(Status.CONTINUE, Method.POST)).isFalse();
            assertThat(ResponseEncoder.hasContent(Status.NO_CONTENT, Method.GET)).isFalse();
            assertThat(ResponseEncoder.hasContent(Status.NOT_MODIFIED, Method.GET)).isFalse();
            assertThat(ResponseEncoder.hasContent(Status.OK, Method.CONNECT)).isFalse();
            assertThat(ResponseEncoder.hasContent(Status.FOUND, Method.CONNECT)).isTrue();
            assertThat(ResponseEncoder.hasContent(Status.of(205), Method.GET)).isTrue();
        }

        @Test
        void conflictingContentLength() {
            assertThatThrownBy(() -> framed(head(200, "OK", "Content-Length", "3"), GET, new BodyFraming.FixedLength(4)))
                    .hasMessage("Content-Length: 3 was set but the body has 4 bytes [RFC 9110 §8.6]");
            assertThatThrownBy(() -> framed(head(200, "OK", "Transfer-Encoding", "chunked"), GET,
                    new BodyFraming.FixedLength(4)))
                    .hasMessageContaining("[RFC 9112 §6.2]");
        }
    }
}
