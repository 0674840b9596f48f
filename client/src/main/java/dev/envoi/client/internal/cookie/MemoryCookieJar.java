package dev.envoi.client.internal.cookie;

import dev.envoi.client.Cookie;
import dev.envoi.client.CookieJar;
import dev.envoi.client.CookieJarLimits;
import dev.envoi.core.Url;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The standard {@link CookieJar}: the store of RFC 6265 §5.3 and the retrieval of §5.4.
 *
 * <p>Cookies are kept in lists keyed by their exact domain, so a request to {@code a.b.example.com}
 * looks in at most one list per label ({@code a.b.example.com}, {@code b.example.com}, ...), never
 * at the whole jar. Per-domain limits count by registrable domain (PSL "eTLD+1"), kept in a
 * separate count map. One {@link ReentrantLock} guards both; nothing blocks while it is held.
 *
 * <p>Creation and access order is also kept as sequence numbers, so ordering (§5.4 step 2) and
 * least-recently-used eviction stay well defined when the clock does not move between calls.
 */
public final class MemoryCookieJar implements CookieJar {
    private static final Comparator<Entry> RETRIEVAL_ORDER = Comparator
            .comparingInt((Entry e) -> -e.cookie.path().length())
            .thenComparing(e -> e.cookie.creationTime())
            .thenComparingLong(e -> e.creationSeq);
    private static final Comparator<Entry> EVICTION_ORDER = Comparator
            .comparing((Entry e) -> e.lastAccess)
            .thenComparingLong(e -> e.accessSeq);

    private final CookieJarLimits limits;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, List<Entry>> byDomain = new HashMap<>();
    private final Map<String, Integer> perGroup = new HashMap<>();
    private int size;
    private int secureCount;
    private long sequence;

    /** A stored cookie and the bookkeeping the value type does not carry. Guarded by the lock. */
    private static final class Entry {
        final Cookie cookie;
        final String group;
        final long creationSeq;
        Instant lastAccess;
        long accessSeq;

        Entry(Cookie cookie, String group, long creationSeq, Instant lastAccess, long accessSeq) {
            this.cookie = cookie;
            this.group = group;
            this.creationSeq = creationSeq;
            this.lastAccess = lastAccess;
            this.accessSeq = accessSeq;
        }

        Cookie snapshot() {
            return lastAccess.equals(cookie.lastAccessTime()) ? cookie
                    : cookie.newBuilder().lastAccessTime(lastAccess).build();
        }
    }

