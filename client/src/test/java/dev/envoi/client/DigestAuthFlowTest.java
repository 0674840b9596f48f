package dev.envoi.client;

import dev.envoi.core.Method;
import dev.envoi.core.Url;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authenticator contract as the client will drive it, against a small in-memory RFC 7616
 * server that checks responses, refuses replayed nonce counts and expires nonces with
 * {@code stale=true}.
 */
class DigestAuthFlowTest {
    private static final Url URL = Url.parse("http://127.0.0.1:8080/private/doc?x=1");

    /** A Digest server for user "alice" / "wonder land", SHA-256, qop=auth. */
    static final class Server {
        String nonce = "n1";
        final Map<String, Long> lastNc = new HashMap<>();
        final List<String> log = new ArrayList<>();
        String password = "wonder land";
        boolean alwaysStale;

        /** 200, or 401 with the challenge (and stale=true when a valid answer used an old nonce). */
        Optional<String> handle(Method method, String uri, String authorization) throws Exception {
            if (authorization == null) {
                log.add("401");
                return Optional.of(challenge(false));
            }
            Challenge c = Challenge.parse(authorization).get(0);
            Map<String, String> p = c.params();
            String ha1 = sha256("alice:r:" + password);
            String ha2 = sha256(method.name() + ":" + uri);
            String expected = sha256(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":"
                    + p.get("qop") + ":" + ha2);
            boolean valid = c.hasScheme("Digest") && "alice".equals(p.get("username")) && uri.equals(p.get("uri"))
                    && expected.equals(p.get("response")) && "opq".equals(p.get("opaque"));
            if (valid && (alwaysStale || !nonce.equals(p.get("nonce")))) {
                log.add("401 stale");
                return Optional.of(challenge(true));
            }
            if (!valid || Long.parseLong(p.get("nc"), 16) <= lastNc.getOrDefault(nonce, 0L)) {
                log.add("401");
                return Optional.of(challenge(false));
            }
            lastNc.put(nonce, Long.parseLong(p.get("nc"), 16));
            log.add("200 nc=" + p.get("nc"));
            return Optional.empty();
        }

        private String challenge(boolean stale) {
            if (stale) {
                nonce = nonce + "'";
            }
            return "Digest realm=\"r\", qop=\"auth\", algorithm=SHA-256, nonce=\"" + nonce + "\", opaque=\"opq\""
                    + (stale ? ", stale=true" : "");
        }

        private static String sha256(String s) throws Exception {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        }
    }

    /** What the client does for one request: preemptive value, then answer challenges until done. */
    static int send(Authenticator auth, Server server) throws Exception {
        AuthContext.Builder base = AuthContext.builder().url(URL).method(Method.GET).body(new byte[0]);
        String authorization = auth.preemptive(base.build()).orElse(null);
        for (int attempts = 0; attempts < 10; attempts++) { // the client's own cap on rounds
            Optional<String> challenge = server.handle(Method.GET, URL.requestTarget(), authorization);
            if (challenge.isEmpty()) {
                return 200;
            }
            AuthContext ctx = base.challenges(Challenge.parse(challenge.get())).attempts(attempts)
                    .credentialsSent(authorization != null).build();
            Optional<String> answer = auth.authenticate(ctx);
            if (answer.isEmpty()) {
                return 401;
            }
            authorization = answer.get();
        }
        throw new AssertionError("authenticator did not stop");
    }

    @Test
    void challengeThenPreemptiveThenStaleNonce() throws Exception {
        Server server = new Server();
        Authenticator auth = Authenticator.digest("alice", "wonder land");
        assertThat(send(auth, server)).isEqualTo(200);
        assertThat(send(auth, server)).isEqualTo(200);
        assertThat(server.log).containsExactly("401", "200 nc=00000001", "200 nc=00000002");
        server.nonce = "n2"; // the server expires the nonce
        server.log.clear();
        assertThat(send(auth, server)).isEqualTo(200);
        assertThat(server.log).containsExactly("401 stale", "200 nc=00000001");
    }

    @Test
    void wrongPasswordStopsAfterOneAnswer() throws Exception {
        Server server = new Server();
        server.password = "other";
        assertThat(send(Authenticator.digest("alice", "wonder land"), server)).isEqualTo(401);
        assertThat(server.log).containsExactly("401", "401");
    }

    @Test
    void endlesslyStaleServerIsBounded() throws Exception {
        Server server = new Server();
        server.alwaysStale = true;
        assertThat(send(Authenticator.digest("alice", "wonder land"), server)).isEqualTo(401);
        assertThat(server.log).hasSize(5).containsOnly("401", "401 stale");
    }

    @Test
    void basicIsNotAnsweredToADigestServer() throws Exception {
        Server server = new Server();
        // Basic is preemptive; the server answers with a Digest challenge that Basic cannot take.
        assertThat(send(Authenticator.basic("alice", "wonder land"), server)).isEqualTo(401);
        assertThat(server.log).containsExactly("401");
        // firstOf(digest, basic): nothing preemptive (Basic is never leaked), then Digest answers.
        Credentials c = Credentials.of("alice", "wonder land");
        server.log.clear();
        assertThat(send(Authenticator.firstOf(Authenticator.digest(c), Authenticator.basic(c)), server))
                .isEqualTo(200);
        assertThat(server.log).containsExactly("401", "200 nc=00000001");
    }
}
