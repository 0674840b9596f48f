package dev.envoi.client;

import dev.envoi.client.internal.cookie.DisabledCookieJar;
import dev.envoi.client.internal.cookie.MemoryCookieJar;
import dev.envoi.client.internal.cookie.NetscapeCookieFile;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.Url;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Stores cookies from responses and supplies them to requests: the user-agent side of RFC 6265,
 * with the RFC 6265bis (draft-ietf-httpbis-rfc6265bis) rules where the two differ.
 *
 * <pre>{@code
 * CookieJar jar = CookieJar.inMemory();
 * jar.receive(url, response.headers());          // every Set-Cookie line (§5.2, §5.3)
 * Optional<String> cookie = jar.cookieHeaderFor(next);  // "a=1; b=2" (§5.4), or empty
 * jar.save(Path.of("cookies.txt"));              // curl/wget format
 * }</pre>
 *
 * <p>{@link #inMemory()} and {@link #builder()} make the standard jar:
 * <ul>
 *   <li>{@code Set-Cookie} parsed by §5.2 with 6265bis's nameless cookies, control-character and
 *       size rules; {@code Expires} read by the §5.1.1 date algorithm; {@code Max-Age} over
 *       {@code Expires}; expiry capped at {@link CookieJarLimits#maxAge()} (400 days).</li>
 *   <li>Domains by §5.3 steps 4–6 with the Public Suffix List: {@code Domain=com} is refused,
 *       {@code Domain} equal to a host that is a public suffix makes a host-only cookie; no
 *       {@code Domain} makes a host-only cookie; paths and default paths by §5.1.4.</li>
 *   <li>6265bis §5.7: a {@code Secure} cookie only from a secure origin (https, or a loopback
 *       host), an insecure origin never overwriting or shadowing a secure cookie,
 *       {@code SameSite=None} only with {@code Secure}, and the {@code __Secure-} and
 *       {@code __Host-} name prefixes enforced (case-insensitively).</li>
 *   <li>Bounded by {@link CookieJarLimits}: when a registrable domain or the whole jar is full,
 *       expired cookies go first, then the least recently used (§5.3, last paragraphs).</li>
 *   <li>{@code Cookie} fields ordered by §5.4: longer paths first, then earlier creation.</li>
 *   <li>Thread-safe: one lock guards the store, never held during I/O. Time comes from an
 *       injectable {@link Clock}.</li>
 * </ul>
 *
 * <p>{@link #NONE} accepts nothing and sends nothing. A custom implementation needs only the
 * abstract methods; {@code load} and {@code save} work through {@link #add} and {@link #all}.
 */
public interface CookieJar {

    /** A jar that ignores every cookie and sends none: cookies disabled. */
    CookieJar NONE = DisabledCookieJar.INSTANCE;

    /** The standard jar with {@link CookieJarLimits#DEFAULTS} and the system UTC clock. */
    static CookieJar inMemory() {
        return builder().build();
    }

    /** A builder for the standard jar. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Stores the cookies of every {@code Set-Cookie} line in {@code responseHeaders}, received in
     * answer to a request for {@code requestUrl} (RFC 6265 §5.2, §5.3). Lines that the rules say
     * to ignore are ignored silently, as a browser does.
     */
    default void receive(Url requestUrl, Headers responseHeaders) {
        Objects.requireNonNull(responseHeaders, "responseHeaders");
        receive(requestUrl, responseHeaders.all(HeaderName.SET_COOKIE));
    }

    /**
     * Stores the cookies of {@code setCookieValues}, each a {@code Set-Cookie} field value, in
     * order, received in answer to a request for {@code requestUrl}.
     */
    void receive(Url requestUrl, List<String> setCookieValues);

    /**
     * The unexpired cookies a request to {@code url} carries, in §5.4 order (longer paths first,
     * then earlier creation); marks them as used now (§5.4 step 3).
     */
    List<Cookie> cookiesFor(Url url);

    /**
     * The {@code Cookie} field value for a request to {@code url}, e.g. {@code "a=1; b=2"}, or
     * empty when no cookie applies (then send no {@code Cookie} field at all).
     */
    default Optional<String> cookieHeaderFor(Url url) {
        List<Cookie> cookies = cookiesFor(url);
        return cookies.isEmpty() ? Optional.empty() : Optional.of(Cookie.headerValue(cookies));
    }

    /**
     * Stores {@code cookie} as given, replacing one with the same name, domain, host-only flag and
     * path (whose creation time it inherits); the jar stamps creation and last-access times.
     * Limits apply. The origin rules of {@link #receive} (public suffixes, prefixes, secure
     * overwrite) do not: the program is trusted.
     *
     * @return whether the cookie is now stored: {@code false} if it had expired (then it only
     *     removed the cookie it replaces), exceeded the size limit, or the jar is {@link #NONE}
     */
    boolean add(Cookie cookie);

    /** Every unexpired cookie, in no particular order, without touching last-access times. */
    List<Cookie> all();

    /**
     * Removes the cookies {@code filter} accepts; returns how many. The standard jar runs the
     * filter while holding its lock: it must be quick and must not use the jar.
     */
    int removeIf(Predicate<Cookie> filter);

    /** Removes every cookie. */
    default void clear() {
        removeIf(cookie -> true);
    }

    /** Removes the cookies that have expired by now (the jar also drops them as it meets them). */
    int removeExpired();

    /**
     * Adds the cookies of a Netscape {@code cookies.txt} file, as curl ({@code -b}/{@code -c}) and
     * wget ({@code --load-cookies}) read and write it: one cookie per line, seven TAB-separated
     * fields {@code domain includeSubdomains path secure expires name value}, {@code TRUE}/{@code
     * FALSE} flags, {@code expires} in epoch seconds with 0 for a session cookie, {@code #} comment
     * lines, and a {@code #HttpOnly_} prefix before the domain of an HttpOnly cookie. Expired
     * cookies are skipped. The file is read as UTF-8.
     *
     * @return the number of cookies added
     * @throws dev.envoi.core.InvalidSyntaxException for a line that is not a cookie, naming it
     */
    default int load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader);
        }
    }

    /** As {@link #load(Path)}, from {@code reader} (not closed). */
    default int load(Reader reader) throws IOException {
        Objects.requireNonNull(reader, "reader");
        int added = 0;
        for (Cookie cookie : NetscapeCookieFile.read(reader)) {
            if (add(cookie)) {
                added++;
            }
        }
        return added;
    }

    /**
     * Writes every unexpired cookie to {@code file} in the format {@link #load(Path)} reads, in
     * UTF-8, replacing the file: a temporary file in the same directory is moved over it, so a
     * reader never sees half a file. Cookies are credentials, so on a POSIX file system the new
     * file is readable and writable by its owner only (the temporary file's permissions). Session
     * cookies are written with expiry 0, as curl does.
     * {@code SameSite} and the times are not part of the format and are not saved.
     */
    default void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                save(writer);
            }
            Files.move(temp, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** As {@link #save(Path)}, to {@code writer} (flushed, not closed). */
    default void save(Writer writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        NetscapeCookieFile.write(all(), writer);
        writer.flush();
    }

    /** Configures the standard jar. Not thread-safe; the jar it builds is. */
    final class Builder {
        private CookieJarLimits limits = CookieJarLimits.DEFAULTS;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The limits (default {@link CookieJarLimits#DEFAULTS}). */
        public Builder limits(CookieJarLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The clock that decides creation, access and expiry (default {@link Clock#systemUTC()}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A new, empty jar. */
        public CookieJar build() {
            return new MemoryCookieJar(limits, clock);
        }
    }
}
