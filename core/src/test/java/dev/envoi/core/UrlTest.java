package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlTest {

    @Test
    void parsesEveryComponent() {
        Url url = Url.parse("https://user:pa%20ss@Example.COM:8443/a/b?x=1&y=2#frag");
        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.isHttps()).isTrue();
        assertThat(url.username()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("pa ss");
        assertThat(url.encodedUserInfo()).isEqualTo("user:pa%20ss");
        assertThat(url.host()).isEqualTo("example.com");
        assertThat(url.port()).isEqualTo(8443);
        assertThat(url.isPortExplicit()).isTrue();
        assertThat(url.encodedPath()).isEqualTo("/a/b");
        assertThat(url.pathSegments()).containsExactly("a", "b");
        assertThat(url.encodedQuery()).isEqualTo("x=1&y=2");
        assertThat(url.encodedFragment()).isEqualTo("frag");
        assertThat(url.fragment()).isEqualTo("frag");
        assertThat(url).hasToString("https://user:pa%20ss@example.com:8443/a/b?x=1&y=2#frag");
    }

    @Test
    void schemeAndHostAreLowerCasedAndEmptyPathIsSlash() {
        assertThat(Url.parse("HTTP://EXAMPLE.com")).hasToString("http://example.com/");
        assertThat(Url.parse("HtTpS://WWW.Example.Org?q")).hasToString("https://www.example.org/?q");
        assertThat(Url.parse("http://a#f").encodedPath()).isEqualTo("/");
    }

    @Test
    void absentComponents() {
        Url url = Url.parse("http://example.com");
        assertThat(url.hasUserInfo()).isFalse();
        assertThat(url.encodedUserInfo()).isNull();
        assertThat(url.username()).isEmpty();
        assertThat(url.password()).isEmpty();
        assertThat(url.encodedQuery()).isNull();
        assertThat(url.encodedFragment()).isNull();
        assertThat(url.fragment()).isNull();
        assertThat(url.queryParameters()).isEmpty();
        assertThat(url.pathSegments()).containsExactly("");
    }

    @Test
    void emptyQueryAndFragmentAreKept() {
        Url url = Url.parse("http://a/?#");
        assertThat(url.encodedQuery()).isEmpty();
        assertThat(url.encodedFragment()).isEmpty();
        assertThat(url).hasToString("http://a/?#");
        assertThat(url.requestTarget()).isEqualTo("/?");
    }

    @Test
    void defaultPorts() {
        assertThat(Url.parse("http://a/").port()).isEqualTo(80);
        assertThat(Url.parse("https://a/").port()).isEqualTo(443);
        assertThat(Url.parse("https://a/").isPortExplicit()).isFalse();
        Url explicitDefault = Url.parse("https://a:443/");
        assertThat(explicitDefault.isPortExplicit()).isTrue();
        assertThat(explicitDefault).hasToString("https://a/");
        assertThat(explicitDefault).isEqualTo(Url.parse("https://a/"));
        assertThat(Url.parse("http://a:443/")).hasToString("http://a:443/");
        assertThat(Url.parse("https://a:80/")).hasToString("https://a:80/");
        assertThat(Url.parse("http://a:/").port()).isEqualTo(80);
        assertThat(Url.parse("http://a:/").isPortExplicit()).isFalse();
        assertThat(Url.parse("http://a:0080/")).hasToString("http://a/");
        assertThat(Url.parse("http://a:65535/").port()).isEqualTo(65535);
        assertThat(Url.defaultPort("http")).isEqualTo(80);
        assertThat(Url.defaultPort("https")).isEqualTo(443);
        assertThatThrownBy(() -> Url.defaultPort("ftp")).isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void ipv6Literals() {
        Url url = Url.parse("http://[::1]:8080/");
        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.isIpv6Host()).isTrue();
        assertThat(url.port()).isEqualTo(8080);
        assertThat(url.authority()).isEqualTo("[::1]:8080");
        assertThat(url).hasToString("http://[::1]:8080/");
        assertThat(Url.parse("http://[::1]/").authority()).isEqualTo("[::1]");
        assertThat(url.origin()).hasToString("http://[::1]:8080");
    }

    /** RFC 5952 §4 canonical text; embedded IPv4 is written in hex as WHATWG does. */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0:0:0:0:0:0:0:1                      | ::1",
        "0000:0000:0000:0000:0000:0000:0000:0 | ::",
        "::                                   | ::",
        "2001:DB8:0:0:0:0:2:1                 | 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1                 | 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1                   | 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1                 | 2001:db8::1:0:0:1",
        "1::                                  | 1::",
        "::ffff:192.0.2.1                     | ::ffff:c000:201",
        "1:2:3:4:5:6:1.2.3.4                  | 1:2:3:4:5:6:102:304",
        "fe80::1:2                            | fe80::1:2",
        "1:2:3:4:5:6:7::                      | 1:2:3:4:5:6:7:0",
    })
    void ipv6CanonicalForm(String literal, String canonical) {
        assertThat(Url.parse("http://[" + literal + "]/").host()).isEqualTo(canonical);
    }

    @Test
    void ipv4Literals() {
        Url url = Url.parse("http://127.0.0.1:8080/x");
        assertThat(url.host()).isEqualTo("127.0.0.1");
        assertThat(url.isIpv6Host()).isFalse();
        assertThat(Url.parse("http://255.255.255.255/").host()).isEqualTo("255.255.255.255");
        assertThat(Url.parse("http://0.0.0.0/").host()).isEqualTo("0.0.0.0");
    }

    @Test
    void internationalizedHostsBecomeAscii() {
        assertThat(Url.parse("http://Bücher.example/").host()).isEqualTo("xn--bcher-kva.example");
        assertThat(Url.parse("http://例え.テスト/").host()).isEqualTo("xn--r8jz45g.xn--zckzah");
        // Percent-encoded UTF-8 in the host is decoded first (WHATWG does the same).
        assertThat(Url.parse("http://b%C3%BCcher.example/").host()).isEqualTo("xn--bcher-kva.example");
        assertThat(Url.parse("http://ex%61mple.com/").host()).isEqualTo("example.com");
        // Nameprep maps full-width letters and the ideographic full stop (RFC 3490 §3.1).
        assertThat(Url.parse("http://ｅｘａｍｐｌｅ。com/").host()).isEqualTo("example.com");
        assertThat(Url.parse("http://XN--BCHER-KVA.example/").host()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void hostNamesKeepUnderscoresAndTrailingDot() {
        assertThat(Url.parse("http://my_host.local/").host()).isEqualTo("my_host.local");
        assertThat(Url.parse("http://example.com./").host()).isEqualTo("example.com.");
        assertThat(Url.parse("http://localhost:3000/").authority()).isEqualTo("localhost:3000");
    }

    @Test
    void requestTargetIsOriginForm() {
        assertThat(Url.parse("http://a").requestTarget()).isEqualTo("/");
        assertThat(Url.parse("http://u:p@a/b/c?d=e#f").requestTarget()).isEqualTo("/b/c?d=e");
        assertThat(Url.parse("http://a?q").requestTarget()).isEqualTo("/?q");
        assertThat(Url.parse("http://a/p#f").requestTarget()).isEqualTo("/p");
    }

    @Test
    void authorityIsWhatHostCarries() {
        assertThat(Url.parse("http://u:p@Example.com:80/").authority()).isEqualTo("example.com");
        assertThat(Url.parse("https://example.com:8443/").authority()).isEqualTo("example.com:8443");
        assertThat(Url.parse("https://[2001:db8::1]/").authority()).isEqualTo("[2001:db8::1]");
    }

    @Test
    void userInfo() {
        Url url = Url.parse("http://us%3Aer:p%40ss:word@a/");
        assertThat(url.username()).isEqualTo("us:er");
        assertThat(url.password()).isEqualTo("p@ss:word");
        assertThat(Url.parse("http://user@a/").password()).isEmpty();
        assertThat(Url.parse("http://user:@a/").encodedUserInfo()).isEqualTo("user:");
        assertThat(Url.parse("http://@a/").hasUserInfo()).isTrue();
        // Characters userinfo may not hold raw are encoded; spaces are tolerated there, not in hosts.
        assertThat(Url.parse("http://us er:pä[s]@a/")).hasToString("http://us%20er:p%C3%A4%5Bs%5D@a/");
        assertThat(Url.parse("http://us er:pä[s]@a/").password()).isEqualTo("pä[s]");
    }

    @Test
    void withoutUserInfoAndFragment() {
        Url url = Url.parse("https://u:p@a.example/x?y#z");
        assertThat(url.withoutUserInfo()).hasToString("https://a.example/x?y#z");
        assertThat(url.withoutFragment()).hasToString("https://u:p@a.example/x?y");
        assertThat(url.withoutUserInfo().withoutFragment()).hasToString("https://a.example/x?y");
        Url plain = Url.parse("https://a.example/");
        assertThat(plain.withoutUserInfo()).isSameAs(plain);
        assertThat(plain.withoutFragment()).isSameAs(plain);
    }

    @Test
    void dotSegmentsAreRemovedFromParsedPaths() {
        assertThat(Url.parse("http://a/b/../c")).hasToString("http://a/c");
        assertThat(Url.parse("http://a/b/./c/.")).hasToString("http://a/b/c/");
        assertThat(Url.parse("http://a/b/c/..")).hasToString("http://a/b/");
        assertThat(Url.parse("http://a/../../x")).hasToString("http://a/x");
        assertThat(Url.parse("http://a/b/%2e%2E/c")).hasToString("http://a/c");
        assertThat(Url.parse("http://a/b/.%2e/c")).hasToString("http://a/c");
        assertThat(Url.parse("http://a/b/%2E/c")).hasToString("http://a/b/c");
        assertThat(Url.parse("http://a/b/%2e%2e%2e/c")).hasToString("http://a/b/%2e%2e%2e/c");
        assertThat(Url.parse("http://a/b/..c/.d")).hasToString("http://a/b/..c/.d");
        // Query and fragment are not paths.
        assertThat(Url.parse("http://a/b?c/../d#e/../f")).hasToString("http://a/b?c/../d#e/../f");
    }

    @Test
    void equalityIsOnTheNormalizedForm() {
        Url a = Url.parse("HTTP://Example.COM:80/a/./b/../c");
        Url b = Url.parse("http://example.com/a/c");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(Url.parse("http://a/%7e")).isNotEqualTo(Url.parse("http://a/~"));
        assertThat(Url.parse("http://a/x y")).isEqualTo(Url.parse("http://a/x%20y"));
        assertThat(Url.parse("http://a/")).isNotEqualTo(Url.parse("https://a/"));
        assertThat(Url.parse("http://a/")).isNotEqualTo("http://a/");
    }

    @Test
    void toStringParsesBackToAnEqualUrl() {
        String[] inputs = {
            "http://a/b c/ü?q=<x>#f g", "https://u:p@[::1]:99/%zz?%", "http://a/\\x\\?\"`{}|^",
            "http://a:80/.%2e/x", "https://例え.テスト/?a=1&b=%26#%23",
        };
        for (String input : inputs) {
            Url url = Url.parse(input);
            assertThat(Url.parse(url.toString())).isEqualTo(url).hasToString(url.toString());
        }
    }

    @Test
    void origin() {
        Origin o = Url.parse("https://u:p@Example.com/a?b#c").origin();
        assertThat(o.scheme()).isEqualTo("https");
        assertThat(o.host()).isEqualTo("example.com");
        assertThat(o.port()).isEqualTo(443);
        assertThat(o).hasToString("https://example.com");
        assertThat(o).isEqualTo(Url.parse("https://example.com:443/other").origin())
                .hasSameHashCodeAs(Url.parse("https://example.com:443/other").origin());
        assertThat(o).isNotEqualTo(Url.parse("http://example.com/").origin());
        assertThat(o).isNotEqualTo(Url.parse("https://example.com:8443/").origin());
        assertThat(o).isNotEqualTo(Url.parse("https://www.example.com/").origin());
        assertThat(Url.parse("http://a:8080/").origin()).hasToString("http://a:8080");
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> Url.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("url");
        Url url = Url.parse("http://a/");
        assertThatThrownBy(() -> url.resolve(null)).hasMessage("reference");
        assertThatThrownBy(() -> url.queryParameter(null)).hasMessage("name");
        assertThatThrownBy(() -> Url.resolveReference(null, "a")).hasMessage("base");
    }

    @Test
    void controlCharactersInsideThePathQueryAndFragmentAreEncodedNotKept() {
        Url url = Url.parse("http://a/b\tc\r\nd?e\nf#g\u0000h");
        assertThat(url).hasToString("http://a/b%09c%0D%0Ad?e%0Af#g%00h");
        assertThat(url.requestTarget()).isEqualTo("/b%09c%0D%0Ad?e%0Af");
    }
}
