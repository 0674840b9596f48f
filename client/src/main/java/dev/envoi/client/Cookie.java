package dev.envoi.client;

import dev.envoi.client.internal.cookie.CookieRules;
import dev.envoi.client.internal.cookie.CookieSyntax;
import dev.envoi.core.HttpDate;
import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Url;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP cookie as a user agent stores it: the cookie record of RFC 6265 §5.3 (name, value,
 * expiry, domain, path, creation and last-access time, and the persistent, host-only, secure-only
 * and http-only flags), plus the {@code SameSite} value of RFC 6265bis. Immutable.
 *
 * <p>Cookies come from a {@link CookieJar}, which creates them from {@code Set-Cookie} fields
 * (§5.2, §5.3), or from {@link #builder()} when a program adds one itself:
 *
 * <pre>{@code
 * Cookie session = Cookie.builder()
 *         .name("session").value("abc123")
 *         .domain("example.com").hostOnly(false)   // example.com and its subdomains
 *         .path("/")
 *         .expiresAt(Instant.parse("2030-01-01T00:00:00Z"))
 *         .secure(true).httpOnly(true).sameSite(SameSite.LAX)
 *         .build();
 * jar.add(session);
 * }</pre>
 *
 * <p>A cookie's name may be empty: RFC 6265bis §5.6 step 3 turns {@code Set-Cookie: token} into a
 * nameless cookie sent back as just {@code token}. {@link #creationTime()} and
 * {@link #lastAccessTime()} are set by the jar when it stores and sends the cookie (§5.3 step 2,
 * §5.4 step 3); a builder leaves them at the epoch.
 */
public final class Cookie {
    private final String name;
    private final String value;
    private final String domain;
    private final boolean hostOnly;
    private final String path;
    private final Instant expiresAt;
    private final boolean secure;
    private final boolean httpOnly;
    private final SameSite sameSite;
    private final Instant creationTime;
    private final Instant lastAccessTime;

    private Cookie(Builder b) {
        this.name = b.name;
        this.value = b.value;
        this.domain = b.domain;
        this.hostOnly = b.hostOnly;
        this.path = b.path;
        this.expiresAt = b.expiresAt;
        this.secure = b.secure;
        this.httpOnly = b.httpOnly;
        this.sameSite = b.sameSite;
        this.creationTime = b.creationTime;
        this.lastAccessTime = b.lastAccessTime;
    }

    /** A new builder; {@code name} (or {@code value}) and {@code domain} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this cookie's fields. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** The name; empty for a nameless cookie (RFC 6265bis §5.6 step 3). */
    public String name() {
        return name;
    }

    /** The value, exactly as received (quotes, if any, included). */
    public String value() {
        return value;
    }

    /** The domain: the request host for a host-only cookie, else the {@code Domain} attribute. */
    public String domain() {
        return domain;
    }

    /**
     * Whether the cookie goes only to {@link #domain()} itself ({@code true}, no {@code Domain}
     * attribute was given) or also to its subdomains (§5.3 step 6).
     */
    public boolean hostOnly() {
        return hostOnly;
    }

    /** The path, always starting with {@code /} (§5.1.4, §5.2.4). */
    public String path() {
        return path;
    }

    /** When the cookie expires; empty for a session cookie, which lives as long as its jar. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** Whether the cookie has an expiry time ({@code Max-Age} or {@code Expires}, §5.3 step 3). */
    public boolean persistent() {
        return expiresAt != null;
    }

    /** Whether the cookie is sent only over secure connections ({@code Secure}, §5.2.5). */
    public boolean secure() {
        return secure;
    }

    /** Whether the cookie was marked {@code HttpOnly} (§5.2.6); envoi sends it like any other. */
    public boolean httpOnly() {
        return httpOnly;
    }

    /** The {@code SameSite} value (RFC 6265bis §5.6.7). */
    public SameSite sameSite() {
        return sameSite;
    }

    /** When the jar first stored a cookie of this name, domain and path (§5.3 steps 2 and 11.3). */
    public Instant creationTime() {
        return creationTime;
    }

    /** When the jar last stored or sent this cookie (§5.3 step 2, §5.4 step 3). */
    public Instant lastAccessTime() {
        return lastAccessTime;
    }

    /** Whether the cookie has expired at {@code now}: its expiry time is not after it. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /**
     * Whether a request to {@code url} gets this cookie (§5.4 step 1): the host matches the domain
     * (exactly when host-only, by §5.1.3 domain matching otherwise), the path path-matches
     * (§5.1.4), and a secure cookie needs https (or a loopback host). Expiry is not checked.
     */
    public boolean matches(Url url) {
        Objects.requireNonNull(url, "url");
        String host = url.host();
        boolean domainOk = hostOnly ? host.equals(domain) : CookieRules.domainMatches(host, domain);
        return domainOk
                && CookieRules.pathMatches(url.encodedPath(), path)
                && (!secure || CookieRules.isSecure(url));
    }

    /**
     * This cookie as it appears in a {@code Cookie} field: {@code name=value}, or just the value for
     * a nameless cookie (RFC 6265bis §5.8.3 step 4).
     */
    public String toCookiePair() {
        return name.isEmpty() ? value : name + '=' + value;
    }

    /**
     * The {@code Cookie} field value for {@code cookies}, in the order given, separated by
     * {@code "; "} (RFC 6265 §5.4 step 4). {@link CookieJar#cookiesFor(Url)} gives the §5.4 order.
     */
    public static String headerValue(List<Cookie> cookies) {
        Objects.requireNonNull(cookies, "cookies");
        StringBuilder sb = new StringBuilder();
        for (Cookie cookie : cookies) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(cookie.name);
            if (!cookie.name.isEmpty()) {
                sb.append('=');
            }
            sb.append(cookie.value);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cookie c
                && name.equals(c.name) && value.equals(c.value) && domain.equals(c.domain)
                && hostOnly == c.hostOnly && path.equals(c.path) && Objects.equals(expiresAt, c.expiresAt)
                && secure == c.secure && httpOnly == c.httpOnly && sameSite == c.sameSite
                && creationTime.equals(c.creationTime) && lastAccessTime.equals(c.lastAccessTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, domain, hostOnly, path, expiresAt, secure, httpOnly, sameSite,
                creationTime, lastAccessTime);
    }

    /**
     * The cookie in {@code Set-Cookie} syntax, e.g. {@code "id=1; Domain=example.com; Path=/;
     * Secure"} ({@code Domain} only when not host-only). It includes the value: do not log it
     * where secrets must not go.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(toCookiePair());
        if (!hostOnly) {
            sb.append("; Domain=").append(domain);
        }
        sb.append("; Path=").append(path);
        if (expiresAt != null) {
            Instant shown = expiresAt.isBefore(HttpDate.MIN) ? HttpDate.MIN
                    : expiresAt.isAfter(HttpDate.MAX) ? HttpDate.MAX : expiresAt;
            sb.append("; Expires=").append(HttpDate.format(shown));
        }
        if (secure) {
            sb.append("; Secure");
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (sameSite != SameSite.UNSPECIFIED) {
            sb.append("; SameSite=").append(sameSite.attributeValue());
        }
        return sb.toString();
    }

    /**
     * Builds a {@link Cookie}. {@link #build()} checks the RFC 6265 §4.1.1 constraints a jar relies
     * on and throws {@link InvalidSyntaxException} naming the first one broken. Not thread-safe.
     */
    public static final class Builder {
        private String name = "";
        private String value = "";
        private String domain;
        private boolean hostOnly = true;
        private String path = "/";
        private Instant expiresAt;
        private boolean secure;
        private boolean httpOnly;
        private SameSite sameSite = SameSite.UNSPECIFIED;
        private Instant creationTime = Instant.EPOCH;
        private Instant lastAccessTime = Instant.EPOCH;

        private Builder() {
        }

        private Builder(Cookie c) {
            name = c.name;
            value = c.value;
            domain = c.domain;
            hostOnly = c.hostOnly;
            path = c.path;
            expiresAt = c.expiresAt;
            secure = c.secure;
            httpOnly = c.httpOnly;
            sameSite = c.sameSite;
            creationTime = c.creationTime;
            lastAccessTime = c.lastAccessTime;
        }

        /** The name: no control characters, whitespace at the ends, {@code ;} or {@code =}; may be empty. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The value: no control characters other than HTAB inside, no {@code ;}. */
        public Builder value(String value) {
            this.value = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * The domain, an ASCII host name or IP address as {@link Url#host()} gives it, lower-cased
         * here; no leading dot (use {@link #hostOnly(boolean) hostOnly(false)} for subdomains). Required.
         */
        public Builder domain(String domain) {
            this.domain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /** Whether only {@link #domain} itself gets the cookie (default {@code true}). */
        public Builder hostOnly(boolean hostOnly) {
            this.hostOnly = hostOnly;
            return this;
        }

        /** The path, starting with {@code /} (default {@code "/"}). */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /** Makes the cookie persistent, expiring at {@code expiresAt}. */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        /** Makes the cookie a session cookie, without expiry (the default). */
        public Builder sessionOnly() {
            this.expiresAt = null;
            return this;
        }

        /** Whether the cookie needs a secure connection (default {@code false}). */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** Whether the cookie is {@code HttpOnly} (default {@code false}). */
        public Builder httpOnly(boolean httpOnly) {
            this.httpOnly = httpOnly;
            return this;
        }

        /** The {@code SameSite} value (default {@link SameSite#UNSPECIFIED}). */
        public Builder sameSite(SameSite sameSite) {
            this.sameSite = Objects.requireNonNull(sameSite, "sameSite");
            return this;
        }

        /** The creation time (default the epoch; a jar sets it when storing). */
        public Builder creationTime(Instant creationTime) {
            this.creationTime = Objects.requireNonNull(creationTime, "creationTime");
            return this;
        }

        /** The last-access time (default the epoch; a jar sets it when storing and sending). */
        public Builder lastAccessTime(Instant lastAccessTime) {
            this.lastAccessTime = Objects.requireNonNull(lastAccessTime, "lastAccessTime");
            return this;
        }

        /**
         * Checks the fields and builds the cookie.
         *
         * @throws IllegalStateException if no domain was set
         * @throws InvalidSyntaxException if a field breaks the rules given on its setter
         */
        public Cookie build() {
            if (domain == null) {
                throw new IllegalStateException("domain not set");
            }
            CookieSyntax.checkText("cookie name", name, true);
            CookieSyntax.checkText("cookie value", value, false);
            if (name.isEmpty() && value.isEmpty()) {
                throw new InvalidSyntaxException("a cookie needs a name or a value", "", 0, "RFC 6265bis §5.6");
            }
            if (name.isEmpty() && value.indexOf('=') >= 0) {
                throw new InvalidSyntaxException("a nameless cookie's value cannot contain '=' (it would be"
                        + " read back as a name)", value, value.indexOf('='), "RFC 6265bis §5.6");
            }
            domain = CookieSyntax.checkDomain(domain);
            CookieSyntax.checkPath(path);
            return new Cookie(this);
        }
    }
}
