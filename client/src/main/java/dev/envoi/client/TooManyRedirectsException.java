package dev.envoi.client;

import java.util.List;

/**
 * More redirects than the client allows ({@link Client.Builder#maxRedirects(int)}, default 30 as
 * {@code requests} uses). {@link #history()} lists every hop.
 */
public class TooManyRedirectsException extends RedirectException {
    private static final long serialVersionUID = 1L;

    /**
     * @param max the configured maximum
     * @param redactedUrl the URL the last redirect pointed to, already redacted
     * @param history every hop followed
     */
    public TooManyRedirectsException(int max, String redactedUrl, List<Redirect> history) {
        super("more than " + max + " redirects; the last pointed to " + redactedUrl, history);
    }
}
