package dev.envoi.core;

/**
 * A message exceeded a size or count limit that the caller configured (header section bytes, field
 * count, start-line length, chunk-extension bytes, body size after decoding, redirects, ...).
 *
 * <p>The message may be perfectly valid HTTP: the limit exists so that a hostile or broken peer
 * cannot make envoi buffer without bound. The exception names the limit and its value so the fix
 * (raise it, or distrust the peer) is obvious. Like a {@link MalformedMessageException}, it leaves
 * the connection unusable.
 */
public class LimitExceededException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    private final String limitName;
    private final long limit;
    private final long offset;

    /**
     * @param limitName the configuration property that set the limit, e.g. {@code "maxHeaderBytes"}
     * @param limit the configured value
     * @param offset byte offset in the message where the limit was crossed, or -1
     * @param what what grew too large, e.g. {@code "header section"}
     */
    public LimitExceededException(String limitName, long limit, long offset, String what) {
        super(what + " exceeds " + limitName + " = " + limit + (offset >= 0 ? " at offset " + offset : ""));
        this.limitName = limitName;
        this.limit = limit;
        this.offset = offset;
    }

    /** The configuration property that set the limit. */
    public String limitName() {
        return limitName;
    }

    /** The configured value of the limit. */
    public long limit() {
        return limit;
    }

    /** Byte offset in the message where the limit was crossed, or -1. */
    public long offset() {
        return offset;
    }
}
