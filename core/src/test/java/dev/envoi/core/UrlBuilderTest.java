package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrlBuilderTest {

    @Test
    void buildsFromComponents() {
        Url url = Url.builder()
                .scheme("HTTPS")
                .host("Bücher.example")
                .port(8443)
                .username("us:er")
                .password("p@ss word")
                .addPathSegment("a b")
                .addPathSegment("c/d")
                .addQueryParameter("q", "1")
                .fragment("frag ment#")
                .build();
        assertThat(url).hasToString(
                "https://us%3Aer:p%40ss%20word@xn--bcher-kva.example:8443/a%20b/c%2Fd?q=1#frag%20ment%23");
        assertThat(url.username()).isEqualTo("us:er");
        assertThat(url.password()).isEqualTo("p@ss word");
        assertThat(url.pathSegments()).containsExactly("a b", "c/d");
        assertThat(url.fragment()).isEqualTo("frag ment#");
    }

    @Test
    void defaultsToHttpAndSlash() {
        Url url = Url.builder().host("example.com").build();
        assertThat(url).hasToString("http://example.com/");
        assertThat(url.isPortExplicit()).isFalse();
    }

    @Test
    void newBuilderRoundTrips() {
        String[] inputs = {
            "https://u:p@example.com:8443/a/b%20c?x=%7e&y#f%23",
            "http://[2001:db8::1]/", "http://u@a/", "http://:p@a/", "http://@a/", "http://a:80/", "http://a/?#",
        };
        for (String input : inputs) {
            Url url = Url.parse(input);
            Url copy = url.newBuilder().build();
            assertThat(copy).isEqualTo(url).hasToString(url.toString());
            assertThat(copy.isPortExplicit()).isEqualTo(url.isPortExplicit());
        }
    }

    @Test
    void derivesChangedCopiesWithoutTouchingTheOriginal() {
        Url original = Url.parse("http://u:p@a.example/x?y=1#z");
        Url changed = original.newBuilder().scheme("https").host("b.example").port(444).username(null)
                .encodedPath("/n e w/%41").encodedFragment(null).build();
        assertThat(changed).hasToString("https://b.example:444/n%20e%20w/%41?y=1");
        assertThat(original).hasToString("http://u:p@a.example/x?y=1#z");
        assertThat(changed.newBuilder().clearPort().build()).hasToString("https://b.example/n%20e%20w/%41?y=1");
    }

    @Test
    void passwordAloneGivesEmptyUserName() {
        Url url = Url.builder().host("a").password("secret").build();
        assertThat(url).hasToString("http://:secret@a/");
        assertThat(url.username()).isEmpty();
        assertThat(Url.parse("http://u:p@a/").newBuilder().password(null).build()).hasToString("http://u@a/");
    }

    @Test
    void hostForms() {
        assertThat(Url.builder().host("::1").build()).hasToString("http://[::1]/");
        assertThat(Url.builder().host("[::1]").port(8080).build().authority()).isEqualTo("[::1]:8080");
        assertThat(Url.builder().host("127.0.0.1").build().host()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> Url.builder().host("a/b")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Url.builder().host("a b")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Url.builder().host("")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Url.builder().host("127.1")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Url.builder().host("a@b")).isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void pathHandling() {
        assertThat(Url.builder().host("a").encodedPath("").build().encodedPath()).isEqualTo("/");
        assertThat(Url.builder().host("a").encodedPath("/x/../y/./z").build().encodedPath()).isEqualTo("/y/z");
        assertThat(Url.builder().host("a").encodedPath("/x?#").build().encodedPath()).isEqualTo("/x%3F%23");
        assertThat(Url.builder().host("a").encodedPath("/x/").addPathSegment("y").build().encodedPath())
                .isEqualTo("/x/y");
        assertThat(Url.builder().host("a").encodedPath("/x").addPathSegment("..").build().encodedPath())
                .isEqualTo("/");
        assertThat(Url.builder().host("a").addPathSegment("%41").build().encodedPath()).isEqualTo("/%2541");
        assertThatThrownBy(() -> Url.builder().host("a").encodedPath("x"))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageContaining("RFC 3986 §3.3");
    }

    @Test
    void refusesInvalidValues() {
        assertThatThrownBy(() -> Url.builder().scheme("ftp")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Url.builder().port(0)).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Url.builder().port(65536)).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Url.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("host not set");
        assertThatThrownBy(() -> Url.builder().host(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("host");
        assertThatThrownBy(() -> Url.builder().addQueryParameter("a", null)).hasMessage("value");
    }
}
