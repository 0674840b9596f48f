package dev.envoi.client.internal.decode;

import dev.envoi.core.LimitExceededException;

/**
 * The output budget of one decoding layer: at most {@code maxDecodedBytes} bytes, and once past
 * {@code ratioGraceBytes}, at most {@code maxRatio} bytes out per encoded byte read from the wire.
 *
 * <p>Every layer of a stacked coding measures its output against the <em>wire</em> bytes, so a
 * gzip-inside-gzip bomb is caught at whichever layer expands first, and an inner layer that emits
 * data without end is bounded too.
 */
public final class DecodeBudget {
    private final String coding;
    private final long maxDecodedBytes;
    private final int maxRatio;
    private final long graceBytes;
    private final WireCounter wire;
    private long produced;

    /** {@code maxRatio} 0 turns the ratio check off. */
    public DecodeBudget(String coding, long maxDecodedBytes, int maxRatio, long graceBytes, WireCounter wire) {
        this.coding = coding;
        this.maxDecodedBytes = maxDecodedBytes;
        this.maxRatio = maxRatio;
        this.graceBytes = graceBytes;
        this.wire = wire;
    }

    /** How many bytes to ask the inflater for: {@code len}, but never more than one past the limit. */
    int allowance(int len) {
        long left = maxDecodedBytes - produced; // never negative: account() throws first
        return left >= len ? len : (int) left + 1;
    }

    /** Records {@code n} bytes produced; throws before they are handed out if a limit is crossed. */
    void account(int n) throws LimitExceededException {
        produced += n;
        if (produced > maxDecodedBytes) {
            throw new LimitExceededException("maxDecodedBytes", maxDecodedBytes, wire.count(),
                    "decoded " + coding + " content");
        }
        if (maxRatio > 0 && produced > graceBytes && produced > (double) maxRatio * wire.count()) {
            long ratio = wire.count() == 0 ? produced : produced / wire.count();
            throw new LimitExceededException("maxRatio", maxRatio, wire.count(),
                    "decompression ratio " + ratio + ":1 of the " + coding + " content (" + produced
                            + " bytes from " + wire.count() + ", a likely decompression bomb)");
        }
    }

    /** Bytes produced so far. */
    long produced() {
        return produced;
    }
}
