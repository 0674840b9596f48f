package dev.envoi.client.internal.auth;

import dev.envoi.client.AuthContext;
import dev.envoi.client.Authenticator;
import dev.envoi.client.Challenge;
import dev.envoi.core.InvalidSyntaxException;

import java.util.Optional;

/**
 * Bearer token authentication, RFC 6750 §2.1: {@code Authorization: Bearer <token>}, sent with
 * every request (preemptively). The token must be a {@code b64token}; anything else could not be
 * read back by the server and might inject into the field.
 *
 * <pre>
 * b64token    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 * credentials = "Bearer" 1*SP b64token
 * </pre>
 */
public final class BearerAuthenticator implements Authenticator {
    private final String value;

    public BearerAuthenticator(String token) {
        int bad = invalidAt(token);
        if (bad >= 0) {
            // The token itself is a secret: the exception names the position, not the text.
            throw new InvalidSyntaxException("a Bearer token must be a b64token", null, bad, "RFC 6750 §2.1");
        }
        this.value = "Bearer " + token;
    }

    private static int invalidAt(String token) {
        int n = token.length();
        int i = 0;
        while (i < n && isB64TokenChar(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return 0;
        }
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        return i == n ? -1 : i;
    }

    private static boolean isB64TokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    @Override
    public Optional<String> authenticate(AuthContext context) {
        if (context.credentialsSent() || context.attempts() > 0) {
            return Optional.empty(); // the token was refused (e.g. error="invalid_token", RFC 6750 §3.1)
        }
        for (Challenge c : context.challenges()) {
            if (c.hasScheme("Bearer")) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> preemptive(AuthContext context) {
        return Optional.of(value);
    }

    @Override
    public String toString() {
        return "Authenticator.bearer[token=<redacted>]";
    }
}
