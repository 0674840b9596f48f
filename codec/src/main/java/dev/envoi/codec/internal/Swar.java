package dev.envoi.codec.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans that read eight bytes at a time ("SIMD within a register"), for the two loops that
 * touch every byte of a header section: finding the LF that ends a line, and checking that a field
 * value holds no control character. Each has a plain byte-by-byte twin that {@code SwarTest} proves
 * gives the same answer on every input shape; the benchmarks compare their speed.
 *
 * <p>The tricks, for a 64-bit word {@code x} read little-endian (byte {@code i} in bits {@code 8i..8i+7}):
 * <ul>
 *   <li>{@code (x - 0x01..01) & ~x & 0x80..80} is non-zero iff some byte of {@code x} is zero, and its
 *       lowest set bit is in the first zero byte (a borrow only propagates upwards from a zero byte, so
 *       false marks appear only above a true one);</li>
 *   <li>{@code (x - 0x20..20) & ~x & 0x80..80} is non-zero iff some byte is below {@code 0x20} (bytes
 *       {@code >= 0x80} are excluded by {@code ~x}).</li>
 * </ul>
 */
public final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    private static final long SPACES = 0x2020202020202020L;
    private static final long DELS = 0x7F7F7F7F7F7F7F7FL;

    private Swar() {
    }

    /** The index of the first LF in {@code a[from, to)}, or -1. */
    public static int indexOfLf(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(a, i) ^ LFS;
            long t = (x - ONES) & ~x & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The plain twin of {@link #indexOfLf}. */
    static int indexOfLfPlain(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first byte in {@code a[from, to)} that may not appear in a field value
     * (anything but field-vchar, SP and HTAB, RFC 9110 §5.5), or -1.
     */
    public static int indexOfNonFieldContent(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(a, i);
            long controls = (x - SPACES) & ~x & HIGHS;
            long y = x ^ DELS;
            long dels = (y - ONES) & ~y & HIGHS;
            if ((controls | dels) != 0) {
                int bad = indexOfNonFieldContentPlain(a, i, i + 8); // an HTAB, or a real error
                if (bad >= 0) {
                    return bad;
                }
            }
        }
        return indexOfNonFieldContentPlain(a, i, to);
    }

    /** The plain twin of {@link #indexOfNonFieldContent}. */
    static int indexOfNonFieldContentPlain(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!ByteClass.is(a[i], ByteClass.FIELD_CONTENT)) {
                return i;
            }
        }
        return -1;
    }
}
