package dev.envoi.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time scans give exactly the answers of their byte-by-byte twins. */
class SwarTest {

    @Test
    void indexOfLfMatchesThePlainScanAtEveryOffsetAndLength() {
        Random random = new Random(42);
        byte[] a = new byte[64];
        for (int round = 0; round < 2000; round++) {
            for (int i = 0; i < a.length; i++) {
                // mostly ordinary bytes, some LF, CR, 0x0b, 0x8a (LF with the high bit), 0x00
                int pick = random.nextInt(20);
                a[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? 0x8a : pick == 2 ? 0 : pick == 3 ? 0x0b
                        : pick == 4 ? '\r' : 0x20 + random.nextInt(0xe0));
            }
            int from = random.nextInt(a.length);
            int to = from + random.nextInt(a.length - from + 1);
            assertThat(Swar.indexOfLf(a, from, to)).isEqualTo(Swar.indexOfLfPlain(a, from, to));
        }
    }

    @Test
    void indexOfLfFindsTheFirstOfSeveral() {
        byte[] a = "abcdefg\nhijklm\n\n".getBytes();
        assertThat(Swar.indexOfLf(a, 0, a.length)).isEqualTo(7);
        assertThat(Swar.indexOfLf(a, 8, a.length)).isEqualTo(14);
        assertThat(Swar.indexOfLf(a, 0, 7)).isEqualTo(-1);
        byte[] zeroesThenLf = {0, 0, 0, 0, 0, 0, 0, '\n', 'x'};
        assertThat(Swar.indexOfLf(zeroesThenLf, 0, 9)).isEqualTo(7);
        byte[] b = {0x0b, '\n', 0x09, 0x09, 0x09, 0x09, 0x09, 0x09};
        assertThat(Swar.indexOfLf(b, 0, 8)).isEqualTo(1);
    }

    @Test
    void indexOfNonFieldContentMatchesThePlainScanForEveryByteAtEveryPosition() {
        byte[] a = new byte[24];
        for (int bad = 0; bad < 256; bad++) {
            for (int at = 0; at < a.length; at++) {
                java.util.Arrays.fill(a, (byte) 'v');
                a[at] = (byte) bad;
                for (int from = 0; from <= 3; from++) {
                    assertThat(Swar.indexOfNonFieldContent(a, from, a.length))
                            .as("byte 0x%02x at %d from %d", bad, at, from)
                            .isEqualTo(Swar.indexOfNonFieldContentPlain(a, from, a.length));
                }
            }
        }
    }

    @Test
    void indexOfNonFieldContentWithTabsAndHighBytes() {
        Random random = new Random(7);
        byte[] a = new byte[40];
        for (int round = 0; round < 5000; round++) {
            for (int i = 0; i < a.length; i++) {
                int pick = random.nextInt(30);
                a[i] = (byte) (pick == 0 ? '\t' : pick == 1 ? 0x7f : pick == 2 ? random.nextInt(0x20)
                        : pick < 8 ? 0x80 + random.nextInt(0x80) : 0x20 + random.nextInt(0x5f));
            }
            int from = random.nextInt(a.length);
            assertThat(Swar.indexOfNonFieldContent(a, from, a.length))
                    .isEqualTo(Swar.indexOfNonFieldContentPlain(a, from, a.length));
        }
    }
}
