package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.MalformedMessageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyInputStreamTest {

    /** A source that returns at most {@code step} bytes per read, to exercise every refill path. */
    private static InputStream trickle(String s, int step) {
        return new ByteArrayInputStream(Feed.bytes(s)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    /** Parses the head from {@code source} into {@code buf}, then returns the body stream. */
    private static BodyInputStream open(ResponseParser p, ByteBuffer buf, InputStream source) throws IOException {
        while (p.parse(buf) != ParseEvent.HEAD) {
            buf.compact();
            int n = source.read(buf.array(), buf.position(), buf.remaining());
            assertThat(n).isPositive();
            buf.position(buf.position() + n).flip();
        }
        return BodyInputStream.of(p, buf, source);
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyFramingAtEveryReadSize() throws IOException {
        String[][] cases = {
            {"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello worldHTTP/1.1 204 No Content\r\n\r\n", "hello world"},
            {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nT: 1\r\n\r\n"
                    + "HTTP/1.1 204 No Content\r\n\r\n", "hello world"},
            {"HTTP/1.1 200 OK\r\n\r\nhello world", "hello world"},
            {"HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", ""},
        };
        for (String[] c : cases) {
            for (int step = 1; step <= 9; step++) {
                for (int cap : new int[] {1, 7, 64}) {
                    ResponseParser p = new ResponseParser();
                    ByteBuffer buf = ByteBuffer.allocate(Math.max(cap, 1)).flip();
                    InputStream source = trickle(c[0], step);
                    BodyInputStream body = open(p, buf, source);
                    assertThat(readAll(body)).as("step %d cap %d: %s", step, cap, c[0]).isEqualTo(c[1]);
                    assertThat(body.isComplete()).isTrue();
                    assertThat(body.read()).isEqualTo(-1);
                    if (c[0].endsWith("No Content\r\n\r\n")) {
                        assertThat(p.keepAlive()).isTrue();
                        // the next response is intact: in the buffer or still in the source
                        String rest = new String(buf.array(), buf.position(), buf.remaining(),
                                StandardCharsets.ISO_8859_1)
                                + readAll(source);
                        assertThat(rest).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
                    }
                }
            }
        }
    }

    @Test
    void aTruncatedBodyIsAnExceptionNotAnEarlyEnd() throws IOException {
        for (String msg : new String[] {"HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"}) {
            ResponseParser p = new ResponseParser();
            InputStream source = trickle(msg, 3);
            BodyInputStream body = open(p, ByteBuffer.allocate(16).flip(), source);
            byte[] got = new byte[5];
            assertThat(body.readNBytes(got, 0, 5)).isEqualTo(5);
            assertThatThrownBy(body::read).isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("truncated");
            assertThatThrownBy(body::read).isInstanceOf(MalformedMessageException.class); // stays failed
            assertThat(body.isComplete()).isFalse();
        }
    }

    @Test
    void aMalformedChunkSurfacesMidBody() throws IOException {
        ResponseParser p = new ResponseParser();
        InputStream source = trickle("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n", 4);
        BodyInputStream body = open(p, ByteBuffer.allocate(32).flip(), source);
        assertThat(body.read()).isEqualTo('a');
        assertThat(body.read()).isEqualTo('b');
        assertThat(body.read()).isEqualTo('c');
        assertThatThrownBy(body::read).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("expected chunk-size (HEXDIG) but was 'z'");
    }

    @Test
    void closeDoesNotCloseTheSourceAndStopsReading() throws IOException {
        boolean[] sourceClosed = {false};
        InputStream source = new ByteArrayInputStream(Feed.bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab")) {
            @Override
            public void close() {
                sourceClosed[0] = true;
            }
        };
        BodyInputStream body = open(new ResponseParser(), ByteBuffer.allocate(64).flip(), source);
        body.close();
        assertThat(sourceClosed[0]).isFalse();
        assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessage("body stream is closed");
    }

    @Test
    void requestBodies() throws IOException {
        RequestParser p = new RequestParser();
        ByteBuffer buf = ByteBuffer.wrap(Feed.bytes("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"));
        assertThat(p.parse(buf)).isEqualTo(ParseEvent.HEAD);
        assertThat(readAll(BodyInputStream.of(p, buf, InputStream.nullInputStream()))).isEqualTo("abc");
        assertThatThrownBy(() -> BodyInputStream.of(p, ByteBuffer.allocateDirect(4), InputStream.nullInputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
