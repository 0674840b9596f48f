package dev.envoi.codec;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The limits and leniencies of a {@link ResponseParser} or {@link RequestParser}. Immutable; every
 * limit has a documented default, and every leniency is off unless added.
 *
 * <p>Limits exist so that a hostile or broken peer cannot make a parser buffer without bound; a
 * message crossing one is refused with a {@link dev.envoi.core.LimitExceededException} naming it.
 *
 * <pre>{@code
 * ParserConfig config = ParserConfig.builder()
 *         .maxHeaderBytes(16 * 1024)
 *         .allow(Leniency.BARE_LF)
 *         .build();
 * ParserConfig stricter = config.newBuilder().disallow(Leniency.BARE_LF).build();
 * }</pre>
 */
public final class ParserConfig {
    /** Default {@link #maxStartLineBytes()}. */
    public static final int DEFAULT_MAX_START_LINE_BYTES = 8192;
    /** Default {@link #maxHeaderBytes()}. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 65536;
    /** Default {@link #maxFieldCount()}. */
    public static final int DEFAULT_MAX_FIELD_COUNT = 200;
    /** Default {@link #maxChunkExtensionBytes()}. */
    public static final int DEFAULT_MAX_CHUNK_EXTENSION_BYTES = 4096;
    /** Default {@link #maxTrailerBytes()}. */
    public static final int DEFAULT_MAX_TRAILER_BYTES = 16384;
    /** Default {@link #maxTrailerCount()}. */
    public static final int DEFAULT_MAX_TRAILER_COUNT = 100;
    /** Default {@link #maxInterimResponses()}. */
    public static final int DEFAULT_MAX_INTERIM_RESPONSES = 32;

    /** All defaults, no leniencies. */
    public static final ParserConfig DEFAULT = builder().build();

    private final int maxStartLineBytes;
    private final int maxHeaderBytes;
    private final int maxFieldCount;
    private final int maxChunkExtensionBytes;
    private final int maxTrailerBytes;
    private final int maxTrailerCount;
    private final int maxInterimResponses;
    private final Set<Leniency> leniencies;

    private ParserConfig(Builder b) {
        this.maxStartLineBytes = b.maxStartLineBytes;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxFieldCount = b.maxFieldCount;
        this.maxChunkExtensionBytes = b.maxChunkExtensionBytes;
        this.maxTrailerBytes = b.maxTrailerBytes;
        this.maxTrailerCount = b.maxTrailerCount;
        this.maxInterimResponses = b.maxInterimResponses;
        this.leniencies = Collections.unmodifiableSet(b.leniencies.clone());
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.maxStartLineBytes = maxStartLineBytes;
        b.maxHeaderBytes = maxHeaderBytes;
        b.maxFieldCount = maxFieldCount;
        b.maxChunkExtensionBytes = maxChunkExtensionBytes;
        b.maxTrailerBytes = maxTrailerBytes;
        b.maxTrailerCount = maxTrailerCount;
        b.maxInterimResponses = maxInterimResponses;
        b.leniencies = leniencies.isEmpty() ? EnumSet.noneOf(Leniency.class) : EnumSet.copyOf(leniencies);
        return b;
    }

    /**
     * Longest request-line or status-line, excluding its CRLF (RFC 9112 §3, §4; a server answers 414
     * or 501 past it). Default {@value #DEFAULT_MAX_START_LINE_BYTES}.
     */
    public int maxStartLineBytes() {
        return maxStartLineBytes;
    }

