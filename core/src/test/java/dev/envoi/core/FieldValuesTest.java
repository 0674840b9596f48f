package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldValuesTest {

    // ---- lists, RFC 9110 §5.6.1

    static Stream<Arguments> lists() {
        return Stream.of(
                // the RFC's own examples
                Arguments.of("foo,bar", List.of("foo", "bar")),
                Arguments.of("foo ,bar,", List.of("foo", "bar")),
                Arguments.of("foo , ,bar,charlie", List.of("foo", "bar", "charlie")),
                Arguments.of("", List.of()),
                Arguments.of(",", List.of()),
                Arguments.of(",   ,", List.of()),
                // more
                Arguments.of("  ", List.of()),
                Arguments.of("a", List.of("a")),
                Arguments.of(" \ta b\t ", List.of("a b")),
                Arguments.of(",,a,,", List.of("a")),
                Arguments.of("gzip;q=1.0, identity; q=0.5, *;q=0", List.of("gzip;q=1.0", "identity; q=0.5", "*;q=0")),
                Arguments.of("a, \"b,c\", d", List.of("a", "\"b,c\"", "d")),
                Arguments.of("\"a\\\",b\", c", List.of("\"a\\\",b\"", "c")),
                Arguments.of("\"a\\\\\",b", List.of("\"a\\\\\"", "b")),
                Arguments.of("W/\"x,y\", \"z\"", List.of("W/\"x,y\"", "\"z\"")),
                Arguments.of("x\\,y", List.of("x\\", "y")), // a backslash outside quotes is no escape
                Arguments.of("\"unterminated, still one", List.of("\"unterminated, still one")));
    }

    @ParameterizedTest
    @MethodSource("lists")
    void splitList(String value, List<String> expected) {
        List<String> actual = FieldValues.splitList(value);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThatThrownBy(() -> actual.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void containsToken() {
        assertThat(FieldValues.containsToken("keep-alive, Upgrade", "upgrade")).isTrue();
        assertThat(FieldValues.containsToken("keep-alive, Upgrade", "KEEP-ALIVE")).isTrue();
        assertThat(FieldValues.containsToken("Close", "close")).isTrue();
        assertThat(FieldValues.containsToken("gzip, chunked", "chunked")).isTrue();
        assertThat(FieldValues.containsToken(" , ,\tchunked\t, ", "chunked")).isTrue();
        assertThat(FieldValues.containsToken(new StringBuilder("a,close"), "close")).isTrue();

        assertThat(FieldValues.containsToken("keep-alive", "keep")).isFalse();
        assertThat(FieldValues.containsToken("keep", "keep-alive")).isFalse();
        assertThat(FieldValues.containsToken("gzip;q=1", "gzip")).isFalse();
        assertThat(FieldValues.containsToken("\"upgrade\"", "upgrade")).isFalse();
        assertThat(FieldValues.containsToken("\"a,upgrade\"", "upgrade")).isFalse();
        assertThat(FieldValues.containsToken("chunked-ish, xchunked", "chunked")).isFalse();
        assertThat(FieldValues.containsToken("", "close")).isFalse();
        assertThat(FieldValues.containsToken(", ,", "")).isFalse();
        assertThat(FieldValues.containsToken("\u0130", "i")).isFalse(); // no Unicode case folding
    }

    // ---- quoted-string, RFC 9110 §5.6.4

    @Test
    void parseQuotedString() {
        assertQuoted("\"abc\"", 0, "abc", 5);
        assertQuoted("\"\"", 0, "", 2);
        assertQuoted("\"a\\\"b\"", 0, "a\"b", 6);
        assertQuoted("\"a\\\\b\"", 0, "a\\b", 6);
        assertQuoted("\"\\a\\ \\\t\"", 0, "a \t", 8); // any quoted-pair: the escaped char stands for itself
        assertQuoted("\"\\\\\"", 0, "\\", 4);
        assertQuoted("\"a, b; c=d\"; rest", 0, "a, b; c=d", 11);
        assertQuoted("x=\"v\" y", 2, "v", 5);
        assertQuoted("\"caf\u00e9 \u00ff\"", 0, "caf\u00e9 \u00ff", 8); // obs-text
        assertQuoted("\"\\\u00e9\"", 0, "\u00e9", 4);
    }

    private static void assertQuoted(String s, int start, String content, int end) {
        StringBuilder out = new StringBuilder("keep:");
        assertThat(FieldValues.parseQuotedString(s, start, out)).isEqualTo(end);
        assertThat(out.toString()).isEqualTo("keep:" + content);
    }

    static Stream<Arguments> badQuotedStrings() {
        return Stream.of(
                Arguments.of("abc", 0, "expected '\"'"),
                Arguments.of("", 0, "expected '\"'"),
                Arguments.of("\"abc", 4, "unterminated"),
                Arguments.of("\"", 1, "unterminated"),
                Arguments.of("\"abc\\", 5, "unterminated"),
                Arguments.of("\"abc\\\"", 6, "unterminated"),
                Arguments.of("\"a\u0001b\"", 2, "0x01"),
                Arguments.of("\"a\rb\"", 2, "0x0d"),
                Arguments.of("\"a\nb\"", 2, "0x0a"),
                Arguments.of("\"a\u0000\"", 2, "0x00"),
                Arguments.of("\"a\u007f\"", 2, "0x7f"),
                Arguments.of("\"a\\\r\"", 3, "0x0d"), // quoted-pair cannot smuggle a CR
                Arguments.of("\"a\\\n\"", 3, "0x0a"),
                Arguments.of("\"\u0100\"", 1, "U+0100"),
                Arguments.of("\"\u20ac\"", 1, "U+20AC"));
    }

    @ParameterizedTest
    @MethodSource("badQuotedStrings")
    void refusesMalformedQuotedStrings(String s, int index, String message) {
        assertThatThrownBy(() -> FieldValues.parseQuotedString(s, 0, new StringBuilder()))
                .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                    assertThat(e.index()).isEqualTo(index);
                    assertThat(e.rfcSection()).isEqualTo("RFC 9110 §5.6.4");
                    assertThat(e.input()).isEqualTo(s);
                })
                .hasMessageContaining(message);
    }

    @Test
    void unquote() {
        assertThat(FieldValues.unquote("\"a\\\\b\"")).isEqualTo("a\\b");
        assertThat(FieldValues.unquote("\"\"")).isEmpty();
        assertThatThrownBy(() -> FieldValues.unquote("\"a\"b")).isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("after the closing quote at index 3");
        assertThatThrownBy(() -> FieldValues.unquote("abc")).isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void quoteIfNeeded() {
        assertThat(FieldValues.quoteIfNeeded("utf-8")).isEqualTo("utf-8");
        assertThat(FieldValues.quoteIfNeeded("!#$%&'*+-.^_`|~09AZaz")).isEqualTo("!#$%&'*+-.^_`|~09AZaz");
        assertThat(FieldValues.quoteIfNeeded("")).isEqualTo("\"\"");
        assertThat(FieldValues.quoteIfNeeded("a b")).isEqualTo("\"a b\"");
        assertThat(FieldValues.quoteIfNeeded("a,b")).isEqualTo("\"a,b\"");
        assertThat(FieldValues.quoteIfNeeded("a;b=c")).isEqualTo("\"a;b=c\"");
        assertThat(FieldValues.quoteIfNeeded("a/b")).isEqualTo("\"a/b\"");
        assertThat(FieldValues.quoteIfNeeded("a\"b")).isEqualTo("\"a\\\"b\"");
        assertThat(FieldValues.quoteIfNeeded("a\\b")).isEqualTo("\"a\\\\b\"");
        assertThat(FieldValues.quoteIfNeeded("\t")).isEqualTo("\"\t\"");
        assertThat(FieldValues.quoteIfNeeded("caf\u00e9")).isEqualTo("\"caf\u00e9\"");
        assertThat(FieldValues.quote("token")).isEqualTo("\"token\"");
    }

    static Stream<Arguments> unquotable() {
        return Stream.of(
                Arguments.of("a\rb", 1), Arguments.of("a\nb", 1), Arguments.of("\u0000", 0),
                Arguments.of("ok\u001f", 2), Arguments.of("\u007f", 0), Arguments.of("\u0100", 0),
                Arguments.of("snow\u2603", 4));
    }

    @ParameterizedTest
    @MethodSource("unquotable")
    void quoteRefusesWhatNoQuotedStringCarries(String value, int index) {
        assertThatThrownBy(() -> FieldValues.quoteIfNeeded(value))
                .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                    assertThat(e.rfcSection()).isEqualTo("RFC 9110 §5.6.4");
                    assertThat(e.index()).isEqualTo(index);
                });
    }

    @Test
    void quoteThenParseRoundTrips() {
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = "ab \t\"\\,;=/\u00e9\u00ff!~";
        for (int k = 0; k < 2_000; k++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(12);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = sb.toString();
            String quoted = FieldValues.quote(value);
            StringBuilder out = new StringBuilder();
            assertThat(FieldValues.parseQuotedString(quoted, 0, out)).isEqualTo(quoted.length());
            assertThat(out.toString()).isEqualTo(value);
            assertThat(FieldValues.splitList(quoted + " , " + quoted)).containsExactly(quoted, quoted);
        }
    }

    // ---- parameters, RFC 9110 §5.6.6

    static Stream<Arguments> parameters() {
        return Stream.of(
                Arguments.of("", Map.of()),
                Arguments.of("   ", Map.of()),
                Arguments.of(";", Map.of()),
                Arguments.of(" ; ;\t; ", Map.of()),
                Arguments.of(";charset=utf-8", Map.of("charset", "utf-8")),
                Arguments.of("; Charset=\"UTF-8\"", Map.of("charset", "UTF-8")),
                Arguments.of(";a=\"\"", Map.of("a", "")),
                Arguments.of(";a=\"x;y, z=w\"", Map.of("a", "x;y, z=w")),
                Arguments.of(";a=\"q\\\"uote\\\\\"", Map.of("a", "q\"uote\\")),
                Arguments.of(";a=1;;b=2;", Map.of("a", "1", "b", "2")),
                Arguments.of(" ;\tA=1 ; B=Two \t", Map.of("a", "1", "b", "Two")));
    }

    @ParameterizedTest
    @MethodSource("parameters")
    void parsesParameters(String value, Map<String, String> expected) {
        Map<String, String> actual = FieldValues.parseParameters(value);
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        assertThatThrownBy(() -> actual.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parametersKeepTheirOrder() {
        assertThat(FieldValues.parseParameters(";z=1;a=2;m=3").keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void parametersWithinARange() {
        String accept = "text/html;level=1;q=0.5, text/plain";
        assertThat(FieldValues.parseParameters(accept, 9, 23))
                .containsExactly(entry("level", "1"), entry("q", "0.5"));
        String quotedComma = "x; a=\"1,2\", y";
        assertThat(FieldValues.parseParameters(quotedComma, 1, 10)).containsExactly(entry("a", "1,2"));
        // the range ends inside the quoted-string: unterminated, though the full text has the quote
        assertThatThrownBy(() -> FieldValues.parseParameters(quotedComma, 1, 9))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> FieldValues.parseParameters(accept, 5, 100))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("a=1", 0, "expected ';' before a parameter but was 'a'", "RFC 9110 §5.6.6"),
                Arguments.of("; a =1", 3, "expected '=' after parameter name \"a\" but was ' '", "RFC 9110 §5.6.6"),
                Arguments.of("; a= 1", 4, "expected a parameter value", "RFC 9110 §5.6.6"),
                Arguments.of("; a=", 4, "but was the end", "RFC 9110 §5.6.6"),
                Arguments.of("; a", 3, "expected '='", "RFC 9110 §5.6.6"),
                Arguments.of("; =1", 2, "expected a parameter name (token)", "RFC 9110 §5.6.6"),
                Arguments.of("; a=1 b=2", 6, "expected ';' before a parameter but was 'b'", "RFC 9110 §5.6.6"),
                Arguments.of("; a=1, b=2", 5, "but was ','", "RFC 9110 §5.6.6"),
                Arguments.of("; a=\"x\"y", 7, "but was 'y'", "RFC 9110 §5.6.6"),
                Arguments.of("; a=1; A=2", 7, "duplicate parameter \"a\"", "RFC 9110 §5.6.6"),
                Arguments.of("; a=\"x", 6, "unterminated quoted-string", "RFC 9110 §5.6.4"),
                Arguments.of("; a=\"x\ny\"", 6, "0x0a", "RFC 9110 §5.6.4"),
                Arguments.of("; a=x\u00e9", 5, "but was '\u00e9'", "RFC 9110 §5.6.6"),
                Arguments.of("; \u00e9=x", 2, "expected a parameter name", "RFC 9110 §5.6.6"),
                Arguments.of("; a=b\r\n", 5, "control character 0x0d", "RFC 9110 §5.6.6"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void refusesMalformedParameters(String value, int index, String message, String section) {
        assertThatThrownBy(() -> FieldValues.parseParameters(value))
                .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                    assertThat(e.index()).isEqualTo(index);
                    assertThat(e.rfcSection()).isEqualTo(section);
                })
                .hasMessageContaining(message);
    }

    @Test
    void nullArguments() {
        assertThatThrownBy(() -> FieldValues.splitList(null)).hasMessage("value");
        assertThatThrownBy(() -> FieldValues.containsToken(null, "x")).hasMessage("value");
        assertThatThrownBy(() -> FieldValues.containsToken("x", null)).hasMessage("token");
        assertThatThrownBy(() -> FieldValues.quoteIfNeeded(null)).hasMessage("value");
        assertThatThrownBy(() -> FieldValues.parseQuotedString(null, 0, new StringBuilder())).hasMessage("s");
        assertThatThrownBy(() -> FieldValues.parseQuotedString("\"\"", 0, null)).hasMessage("out");
    }
}
