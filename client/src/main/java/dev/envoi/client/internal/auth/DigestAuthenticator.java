package dev.envoi.client.internal.auth;

import dev.envoi.client.AuthContext;
import dev.envoi.client.AuthenticationException;
import dev.envoi.client.Authenticator;
import dev.envoi.client.Challenge;
import dev.envoi.client.Credentials;
import dev.envoi.core.Origin;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Digest authentication, RFC 7616, for one set of credentials, shared by every request of a client.
 *
 * <h2>Choosing a challenge</h2>
 * Of the {@code Digest} challenges with a realm, a nonce, a known algorithm and a usable qop, the
 * strongest algorithm wins (SHA-512-256, then SHA-256, then MD5; the first listed among equals):
 * RFC 7616 §3.7 leaves the choice to local policy, and "strongest" is the policy that a reordered
 * list cannot weaken. qop {@code auth} is chosen when offered; {@code auth-int} only when it is the
 * only option, and then only if the body is available ({@link AuthContext#body()}), otherwise
 * {@link AuthenticationException}. Challenges without qop (RFC 2069) are not answered: RFC 7616
 * §3.3 requires qop, and answering without a client nonce lets a forged challenge collect
 * responses for offline dictionary attacks.
 *
 * <h2>State</h2>
 * Per server (and per proxy) the last answered nonce is kept with its nonce count, which counts
 * 1, 2, 3... for every request that uses the nonce, atomically, so concurrent requests never send
 * the same count (RFC 7616 §3.4: the server may refuse a repeated one as a replay). Later
 * requests to the same server answer preemptively with it. One client nonce (16 bytes from
 * {@link SecureRandom}, hex) is made per server nonce. At most {@value #MAX_SESSIONS} servers are
 * remembered.
 *
 * <h2>Retries</h2>
 * A challenge after an answer means the credentials were refused, unless it says
 * {@code stale=true}: then the answer is made again with the new nonce, up to
 * {@value #MAX_STALE_RETRIES} times in a row.
 */
public final class DigestAuthenticator implements Authenticator {
    static final int MAX_STALE_RETRIES = 3;
    static final int MAX_SESSIONS = 256;
    private static final long MAX_NC = 0xffffffffL;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credentials credentials;
    private final Supplier<String> cnonces;
    private final ConcurrentHashMap<Key, Session> sessions = new ConcurrentHashMap<>();

    public DigestAuthenticator(Credentials credentials) {
        this(credentials, DigestAuthenticator::randomCnonce);
    }

    /** A seam for tests: a fixed client nonce reproduces the RFC's examples. */
    DigestAuthenticator(Credentials credentials, Supplier<String> cnonces) {
        this.credentials = credentials;
        this.cnonces = cnonces;
    }

    private record Key(Origin server, boolean proxy) {
    }

    /** A nonce in use: the challenge it came from, the qop chosen, one cnonce and the count. */
    private record Session(DigestChallenge challenge, String qop, String cnonce, AtomicLong nc) {
    }

    @Override
    public Optional<String> authenticate(AuthContext context) throws AuthenticationException {
        DigestChallenge best = null;
        String bestQop = null;
        boolean authIntUnavailable = false;
        for (Challenge c : context.challenges()) {
            DigestChallenge dc = DigestChallenge.from(c);
            if (dc == null || !dc.hasQop()) {
                continue;
            }
            String qop = dc.auth() ? "auth" : context.body().isPresent() ? "auth-int" : null;
            if (qop == null) {
                authIntUnavailable = true;
            } else if (best == null || dc.algorithm().strength() > best.algorithm().strength()) {
                best = dc;
                bestQop = qop;
            }
        }
        if (best == null) {
            if (authIntUnavailable) {
                throw new AuthenticationException("Digest challenge from " + context.server()
                        + " offers only qop=auth-int, which signs the request body, and the body cannot be"
                        + " replayed; send the body as bytes to answer it [RFC 7616 §3.4.3]");
            }
            return Optional.empty();
        }
        if (context.attempts() > 0 && !(best.stale() && context.attempts() <= MAX_STALE_RETRIES)) {
            return Optional.empty(); // refused credentials: asking again with them cannot help
        }
        Session session = remember(new Key(context.server(), context.isProxy()), best, bestQop);
        return answer(session, context);
    }

    @Override
    public Optional<String> preemptive(AuthContext context) {
        Session session = sessions.get(new Key(context.server(), context.isProxy()));
        if (session == null || "auth-int".equals(session.qop()) && context.body().isEmpty()) {
            return Optional.empty();
        }
        return answer(session, context);
    }

    private Optional<String> answer(Session session, AuthContext context) {
        long nc = session.nc().incrementAndGet();
        if (nc > MAX_NC) {
            return Optional.empty(); // nonce exhausted: let the server issue a new one
        }
        DigestChallenge ch = session.challenge();
        String bodyHash = "auth-int".equals(session.qop())
                ? ch.algorithm().hash(context.body().orElseGet(() -> ByteBuffer.allocate(0)))
                : null;
        return Optional.of(DigestResponse.authorization(ch, credentials, context.method().name(),
                context.requestTarget(), session.qop(), session.cnonce(), nc, bodyHash));
    }

    /** Keeps the challenge's nonce for the server; a nonce already in use keeps its count. */
    private Session remember(Key key, DigestChallenge ch, String qop) {
        if (sessions.size() >= MAX_SESSIONS && !sessions.containsKey(key)) {
            Iterator<Key> it = sessions.keySet().iterator();
            if (it.hasNext()) {
                sessions.remove(it.next());
            }
        }
        return sessions.compute(key, (k, old) -> old != null && old.challenge().nonce().equals(ch.nonce())
                && old.challenge().realm().equals(ch.realm()) && old.challenge().algorithm() == ch.algorithm()
                ? new Session(ch, qop, old.cnonce(), old.nc())
                : new Session(ch, qop, cnonces.get(), new AtomicLong()));
    }

    private static String randomCnonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return DigestAlgorithm.hex(bytes);
    }

    @Override
    public String toString() {
        return "Authenticator.digest[username=" + credentials.username() + "]";
    }
}
