package dev.envoi.client.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.client.CookieJar;
import dev.envoi.core.Url;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the fuzz targets of this package found, each as a plain test stating the behaviour (the
 * inputs that found them are also replayed as seeds, {@code crash} files renamed to say what they are).
 * No raw-socket server can play these: each needs text no HTTP field can carry (a field is octets).
 */
class FuzzFindingsTest {

    /**
     * {@code SetCookieFuzzTestInputs/receive/char-above-latin1-ignored}: a {@code Set-Cookie} value with
     * a char above U+00FF, passed by a program to {@link CookieJar#receive(Url, List)}, was stored and
     * then made every request to the host fail ({@code Cookie} is a field: ISO-8859-1, RFC 9110 §5.5).
     * Now ignored, as RFC 6265bis §5.6 step 1 ignores a value with a control character.
     */
    @Test
    void setCookieWithCharAboveLatin1IsIgnored() {
        CookieJar jar = CookieJar.inMemory();
        Url url = Url.parse("http://example.com/");
        jar.receive(url, List.of("a=caf\u00e9 \u2603", "n.l\u045c\u0793", "b=caf\u00e9; Path=/\u2603", "c=1"));
        assertThat(jar.cookieHeaderFor(url)).contains("c=1");
    }
}
