package dev.envoi.client;

import dev.envoi.core.LimitExceededException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;

import static dev.envoi.client.ContentDecodingTest.gzip;
import static dev.envoi.client.ContentDecodingTest.zlib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decompression bombs are refused within their budget: the bytes handed to the reader never exceed
 * the size limit, and a high ratio is caught early (urllib3 CVE-2025-66471 was a streaming bomb).
 */
class DecompressionBombTest {
    private static final int MIB = 1024 * 1024;
    private static byte[] bomb;

    @BeforeAll
    static void makeBomb() throws IOException {
        bomb = gzip(new byte[10 * 1000 * 1000]); // 10 MB of zeros
        assertThat(bomb.length).isLessThan(20_000);
    }

    /** Reads until the stream fails, counting the bytes it handed out, and returns the failure. */
    private static Throwable drain(InputStream in, long[] produced) {
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                produced[0] += n;
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void sizeLimitStopsTheBombWithinItsBudget() throws Exception {
        ContentDecoding oneMib = ContentDecoding.builder().maxDecodedBytes(MIB).maxRatio(0).build();
        long[] produced = {0};
        Throwable t = drain(oneMib.decode(new ByteArrayInputStream(bomb), List.of("gzip")).body(), produced);
        assertThat(t).isInstanceOfSatisfying(LimitExceededException.class, e -> {
            assertThat(e.limitName()).isEqualTo("maxDecodedBytes");
            assertThat(e.limit()).isEqualTo(MIB);
            assertThat(e.getMessage()).contains("decoded gzip content exceeds maxDecodedBytes = 1048576");
        });
        assertThat(produced[0]).isLessThanOrEqualTo(MIB).isGreaterThan(MIB - 64 * 1024);
    }

    @Test
    void exactlyTheLimitIsAllowed() throws Exception {
        byte[] enc = gzip(new byte[MIB]);
        ContentDecoding oneMib = ContentDecoding.builder().maxDecodedBytes(MIB).maxRatio(0).build();
        try (InputStream in = oneMib.decode(new ByteArrayInputStream(enc), List.of("gzip")).body()) {
            assertThat(in.readAllBytes()).hasSize(MIB);
        }
    }

    @Test
    void ratioLimitCatchesTheBombEarly() throws Exception {
        // The default ratio (100:1 after 1 MiB) fires long before the default 256 MiB cap.
        long[] produced = {0};
        Throwable t = drain(ContentDecoding.defaults().decode(new ByteArrayInputStream(bomb), List.of("gzip")).body(),
                produced);
        assertThat(t).isInstanceOfSatisfying(LimitExceededException.class, e -> {
            assertThat(e.limitName()).isEqualTo("maxRatio");
            assertThat(e.limit()).isEqualTo(100);
            assertThat(e.getMessage()).contains("decompression bomb");
        });
        assertThat(produced[0]).isLessThanOrEqualTo(2L * MIB);
    }

    @Test
    void ordinaryCompressibleDataPassesTheRatioCheck() throws Exception {
        // Text-like data compresses about 3:1 to 10:1; checking from the first byte must not trip.
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder();
        String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "{\"id\":", "}"};
        while (sb.length() < 3 * MIB) {
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(1000)).append(' ');
        }
        byte[] data = sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ContentDecoding strict = ContentDecoding.builder().ratioGraceBytes(0).build();
        try (InputStream in = strict.decode(new ByteArrayInputStream(gzip(data)), List.of("gzip")).body()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void stackedBombIsCaughtAtTheLayerThatExpands() throws Exception {
        byte[] doubleBomb = gzip(gzip(new byte[50 * 1000 * 1000])); // a few hundred bytes on the wire
        assertThat(doubleBomb.length).isLessThan(2_000);
        long[] produced = {0};
        Throwable t = drain(ContentDecoding.defaults().decode(new ByteArrayInputStream(doubleBomb),
                List.of("gzip", "gzip")).body(), produced);
        assertThat(t).isInstanceOf(LimitExceededException.class);
        assertThat(produced[0]).isLessThanOrEqualTo(2L * MIB);

        ContentDecoding sizeOnly = ContentDecoding.builder().maxDecodedBytes(MIB).maxRatio(0).build();
        long[] p2 = {0};
        Throwable t2 = drain(sizeOnly.decode(new ByteArrayInputStream(doubleBomb), List.of("gzip", "gzip")).body(), p2);
        assertThat(t2).isInstanceOfSatisfying(LimitExceededException.class,
                e -> assertThat(e.limitName()).isEqualTo("maxDecodedBytes"));
        assertThat(p2[0]).isLessThanOrEqualTo(MIB);
    }

    @Test
    void deflateBombToo() throws Exception {
        byte[] z = zlib(new byte[10 * 1000 * 1000]);
        long[] produced = {0};
        ContentDecoding half = ContentDecoding.builder().maxDecodedBytes(MIB / 2).maxRatio(0).build();
        Throwable t = drain(half.decode(new ByteArrayInputStream(z), List.of("deflate")).body(), produced);
        assertThat(t).isInstanceOf(LimitExceededException.class);
        assertThat(produced[0]).isLessThanOrEqualTo(MIB / 2);
    }

    @Test
    void unlimitedSizeDoesNotOverflow() throws Exception {
        ContentDecoding unlimited = ContentDecoding.builder().maxDecodedBytes(Long.MAX_VALUE).maxRatio(0).build();
        try (InputStream in = unlimited.decode(new ByteArrayInputStream(bomb), List.of("gzip")).body()) {
            assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(10_000_000);
        }
    }

    @Test
    void aSmallReadNeverInflatesMoreThanAsked() throws Exception {
        // The urllib3 CVE-2025-66471 shape: the whole compressed chunk is available, the reader asks
        // for a little; only that little is produced.
        ContentDecoding c = ContentDecoding.builder().maxDecodedBytes(100).maxRatio(0).build();
        try (InputStream in = c.decode(new ByteArrayInputStream(bomb), List.of("gzip")).body()) {
            byte[] buf = new byte[60];
            assertThat(in.read(buf)).isEqualTo(60);
            assertThat(in.read(buf, 0, 40)).isEqualTo(40);
            assertThatThrownBy(() -> in.read(buf)).isInstanceOf(LimitExceededException.class);
        }
    }
}
