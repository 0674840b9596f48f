package dev.envoi.client;

import dev.envoi.core.EnvoiException;

/**
 * The call was canceled with {@link Call#cancel()} (from any thread) before it completed; a thread
 * blocked in connect, write, read or body reading wakes with this exception. The message names
 * the URL with credentials redacted.
 */
public class CallCanceledException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    /**
     * @param redactedUrl the URL of the request, already redacted
     * @param cause the failure the cancellation caused in the blocked thread, or {@code null}
     */
    public CallCanceledException(String redactedUrl, Throwable cause) {
        super("call canceled: " + redactedUrl, cause);
    }
}
