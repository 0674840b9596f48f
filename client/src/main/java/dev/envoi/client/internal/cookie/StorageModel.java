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

    /** The cookie to store for {@code parsed}, received from {@code url} at {@code now}; or {@code null}. */
    static Cookie create(ParsedSetCookie parsed, Url url, Instant now, CookieJarLimits limits,
            PublicSuffixList suffixes) {
        String host = url.host();
        boolean secureOrigin = CookieRules.isSecure(url);
        // §5.3 steps 4-6: the domain attribute, the public suffix check and domain matching.
        String domainAttribute = parsed.domain();
        boolean hostOnly;
        String domain;
        if (domainAttribute != null && !domainAttribute.isEmpty()) {
            if (!isAscii(domainAttribute)) {
                return null;  // 6265bis §5.7 step 7: a non-ASCII Domain ignores the cookie
            }
            if (suffixes.isPublicSuffix(domainAttribute) && !CookieRules.isIpAddress(domainAttribute)) {
                if (!domainAttribute.equals(host)) {
                    return null;  // §5.3 step 5: Domain=com
                }
                domainAttribute = null;  // ... unless it is the host itself: host-only
            }
        }
        if (domainAttribute != null && !domainAttribute.isEmpty()) {
            if (!CookieRules.domainMatches(host, domainAttribute)) {
                return null;  // §5.3 step 6: a domain the request host does not belong to
            }
            hostOnly = false;
            domain = domainAttribute;
        } else {
            hostOnly = true;
            domain = host;
        }
        // §5.3 step 7; step 8 with 6265bis: Secure only from a secure origin.
        String path = parsed.path() != null ? parsed.path() : CookieRules.defaultPath(url.encodedPath());
        if (parsed.secure() && !secureOrigin) {
            return null;
        }
        if (parsed.sameSite() == SameSite.NONE && !parsed.secure()) {
            return null;  // 6265bis §5.7: SameSite=None requires Secure
        }
        if (!prefixesAllow(parsed, hostOnly, path)) {
            return null;
        }
        Cookie.Builder builder = Cookie.builder()
                .name(parsed.name()).value(parsed.value())
                .domain(domain).hostOnly(hostOnly).path(path)
                .secure(parsed.secure()).httpOnly(parsed.httpOnly()).sameSite(parsed.sameSite())
                .creationTime(now).lastAccessTime(now);
        Instant expiry = expiry(parsed, now, limits);
        if (expiry != null) {
            builder.expiresAt(expiry);
        }
        try {
            return builder.build();
        } catch (InvalidSyntaxException e) {
            // A name with HTAB inside, a path with HTAB: text no server sends on purpose and that a
            // cookies.txt line could not hold. Ignored like any other cookie the rules refuse.
            return null;
        }
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

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
