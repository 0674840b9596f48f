package dev.envoi.client;

import dev.envoi.client.internal.decode.DecodeBudget;
import dev.envoi.client.internal.decode.DeflateDecoder;
import dev.envoi.client.internal.decode.GzipDecoder;
import dev.envoi.client.internal.decode.WireCounter;
import dev.envoi.core.FieldValues;
import dev.envoi.core.Headers;
import dev.envoi.core.LimitExceededException;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How response bodies with a {@code Content-Encoding} (RFC 9110 §8.4) are decoded, and the limits
 * that keep a decompression bomb from costing more than a budget. On by default.
 *
 * <pre>{@code
 * ContentDecoding cd = ContentDecoding.defaults().newBuilder().maxDecodedBytes(64 << 20).build();
 * DecodedBody d = cd.decode(rawBody, response.headers());
 * try (InputStream in = d.body()) { ... }     // d.remaining() says what is still encoded
 * }</pre>
 *
 * <h2>Codings</h2>
 * {@code gzip} and its alias {@code x-gzip} (RFC 9110 §8.4.1.3; every member of a multi-member
 * stream is decoded, trailing garbage is refused), {@code deflate} (zlib-wrapped as RFC 9110
 * §8.4.1.2 says, or raw deflate as some servers send; told apart by the RFC 1950 header check), and
 * {@code identity} (nothing to do). Names are case-insensitive. Stacked codings
 * ({@code Content-Encoding: gzip, deflate}, or the same field twice) are removed last-applied first,
 * at most {@link #maxCodings()} of them. A coding envoi does not know ({@code br}, {@code zstd},
 * {@code compress}) stops decoding: it and every coding applied before it are left on the body,
 * untouched, and reported in {@link DecodedBody#remaining()}, never guessed at. The request field
 * to send is {@link #acceptEncoding()}.
 *
 * <h2>Limits</h2>
 * Every decoding layer may produce at most {@link #maxDecodedBytes()} bytes, and, once past
 * {@link #ratioGraceBytes()}, at most {@link #maxRatio()} bytes per encoded byte received. Crossing
 * either raises {@link LimitExceededException} from {@code read} naming the limit, before the bytes
 * over the limit are handed out. Why both: the size cap bounds what a caller may end up buffering;
 * the ratio check catches a bomb early, whatever the cap (deflate expands zeros about 1000:1, real
 * text about 3:1 to 20:1, so 100:1 sustained past the first MiB is not a normal body). Decoding is
 * pull-driven: a {@code read} of {@code n} bytes inflates at most {@code n}, so no amount of
 * compressed input makes one small read allocate or produce a large amount (urllib3
 * CVE-2025-66471 was decompressing whole network chunks regardless of what the reader asked for).
 *
 * <p>Corrupt, truncated or trailing data raises {@link ContentDecodingException}: a body is never
 * handed out short or mangled. Immutable and thread-safe.
 */
public final class ContentDecoding {
    /** Default {@link #maxCodings()}: 3 (urllib3 allows 5; no real server stacks more than 2). */
    public static final int DEFAULT_MAX_CODINGS = 3;
    /** Default {@link #maxDecodedBytes()}: 256 MiB. */
    public static final long DEFAULT_MAX_DECODED_BYTES = 256L * 1024 * 1024;
    /** Default {@link #maxRatio()}: 100 decoded bytes per encoded byte. */
    public static final int DEFAULT_MAX_RATIO = 100;
    /** Default {@link #ratioGraceBytes()}: 1 MiB, below which the ratio is not checked. */
    public static final long DEFAULT_RATIO_GRACE_BYTES = 1024L * 1024;
    /** The {@code Accept-Encoding} value for the codings decoded here. */
    public static final String ACCEPT_ENCODING = "gzip, deflate";

    private static final ContentDecoding DEFAULTS = new Builder().build();
    private static final ContentDecoding DISABLED = new Builder().enabled(false).build();

    private final boolean enabled;
    private final int maxCodings;
    private final long maxDecodedBytes;
    private final int maxRatio;
    private final long ratioGraceBytes;

    private ContentDecoding(Builder b) {
        this.enabled = b.enabled;
        this.maxCodings = b.maxCodings;
        this.maxDecodedBytes = b.maxDecodedBytes;
        this.maxRatio = b.maxRatio;
        this.ratioGraceBytes = b.ratioGraceBytes;
    }

    /** Decoding on, with the default limits. */
    public static ContentDecoding defaults() {
        return DEFAULTS;
    }

    /** Decoding off: bodies are handed out as received and no {@code Accept-Encoding} is sent. */
    public static ContentDecoding disabled() {
        return DISABLED;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.maxCodings = maxCodings;
        b.maxDecodedBytes = maxDecodedBytes;
        b.maxRatio = maxRatio;
        b.ratioGraceBytes = ratioGraceBytes;
        return b;
    }

    /** Whether bodies are decoded at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The most content codings one response may list. */
    public int maxCodings() {
        return maxCodings;
    }

    /** The most bytes one decoding layer may produce. */
    public long maxDecodedBytes() {
        return maxDecodedBytes;
    }

    /** The most decoded bytes per encoded byte, past {@link #ratioGraceBytes()}; 0 means unchecked. */
    public int maxRatio() {
        return maxRatio;
    }

    /** Decoded bytes allowed before the ratio is checked. */
    public long ratioGraceBytes() {
        return ratioGraceBytes;
    }

    /** The {@code Accept-Encoding} value to send: {@value #ACCEPT_ENCODING} when enabled, else {@code null}. */
    public String acceptEncoding() {
        return enabled ? ACCEPT_ENCODING : null;
    }

    /** Whether envoi can decode {@code coding} (case-insensitive): gzip, x-gzip, deflate, identity. */
    public static boolean isSupported(String coding) {
        Objects.requireNonNull(coding, "coding");
        String c = coding.toLowerCase(Locale.ROOT);
        return c.equals("gzip") || c.equals("x-gzip") || c.equals("deflate") || c.equals("identity");
    }

    /** Decodes {@code body} per every {@code Content-Encoding} field of {@code headers}. */
    public DecodedBody decode(InputStream body, Headers headers) throws LimitExceededException {
        Objects.requireNonNull(headers, "headers");
        List<String> codings = new ArrayList<>();
        for (String field : headers.all("Content-Encoding")) {
            codings.addAll(FieldValues.splitList(field));
        }
        return decode(body, codings);
    }

    /**
     * Wraps {@code body} in decoders for {@code codings}, listed in the order the sender applied
     * them (the order of {@code Content-Encoding}). Nothing is read yet.
     *
     * @throws LimitExceededException if more than {@link #maxCodings()} codings are listed
     */
    public DecodedBody decode(InputStream body, List<String> codings) throws LimitExceededException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(codings, "codings");
        List<String> listed = new ArrayList<>(codings.size());
        for (String c : codings) {
            String lower = c.trim().toLowerCase(Locale.ROOT);
            if (!lower.isEmpty() && !lower.equals("identity")) {
                listed.add(lower);
            }
        }
        if (!enabled) {
            return new DecodedBody(body, List.of(), listed);
        }
        if (listed.size() > maxCodings) {
            throw new LimitExceededException("maxCodings", maxCodings, -1,
                    "Content-Encoding with " + listed.size() + " codings " + listed);
        }
        int firstDecoded = listed.size();
        while (firstDecoded > 0 && isSupported(listed.get(firstDecoded - 1))) {
            firstDecoded--;
        }
        WireCounter wire = new WireCounter(body);
        InputStream stream = wire;
        for (int i = listed.size() - 1; i >= firstDecoded; i--) {
            String coding = listed.get(i);
            DecodeBudget budget = new DecodeBudget(coding, maxDecodedBytes, maxRatio, ratioGraceBytes, wire);
            stream = coding.equals("deflate") ? new DeflateDecoder(stream, budget, coding)
                    : new GzipDecoder(stream, budget, coding);
        }
        return new DecodedBody(firstDecoded == listed.size() ? body : stream,
                listed.subList(firstDecoded, listed.size()), listed.subList(0, firstDecoded));
    }

    @Override
    public String toString() {
        return "ContentDecoding(" + (enabled ? "maxCodings=" + maxCodings + ", maxDecodedBytes=" + maxDecodedBytes
                + ", maxRatio=" + maxRatio + ", ratioGraceBytes=" + ratioGraceBytes : "disabled") + ")";
    }

    /** Builds a {@link ContentDecoding}; starts from the defaults. */
    public static final class Builder {
        private boolean enabled = true;
        private int maxCodings = DEFAULT_MAX_CODINGS;
        private long maxDecodedBytes = DEFAULT_MAX_DECODED_BYTES;
        private int maxRatio = DEFAULT_MAX_RATIO;
        private long ratioGraceBytes = DEFAULT_RATIO_GRACE_BYTES;

        private Builder() {
        }

        /** Whether to decode at all (and send {@code Accept-Encoding}). */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The most codings one response may list, at least 1. */
        public Builder maxCodings(int maxCodings) {
            if (maxCodings < 1) {
                throw new IllegalArgumentException("maxCodings must be at least 1 but was " + maxCodings);
            }
            this.maxCodings = maxCodings;
            return this;
        }

        /** The most bytes one decoding layer may produce, at least 1. */
        public Builder maxDecodedBytes(long maxDecodedBytes) {
            if (maxDecodedBytes < 1) {
                throw new IllegalArgumentException("maxDecodedBytes must be at least 1 but was " + maxDecodedBytes);
            }
            this.maxDecodedBytes = maxDecodedBytes;
            return this;
        }

        /** The most decoded bytes per encoded byte past the grace amount; 0 turns the check off. */
        public Builder maxRatio(int maxRatio) {
            if (maxRatio < 0) {
                throw new IllegalArgumentException("maxRatio must be 0 (off) or more but was " + maxRatio);
            }
            this.maxRatio = maxRatio;
            return this;
        }

        /** Decoded bytes allowed before the ratio is checked, 0 or more. */
        public Builder ratioGraceBytes(long ratioGraceBytes) {
            if (ratioGraceBytes < 0) {
                throw new IllegalArgumentException("ratioGraceBytes must be 0 or more but was " + ratioGraceBytes);
            }
            this.ratioGraceBytes = ratioGraceBytes;
            return this;
        }

        /** The configuration. */
        public ContentDecoding build() {
            return new ContentDecoding(this);
        }
    }
}
