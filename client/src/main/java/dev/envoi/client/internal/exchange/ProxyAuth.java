package dev.envoi.client.internal.exchange;

import dev.envoi.client.AuthContext;
import dev.envoi.client.Authenticator;
import dev.envoi.client.Challenge;
import dev.envoi.client.Credentials;
import dev.envoi.core.Headers;
import dev.envoi.core.Method;
import dev.envoi.core.Url;
import dev.envoi.transport.Proxy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Answers a proxy's {@code 407 Proxy Authentication Required} (RFC 9110 §15.5.8, §11.7) with the
 * proxy's own credentials: Digest when the proxy offers it (RFC 7616), else Basic (RFC 7617). The
 * answer goes in {@code Proxy-Authorization}, to the proxy only: in the CONNECT request for a tunnel,
 * or on the forwarded request for an {@code http} URL (where the proxy consumes the field).
 */
final class ProxyAuth {
    /** At most this many answers per request, whatever the proxy does. */
    static final int MAX_ANSWERS = 3;

    private ProxyAuth() {
    }

    /**
     * The {@code Proxy-Authorization} to retry with, or empty to give up.
     *
     * @param proxy the proxy that challenged (with credentials, or empty is returned)
     * @param method the method of the challenged request (CONNECT for a tunnel)
     * @param requestTarget the request-target as written on the request line
     * @param responseHeaders the 407 fields
     * @param attempts answers already given for this request
     * @param credentialsSent whether the challenged request carried {@code Proxy-Authorization}
     */
    static Optional<String> answer(Proxy proxy, Method method, String requestTarget, Headers responseHeaders,
            int attempts, boolean credentialsSent) throws IOException {
        if (!proxy.hasCredentials() || attempts >= MAX_ANSWERS) {
            return Optional.empty();
        }
        List<Challenge> challenges = Challenge.fromHeaders(responseHeaders, true);
        if (challenges.isEmpty()) {
            return Optional.empty();
        }
        Credentials c = Credentials.of(proxy.username(), proxy.password());
        Authenticator auth = Authenticator.firstOf(Authenticator.digest(c), Authenticator.basic(c));
        AuthContext ctx = AuthContext.builder().proxy(true).url(Url.parse("http://" + proxy.authority() + "/"))
                .requestTarget(requestTarget).method(method).challenges(challenges).attempts(attempts)
                .credentialsSent(credentialsSent).body(new byte[0]).build();
        return auth.authenticate(ctx);
    }
}
