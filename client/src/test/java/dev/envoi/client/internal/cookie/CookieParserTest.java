package dev.envoi.client.internal.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.client.SameSite;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** RFC 6265 §5.2 with the RFC 6265bis §5.6 changes: {@link SetCookieParser}. */
class CookieParserTest {

    private static ParsedSetCookie parse(String s) {
        return SetCookieParser.parse(s, 4096, 1024);
    }

    @Test
    void nameAndValueSplitAtTheFirstEqualsAndAreTrimmed() {
        ParsedSetCookie c = parse(" \tSID = 31d4=d96e \t; Path=/");
        assertThat(c.name()).isEqualTo("SID");
        assertThat(c.value()).isEqualTo("31d4=d96e");
        assertThat(parse("a=\"quoted; not\"").value()).isEqualTo("\"quoted");  // ; ends the pair, quotes or not
        assertThat(parse("x=").value()).isEmpty();
    }

    @Test
    void namelessCookiesPer6265bis() {
        ParsedSetCookie token = parse("token; Secure");
        assertThat(token.name()).isEmpty();
        assertThat(token.value()).isEqualTo("token");
        assertThat(token.secure()).isTrue();
        ParsedSetCookie emptyName = parse("=eight");
        assertThat(emptyName.name()).isEmpty();
        assertThat(emptyName.value()).isEqualTo("eight");
        assertThat(parse("=")).isNull();       // both empty: ignored
        assertThat(parse("")).isNull();
        assertThat(parse(" ; Path=/")).isNull();
    }

    @Test
    void controlCharactersOtherThanTabIgnoreTheWholeCookie() {
        assertThat(parse("a=b\u0000c")).isNull();
        assertThat(parse("a=b\rc")).isNull();
        assertThat(parse("a=b\nc")).isNull();
        assertThat(parse("a=b; Path=/\u007f")).isNull();
        assertThat(parse("a=b\tc").value()).isEqualTo("b\tc");
    }

    @Test
    void sizeLimits() {
        String name = "n".repeat(2048);
        assertThat(parse(name + "=" + "v".repeat(2048))).isNotNull();
        assertThat(parse(name + "=" + "v".repeat(2049))).isNull();
        // non-ASCII beyond U+00FF counts its UTF-8 octets: 1365 * 3 = 4095 octets
        assertThat(parse("=" + "\u20ac".repeat(1365) + "v")).isNotNull();
        assertThat(parse("=" + "\u20ac".repeat(1365) + "vv")).isNull();
        // a 1025-octet attribute value is ignored, the cookie kept
        ParsedSetCookie longPath = parse("a=b; Path=/ok; Path=/" + "p".repeat(1024));
        assertThat(longPath.path()).isEqualTo("/ok");
        assertThat(parse("a=b; Path=/" + "p".repeat(1023)).path()).hasSize(1024);
    }

    @Test
    void attributeNamesAreCaseInsensitiveAndTheLastOneWins() {
        ParsedSetCookie c = parse("a=b; DOMAIN=one.example; domain=Two.Example; PATH=/x; path=/y;"
                + " sEcUrE; HTTPONLY; SameSite=Strict; samesite=lax");
        assertThat(c.domain()).isEqualTo("two.example");
        assertThat(c.path()).isEqualTo("/y");
        assertThat(c.secure()).isTrue();
        assertThat(c.httpOnly()).isTrue();
        assertThat(c.sameSite()).isEqualTo(SameSite.LAX);
        assertThat(parse("a=b; SameSite=None").sameSite()).isEqualTo(SameSite.NONE);
        assertThat(parse("a=b; SameSite=Strict; SameSite=bogus").sameSite()).isEqualTo(SameSite.UNSPECIFIED);
        assertThat(parse("a=b").sameSite()).isEqualTo(SameSite.UNSPECIFIED);
    }

    @Test
    void unknownAndValuedFlagAttributes() {
        ParsedSetCookie c = parse("a=b; Version=1; Comment=x; Secure=no; HttpOnly=yes; \"Secure\"");
        assertThat(c.secure()).isTrue();     // §5.2.5 ignores the value
        assertThat(c.httpOnly()).isTrue();
        assertThat(parse("a=b; Secure qux").secure()).isFalse();  // attribute name "Secure qux"
    }

    @Test
    void domainAttribute() {
        assertThat(parse("a=b; Domain=.Example.COM").domain()).isEqualTo("example.com");
        assertThat(parse("a=b; Domain=").domain()).isNull();              // empty: ignored
        assertThat(parse("a=b; Domain=x.example; Domain=").domain()).isEqualTo("x.example");
        assertThat(parse("a=b; Domain=x.example; Domain=.").domain()).isEmpty();  // "." is a value: host-only
        assertThat(parse("a=b; Domain=..x.example").domain()).isEqualTo(".x.example");  // one dot removed
    }

    @Test
    void pathAttribute() {
        assertThat(parse("a=b; Path=/docs/").path()).isEqualTo("/docs/");
        ParsedSetCookie relative = parse("a=b; Path=docs");
        assertThat(relative.hasPath()).isTrue();
        assertThat(relative.path()).isNull();  // default-path applies
        assertThat(parse("a=b; Path=/x; Path=").path()).isNull();  // the last one wins, even when invalid
        assertThat(parse("a=b; Path=; Path=/x").path()).isEqualTo("/x");
        assertThat(parse("a=b").hasPath()).isFalse();
    }

    @Test
    void maxAgeAndExpires() {
        assertThat(parse("a=b; Max-Age=60").maxAge()).isEqualTo(60L);
        assertThat(parse("a=b; Max-Age=-1").maxAge()).isEqualTo(-1L);
        assertThat(parse("a=b; Max-Age=0").maxAge()).isZero();
        assertThat(parse("a=b; Max-Age=60; Max-Age=1.5").maxAge()).isEqualTo(60L);  // invalid: ignored
        assertThat(parse("a=b; Max-Age=+5").maxAge()).isNull();
        assertThat(parse("a=b; Max-Age=").maxAge()).isNull();
        assertThat(parse("a=b; Max-Age=-").maxAge()).isNull();
        assertThat(parse("a=b; Max-Age= 7 ").maxAge()).isEqualTo(7L);
        assertThat(parse("a=b; Max-Age=99999999999999999999999").maxAge()).isEqualTo(Long.MAX_VALUE);
        ParsedSetCookie c = parse("a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT; Expires=bogus");
        assertThat(c.expires()).isEqualTo(Instant.parse("2021-06-09T10:18:14Z"));  // bogus ignored
        assertThat(parse("a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT").expires()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void unicodeTextIsKept() {
        ParsedSetCookie c = parse("caf\u00e9=cr\u00e8me \u2603");
        assertThat(c.name()).isEqualTo("caf\u00e9");
        assertThat(c.value()).isEqualTo("cr\u00e8me \u2603");
    }
}
