package dev.envoi.client.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.envoi.client.Cookie;
import dev.envoi.client.CookieJar;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Url;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the cookie jar's {@code Set-Cookie} handling (RFC 6265 §5.2, §5.3,
 * RFC 6265bis §5.6, §5.7) through the public API. For any {@code Set-Cookie} lines received from one
 * of a few request URLs: {@link CookieJar#receive} throws nothing (§5.2: what the rules refuse is
 * ignored silently); every stored cookie passes {@link Cookie.Builder#build()}; the {@code Cookie}
 * field the jar makes from lines a response can hold (ISO-8859-1) is a valid field value; and each
 * stored cookie, written back in
 * {@code Set-Cookie} syntax ({@link Cookie#toString()}) and received by a fresh jar from the same
 * URL, is stored again unchanged.
 *
 * <p>A normal build replays the seeds in
 * {@code src/test/resources/dev/envoi/client/fuzz/SetCookieFuzzTestInputs/receive/}; see
 * {@code docs/FUZZING.md}.
 */
class SetCookieFuzzTest {
    private static final String[] URLS = {
        "http://example.com/a/b", "https://www.example.co.uk/", "http://127.0.0.1:8080/x/",
        "https://[::1]/p/q?r", "http://localhost/", "https://a.b.example.com/deep/path/file",
    };
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    @FuzzTest(maxDuration = "10s")
    void receive(FuzzedDataProvider data) {
        Url url = Url.parse(URLS[data.consumeInt(0, URLS.length - 1)]);
        boolean wire = data.consumeBoolean();
        int lines = data.consumeInt(1, 4);
        List<String> values = new ArrayList<>(lines);
        for (int i = 0; i < lines - 1; i++) {
            values.add(new String(data.consumeBytes(data.consumeInt(0, 512)), StandardCharsets.ISO_8859_1));
        }
        // the last line as a field arrives (one char per octet), or any Java text a program passes in
        values.add(wire ? new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1)
                : data.consumeRemainingAsString());

        CookieJar jar = CookieJar.builder().clock(CLOCK).build();
        jar.receive(url, values); // anything a server sends is stored or ignored, never thrown
        for (Cookie c : jar.all()) {
            assertThat(c.newBuilder().build()).as("stored cookie passes the builder").isEqualTo(c);
        }

        List<Cookie> sent = jar.cookiesFor(url);
        Optional<String> header = jar.cookieHeaderFor(url);
        assertThat(header.isPresent()).isEqualTo(!sent.isEmpty());
        // a cookie with text beyond ISO-8859-1 is never stored (Cookie.Builder refuses it, RFC 9110 §5.5):
        // whatever was passed in, the field is one a request can carry
        if (header.isPresent()) {
            try {
                Headers.builder().add(HeaderName.COOKIE, header.get()).build();
            } catch (InvalidSyntaxException e) {
                throw new AssertionError("the jar made a Cookie field no request can carry: " + header.get(), e);
            }
        }
        for (Cookie c : sent) {
            CookieJar again = CookieJar.builder().clock(CLOCK).build();
            again.receive(url, List.of(c.toString()));
            List<Cookie> back = again.all();
            assertThat(back).as("%s read back from %s", c, url).hasSize(1);
            assertThat(same(back.get(0), c)).as("%s read back as %s", c, back.get(0)).isTrue();
        }
    }

    /** Equal but for the access time, which sending changed. */
    private static boolean same(Cookie a, Cookie b) {
        return a.name().equals(b.name()) && a.value().equals(b.value()) && a.domain().equals(b.domain())
                && a.hostOnly() == b.hostOnly() && a.path().equals(b.path())
                && a.expiresAt().equals(b.expiresAt()) && a.secure() == b.secure()
                && a.httpOnly() == b.httpOnly() && a.sameSite() == b.sameSite();
    }
}
