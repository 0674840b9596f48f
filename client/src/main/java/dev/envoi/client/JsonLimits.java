package dev.envoi.client;

/**
 * Limits applied while reading JSON, so that hostile input cannot exhaust the stack, the heap or
 * the CPU. Exceeding one raises {@link dev.envoi.core.LimitExceededException} naming it.
 *
 * <pre>{@code
 * JsonValue v = Json.parse(bytes, JsonLimits.DEFAULT.withMaxDepth(64));
 * }</pre>
 *
 * @param maxDepth the deepest nesting of arrays and objects accepted; {@code [[1]]} has depth 2.
 *     Default {@value #DEFAULT_MAX_DEPTH}. The reader is iterative, so any value is safe for the stack.
 * @param maxInputBytes the most bytes {@link Json#parse(java.io.InputStream, JsonLimits)} reads, at
 *     most {@code Integer.MAX_VALUE - 9}; inputs already in memory are not checked against it.
 *     Default {@value #DEFAULT_MAX_INPUT_BYTES}.
 * @param maxNumberLength the longest number literal in chars. {@link java.math.BigDecimal} parsing is
 *     superlinear in the digit count, so a megabyte-long number is a CPU attack. Default
 *     {@value #DEFAULT_MAX_NUMBER_LENGTH}.
 */
public record JsonLimits(int maxDepth, long maxInputBytes, int maxNumberLength) {
    /** Default {@link #maxDepth()}: 512, as deep as any real document and far from the stack. */
    public static final int DEFAULT_MAX_DEPTH = 512;
    /** Default {@link #maxInputBytes()}: 16 MiB. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 16L * 1024 * 1024;
    /** Default {@link #maxNumberLength()}: 1000 chars, the limit Jackson also uses. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 1000;

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 9;

    /** The defaults named above. */
    public static final JsonLimits DEFAULT =
            new JsonLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_NUMBER_LENGTH);

    /** Checks that every limit is positive. */
    public JsonLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1 but was " + maxDepth);
        }
        if (maxInputBytes < 1 || maxInputBytes > MAX_ARRAY) {
            throw new IllegalArgumentException("maxInputBytes must be 1 to " + MAX_ARRAY
                    + " (the largest byte array) but was " + maxInputBytes);
        }
        if (maxNumberLength < 1) {
            throw new IllegalArgumentException("maxNumberLength must be at least 1 but was " + maxNumberLength);
        }
    }

    /** These limits with {@link #maxDepth()} replaced. */
    public JsonLimits withMaxDepth(int maxDepth) {
        return new JsonLimits(maxDepth, maxInputBytes, maxNumberLength);
    }

    /** These limits with {@link #maxInputBytes()} replaced. */
    public JsonLimits withMaxInputBytes(long maxInputBytes) {
        return new JsonLimits(maxDepth, maxInputBytes, maxNumberLength);
    }

    /** These limits with {@link #maxNumberLength()} replaced. */
    public JsonLimits withMaxNumberLength(int maxNumberLength) {
        return new JsonLimits(maxDepth, maxInputBytes, maxNumberLength);
    }
}
