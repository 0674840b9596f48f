package dev.envoi.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of a {@link CookieJar} (RFC 6265 §6.1 asks for at least 4096 octets per cookie, 50
 * cookies per domain and 3000 in total; RFC 6265bis §5.6 and §5.7 add the attribute-size and
 * maximum-age limits). A server cannot grow a jar past these: the oldest cookies make room.
 *
 * <pre>{@code
 * CookieJar jar = CookieJar.builder()
 *         .limits(CookieJarLimits.DEFAULTS.withMaxCookies(500))
 *         .build();
 * }</pre>
 *
 * @param maxCookies cookies in the whole jar, default {@value #DEFAULT_MAX_COOKIES}
 * @param maxCookiesPerDomain cookies per registrable domain ("example.co.uk" and its subdomains),
 *     default {@value #DEFAULT_MAX_COOKIES_PER_DOMAIN}
 * @param maxNameValueOctets octets of name plus value; a longer cookie is ignored, default
 *     {@value #DEFAULT_MAX_NAME_VALUE_OCTETS}
 * @param maxAttributeOctets octets of one attribute value; a longer attribute is ignored, default
 *     {@value #DEFAULT_MAX_ATTRIBUTE_OCTETS}
 * @param maxAge the latest expiry a received cookie may have, counted from its receipt; later
 *     {@code Expires}/{@code Max-Age} values are cut to it (6265bis §5.6.1, §5.6.2), default 400 days
 */
public record CookieJarLimits(int maxCookies, int maxCookiesPerDomain, int maxNameValueOctets,
        int maxAttributeOctets, Duration maxAge) {

    /** Default {@link #maxCookies()}: RFC 6265 §6.1's minimum. */
    public static final int DEFAULT_MAX_COOKIES = 3000;
    /** Default {@link #maxCookiesPerDomain()}: RFC 6265 §6.1's minimum. */
    public static final int DEFAULT_MAX_COOKIES_PER_DOMAIN = 50;
    /** Default {@link #maxNameValueOctets()}: RFC 6265bis §5.6 step 6. */
    public static final int DEFAULT_MAX_NAME_VALUE_OCTETS = 4096;
    /** Default {@link #maxAttributeOctets()}: RFC 6265bis §5.6 step 4.5. */
    public static final int DEFAULT_MAX_ATTRIBUTE_OCTETS = 1024;
    /** Default {@link #maxAge()} in days: RFC 6265bis §5.6.1 ("400 days or less"). */
    public static final int DEFAULT_MAX_AGE_DAYS = 400;

    /** The defaults listed above. */
    public static final CookieJarLimits DEFAULTS = new CookieJarLimits(DEFAULT_MAX_COOKIES,
            DEFAULT_MAX_COOKIES_PER_DOMAIN, DEFAULT_MAX_NAME_VALUE_OCTETS, DEFAULT_MAX_ATTRIBUTE_OCTETS,
            Duration.ofDays(DEFAULT_MAX_AGE_DAYS));

    /** Checks that every limit is positive. A per-domain limit above the total is allowed (the total wins). */
    public CookieJarLimits {
        Objects.requireNonNull(maxAge, "maxAge");
        requirePositive("maxCookies", maxCookies);
        requirePositive("maxCookiesPerDomain", maxCookiesPerDomain);
        requirePositive("maxNameValueOctets", maxNameValueOctets);
        requirePositive("maxAttributeOctets", maxAttributeOctets);
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
    }

    /** A copy with {@link #maxCookies()} changed. */
    public CookieJarLimits withMaxCookies(int value) {
        return new CookieJarLimits(value, maxCookiesPerDomain, maxNameValueOctets, maxAttributeOctets, maxAge);
    }

    /** A copy with {@link #maxCookiesPerDomain()} changed. */
    public CookieJarLimits withMaxCookiesPerDomain(int value) {
        return new CookieJarLimits(maxCookies, value, maxNameValueOctets, maxAttributeOctets, maxAge);
    }

    /** A copy with {@link #maxNameValueOctets()} changed. */
    public CookieJarLimits withMaxNameValueOctets(int value) {
        return new CookieJarLimits(maxCookies, maxCookiesPerDomain, value, maxAttributeOctets, maxAge);
    }

    /** A copy with {@link #maxAttributeOctets()} changed. */
    public CookieJarLimits withMaxAttributeOctets(int value) {
        return new CookieJarLimits(maxCookies, maxCookiesPerDomain, maxNameValueOctets, value, maxAge);
    }

    /** A copy with {@link #maxAge()} changed. */
    public CookieJarLimits withMaxAge(Duration value) {
        return new CookieJarLimits(maxCookies, maxCookiesPerDomain, maxNameValueOctets, maxAttributeOctets, value);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
