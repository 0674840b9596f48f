package dev.envoi.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.codec.RequestEncoderTest.RecordingStream;
import dev.envoi.core.Headers;
import dev.envoi.core.InvalidSyntaxException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedEncoderTest {
    private final RecordingStream sink = new RecordingStream();

    private static byte[] ascii(String s) {
        return s.getBytes(ISO_8859_1);
    }

    private String wire() {
        return sink.toString(ISO_8859_1);
    }

    @Nested
    class Chunks {
        @Test
        void oneWriteThenFinish() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            c.write(ascii("hello"));
            c.finish();
            assertThat(wire()).isEqualTo("5\r\nhello\r\n0\r\n\r\n");
            assertThat(c.isFinished()).isTrue();
        }

        @Test
        void emptyBody() throws IOException {
            new ChunkedEncoder(sink).finish();
            assertThat(wire()).isEqualTo("0\r\n\r\n");
        }

        @Test
        void emptyWritesNeverBecomeChunks() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink, 4);
            c.write(new byte[0]);
            c.write(ascii("abc"), 1, 0);
            c.flush();
            assertThat(wire()).isEmpty();
            c.write(ascii("ab"));
            c.write(new byte[0]);
            c.flush();
            c.flush();
            assertThat(wire()).isEqualTo("2\r\nab\r\n");
        }

        @Test
        void tinyWritesAreBufferedIntoOneChunk() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink, 64);
            for (char ch : "many tiny writes".toCharArray()) {
                c.write(ch);
            }
            c.finish();
            assertThat(wire()).isEqualTo("10\r\nmany tiny writes\r\n0\r\n\r\n");
        }

        @Test
        void aFullBufferLeavesAsOneChunkInOneWrite() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink, 4);
            c.write('a');
            c.write('b');
            c.write('c');
            assertThat(sink.writes).isZero();
            c.write('d');
            assertThat(wire()).isEqualTo("4\r\nabcd\r\n");
            assertThat(sink.writes).isEqualTo(1);
            c.write(ascii("efgh"));
            assertThat(wire()).isEqualTo("4\r\nabcd\r\n4\r\nefgh\r\n");
            assertThat(sink.writes).isEqualTo(2);
        }

        @Test
        void aWriteThatDoesNotFitFillsTheBufferThenGoesDirect() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink, 4);
            c.write(ascii("ab"));
            c.write(ascii("cdefghij"));
            c.finish();
            assertThat(wire()).isEqualTo("4\r\nabcd\r\n6\r\nefghij\r\n0\r\n\r\n");
        }

        @Test
        void aShortRemainderIsBuffered() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink, 4);
            c.write(ascii("ab"));
            c.write(ascii("cde"));
            assertThat(wire()).isEqualTo("4\r\nabcd\r\n");
            c.write(ascii("f"));
            c.finish();
            assertThat(wire()).isEqualTo("4\r\nabcd\r\n2\r\nef\r\n0\r\n\r\n");
        }

        @Test
        void aLargeWriteIntoAnEmptyBufferIsOneChunkWithoutCopying() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink, 4);
            c.write(ascii("0123456789abcdefghij"));
            c.finish();
            assertThat(wire()).isEqualTo("14\r\n0123456789abcdefghij\r\n0\r\n\r\n");
        }

        @Test
        void flushEmitsAChunkAndFlushesTheStream() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            c.write(ascii("one"));
            c.flush();
            assertThat(sink.flushes).isEqualTo(1);
            c.write(ascii("two!"));
            c.flush();
            c.finish();
            assertThat(wire()).isEqualTo("3\r\none\r\n4\r\ntwo!\r\n0\r\n\r\n");
            assertThat(sink.flushes).isEqualTo(3);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 9, 10, 15, 16, 17, 255, 256, 4095, 4096, 65535, 65536, 1_000_000})
        void sizesAreLowerCaseHexWithoutLeadingZeros(int size) throws IOException {
            byte[] data = new byte[size];
            // through the buffer and straight through
            for (int chunkSize : new int[] {size + 1, 1}) {
                sink.reset();
                ChunkedEncoder c = new ChunkedEncoder(sink, chunkSize);
                c.write(data);
                c.finish();
                String hex = Integer.toHexString(size);
                byte[] out = sink.toByteArray();
                assertThat(new String(out, 0, hex.length() + 2, ISO_8859_1)).isEqualTo(hex + "\r\n");
                assertThat(out).hasSize(hex.length() + 2 + size + 2 + 5);
                assertThat(new String(out, out.length - 7, 7, ISO_8859_1)).isEqualTo("\r\n0\r\n\r\n");
            }
        }

        @Test
        void chunkSizeBounds() {
            assertThatThrownBy(() -> new ChunkedEncoder(sink, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ChunkedEncoder(sink, (1 << 24) + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ChunkedEncoder(null)).hasMessage("out");
        }

        @Test
        void writesIntoAWireBuffer() throws IOException {
            WireBuffer buf = new WireBuffer();
            buf.write(ascii("HEAD\r\n\r\n"));
            try (ChunkedEncoder c = new ChunkedEncoder(buf)) {
                c.write(ascii("body"));
            }
            assertThat(buf.toString()).isEqualTo("HEAD\r\n\r\n4\r\nbody\r\n0\r\n\r\n");
        }
    }

    @Nested
    class Trailers {
        @Test
        void trailerSection() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            c.write(ascii("data"));
            c.finish(Headers.of("Checksum", "sha-256=abc", "X-Trace-Id", "42", "X-Empty", ""));
            assertThat(wire()).isEqualTo("4\r\ndata\r\n0\r\nChecksum: sha-256=abc\r\nX-Trace-Id: 42\r\nX-Empty:\r\n\r\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Content-Length", "transfer-encoding", "HOST", "Trailer", "Authorization",
            "Proxy-Authorization", "WWW-Authenticate", "Set-Cookie", "Cookie", "Cache-Control", "Expect", "Range",
            "If-None-Match", "Content-Type", "Content-Encoding", "Connection", "TE", "Max-Forwards", "Location",
            "Retry-After", "Vary", "Date", "Age", "Upgrade", "Keep-Alive"})
        void fieldsThatMustNotBeTrailersAreRefusedAndNothingIsWritten(String name) throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            c.write(ascii("data"));
            assertThatThrownBy(() -> c.finish(Headers.of("X-Ok", "1", name, "1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(name + " must not be sent as a trailer field: it is needed before the content"
                            + " [RFC 9110 §6.5.1]");
            assertThat(wire()).isEmpty();
            assertThat(c.isFinished()).isFalse();
            assertThat(ChunkedEncoder.isAllowedTrailer(name)).isFalse();
            c.finish();
            assertThat(wire()).isEqualTo("4\r\ndata\r\n0\r\n\r\n");
        }

        @Test
        void allowedTrailers() {
            assertThat(ChunkedEncoder.isAllowedTrailer("Server-Timing")).isTrue();
            assertThat(ChunkedEncoder.isAllowedTrailer("Digest")).isTrue();
            assertThat(ChunkedEncoder.isAllowedTrailer("X-Content-Length")).isTrue();
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void closeFinishesOnceAndLeavesTheStreamOpen() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            c.write(ascii("x"));
            c.close();
            c.close();
            assertThat(wire()).isEqualTo("1\r\nx\r\n0\r\n\r\n");
            assertThat(sink.closed).isFalse();
        }

        @Test
        void closeAfterFinishWritesNothing() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            c.finish(Headers.of("X-T", "1"));
            c.close();
            assertThat(wire()).isEqualTo("0\r\nX-T: 1\r\n\r\n");
        }

        @Test
        void afterAnIoFailureInFinishCloseWritesNothingMore() throws IOException {
            int[] attempts = {0};
            java.io.OutputStream broken = new java.io.OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    attempts[0]++;
                    throw new IOException("connection reset");
                }
            };
            ChunkedEncoder c = new ChunkedEncoder(broken);
            c.write(ascii("x"));
            assertThatThrownBy(c::finish).isInstanceOf(IOException.class).hasMessage("connection reset");
            c.close();
            assertThat(attempts[0]).isEqualTo(1);
            assertThat(c.isFinished()).isTrue();
        }

        @Test
        void writingAfterFinishIsAnError() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            c.finish();
            assertThatThrownBy(() -> c.write('a')).isInstanceOf(IllegalStateException.class)
                    .hasMessage("chunked body already finished");
            assertThatThrownBy(() -> c.write(ascii("a"))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(c::finish).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> c.writeChunk(ascii("a"), 0, 1, "")).isInstanceOf(IllegalStateException.class);
            c.flush();
            assertThat(wire()).isEqualTo("0\r\n\r\n");
        }
    }

    @Nested
    class Extensions {
        @Test
        void chunkWithExtensionsFlushesTheBufferFirst() throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            c.write(ascii("ab"));
            c.writeChunk(ascii("xcdex"), 1, 3, ";name=value;flag;q=\"a \\\"quoted\\\" b\"");
            c.writeChunk(ascii("f"), 0, 1, "");
            c.finish();
            assertThat(wire()).isEqualTo("2\r\nab\r\n3;name=value;flag;q=\"a \\\"quoted\\\" b\"\r\ncde\r\n1\r\nf\r\n0\r\n\r\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", ";", "; name", ";name =v", ";a=", ";a=b=c", ";a=\"open", ";a=\"x\"y",
            ";a=\"x\r\ny\"", ";a\r\nX: 1", ";a=b\0", ";a=\"\\", ";a=\"b\u0001\""})
        void malformedExtensionsAreRefused(String ext) throws IOException {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            assertThatThrownBy(() -> c.writeChunk(ascii("a"), 0, 1, ext))
                    .isInstanceOfSatisfying(InvalidSyntaxException.class,
                            e -> assertThat(e.rfcSection()).isEqualTo("RFC 9112 §7.1.1"));
            assertThat(wire()).isEmpty();
        }

        @Test
        void anEmptyChunkIsRefused() {
            ChunkedEncoder c = new ChunkedEncoder(sink);
            assertThatThrownBy(() -> c.writeChunk(new byte[1], 0, 0, ";a"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("zero-size chunk is the last-chunk");
        }
    }

    /** Random write patterns, decoded again by a minimal reference decoder written here. */
    @Test
    void randomWritePatternsDecodeToTheSameBytes() throws IOException {
        Random random = new Random(9112);
        for (int round = 0; round < 200; round++) {
            sink.reset();
            int chunkSize = 1 + random.nextInt(64);
            ChunkedEncoder c = new ChunkedEncoder(sink, chunkSize);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            int writes = random.nextInt(30);
            for (int w = 0; w < writes; w++) {
                byte[] data = new byte[random.nextInt(3 * chunkSize + 2)];
                random.nextBytes(data);
                switch (random.nextInt(4)) {
                    case 0 -> c.flush();
                    case 1 -> {
                        if (data.length > 0) {
                            c.write(data[0]);
                            expected.write(data[0]);
                        }
                    }
                    default -> {
                        c.write(data);
                        expected.write(data);
                    }
                }
            }
            c.finish();
            assertThat(decode(sink.toByteArray())).as("round %d", round).isEqualTo(expected.toByteArray());
        }
    }

    private static byte[] decode(byte[] wire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        while (true) {
            int size = 0;
            int start = p;
            while (wire[p] != '\r') {
                size = size * 16 + Character.digit(wire[p++], 16);
            }
            assertThat(p).as("size digits").isGreaterThan(start);
            assertThat(wire[start] != '0' || size == 0).as("no leading zeros").isTrue();
            assertThat(wire[p + 1]).isEqualTo((byte) '\n');
            p += 2;
            if (size == 0) {
                assertThat(p + 2).isEqualTo(wire.length);
                return out.toByteArray();
            }
            out.write(wire, p, size);
            p += size;
            assertThat(wire[p]).isEqualTo((byte) '\r');
            assertThat(wire[p + 1]).isEqualTo((byte) '\n');
            p += 2;
        }
    }
}
