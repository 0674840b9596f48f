package dev.envoi.client.internal.auth;

import dev.envoi.client.AuthContext;
import dev.envoi.client.AuthenticationException;
import dev.envoi.client.Authenticator;
import dev.envoi.client.Challenge;
import dev.envoi.client.Credentials;
import dev.envoi.core.Method;
import dev.envoi.core.Url;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestAuthTest {
    // RFC 7616 §3.9.1
    private static final Credentials MUFASA = Credentials.of("Mufasa", "Circle of Life");
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final Url URL = Url.parse("http://www.example.org/dir/index.html");

    private static String challenge(String algorithm) {
        return "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=" + algorithm
                + ", nonce=\"" + NONCE + "\", opaque=\"" + OPAQUE + "\"";
    }

    private static String expected(String algorithm, String response) {
        return "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm="
                + algorithm + ", nonce=\"" + NONCE + "\", nc=00000001, cnonce=\"" + CNONCE + "\", qop=auth, response=\""
                + response + "\", opaque=\"" + OPAQUE + "\"";
    }

    private static AuthContext.Builder context(String... challenges) {
        return AuthContext.builder().url(URL).method(Method.GET).challenges(Challenge.parseAll(List.of(challenges)));
    }

    private static DigestAuthenticator fixed(Credentials c, String cnonce) {
        return new DigestAuthenticator(c, () -> cnonce);
    }

    private static String hex(String alg, byte[] data) throws Exception {
        return DigestAlgorithm.hex(MessageDigest.getInstance(alg).digest(data));
    }

    private static String hex(String alg, String data) throws Exception {
        return hex(alg, data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rfc7616Md5Example() throws Exception {
        assertThat(fixed(MUFASA, CNONCE).authenticate(context(challenge("MD5")).build()))
                .hasValue(expected("MD5", "8ca523f5e9506fed4657c9700eebdbec"));
    }

    @Test
    void rfc7616Sha256ExampleAndStrongestChallengeWins() throws Exception {
        String sha256 = expected("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        // The RFC's order (SHA-256 first) and the reverse: the stronger algorithm is chosen either way.
        assertThat(fixed(MUFASA, CNONCE).authenticate(context(challenge("SHA-256"), challenge("MD5")).build()))
                .hasValue(sha256);
        assertThat(fixed(MUFASA, CNONCE).authenticate(context(challenge("MD5"), challenge("SHA-256")).build()))
                .hasValue(sha256);
        // Both in one field value, too.
        assertThat(fixed(MUFASA, CNONCE).authenticate(
                context(challenge("MD5") + ", " + challenge("SHA-256") + ", Basic realm=\"x\"").build()))
                .hasValue(sha256);
    }

    @Test
    void rfc7616UserhashExampleWithErrata4897Values() throws Exception {
        // RFC 7616 §3.9.2 as corrected by erratum 4897: the published values were computed with a
        // pre-standard SHA-512/256; these are what FIPS 180-4 SHA-512/256 gives.
        String challenge = "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256,"
                + " nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\","
                + " opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8, userhash=true";
        Credentials jason = Credentials.of("J\u00e4s\u00f8n Doe", "Secret, or not?");
        AuthContext ctx = AuthContext.builder().url(Url.parse("http://api.example.org/doe.json")).method(Method.GET)
                .challenges(Challenge.parse(challenge)).build();
        String cnonce = "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v";
        String rest = ", realm=\"api@example.org\", uri=\"/doe.json\", algorithm=SHA-512-256,"
                + " nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", nc=00000001,"
                + " cnonce=\"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v\", qop=auth,"
                + " response=\"3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5\","
                + " opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\"";
        assertThat(fixed(jason, cnonce).authenticate(ctx)).hasValue("Digest username="
                + "\"793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b\"" + rest + ", userhash=true");

        // Without userhash the non-ASCII name goes in username* (RFC 7616 §3.4.4, RFC 8187).
        AuthContext plain = AuthContext.builder().url(Url.parse("http://api.example.org/doe.json"))
                .method(Method.GET).challenges(Challenge.parse(challenge.replace(", userhash=true", ""))).build();
        assertThat(fixed(jason, cnonce).authenticate(plain))
                .hasValue("Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe" + rest);
    }

    @Test
    void nonceCountIncrementsAndPreemptiveReusesTheNonce() throws Exception {
        DigestAuthenticator digest = fixed(MUFASA, CNONCE);
        assertThat(digest.preemptive(context().build())).isEmpty(); // nothing learned yet
        assertThat(digest.authenticate(context(challenge("MD5")).build())).hasValueSatisfying(
                v -> assertThat(v).contains("nc=00000001"));
        AuthContext other = AuthContext.builder().url(URL.resolve("/other?x=1")).method(Method.POST).build();
        String second = digest.preemptive(other).orElseThrow();
        assertThat(second).contains("nc=00000002", "uri=\"/other?x=1\"", "cnonce=\"" + CNONCE + "\"");
        String ha1 = hex("MD5", "Mufasa:http-auth@example.org:Circle of Life");
        String ha2 = hex("MD5", "POST:/other?x=1");
        assertThat(second).contains("response=\"" + hex("MD5", ha1 + ":" + NONCE + ":00000002:" + CNONCE
                + ":auth:" + ha2) + "\"");
        assertThat(digest.preemptive(context().build()).orElseThrow()).contains("nc=00000003");
        // Another server shares nothing; nor does the same server as a proxy.
        assertThat(digest.preemptive(AuthContext.builder().url(Url.parse("http://www.example.org:8080/"))
                .method(Method.GET).build())).isEmpty();
        assertThat(digest.preemptive(context().proxy(true).build())).isEmpty();
        // The same nonce challenged again keeps counting; a new nonce restarts at 1.
        assertThat(digest.authenticate(context(challenge("MD5")).build()).orElseThrow()).contains("nc=00000004");
        assertThat(digest.authenticate(context(challenge("MD5").replace(NONCE, "fresh")).build()).orElseThrow())
                .contains("nc=00000001", "nonce=\"fresh\"");
    }

    @Test
    void nonceCountsAreUniqueAcrossThreads() throws Exception {
        AtomicInteger cnonces = new AtomicInteger();
        DigestAuthenticator digest = new DigestAuthenticator(MUFASA, () -> "c" + cnonces.incrementAndGet());
        digest.authenticate(context(challenge("SHA-256")).build()).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                futures.add(pool.submit(() -> digest.preemptive(context().build()).orElseThrow()));
            }
            Set<String> counts = new HashSet<>();
            for (Future<String> f : futures) {
                String v = f.get(10, TimeUnit.SECONDS);
                int at = v.indexOf("nc=");
                counts.add(v.substring(at + 3, at + 11));
            }
            assertThat(counts).hasSize(400).contains("00000002", "000000ff", "00000191").doesNotContain("00000001", "00000192");
        } finally {
            pool.shutdownNow();
        }
        assertThat(cnonces.get()).isEqualTo(1);
    }

    @Test
    void staleNonceRetriedWithoutNewCredentialsButRefusalEndsIt() throws Exception {
        DigestAuthenticator digest = fixed(MUFASA, CNONCE);
        String stale = challenge("MD5").replace(NONCE, "newnonce") + ", stale=true";
        assertThat(Challenge.parse(stale).get(0).isStale()).isTrue();
        assertThat(digest.authenticate(context(stale).attempts(1).credentialsSent(true).build()).orElseThrow())
                .contains("nonce=\"newnonce\"", "nc=00000001");
        assertThat(digest.authenticate(context(stale.replace("stale=true", "stale=FALSE")).attempts(1).build()))
                .isEmpty();
        assertThat(digest.authenticate(context(challenge("MD5")).attempts(1).build())).isEmpty();
        assertThat(digest.authenticate(context(stale).attempts(DigestAuthenticator.MAX_STALE_RETRIES).build()))
                .isPresent();
        assertThat(digest.authenticate(context(stale).attempts(DigestAuthenticator.MAX_STALE_RETRIES + 1).build()))
                .isEmpty();
        // A preemptive answer with an expired nonce (attempts still 0) is answered afresh.
        assertThat(digest.authenticate(context(challenge("MD5")).credentialsSent(true).build())).isPresent();
    }

    @Test
    void authIntSignsTheBody() throws Exception {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String onlyAuthInt = challenge("SHA-256").replace("\"auth, auth-int\"", "\"auth-int\"");
        String v = fixed(MUFASA, CNONCE).authenticate(context(onlyAuthInt).method(Method.PUT).body(body).build())
                .orElseThrow();
        String ha1 = hex("SHA-256", "Mufasa:http-auth@example.org:Circle of Life");
        String ha2 = hex("SHA-256", "PUT:/dir/index.html:" + hex("SHA-256", body));
        assertThat(v).contains("qop=auth-int", "response=\"" + hex("SHA-256", ha1 + ":" + NONCE + ":00000001:"
                + CNONCE + ":auth-int:" + ha2) + "\"");
        // An empty body is hashed as empty.
        assertThat(fixed(MUFASA, CNONCE).authenticate(context(onlyAuthInt).body(new byte[0]).build())).isPresent();
        // auth preferred when both are offered, body or not.
        assertThat(fixed(MUFASA, CNONCE).authenticate(context(challenge("MD5")).body(body).build()).orElseThrow())
                .contains("qop=auth,");
    }

    @Test
    void authIntWithoutReplayableBodyFailsClearly() {
        String onlyAuthInt = challenge("MD5").replace("\"auth, auth-int\"", "\"auth-int\"");
        assertThatThrownBy(() -> fixed(MUFASA, CNONCE).authenticate(context(onlyAuthInt).build()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("auth-int").hasMessageContaining("RFC 7616 §3.4.3")
                .hasMessageNotContaining("Circle").hasMessageNotContaining("response=");
    }

    @Test
    void sessionAlgorithms() throws Exception {
        for (String[] alg : new String[][] {{"MD5-sess", "MD5"}, {"SHA-256-sess", "SHA-256"},
                {"SHA-512-256-sess", "SHA-512/256"}, {"SHA-512-256", "SHA-512/256"}}) {
            String v = fixed(MUFASA, CNONCE).authenticate(context(challenge(alg[0])).build()).orElseThrow();
            String ha1 = hex(alg[1], "Mufasa:http-auth@example.org:Circle of Life");
            if (alg[0].endsWith("-sess")) {
                ha1 = hex(alg[1], ha1 + ":" + NONCE + ":" + CNONCE);
            }
            String ha2 = hex(alg[1], "GET:/dir/index.html");
            assertThat(v).as(alg[0]).isEqualTo(expected(alg[0],
                    hex(alg[1], ha1 + ":" + NONCE + ":00000001:" + CNONCE + ":auth:" + ha2)));
        }
    }

    @Test
    void challengesWeCannotAnswerAreIgnored() throws Exception {
        Authenticator digest = fixed(MUFASA, CNONCE);
        // RFC 2069 (no qop): refused.
        assertThat(digest.authenticate(context("Digest realm=\"r\", nonce=\"n\"").build())).isEmpty();
        // Unknown algorithm, missing nonce or realm, unknown qop: skipped, others used.
        assertThat(digest.authenticate(context("Digest realm=r, nonce=n, qop=auth, algorithm=SHA-1").build())).isEmpty();
        assertThat(digest.authenticate(context("Digest realm=r, qop=auth", "Digest nonce=n, qop=auth").build()))
                .isEmpty();
        assertThat(digest.authenticate(context("Digest realm=r, nonce=n, qop=auth-conf").build())).isEmpty();
        assertThat(digest.authenticate(context("Digest realm=r, nonce=n, qop=auth, algorithm=SHA-1",
                challenge("MD5")).build())).hasValue(expected("MD5", "8ca523f5e9506fed4657c9700eebdbec"));
        assertThat(digest.authenticate(context("Basic realm=r").build())).isEmpty();
    }

    @Test
    void algorithmAbsentMeansMd5AndIsNotAdded() throws Exception {
        String v = fixed(MUFASA, CNONCE).authenticate(context(
                "Digest realm=\"http-auth@example.org\", qop=auth, nonce=\"" + NONCE + "\"").build()).orElseThrow();
        assertThat(v).doesNotContain("algorithm").doesNotContain("opaque")
                .contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"");
        // The server's spelling of the algorithm is echoed.
        assertThat(fixed(MUFASA, CNONCE).authenticate(context(challenge("md5")).build()).orElseThrow())
                .contains(", algorithm=md5, ");
    }

    @Test
    void quotedValuesAreEscaped() throws Exception {
        String v = fixed(Credentials.of("a\"b\\c", "pw"), "cn").authenticate(context(
                "Digest realm=\"r\\\"q\", nonce=\"n\", qop=auth").build()).orElseThrow();
        assertThat(v).startsWith("Digest username=\"a\\\"b\\\\c\", realm=\"r\\\"q\", uri=\"/dir/index.html\", nonce=\"n\"");
        String ha1 = hex("MD5", "a\"b\\c:r\"q:pw");
        assertThat(v).contains("response=\"" + hex("MD5", ha1 + ":n:00000001:cn:auth:"
                + hex("MD5", "GET:/dir/index.html")) + "\"");
    }

    @Test
    void proxyChallengeUsesItsOwnState() throws Exception {
        DigestAuthenticator digest = fixed(MUFASA, CNONCE);
        AuthContext connect = AuthContext.builder().proxy(true).server(Url.parse("http://proxy:3128/").origin())
                .method(Method.CONNECT).requestTarget("www.example.org:443").challenges(Challenge.parse(challenge("MD5")))
                .build();
        assertThat(connect.fieldName()).isEqualTo("Proxy-Authorization");
        assertThat(digest.authenticate(connect).orElseThrow()).contains("uri=\"www.example.org:443\"");
        assertThat(digest.preemptive(context().build())).isEmpty();
    }

    @Test
    void randomCnonceIsFreshPerNonce() throws Exception {
        Authenticator digest = Authenticator.digest("Mufasa", "Circle of Life");
        String a = digest.authenticate(context(challenge("MD5")).build()).orElseThrow();
        String b = digest.authenticate(context(challenge("MD5").replace(NONCE, "other")).build()).orElseThrow();
        String cnA = a.substring(a.indexOf("cnonce=\"") + 8, a.indexOf("cnonce=\"") + 40);
        String cnB = b.substring(b.indexOf("cnonce=\"") + 8, b.indexOf("cnonce=\"") + 40);
        assertThat(cnA).matches("[0-9a-f]{32}").isNotEqualTo(cnB);
        assertThat(digest.toString()).contains("Mufasa").doesNotContain("Circle");
    }

    @Test
    void sha512256IsAvailable() {
        assertThat(DigestAlgorithm.SHA_512_256.hash(new byte[0]))
                .isEqualTo("c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a");
        assertThat(DigestResponse.ncHex(1)).isEqualTo("00000001");
        assertThat(DigestResponse.ncHex(0xffffffffL)).isEqualTo("ffffffff");
    }
}
