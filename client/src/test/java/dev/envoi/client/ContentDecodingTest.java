package dev.envoi.client;

import dev.envoi.client.internal.decode.InflatingStream;
import dev.envoi.core.Headers;
import dev.envoi.core.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** gzip, x-gzip, deflate (zlib and raw), stacking, unknown codings and corrupt or truncated data. */
class ContentDecodingTest {
    static final byte[] TEXT = ("The quick brown fox jumps over the lazy dog. ".repeat(2000)
            + "Ünïcödé ✓ 𝄞").getBytes(StandardCharsets.UTF_8);

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    static byte[] rawDeflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, d)) {
            z.write(data);
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static DecodedBody decode(byte[] encoded, String... codings) throws IOException {
        return ContentDecoding.defaults().decode(new ByteArrayInputStream(encoded), List.of(codings));
    }

    static byte[] readAll(DecodedBody d) throws IOException {
        try (InputStream in = d.body()) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", "GZip", "X-GZIP"})
    void gzipRoundTrip(String name) throws Exception {
        DecodedBody d = decode(gzip(TEXT), name);
        assertThat(readAll(d)).isEqualTo(TEXT);
        assertThat(d.decoded()).containsExactly(name.toLowerCase(java.util.Locale.ROOT));
        assertThat(d.remaining()).isEmpty();
        assertThat(d.isFullyDecoded()).isTrue();
    }

    @Test
    void deflateZlibAndRawAreBothDecoded() throws Exception {
        assertThat(readAll(decode(zlib(TEXT), "deflate"))).isEqualTo(TEXT);
        assertThat(readAll(decode(rawDeflate(TEXT), "deflate"))).isEqualTo(TEXT);
        byte[] small = "a".getBytes(StandardCharsets.US_ASCII);
        assertThat(readAll(decode(zlib(small), "deflate"))).isEqualTo(small);
        assertThat(readAll(decode(rawDeflate(small), "deflate"))).isEqualTo(small);
        assertThat(readAll(decode(rawDeflate(new byte[0]), "deflate"))).isEmpty();
        assertThat(readAll(decode(zlib(new byte[0]), "deflate"))).isEmpty();
    }

    @Test
    void randomDataOfManySizes() throws Exception {
        Random r = new Random(42);
        for (int size : new int[] {0, 1, 100, 8191, 8192, 8193, 65_536, 300_000}) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            assertThat(readAll(decode(gzip(data), "gzip"))).isEqualTo(data);
            assertThat(readAll(decode(zlib(data), "deflate"))).isEqualTo(data);
            assertThat(readAll(decode(rawDeflate(data), "deflate"))).isEqualTo(data);
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameBytes() throws Exception {
        for (byte[] enc : List.of(gzip(TEXT), zlib(TEXT), rawDeflate(TEXT))) {
            String coding = enc == null ? "" : (enc[0] == 0x1f ? "gzip" : "deflate");
            DecodedBody d = ContentDecoding.defaults().decode(new OneByteAtATime(enc), List.of(coding));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = d.body()) {
                int b;
                while ((b = in.read()) >= 0) {
                    out.write(b);
                }
            }
            assertThat(out.toByteArray()).isEqualTo(TEXT);
        }
    }

    @Test
    void stackedCodingsAreRemovedLastAppliedFirst() throws Exception {
        // Content-Encoding: deflate, gzip  means deflate was applied first, then gzip.
        DecodedBody d = decode(gzip(zlib(TEXT)), "deflate", "gzip");
        assertThat(readAll(d)).isEqualTo(TEXT);
        assertThat(d.decoded()).containsExactly("deflate", "gzip");
        assertThat(readAll(decode(gzip(gzip(TEXT)), "gzip", "gzip"))).isEqualTo(TEXT);
        assertThat(readAll(decode(gzip(gzip(gzip(TEXT))), "gzip", "gzip", "gzip"))).isEqualTo(TEXT);
        Headers h = Headers.of("Content-Encoding", "deflate", "Content-Encoding", " GZIP ,identity");
        DecodedBody fromHeaders = ContentDecoding.defaults().decode(new ByteArrayInputStream(gzip(zlib(TEXT))), h);
        assertThat(readAll(fromHeaders)).isEqualTo(TEXT);
        assertThat(fromHeaders.decoded()).containsExactly("deflate", "gzip");
    }

    @Test
    void tooManyCodingsAreRefused() throws Exception {
        assertThatThrownBy(() -> decode(new byte[0], "gzip", "gzip", "gzip", "gzip"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limitName()).isEqualTo("maxCodings");
                    assertThat(e.limit()).isEqualTo(3);
                });
        ContentDecoding five = ContentDecoding.builder().maxCodings(5).build();
        byte[] enc = gzip(gzip(gzip(gzip(TEXT))));
        assertThat(readAll(five.decode(new ByteArrayInputStream(enc), List.of("gzip", "gzip", "gzip", "gzip"))))
                .isEqualTo(TEXT);
    }

    @Test
    void unknownCodingsAreLeftEncodedAndReported() throws Exception {
        byte[] brotliLike = {1, 2, 3, 4};
        DecodedBody br = decode(brotliLike, "br");
        assertThat(readAll(br)).isEqualTo(brotliLike);
        assertThat(br.decoded()).isEmpty();
        assertThat(br.remaining()).containsExactly("br");
        assertThat(br.isFullyDecoded()).isFalse();

        // gzip applied first, then br: br cannot be removed, so gzip underneath is untouched too.
        DecodedBody outerUnknown = decode(brotliLike, "gzip", "br");
        assertThat(readAll(outerUnknown)).isEqualTo(brotliLike);
        assertThat(outerUnknown.remaining()).containsExactly("gzip", "br");

        // br applied first, then gzip: gzip is removed, br is reported.
        byte[] enc = gzip(brotliLike);
        DecodedBody innerUnknown = decode(enc, "br", "gzip");
        assertThat(readAll(innerUnknown)).isEqualTo(brotliLike);
        assertThat(innerUnknown.decoded()).containsExactly("gzip");
        assertThat(innerUnknown.remaining()).containsExactly("br");
    }

    @Test
    void identityAndNothingAreNoOps() throws Exception {
        byte[] data = {5, 6};
        DecodedBody d = decode(data, "identity");
        assertThat(readAll(d)).isEqualTo(data);
        assertThat(d.decoded()).isEmpty();
        assertThat(d.remaining()).isEmpty();
        assertThat(readAll(decode(data))).isEqualTo(data);
    }

    @Test
    void disabledPassesEverythingThrough() throws Exception {
        byte[] enc = gzip(TEXT);
        DecodedBody d = ContentDecoding.disabled().decode(new ByteArrayInputStream(enc), List.of("gzip"));
        assertThat(readAll(d)).isEqualTo(enc);
        assertThat(d.remaining()).containsExactly("gzip");
        assertThat(ContentDecoding.disabled().acceptEncoding()).isNull();
        assertThat(ContentDecoding.defaults().acceptEncoding()).isEqualTo("gzip, deflate");
    }

    @Test
    void multiMemberGzipIsDecodedWhole() throws Exception {
        byte[] a = "first member, ".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second member".getBytes(StandardCharsets.US_ASCII);
        assertThat(readAll(decode(concat(gzip(a), gzip(b), gzip(new byte[0])), "gzip")))
                .isEqualTo(concat(a, b));
    }

    @Test
    void memberBoundariesAcrossTheReadBufferEdge() throws Exception {
        Random r = new Random(1);
        byte[] second = "second".getBytes(StandardCharsets.US_ASCII);
        byte[] gzSecond = gzip(second);
        for (int n = 8140; n < 8200; n++) {
            byte[] first = new byte[n];
            r.nextBytes(first);
            byte[] enc = concat(gzip(first), gzSecond);
            assertThat(readAll(decode(enc, "gzip"))).as("first member of %d bytes", n).isEqualTo(concat(first, second));
            byte[] z = zlib(first);
            assertThat(readAll(decode(z, "deflate"))).isEqualTo(first);
            assertThatThrownBy(() -> readAll(decode(concat(z, new byte[] {0}), "deflate")))
                    .isInstanceOf(ContentDecodingException.class);
        }
    }

    @Test
    void manySmallMembers() throws Exception {
        byte[] member = gzip(new byte[] {'x'});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            out.writeBytes(member);
        }
        byte[] expected = new byte[10_000];
        Arrays.fill(expected, (byte) 'x');
        assertThat(readAll(decode(out.toByteArray(), "gzip"))).isEqualTo(expected);
    }

    @Test
    void emptyBodyDecodesToEmpty() throws Exception {
        assertThat(readAll(decode(new byte[0], "gzip"))).isEmpty();
        assertThat(readAll(decode(new byte[0], "deflate"))).isEmpty();
    }

    @Test
    void trailingGarbageIsRefused() {
        assertThatThrownBy(() -> readAll(decode(concat(gzip(TEXT), new byte[] {0}), "gzip")))
                .isInstanceOfSatisfying(ContentDecodingException.class, e -> {
                    assertThat(e.coding()).isEqualTo("gzip");
                    assertThat(e.getMessage()).contains("after the end of a gzip member");
                });
        assertThatThrownBy(() -> readAll(decode(concat(gzip(TEXT), "garbage".getBytes()), "gzip")))
                .isInstanceOf(ContentDecodingException.class);
        assertThatThrownBy(() -> readAll(decode(concat(zlib(TEXT), new byte[] {1}), "deflate")))
                .isInstanceOf(ContentDecodingException.class).hasMessageContaining("after the end");
        assertThatThrownBy(() -> readAll(decode(concat(rawDeflate(TEXT), new byte[] {1}), "deflate")))
                .isInstanceOf(ContentDecodingException.class);
    }

    @Test
    void truncationAtEveryOffsetRaisesNeverShortens() throws Exception {
        byte[] data = "hello, hello, hello, world".getBytes(StandardCharsets.US_ASCII);
        for (byte[] enc : List.of(gzip(data), zlib(data), rawDeflate(data))) {
            String coding = enc[0] == 0x1f ? "gzip" : "deflate";
            for (int cut = 1; cut < enc.length; cut++) {
                byte[] prefix = Arrays.copyOf(enc, cut);
                int at = cut;
                assertThatThrownBy(() -> readAll(decode(prefix, coding)))
                        .as("%s cut at %d of %d", coding, at, enc.length)
                        .isInstanceOf(ContentDecodingException.class);
            }
        }
        byte[] whole = gzip(TEXT);
        byte[] bigCut = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> readAll(decode(bigCut, "gzip")))
                .isInstanceOf(ContentDecodingException.class).hasMessageContaining("truncated body");
    }

    @Test
    void checksumsAndSizesAreVerified() throws Exception {
        byte[] enc = gzip(TEXT);
        byte[] badCrc = enc.clone();
        badCrc[enc.length - 8] ^= 1;
        assertThatThrownBy(() -> readAll(decode(badCrc, "gzip"))).isInstanceOf(ContentDecodingException.class)
                .hasMessageContaining("CRC-32 mismatch").hasMessageContaining("RFC 1952 §2.3.1");
        byte[] badSize = enc.clone();
        badSize[enc.length - 1] ^= 1;
        assertThatThrownBy(() -> readAll(decode(badSize, "gzip"))).isInstanceOf(ContentDecodingException.class)
                .hasMessageContaining("ISIZE mismatch");
        byte[] z = zlib(TEXT);
        z[z.length - 1] ^= 1;
        assertThatThrownBy(() -> readAll(decode(z, "deflate"))).isInstanceOf(ContentDecodingException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void badHeadersAreRefused() throws Exception {
        byte[] enc = gzip(TEXT);
        byte[] magic = enc.clone();
        magic[1] = 0;
        assertThatThrownBy(() -> readAll(decode(magic, "gzip"))).hasMessageContaining("gzip magic");
        byte[] method = enc.clone();
        method[2] = 7;
        assertThatThrownBy(() -> readAll(decode(method, "gzip"))).hasMessageContaining("method 8");
        byte[] reserved = enc.clone();
        reserved[3] = (byte) 0x20;
        assertThatThrownBy(() -> readAll(decode(reserved, "gzip"))).hasMessageContaining("reserved");
        // zlib header with FDICT set: 0x78 0xBB passes the check (0x78BB % 31 == 0).
        assertThat((0x78 << 8 | 0xBB) % 31).isZero();
        assertThatThrownBy(() -> readAll(decode(new byte[] {0x78, (byte) 0xBB, 0, 0, 0, 1, 3, 0}, "deflate")))
                .hasMessageContaining("preset dictionary");
    }

    @Test
    void optionalHeaderFieldsAreSkippedAndHeaderCrcChecked() throws Exception {
        byte[] plain = gzip(TEXT);
        byte[] deflated = Arrays.copyOfRange(plain, 10, plain.length);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        h.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});          // FEXTRA, XLEN 3
        h.writeBytes("name.txt\0".getBytes(StandardCharsets.ISO_8859_1));     // FNAME
        h.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));   // FCOMMENT
        CRC32 crc = new CRC32();
        crc.update(h.toByteArray());
        int crc16 = (int) (crc.getValue() & 0xffff);
        byte[] good = concat(h.toByteArray(), new byte[] {(byte) crc16, (byte) (crc16 >> 8)}, deflated);
        assertThat(readAll(decode(good, "gzip"))).isEqualTo(TEXT);
        byte[] bad = concat(h.toByteArray(), new byte[] {(byte) ~crc16, (byte) (crc16 >> 8)}, deflated);
        assertThatThrownBy(() -> readAll(decode(bad, "gzip"))).hasMessageContaining("header CRC16 mismatch");
    }

    @Test
    void closeClosesTheSourceAndLaterReadsFail() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream src = new FilterInputStream(new ByteArrayInputStream(gzip(TEXT))) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        InputStream in = ContentDecoding.defaults().decode(src, List.of("gzip")).body();
        assertThat(in.read(new byte[10])).isEqualTo(10);
        in.close();
        assertThat(closed).isTrue();
        assertThatThrownBy(() -> in.read()).isInstanceOf(IOException.class).hasMessageContaining("closed");
        in.close(); // idempotent
    }

    @Test
    void theInflaterIsReleasedAtTheEndOnFailureAndOnClose() throws Exception {
        InflatingStream done = (InflatingStream) decode(gzip(TEXT), "gzip").body();
        assertThat(done.read()).isEqualTo('T');
        assertThat(done.holdsInflater()).isTrue();
        done.readAllBytes();
        assertThat(done.holdsInflater()).isFalse();

        InflatingStream closed = (InflatingStream) decode(zlib(TEXT), "deflate").body();
        assertThat(closed.read()).isEqualTo('T');
        closed.close();
        assertThat(closed.holdsInflater()).isFalse();

        byte[] corrupt = zlib(TEXT);
        corrupt[corrupt.length - 1] ^= 1;
        InflatingStream failed = (InflatingStream) decode(corrupt, "deflate").body();
        assertThatThrownBy(failed::readAllBytes).isInstanceOf(ContentDecodingException.class);
        assertThat(failed.holdsInflater()).isFalse();
    }

    @Test
    void zeroLengthReadAndFailureIsSticky() throws Exception {
        InputStream in = decode(gzip(TEXT), "gzip").body();
        assertThat(in.read(new byte[4], 0, 0)).isZero();
        InputStream bad = decode(new byte[] {0x1f, 0, 0}, "gzip").body();
        assertThatThrownBy(bad::read).isInstanceOf(ContentDecodingException.class);
        assertThatThrownBy(bad::read).isInstanceOf(ContentDecodingException.class);
    }

    @Test
    void builderValidatesAndRoundTrips() {
        ContentDecoding c = ContentDecoding.builder().maxCodings(2).maxDecodedBytes(10).maxRatio(0)
                .ratioGraceBytes(0).build();
        ContentDecoding copy = c.newBuilder().build();
        assertThat(copy.maxCodings()).isEqualTo(2);
        assertThat(copy.maxDecodedBytes()).isEqualTo(10);
        assertThat(copy.maxRatio()).isZero();
        assertThat(copy.ratioGraceBytes()).isZero();
        assertThat(copy.enabled()).isTrue();
        assertThat(ContentDecoding.defaults().maxDecodedBytes()).isEqualTo(256L << 20);
        assertThatThrownBy(() -> ContentDecoding.builder().maxCodings(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContentDecoding.builder().maxRatio(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ContentDecoding.isSupported("X-Gzip")).isTrue();
        assertThat(ContentDecoding.isSupported("br")).isFalse();
    }

    /** Okio's OneByteAtATimeSource: hands out one byte per read. */
    static final class OneByteAtATime extends InputStream {
        private final byte[] data;
        private int pos;

        OneByteAtATime(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
