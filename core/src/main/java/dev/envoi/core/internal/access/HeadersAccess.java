package dev.envoi.core.internal.access;

import dev.envoi.core.Headers;

/**
 * A way for envoi's own parsers to build {@link Headers} from lines they have already validated,
 * without checking every character a second time. Exported only to {@code dev.envoi.codec}; this is not
 * API (the JDK's {@code SharedSecrets} pattern): {@code Headers} registers its constructor here when it
 * is initialized.
 *
 * <p>The caller guarantees what {@code Headers.Builder} would check: every name is a {@code token},
 * every value a {@code field-value} of ISO-8859-1 characters without CR, LF, NUL or other controls
 * and without leading or trailing whitespace (RFC 9110 §5.1, §5.5).
 */
public final class HeadersAccess {
    /** Creates {@code Headers} over alternating names and values, taking ownership of the array. */
    @FunctionalInterface
    public interface Factory {
        Headers create(String[] namesAndValues, int size);
    }

    private static volatile Factory factory;

    private HeadersAccess() {
    }

    /** Called once, by {@code Headers}' static initializer. */
    public static void register(Factory headersFactory) {
        if (factory != null) {
            throw new IllegalStateException("Headers factory already registered");
        }
        factory = headersFactory;
    }

    /**
     * {@code Headers} over {@code namesAndValues} ({@code [n0, v0, n1, v1, ...]}), which the caller
     * has validated and hands over: it must not change the array afterwards.
     */
    public static Headers trusted(String[] namesAndValues) {
        Factory f = factory;
        if (f == null) {
            Headers.EMPTY.size(); // initializes Headers, which registers its factory
            f = factory;
        }
        return f.create(namesAndValues, namesAndValues.length / 2);
    }
}
