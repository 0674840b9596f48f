package dev.envoi.client.internal.cookie;

import dev.envoi.client.SameSite;

import java.time.Instant;

/**
 * The result of parsing one {@code Set-Cookie} value (RFC 6265 §5.2), before the storage model of
 * §5.3 gives it a domain, a path and an expiry relative to the request and the clock.
 *
 * <p>Each attribute holds the value of the <em>last</em> valid occurrence in the header, which is
 * what §5.3 reads ("the last attribute in the cookie-attribute-list with an attribute-name of ...").
 *
 * @param name the cookie name, possibly empty (a nameless cookie, RFC 6265bis §5.6 step 3)
 * @param value the cookie value
 * @param expires the last valid {@code Expires}, or {@code null}
 * @param maxAge the last valid {@code Max-Age} in seconds (may be zero or negative), or {@code null}
 * @param domain the last {@code Domain}, lower-cased and without its leading dot, or {@code null}
 * @param hasPath whether some {@code Path} attribute was present (read by the {@code __Host-} rule)
 * @param path the last {@code Path} value, or {@code null} when it was absent or did not start with
 *     {@code /} (the default-path applies, §5.2.4)
 * @param secure whether {@code Secure} was present
 * @param httpOnly whether {@code HttpOnly} was present
 * @param sameSite the last {@code SameSite}, {@link SameSite#UNSPECIFIED} if none
 */
public record ParsedSetCookie(
        String name,
        String value,
        Instant expires,
        Long maxAge,
        String domain,
        boolean hasPath,
        String path,
        boolean secure,
        boolean httpOnly,
        SameSite sameSite) {
}
