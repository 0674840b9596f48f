package dev.envoi.client.internal.auth;

import dev.envoi.client.AuthContext;
import dev.envoi.client.Authenticator;
import dev.envoi.client.Challenge;
import dev.envoi.client.Credentials;
import dev.envoi.core.InvalidSyntaxException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Basic authentication, RFC 7617: {@code Basic base64(user-id ":" password)}.
 *
 * <p>The octets are always UTF-8. RFC 7617 §2.1 lets a server advertise {@code charset="UTF-8"}
 * (the only value it defines) and leaves the encoding unspecified otherwise; UTF-8 is what
 * servers written this century decode, and what curl sends for UTF-8 input. A user-id containing
 * {@code ':'} cannot be sent (the server splits at the first colon, RFC 7617 §2), and neither part
 * may contain control characters; both are refused when the authenticator is made.
 */
public final class BasicAuthenticator implements Authenticator {
    private static final String SECTION = "RFC 7617 §2";

    private final String username;
    private final String value;

    public BasicAuthenticator(Credentials credentials) {
        String user = credentials.username();
        int colon = user.indexOf(':');
        if (colon >= 0) {
            throw new InvalidSyntaxException("a Basic user-id must not contain ':'", user, colon, SECTION);
        }
        checkNoControls(user, "user-id", true);
        checkNoControls(credentials.password(), "password", false);
        this.username = user;
        this.value = encode(user, credentials.password());
    }

    /** {@code "Basic " + base64(UTF-8(user ":" password))}. */
    public static String encode(String username, String password) {
        byte[] userPass = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(userPass);
    }

    @Override
    public Optional<String> authenticate(AuthContext context) {
        if (context.credentialsSent() || context.attempts() > 0) {
            return Optional.empty(); // these credentials were refused; sending them again cannot help
        }
        for (Challenge c : context.challenges()) {
            if (c.hasScheme("Basic")) {
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
        return "Authenticator.basic[username=" + username + "]";
    }

    private static void checkNoControls(String s, String what, boolean echo) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                // The password is never echoed into the exception.
                throw new InvalidSyntaxException("a Basic " + what + " must not contain control characters",
                        echo ? s : null, i, SECTION);
            }
        }
    }
}
