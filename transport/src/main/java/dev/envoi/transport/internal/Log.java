package dev.envoi.transport.internal;

/**
 * Diagnostics through {@link System.Logger} (logger {@code dev.envoi.transport}), no dependency. The
 * level check is cached when the class loads, so disabled logging costs one static boolean test.
 */
public final class Log {
    /** The transport logger. */
    public static final System.Logger LOGGER = System.getLogger("dev.envoi.transport");
    /** Whether DEBUG is enabled (dials, handshakes, pool decisions). */
    public static final boolean DEBUG = LOGGER.isLoggable(System.Logger.Level.DEBUG);

    private Log() {
    }

    /** Logs at DEBUG; callers test {@link #DEBUG} first so the message is never built in vain. */
    public static void debug(String message) {
        LOGGER.log(System.Logger.Level.DEBUG, message);
    }
}
