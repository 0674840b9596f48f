package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every example of RFC 3986 §5.4, against the base {@code http://a/b/c/d;p?q}. */
class ReferenceResolutionTest {

    private static final String BASE = "http://a/b/c/d;p?q";

    /** RFC 3986 §5.4.1 Normal Examples; the '|' stands for an empty cell (the empty reference). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "g:h      | g:h",
        "g        | http://a/b/c/g",
        "./g      | http://a/b/c/g",
        "g/       | http://a/b/c/g/",
        "/g       | http://a/g",
        "//g      | http://g",
        "?y       | http://a/b/c/d;p?y",
        "g?y      | http://a/b/c/g?y",
        "#s       | http://a/b/c/d;p?q#s",
        "g#s      | http://a/b/c/g#s",
        "g?y#s    | http://a/b/c/g?y#s",
        ";x       | http://a/b/c/;x",
        "g;x      | http://a/b/c/g;x",
        "g;x?y#s  | http://a/b/c/g;x?y#s",
        "\"\"     | http://a/b/c/d;p?q",
        ".        | http://a/b/c/",
        "./       | http://a/b/c/",
        "..       | http://a/b/",
        "../      | http://a/b/",
        "../g     | http://a/b/g",
        "../..    | http://a/",
        "../../   | http://a/",
        "../../g  | http://a/g",
    })
    void normalExamples(String reference, String expected) {
        assertThat(Url.resolveReference(BASE, reference)).isEqualTo(expected);
    }

    /** RFC 3986 §5.4.2 Abnormal Examples (strict parser for "http:g"). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "../../../g    | http://a/g",
        "../../../../g | http://a/g",
        "/./g          | http://a/g",
        "/../g         | http://a/g",
        "g.            | http://a/b/c/g.",
        ".g            | http://a/b/c/.g",
        "g..           | http://a/b/c/g..",
        "..g           | http://a/b/c/..g",
        "./../g        | http://a/b/g",
        "./g/.         | http://a/b/c/g/",
        "g/./h         | http://a/b/c/g/h",
        "g/../h        | http://a/b/c/h",
        "g;x=1/./y     | http://a/b/c/g;x=1/y",
        "g;x=1/../y    | http://a/b/c/y",
        "g?y/./x       | http://a/b/c/g?y/./x",
        "g?y/../x      | http://a/b/c/g?y/../x",
        "g#s/./x       | http://a/b/c/g#s/./x",
        "g#s/../x      | http://a/b/c/g#s/../x",
        "http:g        | http:g",
    })
    void abnormalExamples(String reference, String expected) {
        assertThat(Url.resolveReference(BASE, reference)).isEqualTo(expected);
    }

    /** The same examples through Url.resolve, whenever the result is an http URL. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "g        | http://a/b/c/g",
        "//g      | http://g/",
        "?y       | http://a/b/c/d;p?y",
        "#s       | http://a/b/c/d;p?q#s",
        "\"\"     | http://a/b/c/d;p?q",
        ".        | http://a/b/c/",
        "../..    | http://a/",
        "../../../../g | http://a/g",
        "g;x=1/../y    | http://a/b/c/y",
        "g?y/../x      | http://a/b/c/g?y/../x",
        "g#s/../x      | http://a/b/c/g#s/../x",
    })
    void urlResolveAgreesWithTheRfc(String reference, String expected) {
        assertThat(Url.parse(BASE).resolve(reference)).hasToString(expected);
    }

    @Test
    void nonHttpResultsAreRefusedByUrlResolve() {
        Url base = Url.parse(BASE);
        assertThatThrownBy(() -> base.resolve("g:h"))
                .isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("RFC 9110 §4.2");
        // Strict RFC 3986: "http:g" keeps its scheme and has no authority, so it is not an http URL.
        assertThatThrownBy(() -> base.resolve("http:g"))
                .isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("RFC 9110 §4.2.1");
        assertThatThrownBy(() -> base.resolve("mailto:a@b")).isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void resolveNormalizesAndEncodesTheResult() {
        Url base = Url.parse("https://example.com/dir/page?x=1#top");
        assertThat(base.resolve("a b/ü?q=\"1\"")).hasToString("https://example.com/dir/a%20b/%C3%BC?q=%221%22");
        assertThat(base.resolve("%2e%2e/up")).hasToString("https://example.com/up");
        assertThat(base.resolve("//other.example:8443")).hasToString("https://other.example:8443/");
        assertThat(base.resolve("HTTP://Other.Example/x")).hasToString("http://other.example/x");
        // A backslash is a path character here, never an authority delimiter as in browsers.
        assertThat(base.resolve("/\\evil.example/")).hasToString("https://example.com/%5Cevil.example/");
        assertThatThrownBy(() -> base.resolve("//evil.example\\@example.com/"))
                .isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void referenceWithSurroundingWhitespaceIsRefused() {
        Url base = Url.parse("http://a/b");
        assertThatThrownBy(() -> base.resolve(" g")).isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("index 0");
        assertThatThrownBy(() -> base.resolve("g\n")).isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("index 1");
    }

    @Test
    void baseWithoutSchemeIsRefused() {
        assertThatThrownBy(() -> Url.resolveReference("/a/b", "c"))
                .isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("RFC 3986 §5.2.1");
    }

    @Test
    void resolutionAgainstBaseWithEmptyPathAndNoAuthority() {
        // RFC 3986 §5.2.3: merge with an authority and empty base path prefixes "/".
        assertThat(Url.resolveReference("http://a", "g")).isEqualTo("http://a/g");
        // Without authority, the base path's last segment is replaced.
        assertThat(Url.resolveReference("urn:a", "g")).isEqualTo("urn:g");
        // remove_dot_segments("a/../c") is "/c" (§5.2.4 step C leaves the "/"), a quirk of the RFC.
        assertThat(Url.resolveReference("foo:a/b", "../c")).isEqualTo("foo:/c");
    }

    @Test
    void schemeFollowsItsGrammar() {
        // Not a scheme (RFC 3986 §3.1 requires ALPHA first): a relative path, as in browsers.
        assertThat(Url.resolveReference(BASE, "1abc:foo")).isEqualTo("http://a/b/c/1abc:foo");
        assertThat(Url.resolveReference(BASE, "a b:c")).isEqualTo("http://a/b/c/a b:c");
        assertThat(Url.resolveReference(BASE, "a+b-c.d:x")).isEqualTo("a+b-c.d:x");
        assertThat(Url.resolveReference(BASE, "HTTPS://x")).isEqualTo("HTTPS://x");
    }

    @Test
    void relativeReferencesKeepTheBaseUserInfoAndPort() {
        Url base = Url.parse("https://u:p@a.example:8443/x/y?z#f");
        assertThat(base.resolve("w")).hasToString("https://u:p@a.example:8443/x/w");
        assertThat(base.resolve("")).hasToString("https://u:p@a.example:8443/x/y?z");
        assertThat(base.resolve("//b.example/")).hasToString("https://b.example/");
    }
}