    /**
     * Largest header section in bytes, start line and every CRLF included (RFC 9112 §2.1). Default
     * {@value #DEFAULT_MAX_HEADER_BYTES}.
     */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** Most field lines in a header section. Default {@value #DEFAULT_MAX_FIELD_COUNT}. */
    public int maxFieldCount() {
        return maxFieldCount;
    }

    /**
     * Most bytes of chunk extensions on one chunk-size line (RFC 9112 §7.1.1). Default
     * {@value #DEFAULT_MAX_CHUNK_EXTENSION_BYTES}. The whole line is bounded by this plus 18 bytes
     * (16 HEXDIG, enough for any size up to 2^63-1, and CRLF); zeros that pad a chunk-size, which
     * RFC 9112 §7.1 allows, count against the same bound.
     */
    public int maxChunkExtensionBytes() {
        return maxChunkExtensionBytes;
    }

    /**
     * Largest trailer section in bytes, CRLFs included (RFC 9112 §7.1.2). Default
     * {@value #DEFAULT_MAX_TRAILER_BYTES}.
     */
    public int maxTrailerBytes() {
        return maxTrailerBytes;
    }

    /** Most field lines in a trailer section. Default {@value #DEFAULT_MAX_TRAILER_COUNT}. */
    public int maxTrailerCount() {
        return maxTrailerCount;
    }

    /**
     * Most interim (1xx) responses before a final one (RFC 9110 §15.2). A server may send several
     * (103 Early Hints, 100 Continue), but without a bound a peer could keep a client reading interim
     * heads forever. Default {@value #DEFAULT_MAX_INTERIM_RESPONSES}.
     */
    public int maxInterimResponses() {
        return maxInterimResponses;
    }

    /** The leniencies turned on; empty by default. */
    public Set<Leniency> leniencies() {
        return leniencies;
    }

    /** Whether {@code leniency} is turned on. */
    public boolean allows(Leniency leniency) {
        return leniencies.contains(Objects.requireNonNull(leniency, "leniency"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParserConfig c && c.maxStartLineBytes == maxStartLineBytes
                && c.maxHeaderBytes == maxHeaderBytes && c.maxFieldCount == maxFieldCount
                && c.maxChunkExtensionBytes == maxChunkExtensionBytes && c.maxTrailerBytes == maxTrailerBytes
                && c.maxTrailerCount == maxTrailerCount && c.maxInterimResponses == maxInterimResponses
                && c.leniencies.equals(leniencies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxStartLineBytes, maxHeaderBytes, maxFieldCount, maxChunkExtensionBytes,
                maxTrailerBytes, maxTrailerCount, maxInterimResponses, leniencies);
    }

    @Override
    public String toString() {
        return "ParserConfig{maxStartLineBytes=" + maxStartLineBytes + ", maxHeaderBytes=" + maxHeaderBytes
                + ", maxFieldCount=" + maxFieldCount + ", maxChunkExtensionBytes=" + maxChunkExtensionBytes
                + ", maxTrailerBytes=" + maxTrailerBytes + ", maxTrailerCount=" + maxTrailerCount
                + ", maxInterimResponses=" + maxInterimResponses
                + ", leniencies=" + leniencies + '}';
    }

    /** Builds a {@link ParserConfig}; not thread-safe. */
    public static final class Builder {
        private int maxStartLineBytes = DEFAULT_MAX_START_LINE_BYTES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxFieldCount = DEFAULT_MAX_FIELD_COUNT;
        private int maxChunkExtensionBytes = DEFAULT_MAX_CHUNK_EXTENSION_BYTES;
        private int maxTrailerBytes = DEFAULT_MAX_TRAILER_BYTES;
        private int maxTrailerCount = DEFAULT_MAX_TRAILER_COUNT;
        private int maxInterimResponses = DEFAULT_MAX_INTERIM_RESPONSES;
        private EnumSet<Leniency> leniencies = EnumSet.noneOf(Leniency.class);

        private Builder() {
        }

        /** See {@link ParserConfig#maxStartLineBytes()}; at least 16. */
        public Builder maxStartLineBytes(int bytes) {
            this.maxStartLineBytes = atLeast(bytes, 16, "maxStartLineBytes");
            return this;
        }

        /** See {@link ParserConfig#maxHeaderBytes()}; at least 32. */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = atLeast(bytes, 32, "maxHeaderBytes");
            return this;
        }

        /** See {@link ParserConfig#maxFieldCount()}; at least 0. */
        public Builder maxFieldCount(int count) {
            this.maxFieldCount = atLeast(count, 0, "maxFieldCount");
            return this;
        }

        /** See {@link ParserConfig#maxChunkExtensionBytes()}; at least 0. */
        public Builder maxChunkExtensionBytes(int bytes) {
            this.maxChunkExtensionBytes = atLeast(bytes, 0, "maxChunkExtensionBytes");
            return this;
        }

        /** See {@link ParserConfig#maxTrailerBytes()}; at least 2 (the final CRLF). */
        public Builder maxTrailerBytes(int bytes) {
            this.maxTrailerBytes = atLeast(bytes, 2, "maxTrailerBytes");
            return this;
        }

        /** See {@link ParserConfig#maxTrailerCount()}; at least 0. */
        public Builder maxTrailerCount(int count) {
            this.maxTrailerCount = atLeast(count, 0, "maxTrailerCount");
            return this;
        }

        /** See {@link ParserConfig#maxInterimResponses()}; at least 0. */
        public Builder maxInterimResponses(int count) {
            this.maxInterimResponses = atLeast(count, 0, "maxInterimResponses");
            return this;
        }

        /** Turns {@code leniency} on. */
        public Builder allow(Leniency leniency) {
            leniencies.add(Objects.requireNonNull(leniency, "leniency"));
            return this;
        }

        /** Turns {@code leniency} off. */
        public Builder disallow(Leniency leniency) {
            leniencies.remove(Objects.requireNonNull(leniency, "leniency"));
            return this;
        }

        /** An immutable configuration. */
        public ParserConfig build() {
            return new ParserConfig(this);
        }

        private static int atLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
            }
            return value;
        }
    }
}
