package dev.envoi.client.internal.decode;

import dev.envoi.client.ContentDecodingException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes the {@code deflate} content coding. RFC 9110 §8.4.1.2 defines it as a zlib stream
 * (RFC 1950) holding deflate data (RFC 1951), but some servers have long sent raw deflate data, so
 * like browsers and curl both are accepted: the first two bytes are read as a zlib header if they
 * pass its check (compression method 8, window size at most 32 KiB, {@code (CMF*256 + FLG) % 31 == 0},
 * RFC 1950 §2.2); otherwise the data is taken as raw deflate. A raw stream can pass the check only
 * if it opens with a non-final stored block whose padding bits are not zero (the low nibble must be
 * 8), which zlib and other common encoders never write; such a stream is refused as corrupt zlib
 * data rather than guessed at twice.
 *
 * <p>zlib's Adler-32 is verified by the inflater. Bytes after the end of the stream are refused;
 * zero bytes of input decode to zero bytes; input that ends inside the stream is a truncated body.
 */
public final class DeflateDecoder extends InflatingStream {
    private static final String FORMAT = "RFC 1950 §2.2";

    private enum State { START, DATA, AFTER, END }

    private State state = State.START;

    public DeflateDecoder(InputStream source, DecodeBudget budget, String coding) {
        super(source, budget, coding);
    }

    /** Whether {@code cmf flg} is a valid zlib header (RFC 1950 §2.2). */
    static boolean isZlibHeader(int cmf, int flg) {
        return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    @Override
    int decode(byte[] b, int off, int len) throws IOException {
        while (true) {
            switch (state) {
                case START -> {
                    if (!hasMore()) {
                        state = State.END;
                    } else {
                        boolean zlib = ensure(2) && isZlibHeader(peek(0), peek(1));
                        if (zlib && (peek(1) & 0x20) != 0) {
                            throw new ContentDecodingException(coding, "the zlib stream needs a preset dictionary"
                                    + " (FDICT), which HTTP does not provide", offset() + 1, FORMAT);
                        }
                        startInflater(!zlib);
                        state = State.DATA;
                    }
                }
                case DATA -> {
                    int n = inflate(b, off, len, "RFC 1951 §3.2");
                    if (n > 0) {
                        return n;
                    }
                    state = State.AFTER;
                }
                case AFTER -> {
                    if (hasMore()) {
                        throw new ContentDecodingException(coding, "unexpected data after the end of the deflate"
                                + " stream", offset(), FORMAT);
                    }
                    state = State.END;
                }
                case END -> {
                    return -1;
                }
            }
        }
    }
}
