package dev.envoi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.core.Headers;
import dev.envoi.core.Url;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The storage model (RFC 6265 §5.3, 6265bis §5.7) and retrieval (§5.4) of the standard jar. */
class CookieJarTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final CookieTestClock clock = new CookieTestClock(T0);
    private final CookieJar jar = CookieJar.builder().clock(clock).build();

    private void receive(String url, String... setCookies) {
        jar.receive(Url.parse(url), List.of(setCookies));
    }

    private String header(String url) {
        return jar.cookieHeaderFor(Url.parse(url)).orElse(null);
    }

    // RFC 6265 §3.1, the examples, as written there.

    @Test
    void rfc6265Section3Point1Examples() {
        receive("http://example.com/", "SID=31d4d96e407aad42");
        assertThat(header("http://example.com/")).isEqualTo("SID=31d4d96e407aad42");
        jar.clear();

        receive("http://example.com/", "SID=31d4d96e407aad42; Path=/; Domain=example.com",
                "lang=en-US; Path=/; Domain=example.com");
        assertThat(header("http://example.com/")).isEqualTo("SID=31d4d96e407aad42; lang=en-US");
        jar.clear();

        receive("https://example.com/", "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly",
                "lang=en-US; Path=/; Domain=example.com");
        assertThat(header("https://example.com/")).isEqualTo("SID=31d4d96e407aad42; lang=en-US");
        assertThat(header("http://example.com/")).isEqualTo("lang=en-US");
        assertThat(header("https://www.example.com/")).isEqualTo("lang=en-US");  // SID is host-only

        clock.advance(Duration.ofDays(1));
        receive("https://example.com/", "lang=en-US; Expires=Wed, 09 Jun 2027 10:18:14 GMT");
        assertThat(jar.all()).filteredOn(c -> c.name().equals("lang") && c.hostOnly())
                .singleElement().satisfies(c -> assertThat(c.persistent()).isTrue());
        receive("https://example.com/", "lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(jar.all()).extracting(Cookie::toCookiePair)
                .containsExactlyInAnyOrder("SID=31d4d96e407aad42", "lang=en-US");  // the domain one stays
    }

    @Test
    void receivesEverySetCookieLineOfAHeaderSection() {
        jar.receive(Url.parse("http://example.com/"),
                Headers.of("Set-Cookie", "a=1", "Content-Type", "text/plain", "set-cookie", "b=2"));
        assertThat(header("http://example.com/")).isEqualTo("a=1; b=2");
        assertThat(jar.cookieHeaderFor(Url.parse("http://other.example/"))).isEqualTo(Optional.empty());
    }

    // Expiry: §5.3 step 3, §5.2.1, §5.2.2.

    @Test
    void maxAgeWinsOverExpiresWhateverTheOrder() {
        receive("http://example.com/", "a=1; Max-Age=60; Expires=Wed, 09 Jun 2027 10:18:14 GMT",
                "b=2; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Max-Age=60");
        assertThat(jar.all()).extracting(c -> c.expiresAt().orElseThrow())
                .containsOnly(T0.plusSeconds(60));
    }

    @Test
    void cookiesExpireByTheInjectedClock() {
        receive("http://example.com/", "a=1; Max-Age=60", "s=session");
        assertThat(header("http://example.com/")).isEqualTo("a=1; s=session");
        clock.advance(Duration.ofSeconds(59));
        assertThat(header("http://example.com/")).isEqualTo("a=1; s=session");
        clock.advance(Duration.ofSeconds(1));  // expiry time reached: expired
        assertThat(header("http://example.com/")).isEqualTo("s=session");
        assertThat(jar.all()).extracting(Cookie::name).containsExactly("s");
    }

    @Test
    void zeroOrNegativeMaxAgeAndPastExpiresDelete() {
        receive("http://example.com/", "a=1", "b=2", "c=3", "d=4");
        receive("http://example.com/", "a=x; Max-Age=0", "b=x; Max-Age=-5",
                "c=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "d=x; Max-Age=oops");
        assertThat(header("http://example.com/")).isEqualTo("d=x");  // invalid Max-Age ignored
    }

    @Test
    void expiryIsCappedAt400Days() {
        receive("http://example.com/", "a=1; Max-Age=999999999", "b=2; Expires=Fri, 31 Dec 9999 23:59:59 GMT",
                "c=3; Max-Age=3600");
        assertThat(jar.all()).extracting(c -> c.name() + " " + c.expiresAt().orElseThrow())
                .containsExactlyInAnyOrder("a " + T0.plus(Duration.ofDays(400)),
                        "b " + T0.plus(Duration.ofDays(400)), "c " + T0.plusSeconds(3600));
    }

    @Test
    void removeExpiredCountsWhatItRemoved() {
        receive("http://example.com/", "a=1; Max-Age=10", "b=2; Max-Age=20", "c=3");
        clock.advance(Duration.ofSeconds(15));
        assertThat(jar.removeExpired()).isEqualTo(1);
        assertThat(jar.all()).extracting(Cookie::name).containsExactlyInAnyOrder("b", "c");
    }

    // Domains: §5.1.3, §5.3 steps 4-6, the public suffix list.

    @Test
    void hostOnlyAndDomainCookies() {
        receive("http://www.example.com/", "host=1", "dom=2; Domain=.EXAMPLE.com");
        assertThat(header("http://www.example.com/")).isEqualTo("host=1; dom=2");
        assertThat(header("http://example.com/")).isEqualTo("dom=2");
        assertThat(header("http://a.b.example.com/")).isEqualTo("dom=2");
        assertThat(header("http://sub.www.example.com/")).isEqualTo("dom=2");
        assertThat(header("http://badexample.com/")).isNull();
        assertThat(header("http://WWW.Example.COM/")).isEqualTo("host=1; dom=2");
        Cookie host = jar.all().stream().filter(c -> c.name().equals("host")).findFirst().orElseThrow();
        assertThat(host.hostOnly()).isTrue();
        assertThat(host.domain()).isEqualTo("www.example.com");
    }

    @Test
    void domainMustCoverTheRequestHost() {
        receive("http://www.example.com/", "a=1; Domain=other.com", "b=2; Domain=sub.www.example.com",
                "c=3; Domain=ww.example.com", "d=4; Domain=www.example.com");
        assertThat(jar.all()).extracting(Cookie::name).containsExactly("d");
        assertThat(jar.all().get(0).hostOnly()).isFalse();
    }

    @Test
    void publicSuffixDomainsAreRefused() {
        receive("http://www.example.co.uk/", "a=1; Domain=co.uk", "b=2; Domain=uk", "c=3; Domain=example.co.uk");
        receive("http://foo.github.io/", "d=4; Domain=github.io");
        assertThat(jar.all()).extracting(Cookie::name).containsExactly("c");
        assertThat(header("http://other.co.uk/")).isNull();
    }

    @Test
    void domainEqualToAPublicSuffixHostBecomesHostOnly() {
        receive("http://github.io/", "a=1; Domain=github.io");
        Cookie a = jar.all().get(0);
        assertThat(a.hostOnly()).isTrue();
        assertThat(a.domain()).isEqualTo("github.io");
        assertThat(header("http://foo.github.io/")).isNull();
        assertThat(header("http://github.io/")).isEqualTo("a=1");
    }

    @Test
    void domainAttributeEdgeCases() {
        receive("http://www.example.com/", "a=1; Domain=example.com; Domain=.",  // last wins: empty, host-only
                "b=2; Domain=ex\u00e4mple.com",                                    // non-ASCII: ignored
                "c=3; Domain=example.com; Domain=");                               // empty value: ignored
        assertThat(jar.all()).extracting(c -> c.name() + " " + c.domain() + " " + c.hostOnly())
                .containsExactlyInAnyOrder("a www.example.com true", "c example.com false");
        receive("http://example.com./", "dot=1");                                  // a fully qualified host
        assertThat(header("http://example.com./")).isEqualTo("dot=1");
        assertThat(header("http://example.com/")).isEqualTo("c=3");  // a different host name
        receive("http://localhost/", "l=1; Domain=localhost");                    // a suffix equal to the host
        assertThat(header("http://localhost/")).isEqualTo("l=1");
        receive("http://app.localhost/", "x=1; Domain=localhost");                // a suffix above the host
        assertThat(header("http://app.localhost/")).isNull();
    }

    @Test
    void ipAddressHostsMatchOnlyThemselves() {
        receive("http://192.168.0.10/", "a=1", "b=2; Domain=168.0.10", "c=3; Domain=192.168.0.10");
        assertThat(header("http://192.168.0.10/")).isEqualTo("a=1; c=3");
        assertThat(jar.all()).extracting(Cookie::name).containsExactlyInAnyOrder("a", "c");
        receive("http://[::1]:8080/", "v6=1");
        assertThat(header("http://[::1]:9090/x")).isEqualTo("v6=1");  // cookies ignore ports (§8.5)
    }

    // Paths: §5.1.4, §5.2.4, §5.3 step 7.

    @Test
    void defaultPathIsTheRequestDirectory() {
        receive("http://example.com/docs/guide/intro.html?q=1", "a=1", "b=2; Path=relative");
        assertThat(jar.all()).extracting(Cookie::path).containsOnly("/docs/guide");
        receive("http://example.com/top", "c=3");
        receive("http://example.com/", "d=4");
        assertThat(jar.all()).filteredOn(c -> c.name().equals("c") || c.name().equals("d"))
                .extracting(Cookie::path).containsOnly("/");
    }

    @Test
    void pathMatching() {
        receive("http://example.com/", "a=1; Path=/docs", "b=2; Path=/docs/");
        assertThat(header("http://example.com/docs")).isEqualTo("a=1");
        assertThat(header("http://example.com/docs/")).isEqualTo("b=2; a=1");
        assertThat(header("http://example.com/docs/x/y")).isEqualTo("b=2; a=1");
        assertThat(header("http://example.com/docsx")).isNull();
        assertThat(header("http://example.com/Docs/")).isNull();  // case-sensitive
        assertThat(header("http://example.com/")).isNull();
    }

    @Test
    void headerOrderIsLongerPathFirstThenEarlierCreation() {
        receive("http://example.com/", "z=1; Path=/");
        clock.advance(Duration.ofSeconds(1));
        receive("http://example.com/", "y=2; Path=/a/b", "x=3; Path=/a");
        clock.advance(Duration.ofSeconds(1));
        receive("http://example.com/", "w=4; Path=/a");
        assertThat(header("http://example.com/a/b/c")).isEqualTo("y=2; x=3; w=4; z=1");
        // Replacing keeps the creation time (§5.3 step 11.3): x stays before w.
        clock.advance(Duration.ofSeconds(1));
        receive("http://example.com/", "x=new; Path=/a");
        assertThat(header("http://example.com/a/")).isEqualTo("x=new; w=4; z=1");
    }

    @Test
    void equalCreationTimesKeepArrivalOrder() {
        receive("http://example.com/", "c=1", "a=2", "b=3");
        assertThat(header("http://example.com/")).isEqualTo("c=1; a=2; b=3");
    }

    @Test
    void replacementNeedsSameNameDomainHostOnlyFlagAndPath() {
        receive("http://www.example.com/", "a=1", "a=2; Domain=www.example.com", "a=3; Path=/x");
        assertThat(jar.all()).hasSize(3);
        receive("http://www.example.com/", "a=4");
        assertThat(header("http://www.example.com/x")).isEqualTo("a=3; a=4; a=2");
    }

    @Test
    void lastAccessTimeIsUpdatedWhenSent() {
        receive("http://example.com/", "a=1");
        clock.advance(Duration.ofMinutes(5));
        List<Cookie> sent = jar.cookiesFor(Url.parse("http://example.com/"));
        assertThat(sent.get(0).creationTime()).isEqualTo(T0);
        assertThat(sent.get(0).lastAccessTime()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(jar.all().get(0).lastAccessTime()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    // Secure, HttpOnly, SameSite.

    @Test
    void secureCookiesNeedASecureOrigin() {
        receive("http://example.com/", "a=1; Secure");
        assertThat(jar.all()).isEmpty();  // 6265bis §5.7 step 8
        receive("https://example.com/", "a=1; Secure", "b=2; HttpOnly");
        assertThat(header("http://example.com/")).isEqualTo("b=2");
        assertThat(header("https://example.com/")).isEqualTo("a=1; b=2");
        assertThat(jar.all()).filteredOn(Cookie::httpOnly).extracting(Cookie::name).containsExactly("b");
    }

    @Test
    void loopbackHttpCountsAsSecure() {
        receive("http://localhost:8080/", "a=1; Secure");
        receive("http://127.0.0.1/", "b=2; Secure");
        receive("http://[::1]/", "c=3; Secure");
        receive("http://app.localhost/", "d=4; Secure");
        assertThat(jar.all()).extracting(Cookie::name).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(header("http://localhost/")).isEqualTo("a=1");
    }

    @Test
    void sameSiteIsStoredAndNoneNeedsSecure() {
        receive("https://example.com/", "s=1; SameSite=Strict", "l=2; SameSite=lax", "n=3; SameSite=None; Secure",
                "bad=4; SameSite=None", "u=5; SameSite=sometimes");
        assertThat(jar.all()).extracting(c -> c.name() + ":" + c.sameSite())
                .containsExactlyInAnyOrder("s:STRICT", "l:LAX", "n:NONE", "u:UNSPECIFIED");
        assertThat(header("https://example.com/")).isEqualTo("s=1; l=2; n=3; u=5");
    }

    // 6265bis: leave secure cookies alone, prefixes.

    @Test
    void insecureOriginCannotOverwriteOrShadowSecureCookies() {
        receive("https://example.com/", "sid=secret; Secure; Domain=example.com");
        receive("http://example.com/", "sid=evil");                              // same name and domain
        receive("http://www.example.com/", "sid=evil; Domain=www.example.com"); // a subdomain
        receive("http://example.com/", "sid=evil; Path=/account");               // a deeper path
        assertThat(jar.all()).extracting(Cookie::value).containsExactly("secret");
        receive("http://example.com/", "other=ok");
        receive("http://example.org/", "sid=unrelated");
        assertThat(jar.all()).hasSize(3);
        // over https the same cookie may be replaced
        receive("https://example.com/", "sid=rotated; Secure; Domain=example.com");
        assertThat(header("https://example.com/")).isEqualTo("sid=rotated; other=ok");
    }

    @Test
    void secureCookieAtADeeperPathDoesNotBlockAShallowerInsecureOne() {
        receive("https://example.com/", "sid=secret; Secure; Path=/admin");
        receive("http://example.com/", "sid=plain; Path=/");  // "/" does not path-match "/admin"
        assertThat(header("https://example.com/admin/x")).isEqualTo("sid=secret; sid=plain");
    }

    @Test
    void securePrefix() {
        receive("https://example.com/", "__Secure-a=1; Secure", "__Secure-b=2", "__SECURE-c=3",
                "__secure-d=4; Secure; Domain=example.com; Path=/x");
        receive("http://example.com/", "__Secure-e=5; Secure");
        assertThat(jar.all()).extracting(Cookie::name).containsExactlyInAnyOrder("__Secure-a", "__secure-d");
    }

    @Test
    void hostPrefix() {
        receive("https://example.com/app/", "__Host-ok=1; Secure; Path=/",
                "__Host-nopath=2; Secure",
                "__Host-deep=3; Secure; Path=/app",
                "__Host-domain=4; Secure; Path=/; Domain=example.com",
                "__Host-insecure=5; Path=/",
                "__host-lower=6; Secure; Path=/");
        assertThat(jar.all()).extracting(Cookie::name).containsExactlyInAnyOrder("__Host-ok", "__host-lower");
    }

    @Test
    void namelessCookiesCannotFakeAPrefix() {
        receive("https://example.com/", "__Host-x; Secure; Path=/", "=__Secure-y; Secure", "plain");
        assertThat(header("https://example.com/")).isEqualTo("plain");
    }

    // Size and count limits.

    @Test
    void nameAndValueLimitedTo4096Octets() {
        String name = "n".repeat(96);
        receive("http://example.com/", name + "=" + "v".repeat(4000), "big=" + "v".repeat(4094));
        assertThat(jar.all()).extracting(Cookie::name).containsExactly(name);
        assertThat(jar.add(Cookie.builder().domain("example.com").name("x").value("v".repeat(4096)).build()))
                .isFalse();
    }

    @Test
    void perDomainLimitEvictsTheLeastRecentlyUsed() {
        receive("http://z.example.com/", "c0=0");  // the oldest, but used again below
        for (int i = 1; i < 50; i++) {
            clock.advance(Duration.ofSeconds(1));
            receive("http://a.example.com/", "c" + i + "=" + i);
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(header("http://z.example.com/")).isEqualTo("c0=0");
        clock.advance(Duration.ofSeconds(1));
        receive("http://b.example.com/", "fresh=1; Domain=example.com");  // same registrable domain
        assertThat(jar.all()).hasSize(50);
        assertThat(jar.all()).extracting(Cookie::name).contains("c0", "c2", "fresh").doesNotContain("c1");
        receive("http://other.example.net/", "elsewhere=1");  // another domain has its own 50
        assertThat(jar.all()).hasSize(51);
    }

    @Test
    void expiredCookiesAreEvictedFirst() {
        CookieJar small = CookieJar.builder().clock(clock)
                .limits(CookieJarLimits.DEFAULTS.withMaxCookies(4).withMaxCookiesPerDomain(3)).build();
        Url url = Url.parse("http://example.com/");
        small.receive(url, List.of("old=1", "short=2; Max-Age=5", "mid=3"));
        clock.advance(Duration.ofSeconds(10));                 // "short" expired, not yet removed
        small.receive(url, List.of("new=4"));
        assertThat(small.all()).extracting(Cookie::name).containsExactlyInAnyOrder("old", "mid", "new");
        small.receive(url, List.of("newer=5"));                // now "old" is least recently used
        assertThat(small.all()).extracting(Cookie::name).containsExactlyInAnyOrder("mid", "new", "newer");
    }

    @Test
    void totalLimitEvictsAcrossDomains() {
        CookieJar small = CookieJar.builder().clock(clock)
                .limits(CookieJarLimits.DEFAULTS.withMaxCookies(3).withMaxCookiesPerDomain(2)).build();
        small.receive(Url.parse("http://a.com/"), List.of("a=1"));
        clock.advance(Duration.ofSeconds(1));
        small.receive(Url.parse("http://b.com/"), List.of("b=1"));
        clock.advance(Duration.ofSeconds(1));
        small.receive(Url.parse("http://c.com/"), List.of("c=1"));
        clock.advance(Duration.ofSeconds(1));
        small.cookiesFor(Url.parse("http://a.com/"));          // a is used again, b is now oldest
        clock.advance(Duration.ofSeconds(1));
        small.receive(Url.parse("http://d.com/"), List.of("d=1"));
        assertThat(small.all()).extracting(Cookie::name).containsExactlyInAnyOrder("a", "c", "d");
    }

    // The programmatic API.

    @Test
    void addRemoveIfAndClear() {
        Cookie added = Cookie.builder().name("token").value("t").domain("Example.com").hostOnly(false)
                .path("/api").secure(true).creationTime(Instant.EPOCH).build();
        assertThat(jar.add(added)).isTrue();
        Cookie stored = jar.all().get(0);
        assertThat(stored.domain()).isEqualTo("example.com");
        assertThat(stored.creationTime()).isEqualTo(T0);  // the jar stamps times
        assertThat(header("https://www.example.com/api/v1")).isEqualTo("token=t");
        assertThat(header("http://www.example.com/api/v1")).isNull();
        assertThat(jar.add(added.newBuilder().expiresAt(T0.minusSeconds(1)).build())).isFalse();
        assertThat(jar.all()).isEmpty();  // an expired add deletes the stored one
        receive("http://example.com/", "a=1", "b=2", "c=3");
        assertThat(jar.removeIf(c -> !c.name().equals("b"))).isEqualTo(2);
        assertThat(header("http://example.com/")).isEqualTo("b=2");
        jar.clear();
        assertThat(jar.all()).isEmpty();
        assertThat(jar.cookiesFor(Url.parse("http://example.com/"))).isEmpty();
    }

    @Test
    void noneIgnoresEverything() {
        CookieJar none = CookieJar.NONE;
        none.receive(Url.parse("http://example.com/"), List.of("a=1"));
        assertThat(none.add(Cookie.builder().name("a").value("1").domain("example.com").build())).isFalse();
        assertThat(none.all()).isEmpty();
        assertThat(none.cookieHeaderFor(Url.parse("http://example.com/"))).isEmpty();
        assertThat(none.removeExpired()).isZero();
        assertThat(none).hasToString("CookieJar.NONE");
    }
}
