package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

    // RFC 9110 §8.3.1: "the following examples are all equivalent".
    @ParameterizedTest
    @ValueSource(strings = {
        "text/html;charset=utf-8",
        "Text/HTML;Charset=\"utf-8\"",
        "text/html; charset=\"utf-8\"",
        "text/html;charset=UTF-8",
    })
    void rfc9110EquivalentForms(String value) {
        MediaType reference = MediaType.parse("text/html;charset=utf-8");
        MediaType m = MediaType.parse(value);
        assertThat(m).isEqualTo(reference).hasSameHashCodeAs(reference);
        assertThat(m.type()).isEqualTo("text");
        assertThat(m.subtype()).isEqualTo("html");
        assertThat(m.charset()).contains(StandardCharsets.UTF_8);
        assertThat(m).isEqualTo(MediaType.TEXT_HTML_UTF8);
        assertThat(m.toString()).isEqualToIgnoringCase("text/html; charset=utf-8");
    }

    @Test
    void normalizesCaseButKeepsValues() {
        MediaType m = MediaType.parse("  Multipart/Form-Data; Boundary=AbC ;CHARSET=Latin1\t");
        assertThat(m.type()).isEqualTo("multipart");
        assertThat(m.subtype()).isEqualTo("form-data");
        assertThat(m.parameters()).containsExactly(entry("boundary", "AbC"), entry("charset", "Latin1"));
        assertThat(m.parameter("BOUNDARY")).contains("AbC");
        assertThat(m.parameter("missing")).isEmpty();
        assertThat(m.charset()).contains(StandardCharsets.ISO_8859_1);
        assertThat(m).hasToString("multipart/form-data; boundary=AbC; charset=Latin1");
        assertThat(m.parameters()).isUnmodifiable();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text/plain                                | text/plain",
        "TEXT/PLAIN                                | text/plain",
        "*/*                                       | */*",
        "text/*                                    | text/*",
        "application/vnd.api+json                  | application/vnd.api+json",
        "text/plain;                               | text/plain",
        "text/plain ; ; ;                          | text/plain",
        "text/plain;a=b;c=d                        | text/plain; a=b; c=d",
        "text/plain;a=\"b\"                        | text/plain; a=b",
        "text/plain;a=\"\"                         | text/plain; a=\"\"",
        "text/plain;a=\"b c\"                      | text/plain; a=\"b c\"",
        "text/plain;a=\"b;c\"                      | text/plain; a=\"b;c\"",
        "text/plain;a=\"b,c\"                      | text/plain; a=\"b,c\"",
        "text/plain;a=\"x\\\"y\\\\z\"              | text/plain; a=\"x\\\"y\\\\z\"",
        "text/plain;a=\"\\b\\c\"                   | text/plain; a=bc",
        "multipart/mixed; boundary=\"gc0p4Jq0M2Yt08jU534c0p\" | multipart/mixed; boundary=gc0p4Jq0M2Yt08jU534c0p",
    })
    void serializesQuotingOnlyWhenNeeded(String input, String expected) {
        MediaType m = MediaType.parse(input);
        assertThat(m).hasToString(expected);
        assertThat(MediaType.parse(m.toString())).isEqualTo(m); // toString re-parses to the same value
    }

    @Test
    void equalityRules() {
        assertThat(MediaType.parse("text/html;a=1;b=2")).isEqualTo(MediaType.parse("text/html; b=2; a=1"))
                .hasSameHashCodeAs(MediaType.parse("text/html; b=2; a=1"));
        assertThat(MediaType.parse("text/html;a=B")).isNotEqualTo(MediaType.parse("text/html;a=b"));
        assertThat(MediaType.parse("text/html;charset=ISO-8859-1"))
                .isEqualTo(MediaType.parse("text/html;charset=iso-8859-1"));
        assertThat(MediaType.parse("text/html")).isNotEqualTo(MediaType.parse("text/html;charset=utf-8"));
        assertThat(MediaType.parse("text/html")).isNotEqualTo(MediaType.parse("text/plain"));
        assertThat(MediaType.parse("text/html")).isNotEqualTo(MediaType.parse("texts/html"));
        assertThat(MediaType.parse("text/html")).isNotEqualTo("text/html");
        // the value keeps its case even though it compares without it
        assertThat(MediaType.parse("text/html;charset=UTF-8").parameter("charset")).contains("UTF-8");
    }

    @Test
    void charset() {
        assertThat(MediaType.parse("text/plain").charset()).isEmpty();
        assertThat(MediaType.parse("text/plain;charset=no-such-charset-envoi").charset()).isEmpty();
        assertThat(MediaType.parse("text/plain;charset=\"utf 8\"").charset()).isEmpty(); // illegal name
        assertThat(MediaType.parse("text/plain;charset=\"\"").charset()).isEmpty();
        assertThat(MediaType.parse("text/plain;charset=\"\u00e9\"").charset()).isEmpty();
        assertThat(MediaType.parse("text/plain;charset=us-ascii").charset()).contains(StandardCharsets.US_ASCII);
        assertThat(MediaType.parse("text/plain;charset=\"UTF-16LE\"").charset()).contains(StandardCharsets.UTF_16LE);
    }

    @Test
    void withParameterReplacesInPlaceOrAppends() {
        MediaType m = MediaType.parse("text/plain; a=1; b=2");
        assertThat(m.withParameter("A", "3")).hasToString("text/plain; a=3; b=2");
        assertThat(m.withParameter("c", "x y")).hasToString("text/plain; a=1; b=2; c=\"x y\"");
        assertThat(m.withParameter("c", "")).hasToString("text/plain; a=1; b=2; c=\"\"");
        assertThat(m.withParameter("c", "q\"\\")).hasToString("text/plain; a=1; b=2; c=\"q\\\"\\\\\"");
        assertThat(m).hasToString("text/plain; a=1; b=2"); // immutable
        assertThat(m.withoutParameter("A")).hasToString("text/plain; b=2");
        assertThat(m.withoutParameter("zz")).isSameAs(m);
        assertThat(m.withoutParameters()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(MediaType.TEXT_PLAIN.withoutParameters()).isSameAs(MediaType.TEXT_PLAIN);
        assertThat(m.withoutParameter("a").withoutParameter("b").parameters()).isEmpty();
    }

    @Test
    void withParameterValidates() {
        assertThatThrownBy(() -> MediaType.TEXT_PLAIN.withParameter("a b", "1"))
                .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.rfcSection()).isEqualTo("RFC 9110 §5.6.6");
                });
        assertThatThrownBy(() -> MediaType.TEXT_PLAIN.withParameter("", "1"))
                .isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> MediaType.TEXT_PLAIN.withParameter("a", "x\r\nSet-Cookie: y"))
                .isInstanceOfSatisfying(InvalidSyntaxException.class,
                        e -> assertThat(e.rfcSection()).isEqualTo("RFC 9110 §5.6.4"));
        assertThatThrownBy(() -> MediaType.TEXT_PLAIN.withParameter("a", "\u20ac"))
                .isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> MediaType.TEXT_PLAIN.withParameter(null, "1")).hasMessage("name");
        assertThatThrownBy(() -> MediaType.TEXT_PLAIN.withParameter("a", null)).hasMessage("value");
    }

    @Test
    void withCharset() {
        assertThat(MediaType.TEXT_PLAIN.withCharset(StandardCharsets.ISO_8859_1))
                .hasToString("text/plain; charset=ISO-8859-1");
        assertThat(MediaType.parse("text/plain;charset=ascii;format=flowed").withCharset(StandardCharsets.UTF_8))
                .hasToString("text/plain; charset=UTF-8; format=flowed");
        assertThat(MediaType.APPLICATION_JSON.withCharset(Charset.forName("UTF-16")).charset())
                .contains(StandardCharsets.UTF_16);
    }

    @Test
    void constants() {
        assertThat(MediaType.ANY).hasToString("*/*");
        assertThat(MediaType.APPLICATION_JSON).hasToString("application/json");
        assertThat(MediaType.APPLICATION_PROBLEM_JSON).hasToString("application/problem+json");
        assertThat(MediaType.APPLICATION_OCTET_STREAM).hasToString("application/octet-stream");
        assertThat(MediaType.APPLICATION_FORM_URLENCODED).hasToString("application/x-www-form-urlencoded");
        assertThat(MediaType.APPLICATION_XML).hasToString("application/xml");
        assertThat(MediaType.MULTIPART_FORM_DATA).hasToString("multipart/form-data");
        assertThat(MediaType.MULTIPART_MIXED).hasToString("multipart/mixed");
        assertThat(MediaType.TEXT_PLAIN).hasToString("text/plain");
        assertThat(MediaType.TEXT_PLAIN_UTF8).hasToString("text/plain; charset=UTF-8");
        assertThat(MediaType.TEXT_HTML).hasToString("text/html");
        assertThat(MediaType.TEXT_HTML_UTF8).hasToString("text/html; charset=UTF-8");
        assertThat(MediaType.TEXT_EVENT_STREAM).hasToString("text/event-stream");
        assertThat(MediaType.parse("*/*")).isEqualTo(MediaType.ANY);
        assertThat(MediaType.ANY.isWildcardType()).isTrue();
        assertThat(MediaType.ANY.isWildcardSubtype()).isTrue();
        assertThat(MediaType.parse("text/*").isWildcardType()).isFalse();
        assertThat(MediaType.parse("text/*").isWildcardSubtype()).isTrue();
        assertThat(MediaType.TEXT_HTML.isWildcardSubtype()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // range                      | type                        | includes | matches
        "*/*                          | text/html                   | true     | true",
        "*/*                          | */*                         | true     | true",
        "text/*                       | text/html                   | true     | true",
        "text/*                       | TEXT/PLAIN;charset=utf-8    | true     | true",
        "text/*                       | image/png                   | false    | false",
        "text/*                       | */*                         | false    | true",
        "text/html                    | text/*                      | false    | true",
        "text/html                    | text/html                   | true     | true",
        "text/html                    | text/html;charset=utf-8     | true     | true",
        "text/html;charset=utf-8      | text/html                   | false    | true",
        "text/html;charset=UTF-8      | text/html;charset=utf-8     | true     | true",
        "text/html;level=1            | text/html;level=2           | false    | true",
        "text/html;level=1            | text/html;level=1;a=b       | true     | true",
        "text/*;charset=utf-8         | text/plain;charset=utf-8    | true     | true",
        "text/*;charset=utf-8         | text/plain;charset=latin1   | false    | true",
        "text/html                    | text/plain                  | false    | false",
        "text/html                    | application/html            | false    | false",
        "application/json             | application/problem+json    | false    | false",
    })
    void includesAndMatches(String range, String type, boolean includes, boolean matches) {
        MediaType r = MediaType.parse(range);
        MediaType t = MediaType.parse(type);
        assertThat(r.includes(t)).as("%s includes %s", r, t).isEqualTo(includes);
        assertThat(r.matches(t)).as("%s matches %s", r, t).isEqualTo(matches);
        assertThat(t.matches(r)).as("matches is symmetric").isEqualTo(matches);
    }

    static Stream<Arguments> malformed() {
        String s831 = "RFC 9110 §8.3.1";
        String s566 = "RFC 9110 §5.6.6";
        return Stream.of(
                Arguments.of("", 0, "expected a type (token) but was the end", s831),
                Arguments.of("   ", 3, "expected a type", s831),
                Arguments.of("text", 4, "expected '/' after the type but was the end", s831),
                Arguments.of("text/", 5, "expected a subtype (token) but was the end", s831),
                Arguments.of("/html", 0, "expected a type", s831),
                Arguments.of("text /html", 4, "expected '/' after the type but was ' '", s831),
                Arguments.of("text/ html", 5, "expected a subtype", s831),
                Arguments.of("text//html", 5, "expected a subtype", s831),
                Arguments.of("text/html/x", 9, "expected ';' before a parameter but was '/'", s566),
                Arguments.of("t\u00e9xt/html", 1, "expected '/' after the type but was '\u00e9'", s831),
                Arguments.of("text/h\u0000tml", 6, "control character 0x00", s566),
                Arguments.of("text/html, text/plain", 9, "but was ','", s566),
                Arguments.of("text/html x", 10, "expected ';'", s566),
                Arguments.of("text/html;charset", 17, "expected '='", s566),
                Arguments.of("text/html; charset = utf-8", 18, "expected '='", s566),
                Arguments.of("text/html; charset= utf-8", 19, "expected a parameter value", s566),
                Arguments.of("text/html;charset=utf-8;Charset=utf-8", 24, "duplicate parameter \"charset\"", s566),
                Arguments.of("text/html; a=\"unterminated", 26, "unterminated quoted-string", "RFC 9110 §5.6.4"),
                Arguments.of("text/html; a=\"x\"y", 16, "expected ';'", s566),
                Arguments.of("*/html", 2, "a wildcard type needs a wildcard subtype", "RFC 9110 §12.5.1"),
                Arguments.of("text/html\r\n", 9, "control character 0x0d", s566));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesMalformedInput(String value, int index, String message, String section) {
        assertThatThrownBy(() -> MediaType.parse(value))
                .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                    assertThat(e.index()).isEqualTo(index);
                    assertThat(e.rfcSection()).isEqualTo(section);
                    assertThat(e.input()).isEqualTo(value);
                })
                .hasMessageContaining(message);
        assertThat(MediaType.tryParse(value)).isEmpty();
    }

    @Test
    void tryParse() {
        assertThat(MediaType.tryParse("text/html; charset=utf-8")).contains(MediaType.TEXT_HTML_UTF8);
        assertThatThrownBy(() -> MediaType.tryParse(null)).hasMessage("value");
    }

    @Test
    void tryParseNeverThrowsOnJunk() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "tx/*;=\" \\,\t\r\u00e9\u0100aA-+";
        int parsed = 0;
        for (int k = 0; k < 20_000; k++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(16);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            var result = MediaType.tryParse(sb.toString());
            if (result.isPresent()) {
                parsed++;
                assertThat(MediaType.parse(result.get().toString())).isEqualTo(result.get());
            }
        }
        assertThat(parsed).isPositive(); // the alphabet does produce valid media types
    }

    @Test
    void ofValidates() {
        assertThat(MediaType.of("Text", "CSV")).hasToString("text/csv");
        assertThatThrownBy(() -> MediaType.of("text", "a b")).isInstanceOfSatisfying(InvalidSyntaxException.class,
                e -> assertThat(e.index()).isEqualTo(1));
        assertThatThrownBy(() -> MediaType.of("", "b")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> MediaType.of("*", "html")).isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("RFC 9110 §12.5.1");
        assertThatThrownBy(() -> MediaType.of(null, "html")).hasMessage("type");
        assertThatThrownBy(() -> MediaType.parse(null)).hasMessage("value");
    }
}
