package dev.envoi.client.reliability;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

/**
 * Decompression bombs made at test time (never committed): a valid gzip (RFC 1952) or zlib
 * (RFC 1950) stream of {@code mib} MiB of zeros, about 1 KB per MiB. Compressing 1 GiB through a
 * {@code Deflater} costs seconds of CPU, so one MiB is compressed ending with a full flush, which
 * resets the compressor's history: every further MiB compresses to the same bytes, which are
 * repeated, and the checksum of the whole is computed over zeros.
 */
final class Bombs {
    private static final int MIB = 1 << 20;

    private Bombs() {
    }

    /** {@code mib} MiB of zeros as a gzip member. */
    static byte[] gzipZeros(int mib) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}); // RFC 1952 §2.3
        out.writeBytes(rawDeflateOfZeros(mib));
        long crc = checksumOfZeros(new CRC32(), mib);
        long size = (long) mib * MIB;
        for (long v : new long[] {crc, size}) { // CRC32 and ISIZE, little-endian (RFC 1952 §2.3.1)
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
        }
        return out.toByteArray();
    }

    /** {@code mib} MiB of zeros as a zlib stream, what {@code Content-Encoding: deflate} means (RFC 9110 §8.4.1.2). */
    static byte[] zlibZeros(int mib) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x78, (byte) 0xda}); // CM 8, 32 KiB window, level 9; FCHECK makes it a multiple of 31
        out.writeBytes(rawDeflateOfZeros(mib));
        long adler = checksumOfZeros(new Adler32(), mib);
        for (int i = 3; i >= 0; i--) { // ADLER32, big-endian (RFC 1950 §2.2)
            out.write((int) (adler >>> (8 * i)) & 0xff);
        }
        return out.toByteArray();
    }

    private static byte[] rawDeflateOfZeros(int mib) {
        if (mib < 3) {
            throw new IllegalArgumentException("at least 3 MiB: " + mib);
        }
        byte[] zeros = new byte[MIB];
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] first = flushed(d, zeros);
            byte[] repeated = flushed(d, zeros);
            if (!Arrays.equals(repeated, flushed(d, zeros))) {
                throw new IllegalStateException("a full flush did not make the compressed MiB repeat");
            }
            d.setInput(zeros);
            d.finish();
            ByteArrayOutputStream last = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                last.write(buf, 0, d.deflate(buf));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(first);
            for (int i = 0; i < mib - 2; i++) {
                out.writeBytes(repeated);
            }
            out.writeBytes(last.toByteArray());
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Compresses {@code input} and ends with a full flush (history reset, byte-aligned). */
    private static byte[] flushed(Deflater d, byte[] input) {
        d.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length || !d.needsInput());
        return out.toByteArray();
    }

    private static long checksumOfZeros(Checksum c, int mib) {
        byte[] zeros = new byte[MIB];
        for (int i = 0; i < mib; i++) {
            c.update(zeros, 0, zeros.length);
        }
        return c.getValue();
    }
}
