package dev.envoi.client;

import dev.envoi.client.internal.auth.BasicAuthenticator;
import dev.envoi.client.internal.auth.BearerAuthenticator;
import dev.envoi.client.internal.auth.DigestAuthenticator;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers authentication challenges (RFC 9110 §11): given the challenges of a 401 or 407 response
 * and the request, produces the {@code Authorization} or {@code Proxy-Authorization} value to retry
 * with, or nothing to give up (the client then returns the 401/407 to the caller).
 *
 * <pre>{@code
 * Authenticator.basic("Aladdin", "open sesame");   // RFC 7617, UTF-8
 * Authenticator.digest("Mufasa", "Circle of Life"); // RFC 7616: MD5, SHA-256, SHA-512-256, -sess, auth, auth-int
 * Authenticator.bearer("mF_9.B5f-4.1JqM");          // RFC 6750
 * Authenticator.firstOf(Authenticator.digest(c), Authenticator.basic(c)); // prefer Digest when offered
 * }</pre>
 *
 * <h2>How the client uses an authenticator</h2>
 * <ol>
 *   <li>Before sending, it may ask {@link #preemptive(AuthContext)} (no challenges in the context)
 *       and send the value it gets: Basic and Bearer always give one, Digest once a challenge from
 *       the same server has been answered (reusing its nonce with the next nonce count).</li>
 *   <li>On a 401 it parses every {@code WWW-Authenticate} line, on a 407 every
 *       {@code Proxy-Authenticate} line ({@link Challenge#fromHeaders}), and calls
 *       {@link #authenticate(AuthContext)}, saying how many answers the request already had
 *       ({@link AuthContext#attempts()}) and whether it carried credentials
 *       ({@link AuthContext#credentialsSent()}).</li>
 *   <li>A value means: send the request again with it in {@link AuthContext#fieldName()} (the
 *       body must be replayable); empty means: stop and return the response.
 *       Built-in authenticators give up after refused credentials (Basic, Bearer) and answer
 *       again only for a Digest {@code stale=true} ({@link Challenge#isStale()}), at most three
 *       times, so a retry loop always ends.</li>
 * </ol>
 * Authenticators carry no scope: the client sends an authenticator's answers only to the origin
 * (or proxy) it was configured for, never after a redirect to another origin.
 *
 * <p>Implementations must be thread-safe. Answers are secrets: they never appear in exception
 * messages or {@code toString()}.
 */
public interface Authenticator {

    /**
     * The value to retry with after {@code context}'s challenges, or empty to give up.
     *
     * @throws AuthenticationException when a challenge could be answered only with something the
     *     request cannot give (Digest {@code qop=auth-int} for a body that cannot be replayed)
     * @throws IOException if a custom authenticator fails to obtain credentials
     */
    Optional<String> authenticate(AuthContext context) throws IOException;

    /**
     * A value to send before any challenge, or empty (the default) to wait for one.
     *
     * @throws IOException if a custom authenticator fails to obtain credentials
     */
    default Optional<String> preemptive(AuthContext context) throws IOException {
        return Optional.empty();
    }

    /**
     * Basic authentication (RFC 7617): answers a {@code Basic} challenge with
     * {@code base64(user ":" password)} of the UTF-8 bytes, and is sent preemptively.
     *
     * @throws dev.envoi.core.InvalidSyntaxException if the user name contains {@code ':'}, or
     *     either contains a control character (RFC 7617 §2)
     */
    static Authenticator basic(String username, String password) {
        return basic(Credentials.of(username, password));
    }

    /** {@link #basic(String, String)} from {@link Credentials}. */
    static Authenticator basic(Credentials credentials) {
        return new BasicAuthenticator(Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * Digest authentication (RFC 7616): answers the strongest {@code Digest} challenge offered
     * (SHA-512-256, then SHA-256, then MD5; {@code -sess} variants included), with qop
     * {@code auth} when offered and {@code auth-int} otherwise; handles {@code userhash},
     * {@code username*}, nonce counts and {@code stale=true}. Challenges without {@code qop}
     * (RFC 2069) are not answered. Never preemptive until a challenge from the server was answered.
     */
    static Authenticator digest(String username, String password) {
        return digest(Credentials.of(username, password));
    }

    /** {@link #digest(String, String)} from {@link Credentials}. */
    static Authenticator digest(Credentials credentials) {
        return new DigestAuthenticator(Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * Bearer token authentication (RFC 6750 §2.1): {@code Bearer <token>}, sent preemptively.
     *
     * @throws dev.envoi.core.InvalidSyntaxException if {@code token} is not a {@code b64token}
     */
    static Authenticator bearer(String token) {
        return new BearerAuthenticator(Objects.requireNonNull(token, "token"));
    }

    /**
     * An authenticator that asks each of {@code authenticators} in order and uses the first
     * answer. Preemptive answers come from the first one only, so a weaker scheme listed later is
     * never sent before a server asked for it: {@code firstOf(digest(c), basic(c))} sends nothing
     * until challenged, then answers Digest when the server offers it and Basic only otherwise
     * (curl's {@code --anyauth}).
     */
    static Authenticator firstOf(Authenticator... authenticators) {
        List<Authenticator> list = List.of(authenticators);
        return new Authenticator() {
            @Override
            public Optional<String> authenticate(AuthContext context) throws IOException {
                for (Authenticator a : list) {
                    Optional<String> answer = a.authenticate(context);
                    if (answer.isPresent()) {
                        return answer;
                    }
                }
                return Optional.empty();
            }

            @Override
            public Optional<String> preemptive(AuthContext context) throws IOException {
                return list.isEmpty() ? Optional.empty() : list.get(0).preemptive(context);
            }

            @Override
            public String toString() {
                return "Authenticator.firstOf" + list;
            }
        };
    }
}
