package dev.envoi.client;

import dev.envoi.core.HeaderName;
import dev.envoi.core.Method;
import dev.envoi.core.Origin;
import dev.envoi.core.Url;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Authenticator} is told about the request it answers for: who challenged (an
 * origin server with 401, or a proxy with 407), the challenges, and the parts of the request that
 * schemes sign (method, request-target, and for Digest {@code auth-int} the body).
 *
 * <p>The client builds one per answer:
 * <pre>{@code
 * AuthContext ctx = AuthContext.builder()
 *         .url(url)                                   // server = url.origin(), requestTarget = url.requestTarget()
 *         .method(Method.GET)
 *         .challenges(Challenge.parseAll(response.headers().all("WWW-Authenticate")))
 *         .body(new byte[0])                          // the body as sent; omit if it cannot be replayed
 *         .build();
 * }</pre>
 * For a preemptive answer ({@link Authenticator#preemptive(AuthContext)}) the challenge list is
 * empty. Immutable; the body is held as a read-only view, not copied.
 */
public final class AuthContext {
    private final boolean proxy;
    private final Origin server;
    private final Method method;
    private final String requestTarget;
    private final List<Challenge> challenges;
    private final ByteBuffer body;
    private final int attempts;
    private final boolean credentialsSent;

    private AuthContext(Builder b) {
        this.proxy = b.proxy;
        this.server = Objects.requireNonNull(b.server, "server");
        this.method = Objects.requireNonNull(b.method, "method");
        this.requestTarget = Objects.requireNonNull(b.requestTarget, "requestTarget");
        this.challenges = b.challenges;
        this.body = b.body;
        this.attempts = b.attempts;
        this.credentialsSent = b.credentialsSent;
    }

    /** A builder; {@code server}, {@code method} and {@code requestTarget} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether this answers a proxy: a 407 with {@code Proxy-Authenticate}, answered with
     * {@code Proxy-Authorization} (RFC 9110 §11.7), rather than a 401.
     */
    public boolean isProxy() {
        return proxy;
    }

    /** The field the answer goes in: {@code Proxy-Authorization} for a proxy, else {@code Authorization}. */
    public String fieldName() {
        return proxy ? HeaderName.PROXY_AUTHORIZATION : HeaderName.AUTHORIZATION;
    }

    /**
     * The origin server (401) or the proxy (407) that challenged. Authenticators keep per-server
     * state under it (Digest nonces and counts).
     */
    public Origin server() {
        return server;
    }

    /** The request method. */
    public Method method() {
        return method;
    }

    /**
     * The request-target exactly as written on the request line: origin-form ({@code /a?b}),
     * absolute-form through a forward proxy, authority-form ({@code host:443}) for CONNECT.
     * Digest signs it as {@code uri} (RFC 7616 §3.4).
     */
    public String requestTarget() {
        return requestTarget;
    }

    /** The challenges of the 401/407 response, in order; empty for a preemptive answer. */
    public List<Challenge> challenges() {
        return challenges;
    }

    /**
     * The request body as sent (after any content coding), read-only, or empty when it is not
     * available (a stream that cannot be replayed). A request without a body has an empty buffer.
     */
    public Optional<ByteBuffer> body() {
        return body == null ? Optional.empty() : Optional.of(body.asReadOnlyBuffer());
    }

    /**
     * How many times this request was already answered with this authenticator after a
     * challenge (not counting a preemptive answer): 0 for the first challenge. Authenticators
     * use it to stop instead of sending refused credentials again.
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Whether the challenged request carried this authenticator's credentials in
     * {@link #fieldName()} (preemptively or as an earlier answer): a Basic or Bearer challenge
     * then means they were refused.
     */
    public boolean credentialsSent() {
        return credentialsSent;
    }

    @Override
    public String toString() {
        return "AuthContext[" + (proxy ? "proxy " : "") + server + ", " + method + " " + requestTarget
                + ", challenges=" + challenges + ", attempts=" + attempts + "]";
    }

    /** Builds an {@link AuthContext}. */
    public static final class Builder {
        private boolean proxy;
        private Origin server;
        private Method method;
        private String requestTarget;
        private List<Challenge> challenges = List.of();
        private ByteBuffer body;
        private int attempts;
        private boolean credentialsSent;

        private Builder() {
        }

        /** Sets {@link #server} to the URL's origin and {@link #requestTarget} to its origin-form target. */
        public Builder url(Url url) {
            Objects.requireNonNull(url, "url");
            this.server = url.origin();
            this.requestTarget = url.requestTarget();
            return this;
        }

        /** Whether a proxy challenged (407); default {@code false}. */
        public Builder proxy(boolean proxy) {
            this.proxy = proxy;
            return this;
        }

        /** The origin server or proxy that challenged. */
        public Builder server(Origin server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /** The request method. */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The request-target as written on the request line. */
        public Builder requestTarget(String requestTarget) {
            this.requestTarget = Objects.requireNonNull(requestTarget, "requestTarget");
            return this;
        }

        /** The challenges of the response (default: none, for a preemptive answer). */
        public Builder challenges(List<Challenge> challenges) {
            this.challenges = List.copyOf(Objects.requireNonNull(challenges, "challenges"));
            return this;
        }

        /** The body as sent; not copied, so it must not change afterwards. Default: not available. */
        public Builder body(byte[] body) {
            this.body = ByteBuffer.wrap(Objects.requireNonNull(body, "body"));
            return this;
        }

        /** How many challenge answers this request already had (default 0). */
        public Builder attempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must not be negative: " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        /** Whether the challenged request carried this authenticator's credentials (default false). */
        public Builder credentialsSent(boolean credentialsSent) {
            this.credentialsSent = credentialsSent;
            return this;
        }

        /** The context; {@code server}, {@code method} and {@code requestTarget} must be set. */
        public AuthContext build() {
            if (server == null || method == null || requestTarget == null) {
                throw new IllegalStateException("server, method and requestTarget are required");
            }
            return new AuthContext(this);
        }
    }
}
