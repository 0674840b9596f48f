package dev.envoi.client.internal.exchange;

/**
 * Client diagnostics through {@link System.Logger} (logger {@code dev.envoi.client}), no dependency:
 * at DEBUG, each exchange (URL redacted, connection new or reused), retry and redirect decision.
 * The level is read once, so disabled logging costs one static boolean test; header values are
 * never logged.
 */
final class Diagnostics {
    private static final System.Logger LOGGER = System.getLogger("dev.envoi.client");
    /** Whether DEBUG is enabled. */
    static final boolean DEBUG = LOGGER.isLoggable(System.Logger.Level.DEBUG);

    private Diagnostics() {
    }

    /** Logs at DEBUG; callers test {@link #DEBUG} first so the message is never built in vain. */
    static void debug(String message) {
        LOGGER.log(System.Logger.Level.DEBUG, message);
    }
}
