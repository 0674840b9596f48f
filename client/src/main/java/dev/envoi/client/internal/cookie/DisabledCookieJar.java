package dev.envoi.client.internal.cookie;

import dev.envoi.client.Cookie;
import dev.envoi.client.CookieJar;
import dev.envoi.core.Url;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** {@link CookieJar#NONE}: cookies disabled. Stateless, so one instance serves everyone. */
public final class DisabledCookieJar implements CookieJar {
    /** The one instance. */
    public static final DisabledCookieJar INSTANCE = new DisabledCookieJar();

    private DisabledCookieJar() {
    }

    @Override
    public void receive(Url requestUrl, List<String> setCookieValues) {
        Objects.requireNonNull(requestUrl, "requestUrl");
        Objects.requireNonNull(setCookieValues, "setCookieValues");
    }

    @Override
    public List<Cookie> cookiesFor(Url url) {
        Objects.requireNonNull(url, "url");
        return List.of();
    }

    @Override
    public boolean add(Cookie cookie) {
        Objects.requireNonNull(cookie, "cookie");
        return false;
    }

    @Override
    public List<Cookie> all() {
        return List.of();
    }

    @Override
    public int removeIf(Predicate<Cookie> filter) {
        Objects.requireNonNull(filter, "filter");
        return 0;
    }

    @Override
    public int removeExpired() {
        return 0;
    }

    @Override
    public String toString() {
        return "CookieJar.NONE";
    }
}