    /** An empty jar; use {@link CookieJar#builder()}. */
    public MemoryCookieJar(CookieJarLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void receive(Url requestUrl, List<String> setCookieValues) {
        Objects.requireNonNull(requestUrl, "requestUrl");
        Objects.requireNonNull(setCookieValues, "setCookieValues");
        if (setCookieValues.isEmpty()) {
            return;
        }
        PublicSuffixList suffixes = PublicSuffixList.get();
        boolean secureOrigin = CookieRules.isSecure(requestUrl);
        for (String setCookie : setCookieValues) {
            Objects.requireNonNull(setCookie, "setCookieValues element");
            ParsedSetCookie parsed = SetCookieParser.parse(setCookie, limits.maxNameValueOctets(),
                    limits.maxAttributeOctets());
            if (parsed == null) {
                continue;
            }
            Instant now = clock.instant();
            Cookie cookie = StorageModel.create(parsed, requestUrl, now, limits, suffixes);
            if (cookie != null) {
                store(cookie, !secureOrigin, now);
            }
        }
    }

    @Override
    public boolean add(Cookie cookie) {
        Objects.requireNonNull(cookie, "cookie");
        if (SetCookieParser.octets(cookie.name()) + SetCookieParser.octets(cookie.value())
                > limits.maxNameValueOctets()) {
            return false;
        }
        Instant now = clock.instant();
        return store(cookie.newBuilder().creationTime(now).lastAccessTime(now).build(), false, now);
    }

    /**
     * §5.3 steps 11–13 (6265bis §5.7 steps 16, 22–24): secure-cookie protection, replacement that
     * keeps the creation time, insertion, then eviction.
     */
    private boolean store(Cookie cookie, boolean insecureOrigin, Instant now) {
        lock.lock();
        try {
            if (insecureOrigin && !cookie.secure() && secureCount > 0 && shadowsSecureCookie(cookie)) {
                return false;  // 6265bis "leave secure cookies alone"
            }
            List<Entry> bucket = byDomain.get(cookie.domain());
            Entry old = bucket == null ? null : find(bucket, cookie);
            Cookie toStore = cookie;
            long creationSeq = ++sequence;
            if (old != null) {
                toStore = cookie.newBuilder().creationTime(old.cookie.creationTime()).build();
                creationSeq = old.creationSeq;
                remove(bucket, old);
            }
            if (toStore.isExpired(now)) {
                return false;  // an expired cookie only deletes the one it replaces
            }
            String group = group(toStore.domain());
            Entry entry = new Entry(toStore, group, creationSeq, now, ++sequence);
            byDomain.computeIfAbsent(toStore.domain(), d -> new ArrayList<>(4)).add(entry);
            perGroup.merge(group, 1, Integer::sum);
            size++;
            if (toStore.secure()) {
                secureCount++;
            }
            evict(entry, now);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * 6265bis §5.7 step 16: a stored secure cookie with the same name, whose domain domain-matches
     * the new one's (or the reverse) and whose path the new path path-matches.
     */
    private boolean shadowsSecureCookie(Cookie cookie) {
        for (List<Entry> bucket : byDomain.values()) {
            for (Entry e : bucket) {
                Cookie c = e.cookie;
                if (c.secure() && c.name().equals(cookie.name())
                        && (CookieRules.domainMatches(c.domain(), cookie.domain())
                            || CookieRules.domainMatches(cookie.domain(), c.domain()))
                        && CookieRules.pathMatches(cookie.path(), c.path())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 6265bis §5.7 step 22: same name, domain, host-only flag and path. */
    private static Entry find(List<Entry> bucket, Cookie cookie) {
        for (Entry e : bucket) {
            Cookie c = e.cookie;
            if (c.name().equals(cookie.name()) && c.hostOnly() == cookie.hostOnly()
                    && c.path().equals(cookie.path())) {
                return e;
            }
        }
        return null;
    }

    /**
     * §5.3, after step 13: when a registrable domain or the jar holds too many cookies, remove
     * expired ones first, then the least recently used. {@code added} is the newest entry and goes
     * last.
     */
    private void evict(Entry added, Instant now) {
        int groupCount = perGroup.get(added.group);
        if (groupCount > limits.maxCookiesPerDomain()) {
            removeMatching(e -> e.group.equals(added.group) && e.cookie.isExpired(now));
            while (perGroup.getOrDefault(added.group, 0) > limits.maxCookiesPerDomain()) {
                removeOldest(e -> e.group.equals(added.group));
            }
        }
        if (size > limits.maxCookies()) {
            removeMatching(e -> e.cookie.isExpired(now));
            while (size > limits.maxCookies()) {
                removeOldest(e -> true);
            }
        }
    }

    private void removeOldest(Predicate<Entry> among) {
        Entry oldest = null;
        for (List<Entry> bucket : byDomain.values()) {
            for (Entry e : bucket) {
                if (among.test(e) && (oldest == null || EVICTION_ORDER.compare(e, oldest) < 0)) {
                    oldest = e;
                }
            }
        }
        remove(byDomain.get(oldest.cookie.domain()), oldest);
    }

    @Override
    public List<Cookie> cookiesFor(Url url) {
        Objects.requireNonNull(url, "url");
        String host = url.host();
        String path = url.encodedPath();
        boolean secure = CookieRules.isSecure(url);
        lock.lock();
        try {
            if (size == 0) {
                return List.of();
            }
            Instant now = clock.instant();
            List<Entry> matches = new ArrayList<>();
            collect(host, host, path, secure, now, matches);
            if (!CookieRules.isIpAddress(host)) {
                for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
                    collect(host.substring(dot + 1), host, path, secure, now, matches);
                }
            }
            matches.sort(RETRIEVAL_ORDER);
            List<Cookie> result = new ArrayList<>(matches.size());
            for (Entry e : matches) {
                e.lastAccess = now;
                e.accessSeq = ++sequence;
                result.add(e.snapshot());
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** §5.4 step 1 for the cookies whose domain is exactly {@code domain}; drops expired ones met. */
    private void collect(String domain, String host, String path, boolean secure, Instant now,
            List<Entry> out) {
        List<Entry> bucket = byDomain.get(domain);
        if (bucket == null) {
            return;
        }
        for (Iterator<Entry> it = bucket.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            Cookie c = e.cookie;
            if (c.isExpired(now)) {
                it.remove();
                uncount(e);
                continue;
            }
            if ((c.hostOnly() && !domain.equals(host))
                    || !CookieRules.pathMatches(path, c.path())
                    || (c.secure() && !secure)) {
                continue;
            }
            out.add(e);
        }
        if (bucket.isEmpty()) {
            byDomain.remove(domain);
        }
    }

    @Override
    public List<Cookie> all() {
        lock.lock();
        try {
            Instant now = clock.instant();
            List<Cookie> result = new ArrayList<>(size);
            for (List<Entry> bucket : byDomain.values()) {
                for (Entry e : bucket) {
                    if (!e.cookie.isExpired(now)) {
                        result.add(e.snapshot());
                    }
                }
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int removeIf(Predicate<Cookie> filter) {
        Objects.requireNonNull(filter, "filter");
        lock.lock();
        try {
            return removeMatching(e -> filter.test(e.snapshot()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int removeExpired() {
        lock.lock();
        try {
            Instant now = clock.instant();
            return removeMatching(e -> e.cookie.isExpired(now));
        } finally {
            lock.unlock();
        }
    }

    private int removeMatching(Predicate<Entry> predicate) {
        int removed = 0;
        for (Iterator<List<Entry>> buckets = byDomain.values().iterator(); buckets.hasNext(); ) {
            List<Entry> bucket = buckets.next();
            for (Iterator<Entry> it = bucket.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (predicate.test(e)) {
                    it.remove();
                    uncount(e);
                    removed++;
                }
            }
            if (bucket.isEmpty()) {
                buckets.remove();
            }
        }
        return removed;
    }

    private void remove(List<Entry> bucket, Entry e) {
        bucket.remove(e);
        if (bucket.isEmpty()) {
            byDomain.remove(e.cookie.domain());
        }
        uncount(e);
    }

    private void uncount(Entry e) {
        perGroup.computeIfPresent(e.group, (g, n) -> n == 1 ? null : n - 1);
        size--;
        if (e.cookie.secure()) {
            secureCount--;
        }
    }

    /** The per-domain limit's unit: the registrable domain, or the domain itself for IPs and suffixes. */
    private static String group(String domain) {
        if (CookieRules.isIpAddress(domain)) {
            return domain;
        }
        String registrable = PublicSuffixList.get().registrableDomain(domain);
        return registrable == null ? domain : registrable;
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "CookieJar[" + size + " cookies, " + byDomain.size() + " domains]";
        } finally {
            lock.unlock();
        }
    }
}
