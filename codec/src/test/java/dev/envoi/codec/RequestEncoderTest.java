package dev.envoi.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Method;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {
    private static final HttpVersion V11 = HttpVersion.HTTP_1_1;
    private static final HttpVersion V10 = HttpVersion.HTTP_1_0;

    private static RequestHead head(Method m, String target, HttpVersion v, String... fields) {
        return new RequestHead(m, target, v, Headers.of(fields));
    }

    private static String encode(RequestHead head) {
        return new String(RequestEncoder.encode(head), ISO_8859_1);
    }

    private static void assertRefused(RequestHead head, String messagePart) {
        assertThatThrownBy(() -> RequestEncoder.encode(head))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart);
    }

    @Nested
    class Bytes {
        @Test
        void originFormGet() {
            assertThat(encode(head(Method.GET, "/where?q=now", V11, "Host", "www.example.com", "User-Agent", "envoi")))
                    .isEqualTo("GET /where?q=now HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: envoi\r\n\r\n");
        }

        @Test
        void hostIsWrittenFirstAndTheRestKeepTheirOrder() {
            assertThat(encode(head(Method.GET, "/", V11, "Accept", "*/*", "X-B", "2", "host", "example.com:8080",
                    "X-A", "1")))
                    .isEqualTo("GET / HTTP/1.1\r\nhost: example.com:8080\r\nAccept: */*\r\nX-B: 2\r\nX-A: 1\r\n\r\n");
        }

        @Test
        void namesKeepTheirCaseAndEmptyValuesHaveNoSpace() {
            assertThat(encode(head(Method.GET, "/", V11, "Host", "h", "x-LoWeR-CaSe", "v", "X-Empty", "")))
                    .isEqualTo("GET / HTTP/1.1\r\nHost: h\r\nx-LoWeR-CaSe: v\r\nX-Empty:\r\n\r\n");
        }

        @Test
        void valuesAreWrittenAsIso88591() {
            byte[] bytes = RequestEncoder.encode(head(Method.GET, "/", V11, "Host", "h", "X-Latin", "caf\u00e9\u00ff"));
            byte[] expected = "GET / HTTP/1.1\r\nHost: h\r\nX-Latin: caf\u00e9\u00ff\r\n\r\n".getBytes(ISO_8859_1);
            assertThat(bytes).isEqualTo(expected);
            assertThat(bytes[bytes.length - 6]).isEqualTo((byte) 0xe9);
            assertThat(bytes[bytes.length - 5]).isEqualTo((byte) 0xff);
        }

        @Test
        void repeatedFieldsStayAsSeparateLines() {
            assertThat(encode(head(Method.GET, "/", V11, "Host", "h", "Cookie", "a=1", "Accept", "x", "Cookie", "b=2")))
                    .isEqualTo("GET / HTTP/1.1\r\nHost: h\r\nCookie: a=1\r\nAccept: x\r\nCookie: b=2\r\n\r\n");
        }

        @Test
        void absoluteFormToAProxy() {
            assertThat(encode(head(Method.GET, "http://www.example.org/pub/WWW/TheProject.html", V11,
                    "Host", "www.example.org")))
                    .isEqualTo("GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1\r\n"
                            + "Host: www.example.org\r\n\r\n");
            // host comparison ignores case; the port must be there if the URI has one
            assertThat(encode(head(Method.GET, "http://Example.ORG:8080/", V11, "Host", "example.org:8080")))
                    .startsWith("GET http://Example.ORG:8080/ HTTP/1.1\r\n");
        }

        @Test
        void authorityFormForConnect() {
            assertThat(encode(head(Method.CONNECT, "server.example.com:443", V11, "Host", "server.example.com:443")))
                    .isEqualTo("CONNECT server.example.com:443 HTTP/1.1\r\nHost: server.example.com:443\r\n\r\n");
            RequestTarget t = RequestTarget.authority("::1", 8443);
            assertThat(encode(new RequestHead(Method.CONNECT, t.toString(), V11, Headers.of("Host", "[::1]:8443"))))
                    .isEqualTo("CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n");
        }

        @Test
        void asteriskFormForOptions() {
            assertThat(encode(head(Method.OPTIONS, "*", V11, "Host", "www.example.org:8001")))
                    .isEqualTo("OPTIONS * HTTP/1.1\r\nHost: www.example.org:8001\r\n\r\n");
        }

        @Test
        void http10NeedsNoHost() {
            assertThat(encode(head(Method.GET, "/", V10))).isEqualTo("GET / HTTP/1.0\r\n\r\n");
            assertThat(encode(head(Method.GET, "/", V10, "Host", "h"))).isEqualTo("GET / HTTP/1.0\r\nHost: h\r\n\r\n");
        }

        @Test
        void extensionMethodAndLaterMinorVersion() {
            assertThat(encode(head(Method.of("PROPFIND"), "/dav/", HttpVersion.of(1, 2), "Host", "h")))
                    .isEqualTo("PROPFIND /dav/ HTTP/1.2\r\nHost: h\r\n\r\n");
        }

        @Test
        void chunkedAndContentLengthHeadsAsFramed() {
            assertThat(encode(head(Method.POST, "/up", V11, "Host", "h", "Transfer-Encoding", "gzip, chunked")))
                    .isEqualTo("POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
            assertThat(encode(head(Method.POST, "/up", V11, "Host", "h", "Content-Length", "5")))
                    .isEqualTo("POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n");
        }
    }

    @Nested
    class Refusals {
        @Test
        void methodAndFormMustMatch() {
            assertRefused(head(Method.CONNECT, "/", V11, "Host", "h"), "CONNECT must use the authority-form");
            assertRefused(head(Method.CONNECT, "http://h/", V11, "Host", "h"), "CONNECT must use the authority-form");
            assertRefused(head(Method.GET, "example.com:443", V11, "Host", "example.com:443"),
                    "authority-form \"example.com:443\" is only for CONNECT, not GET [RFC 9112 §3.2.3]");
            assertRefused(head(Method.GET, "*", V11, "Host", "h"),
                    "asterisk-form \"*\" is only for OPTIONS, not GET [RFC 9112 §3.2.4]");
            assertRefused(head(Method.CONNECT, "*", V11, "Host", "h"), "CONNECT must use the authority-form");
        }

        @Test
        void hostRules() {
            assertRefused(head(Method.GET, "/", V11), "an HTTP/1.1 request must carry a Host field [RFC 9112 §3.2]");
            assertRefused(head(Method.GET, "/", V11, "Host", "a", "HOST", "b"),
                    "a request must carry one Host field, found 2 [RFC 9112 §3.2]");
            assertRefused(head(Method.GET, "/", V10, "Host", "a", "Host", "a"), "found 2");
            assertRefused(head(Method.GET, "http://a.example/", V11, "Host", "b.example"),
                    "Host: b.example differs from the authority \"a.example\" of the absolute-form target");
            assertRefused(head(Method.GET, "http://a.example:8080/", V11, "Host", "a.example"), "differs");
        }

        @Test
        void framingRules() {
            assertRefused(head(Method.POST, "/", V11, "Host", "h", "Content-Length", "1", "Transfer-Encoding", "chunked"),
                    "must not send Content-Length together with Transfer-Encoding [RFC 9112 §6.2]");
            assertRefused(head(Method.POST, "/", V11, "Host", "h", "Content-Length", "1", "content-length", "1"),
                    "at most one Content-Length field, found 2 [RFC 9110 §8.6]");
            assertRefused(head(Method.POST, "/", V10, "Transfer-Encoding", "chunked"),
                    "Transfer-Encoding must not be sent in an HTTP/1.0 request [RFC 9112 §6.1]");
            assertRefused(head(Method.POST, "/", V11, "Host", "h", "Transfer-Encoding", "gzip"),
                    "chunked must be the final transfer coding of a request [RFC 9112 §6.1]");
            assertRefused(head(Method.POST, "/", V11, "Host", "h", "Transfer-Encoding", "chunked, gzip"), "final");
            assertThatThrownBy(() -> RequestEncoder.encode(head(Method.POST, "/", V11, "Host", "h",
                    "Content-Length", "+5")))
                    .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                        assertThat(e.index()).isZero();
                        assertThat(e.rfcSection()).isEqualTo("RFC 9110 §8.6");
                    });
            assertRefused(head(Method.POST, "/", V11, "Host", "h", "Content-Length", "1234567890123456789"),
                    "1 to 18 digits");
        }

        @Test
        void injectionInTheTargetIsRefused() {
            for (String target : new String[] {"/a\r\nX-Injected: 1", "/a\nX: 1", "/a\rX", "/a\0", "/a HTTP/1.1",
                "/a#frag"}) {
                assertThatThrownBy(() -> RequestEncoder.encode(head(Method.GET, target, V11, "Host", "h")))
                        .isInstanceOfSatisfying(InvalidSyntaxException.class,
                                e -> assertThat(e.index()).isEqualTo(2));
            }
        }

        @Test
        void injectionInNamesAndValuesIsRefusedByHeaders() {
            assertThatThrownBy(() -> Headers.of("X-A", "1\r\nX-Injected: 2")).isInstanceOf(InvalidSyntaxException.class);
            assertThatThrownBy(() -> Headers.of("X-A\r\nX-B", "1")).isInstanceOf(InvalidSyntaxException.class);
            assertThatThrownBy(() -> Method.of("GET /evil HTTP/1.1\r\n")).isInstanceOf(InvalidSyntaxException.class);
        }

        /** The byte-level check in the writer itself, as if a Headers instance had escaped validation. */
        @Test
        void theWriterRefusesControlCharactersItself() {
            String[][] bad = {
                {"X-A", "1\r\nX-Injected: 2", "1"}, {"X-A", "1\nX", "1"}, {"X-A", "1\rX", "1"},
                {"X-A", "a\0b", "1"}, {"X-A", "a\u007fb", "1"}, {"X-A", "a\u0001", "1"}, {"X-A", "\u20ac", "0"},
                {"X\r\nA", "1", "1"}, {"X A", "1", "1"}, {"X:A", "1", "1"}, {"X\0", "1", "1"}, {"", "1", "0"},
                {"X-\u00e9", "1", "2"}};
            for (String[] c : bad) {
                WireBuffer buf = new WireBuffer();
                assertThatThrownBy(() -> HeadWriter.fieldLine(buf, c[0], c[1]))
                        .as("%s: %s", c[0], c[1])
                        .isInstanceOfSatisfying(InvalidSyntaxException.class,
                                e -> assertThat(e.index()).isEqualTo(Integer.parseInt(c[2])));
            }
            WireBuffer buf = new WireBuffer();
            assertThatThrownBy(() -> HeadWriter.token(buf, "GE\r\nT", "RFC 9110 §9.1"))
                    .isInstanceOf(InvalidSyntaxException.class);
        }

        @Test
        void aFailedEncodeLeavesTheBufferAsItWas() {
            WireBuffer buf = new WireBuffer();
            RequestEncoder.encode(head(Method.GET, "/", V11, "Host", "h"), buf);
            int size = buf.size();
            assertThatThrownBy(() -> RequestEncoder.encode(head(Method.GET, "/a b", V11, "Host", "h"), buf))
                    .isInstanceOf(InvalidSyntaxException.class);
            assertThatThrownBy(() -> RequestEncoder.encode(head(Method.GET, "/", V11), buf))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(buf.size()).isEqualTo(size);
            assertThat(buf.toString()).isEqualTo("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        }

        @Test
        void nulls() {
            assertThatThrownBy(() -> RequestEncoder.encode(null)).hasMessage("head");
            assertThatThrownBy(() -> RequestEncoder.encode(head(Method.GET, "/", V10), null)).hasMessage("out");
        }
    }

    @Nested
    class Framing {
        private RequestHead framed(Method m, HttpVersion v, BodyFraming f, String... fields) {
            String[] all = new String[fields.length + 2];
            all[0] = "Host";
            all[1] = "h";
            System.arraycopy(fields, 0, all, 2, fields.length);
            return RequestEncoder.withFraming(head(m, "/", v, all), f);
        }

        private String framedBytes(Method m, BodyFraming f, String... fields) {
            return encode(framed(m, V11, f, fields));
        }

        @Test
        void emptyBodyGivesContentLengthZeroOnlyWhenTheMethodAnticipatesContent() {
            assertThat(framedBytes(Method.POST, BodyFraming.NO_BODY))
                    .isEqualTo("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
            assertThat(framedBytes(Method.PUT, new BodyFraming.FixedLength(0)))
                    .isEqualTo("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
            assertThat(framedBytes(Method.PATCH, BodyFraming.NO_BODY)).contains("Content-Length: 0\r\n");
            for (Method m : new Method[] {Method.GET, Method.HEAD, Method.DELETE, Method.OPTIONS, Method.TRACE,
                Method.of("PROPFIND")}) {
                assertThat(framedBytes(m, BodyFraming.NO_BODY)).isEqualTo(m + " / HTTP/1.1\r\nHost: h\r\n\r\n");
                assertThat(framedBytes(m, new BodyFraming.FixedLength(0))).doesNotContain("Content-Length");
            }
        }

        @Test
        void unchangedHeadsAreReturnedAsIs() {
            RequestHead get = head(Method.GET, "/", V11, "Host", "h");
            assertThat(RequestEncoder.withFraming(get, BodyFraming.NO_BODY)).isSameAs(get);
            RequestHead post = head(Method.POST, "/", V11, "Host", "h", "Content-Length", "5");
            assertThat(RequestEncoder.withFraming(post, new BodyFraming.FixedLength(5))).isSameAs(post);
            RequestHead chunked = head(Method.POST, "/", V11, "Host", "h", "Transfer-Encoding", "gzip, chunked");
            assertThat(RequestEncoder.withFraming(chunked, BodyFraming.CHUNKED)).isSameAs(chunked);
            // a GET whose caller chose to send Content-Length: 0 keeps it
            RequestHead getZero = head(Method.GET, "/", V11, "Host", "h", "Content-Length", "0");
            assertThat(RequestEncoder.withFraming(getZero, BodyFraming.NO_BODY)).isSameAs(getZero);
        }

        @Test
        void knownLength() {
            assertThat(framedBytes(Method.POST, new BodyFraming.FixedLength(1234567890123L), "Content-Type", "a/b"))
                    .isEqualTo("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: a/b\r\nContent-Length: 1234567890123\r\n\r\n");
            assertThat(framedBytes(Method.GET, new BodyFraming.FixedLength(3)))
                    .isEqualTo("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n");
            assertThat(encode(RequestEncoder.withFraming(head(Method.PUT, "/", V11, "Host", "h"), OptionalLong.of(7))))
                    .isEqualTo("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 7\r\n\r\n");
        }

        @Test
        void duplicateAgreeingContentLengthsCollapseToOne() {
            assertThat(framedBytes(Method.POST, new BodyFraming.FixedLength(5),
                    "Content-Length", "5", "X", "1", "content-length", "5"))
                    .isEqualTo("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nX: 1\r\n\r\n");
        }

        @Test
        void unknownLengthIsChunked() {
            assertThat(framedBytes(Method.POST, BodyFraming.CHUNKED))
                    .isEqualTo("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
            assertThat(encode(RequestEncoder.withFraming(head(Method.POST, "/", V11, "Host", "h"), OptionalLong.empty())))
                    .isEqualTo("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
        }

        @Test
        void conflictsAreRefused() {
            assertThatThrownBy(() -> framed(Method.POST, V11, new BodyFraming.FixedLength(5), "Content-Length", "4"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Content-Length: 4 was set but the body has 5 bytes [RFC 9110 §8.6]");
            assertThatThrownBy(() -> framed(Method.POST, V11, BodyFraming.NO_BODY, "Content-Length", "4"))
                    .hasMessageContaining("has 0 bytes");
            assertThatThrownBy(() -> framed(Method.GET, V11, BodyFraming.NO_BODY, "Content-Length", "4"))
                    .hasMessageContaining("has 0 bytes");
            assertThatThrownBy(() -> framed(Method.POST, V11, new BodyFraming.FixedLength(5),
                    "Transfer-Encoding", "chunked"))
                    .hasMessage("Transfer-Encoding is set but the body has a known length of 5 [RFC 9112 §6.2]");
            assertThatThrownBy(() -> framed(Method.POST, V11, BodyFraming.CHUNKED, "Content-Length", "5"))
                    .hasMessage("a chunked request must not carry Content-Length [RFC 9112 §6.2]");
            assertThatThrownBy(() -> framed(Method.POST, V11, BodyFraming.CHUNKED, "Transfer-Encoding", "gzip"))
                    .hasMessageContaining("chunked must be the final transfer coding");
        }

        @Test
        void chunkedNeedsHttp11() {
            assertThatThrownBy(() -> framed(Method.POST, V10, BodyFraming.CHUNKED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("chunked transfer coding needs HTTP/1.1, the request is HTTP/1.0 [RFC 9112 §6.1]");
            assertThat(encode(framed(Method.POST, V10, new BodyFraming.FixedLength(2))))
                    .isEqualTo("POST / HTTP/1.0\r\nHost: h\r\nContent-Length: 2\r\n\r\n");
        }

        @Test
        void untilCloseIsNotARequestFraming() {
            assertThatThrownBy(() -> framed(Method.POST, V11, BodyFraming.UNTIL_CLOSE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot be delimited by closing the connection");
        }
    }

    @Nested
    class Buffers {
        @Test
        void headAndBodyLeaveInOneWriteAndTheBufferIsReused() throws IOException {
            WireBuffer buf = new WireBuffer(16, 1 << 20);
            byte[] body = "hello".getBytes(ISO_8859_1);
            RequestHead head = RequestEncoder.withFraming(head(Method.POST, "/upload", V11, "Host", "example.com",
                    "Content-Type", "text/plain"), OptionalLong.of(body.length));
            RecordingStream socket = new RecordingStream();
            for (int round = 0; round < 3; round++) {
                buf.reset();
                RequestEncoder.encode(head, buf);
                buf.write(body, 0, body.length);
                buf.writeTo(socket);
            }
            String one = "POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 5\r\n\r\nhello";
            assertThat(socket.writes).isEqualTo(3);
            assertThat(socket.toString(ISO_8859_1)).isEqualTo(one + one + one);
            assertThat(new String(buf.asByteBuffer().array(), 0, buf.asByteBuffer().limit(), ISO_8859_1)).isEqualTo(one);
            assertThat(buf.toByteArray()).isEqualTo(one.getBytes(ISO_8859_1));
        }

        @Test
        void wireBufferWritesThrowNoCheckedException() {
            WireBuffer buf = new WireBuffer();
            buf.write(new byte[] {'a', 'b'});
            buf.write('c');
            buf.write(new byte[] {'x', 'd', 'x'}, 1, 1);
            buf.flush();
            buf.close();
            assertThat(buf.toString()).isEqualTo("abcd");
            assertThat(buf.array()).startsWith('a', 'b', 'c', 'd');
            buf.reset();
            assertThat(buf.size()).isZero();
            assertThat(buf.asByteBuffer().remaining()).isZero();
        }

        @Test
        void encodeAppends() {
            WireBuffer buf = new WireBuffer();
            buf.write('x');
            RequestEncoder.encode(head(Method.GET, "/", V10), buf);
            assertThat(buf.toString()).isEqualTo("xGET / HTTP/1.0\r\n\r\n");
        }

        @Test
        void theBufferHasALimit() {
            WireBuffer buf = new WireBuffer(16, 32);
            assertThatThrownBy(() -> RequestEncoder.encode(head(Method.GET, "/" + "a".repeat(40), V10), buf))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("more than its maxCapacity of 32");
            assertThat(buf.size()).isZero();
            assertThatThrownBy(() -> new WireBuffer(8, 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new WireBuffer(64, 32)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void largeHeadsGrowTheBuffer() {
            String value = "v".repeat(5000);
            WireBuffer buf = new WireBuffer(16, 1 << 20);
            RequestEncoder.encode(head(Method.GET, "/", V11, "Host", "h", "X-Big", value), buf);
            assertThat(buf.toString()).isEqualTo("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + value + "\r\n\r\n");
        }
    }

    /** Counts write calls, as a socket stream would see them. */
    static final class RecordingStream extends ByteArrayOutputStream {
        int writes;
        int flushes;
        boolean closed;

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }

        @Override
        public void write(int b) {
            writes++;
            super.write(b);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
