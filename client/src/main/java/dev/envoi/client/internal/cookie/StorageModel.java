package dev.envoi.client.internal.cookie;

import dev.envoi.client.Cookie;
import dev.envoi.client.CookieJarLimits;
import dev.envoi.client.SameSite;
import dev.envoi.core.HttpDate;
import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Url;

import java.time.Instant;

/**
 * The first steps of the storage model (RFC 6265 §5.3 steps 1–9, RFC 6265bis §5.7 steps 1–20):
 * turns a parsed {@code Set-Cookie} into the cookie to store, or decides to ignore it. The steps
 * that need the store (secure-cookie protection, replacement, eviction) are in
 * {@link MemoryCookieJar}.
 */
final class StorageModel {
    private static final String SECURE_PREFIX = "__Secure-";
    private static final String HOST_PREFIX = "__Host-";

    private StorageModel() {
    }

    /** Where a cookie applies: its domain and whether only that exact host gets it (§5.3 step 6). */
    private record Scope(String domain, boolean hostOnly) {
    }

    /** The cookie to store for {@code parsed}, received from {@code url} at {@code now}; or {@code null}. */
    static Cookie create(ParsedSetCookie parsed, Url url, Instant now, CookieJarLimits limits,
            PublicSuffixList suffixes) {
        Scope scope = scope(parsed.domain(), url.host(), suffixes);
        if (scope == null) {
            return null;
        }
        // §5.3 step 7; step 8 with 6265bis §5.7 step 8: Secure only from a secure origin.
        String path = parsed.path() != null ? parsed.path() : CookieRules.defaultPath(url.encodedPath());
        if (parsed.secure() && !CookieRules.isSecure(url)) {
            return null;
        }
        if (parsed.sameSite() == SameSite.NONE && !parsed.secure()) {
            return null;  // 6265bis §5.7: SameSite=None requires Secure
        }
        if (!prefixesAllow(parsed, scope.hostOnly(), path)) {
            return null;
        }
        Cookie.Builder builder = Cookie.builder()
                .name(parsed.name()).value(parsed.value())
                .domain(scope.domain()).hostOnly(scope.hostOnly()).path(path)
                .secure(parsed.secure()).httpOnly(parsed.httpOnly()).sameSite(parsed.sameSite())
                .creationTime(now).lastAccessTime(now);
        Instant expiry = expiry(parsed, now, limits);
        if (expiry != null) {
            builder.expiresAt(expiry);
        }
        try {
            return builder.build();
        } catch (InvalidSyntaxException e) {
            // A name or path with HTAB inside: text no server sends on purpose and that a
            // cookies.txt line could not hold. Ignored like any other cookie the rules refuse.
            return null;
        }
    }

    /**
     * §5.3 steps 4–6: the {@code Domain} attribute (last one, leading dot gone), the public suffix
     * check and domain matching; {@code null} when the cookie must be ignored.
     */
    private static Scope scope(String domainAttribute, String host, PublicSuffixList suffixes) {
        if (domainAttribute == null || domainAttribute.isEmpty()) {
            return new Scope(host, true);
        }
        for (int i = 0; i < domainAttribute.length(); i++) {
            if (domainAttribute.charAt(i) >= 0x80) {
                return null;  // 6265bis §5.7 step 7: a non-ASCII Domain ignores the cookie
            }
        }
        if (suffixes.isPublicSuffix(domainAttribute)) {
            // §5.3 step 5: Domain=com is refused, unless it is the request host itself: host-only
            return domainAttribute.equals(host) ? new Scope(host, true) : null;
        }
        // §5.3 step 6: a domain the request host does not belong to is refused
        return CookieRules.domainMatches(host, domainAttribute) ? new Scope(domainAttribute, false) : null;
    }

    /**
     * §5.3 step 3: {@code Max-Age} wins over {@code Expires}; a {@code Max-Age} of zero or less
     * means the earliest representable time; 6265bis §5.6.1/§5.6.2 cap the expiry at
     * {@code maxAge} from now. {@code null} for a session cookie.
     */
    static Instant expiry(ParsedSetCookie parsed, Instant now, CookieJarLimits limits) {
        long capSeconds = limits.maxAge().getSeconds();
        Instant cap = now.getEpochSecond() > HttpDate.MAX.getEpochSecond() - capSeconds
                ? HttpDate.MAX : now.plusSeconds(capSeconds);
        if (parsed.maxAge() != null) {
            long seconds = parsed.maxAge();
            if (seconds <= 0) {
                return HttpDate.MIN;
            }
            return seconds >= capSeconds ? cap : now.plusSeconds(seconds);
        }
        if (parsed.expires() != null) {
            return parsed.expires().isAfter(cap) ? cap : parsed.expires();
        }
        return null;
    }

    /**
     * 6265bis §5.7 steps 19–21, prefixes compared case-insensitively as the latest drafts do: a
     * {@code __Secure-} name needs {@code Secure}; a {@code __Host-} name needs {@code Secure},
     * no {@code Domain} and {@code Path=/}; a nameless cookie may not smuggle either prefix in
     * its value (a browser would send it back looking like a prefixed name).
     */
    private static boolean prefixesAllow(ParsedSetCookie parsed, boolean hostOnly, String path) {
        String name = parsed.name();
        if (name.isEmpty()) {
            String value = parsed.value();
            return !startsWithIgnoreCase(value, SECURE_PREFIX) && !startsWithIgnoreCase(value, HOST_PREFIX);
        }
        if (startsWithIgnoreCase(name, SECURE_PREFIX) && !parsed.secure()) {
            return false;
        }
        if (startsWithIgnoreCase(name, HOST_PREFIX)) {
            return parsed.secure() && hostOnly && parsed.hasPath() && path.equals("/");
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
