package dev.envoi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Url;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The {@link Cookie} value type. */
class CookieTest {
    private static Cookie.Builder base() {
        return Cookie.builder().name("id").value("42").domain("example.com");
    }

    @Test
    void defaultsAndAccessors() {
        Cookie c = base().build();
        assertThat(c.name()).isEqualTo("id");
        assertThat(c.value()).isEqualTo("42");
        assertThat(c.domain()).isEqualTo("example.com");
        assertThat(c.hostOnly()).isTrue();
        assertThat(c.path()).isEqualTo("/");
        assertThat(c.expiresAt()).isEmpty();
        assertThat(c.persistent()).isFalse();
        assertThat(c.secure()).isFalse();
        assertThat(c.httpOnly()).isFalse();
        assertThat(c.sameSite()).isEqualTo(SameSite.UNSPECIFIED);
        assertThat(c.creationTime()).isEqualTo(Instant.EPOCH);
        assertThat(c.lastAccessTime()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void newBuilderRoundTripsAndEqualityCoversEveryField() {
        Cookie c = base().domain("EXAMPLE.com").hostOnly(false).path("/a").expiresAt(Instant.parse("2030-01-01T00:00:00Z"))
                .secure(true).httpOnly(true).sameSite(SameSite.LAX)
                .creationTime(Instant.ofEpochSecond(5)).lastAccessTime(Instant.ofEpochSecond(6)).build();
        assertThat(c.domain()).isEqualTo("example.com");
        assertThat(c.newBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(c.newBuilder().sessionOnly().build()).isNotEqualTo(c);
        assertThat(c.newBuilder().lastAccessTime(Instant.ofEpochSecond(7)).build()).isNotEqualTo(c);
        assertThat(c).hasToString("id=42; Domain=example.com; Path=/a; Expires=Tue, 01 Jan 2030 00:00:00 GMT;"
                + " Secure; HttpOnly; SameSite=Lax");
        assertThat(base().build()).hasToString("id=42; Path=/");
    }

    @Test
    void headerValueAndNamelessCookies() {
        Cookie nameless = Cookie.builder().value("token").domain("example.com").build();
        assertThat(nameless.toCookiePair()).isEqualTo("token");
        assertThat(Cookie.headerValue(List.of(base().build(), nameless, base().name("e").value("").build())))
                .isEqualTo("id=42; token; e=");
        assertThat(Cookie.headerValue(List.of())).isEmpty();
    }

    @Test
    void matchesAppliesDomainPathAndSecure() {
        Cookie host = base().path("/api").build();
        assertThat(host.matches(Url.parse("http://example.com/api/x"))).isTrue();
        assertThat(host.matches(Url.parse("http://example.com/apix"))).isFalse();
        assertThat(host.matches(Url.parse("http://www.example.com/api"))).isFalse();
        Cookie domain = base().hostOnly(false).secure(true).build();
        assertThat(domain.matches(Url.parse("https://www.example.com/"))).isTrue();
        assertThat(domain.matches(Url.parse("http://www.example.com/"))).isFalse();
        assertThat(domain.isExpired(Instant.EPOCH)).isFalse();
        Cookie expiring = base().expiresAt(Instant.ofEpochSecond(100)).build();
        assertThat(expiring.isExpired(Instant.ofEpochSecond(99))).isFalse();
        assertThat(expiring.isExpired(Instant.ofEpochSecond(100))).isTrue();
    }

    @Test
    void buildRefusesWhatCannotTravel() {
        assertThatThrownBy(() -> Cookie.builder().name("a").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("domain not set");
        assertRefused(base().name("a;b"), "cookie name contains ';'");
        assertRefused(base().name("a=b"), "cookie name contains '='");
        assertRefused(base().name("a\tb"), "cookie name contains control character 0x09");
        assertRefused(base().value("x\ny"), "cookie value contains control character 0x0a");
        assertRefused(base().value("x;y"), "cookie value contains ';'");
        assertRefused(base().value(" x"), "cookie value has whitespace at its end");
        assertRefused(base().name("").value(""), "a cookie needs a name or a value");
        assertRefused(base().name("").value("a=b"), "a nameless cookie's value cannot contain '='");
        assertRefused(base().domain(".example.com"), "cookie domain must be an ASCII host name");
        assertRefused(base().domain("exa mple.com"), "cookie domain must be an ASCII host name");
        assertRefused(base().domain(""), "cookie domain is empty");
        assertRefused(base().path("docs"), "cookie path must start with '/'");
        assertRefused(base().path("/a;b"), "cookie path contains ';'");
        assertThat(base().value("a\tb").build().value()).isEqualTo("a\tb");  // HTAB inside a value is allowed
    }

    /**
     * Issue 7.12: a value outside ISO-8859-1 was accepted here, then made every later request to its host throw
     * when the {@code Cookie} field was encoded. A field value is octets (RFC 9110 §5.5): refuse it when built.
     */
    @Test
    void buildRefusesCharactersThatAreNotOctets() {
        assertRefused(base().value("caf\u20ac"), "cookie value contains U+20AC, which is not an octet");
        assertRefused(base().value("\ud83c\udf6a"), "cookie value contains U+D83C");
        assertRefused(base().name("\u4e2d"), "cookie name contains U+4E2D");
        assertRefused(base().path("/\u00e9\u4e2d"), "cookie path contains U+4E2D");
        assertThatThrownBy(() -> base().value("caf\u20ac").build()).isInstanceOf(InvalidSyntaxException.class)
                .satisfies(e -> assertThat(((InvalidSyntaxException) e).index()).isEqualTo(3))
                .hasMessageContaining("RFC 9110 §5.5");
        // Latin-1 is what the wire carries (a received UTF-8 value arrives as its octets): accepted, sent as is
        Cookie latin1 = base().value("caf\u00e9").build();
        assertThat(Cookie.headerValue(List.of(latin1))).isEqualTo("id=caf\u00e9");
    }

    private static void assertRefused(Cookie.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(InvalidSyntaxException.class).hasMessageContaining(message);
    }

    @Test
    void sameSiteAttributeValues() {
        assertThat(SameSite.fromAttribute("STRICT")).isEqualTo(SameSite.STRICT);
        assertThat(SameSite.fromAttribute("lax")).isEqualTo(SameSite.LAX);
        assertThat(SameSite.fromAttribute("None")).isEqualTo(SameSite.NONE);
        assertThat(SameSite.fromAttribute("")).isEqualTo(SameSite.UNSPECIFIED);
        assertThat(SameSite.LAX.attributeValue()).isEqualTo("Lax");
    }

    @Test
    void limitsValidateAndCopy() {
        CookieJarLimits limits = CookieJarLimits.DEFAULTS.withMaxCookies(10).withMaxCookiesPerDomain(5)
                .withMaxNameValueOctets(100).withMaxAttributeOctets(50).withMaxAge(java.time.Duration.ofDays(1));
        assertThat(limits).isEqualTo(new CookieJarLimits(10, 5, 100, 50, java.time.Duration.ofDays(1)));
        assertThat(CookieJarLimits.DEFAULTS.maxCookies()).isEqualTo(3000);
        assertThat(CookieJarLimits.DEFAULTS.maxCookiesPerDomain()).isEqualTo(50);
        assertThat(CookieJarLimits.DEFAULTS.maxAge()).isEqualTo(java.time.Duration.ofDays(400));
        assertThatThrownBy(() -> CookieJarLimits.DEFAULTS.withMaxCookies(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxCookies must be positive: 0");
        assertThatThrownBy(() -> CookieJarLimits.DEFAULTS.withMaxAge(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
