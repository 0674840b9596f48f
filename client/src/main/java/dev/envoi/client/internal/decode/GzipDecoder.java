package dev.envoi.client.internal.decode;

import dev.envoi.client.ContentDecodingException;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * Decodes the {@code gzip} content coding (RFC 9110 §8.4.1.3, format RFC 1952) with an
 * {@link java.util.zip.Inflater} directly.
 *
 * <ul>
 *   <li>Every member is decoded: RFC 1952 §2.2 defines a gzip file as a series of members, and
 *       {@code gzip -d} and curl decode them all. {@code GZIPInputStream} is avoided because it
 *       guesses at member boundaries through {@code available()} and swallows trailing bytes.</li>
 *   <li>Header fields are checked: magic, method 8, reserved flag bits clear (§2.3.1.2 requires an
 *       error), the header CRC when {@code FHCRC} is set; {@code FEXTRA}, {@code FNAME} and
 *       {@code FCOMMENT} are skipped without being stored.</li>
 *   <li>Each member's CRC-32 and ISIZE are verified (§2.3.1).</li>
 *   <li>Anything after a member that is not another member is refused as trailing garbage, as
 *       Okio's GzipSource does: silently dropping bytes could hide a second response or a
 *       corrupted body. A body of zero bytes decodes to zero bytes (some servers label empty
 *       bodies {@code gzip}); data that ends inside a member is a truncated body and fails.</li>
 * </ul>
 */
public final class GzipDecoder extends InflatingStream {
    private static final String FORMAT = "RFC 1952 §2.3.1";
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    private enum State { MEMBER_START, HEADER, DATA, TRAILER, AFTER_MEMBER, END }

    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private State state = State.MEMBER_START;
    private long memberSize;

    public GzipDecoder(InputStream source, DecodeBudget budget, String coding) {
        super(source, budget, coding);
    }

    @Override
    int decode(byte[] b, int off, int len) throws IOException {
        while (true) {
            switch (state) {
                case MEMBER_START -> state = hasMore() ? State.HEADER : State.END; // empty body: empty content
                case HEADER -> {
                    readHeader();
                    startInflater(true);
                    crc.reset();
                    memberSize = 0;
                    state = State.DATA;
                }
                case DATA -> {
                    int n = inflate(b, off, len, "RFC 1952 §2.3");
                    if (n > 0) {
                        crc.update(b, off, n);
                        memberSize += n;
                        return n;
                    }
                    state = State.TRAILER;
                }
                case TRAILER -> {
                    readTrailer();
                    state = State.AFTER_MEMBER;
                }
                case AFTER_MEMBER -> {
                    if (!hasMore()) {
                        state = State.END;
                    } else if (ensure(2) && peek(0) == 0x1f && peek(1) == 0x8b) {
                        state = State.HEADER;
                    } else {
                        throw new ContentDecodingException(coding, "unexpected data after the end of a gzip member"
                                + " (not another member)", offset(), "RFC 1952 §2.2");
                    }
                }
                case END -> {
                    return -1;
                }
            }
        }
    }

    private void readHeader() throws IOException {
        headerCrc.reset();
        long start = offset();
        int id1 = headerByte();
        int id2 = headerByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new ContentDecodingException(coding, "expected the gzip magic 0x1f 0x8b but was 0x"
                    + hex(id1) + " 0x" + hex(id2), start, FORMAT);
        }
        int method = headerByte();
        if (method != 8) {
            throw new ContentDecodingException(coding, "expected compression method 8 (deflate) but was " + method,
                    offset() - 1, FORMAT);
        }
        int flags = headerByte();
        if ((flags & RESERVED) != 0) {
            throw new ContentDecodingException(coding, "reserved header flag bits are set: 0x" + hex(flags),
                    offset() - 1, "RFC 1952 §2.3.1.2");
        }
        for (int i = 0; i < 6; i++) { // MTIME, XFL, OS
            headerByte();
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = headerByte() | headerByte() << 8;
            for (int i = 0; i < xlen; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) (headerCrc.getValue() & 0xffff);
            int actual = next("header", FORMAT) | next("header", FORMAT) << 8;
            if (actual != expected) {
                throw new ContentDecodingException(coding, "header CRC16 mismatch: expected 0x" + hex(expected)
                        + " but was 0x" + hex(actual), offset() - 2, FORMAT);
            }
        }
    }

    private int headerByte() throws IOException {
        int b = next("header", FORMAT);
        headerCrc.update(b);
        return b;
    }

    private void skipZeroTerminated() throws IOException {
        while (headerByte() != 0) {
            // FNAME and FCOMMENT are ISO 8859-1 text nobody needs; skipped, never stored.
        }
    }

    private void readTrailer() throws IOException {
        long at = offset();
        long crc32 = le32();
        long isize = le32();
        if (crc32 != crc.getValue()) {
            throw new ContentDecodingException(coding, "CRC-32 mismatch: the trailer says 0x" + Long.toHexString(crc32)
                    + " but the data gives 0x" + Long.toHexString(crc.getValue()), at, FORMAT);
        }
        if (isize != (memberSize & 0xffffffffL)) {
            throw new ContentDecodingException(coding, "ISIZE mismatch: the trailer says " + isize
                    + " bytes (mod 2^32) but the member decoded to " + memberSize, at + 4, FORMAT);
        }
    }

    private long le32() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) next("trailer", FORMAT) << (8 * i);
        }
        return v;
    }

    private static String hex(int b) {
        return Integer.toHexString(b);
    }
}
