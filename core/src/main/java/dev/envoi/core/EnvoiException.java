package dev.envoi.core;

import java.io.IOException;

/**
 * The root of everything that can go wrong in an HTTP exchange that is not the caller's mistake: a
 * peer that breaks RFC 9112, a limit the caller configured being exceeded, and (in later modules)
 * failed connections, TLS handshakes and timeouts.
 *
 * <p>Why checked, and why an {@link IOException}: these failures happen while bytes move, and the
 * places they surface include {@link java.io.InputStream#read()} of a response body, which may only
 * throw {@code IOException}. A chunked body that turns out to be malformed halfway must reach the
 * reader as a typed exception, never as a short body that looks complete; extending
 * {@code IOException} lets the same type travel through streams, {@code transferTo} and
 * try-with-resources unwrapped. Callers that already handle {@code IOException} handle envoi.
 *
 * <p>Mistakes of the caller (a header value containing CR or LF, an unparseable URL string, a call
 * in the wrong state) are not {@code EnvoiException}s: they are {@link InvalidSyntaxException}
 * (an {@link IllegalArgumentException}), {@link NullPointerException} or
 * {@link IllegalStateException}, thrown at the API boundary before any byte is sent.
 */
public class EnvoiException extends IOException {
    private static final long serialVersionUID = 1L;

    public EnvoiException(String message) {
        super(message);
    }

    public EnvoiException(String message, Throwable cause) {
        super(message, cause);
    }
}
