package dev.envoi.client;

import dev.envoi.core.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader: RFC 8259 examples, accepted (y_) and refused (n_) inputs, limits and error positions. */
class JsonParseTest {

    // ---- RFC 8259 §13 examples ----

    @Test
    void rfc8259ObjectExample() throws Exception {
        String text = """
                {
                  "Image": {
                      "Width":  800,
                      "Height": 600,
                      "Title":  "View from 15th Floor",
                      "Thumbnail": {
                          "Url":    "http://www.example.com/image/481989943",
                          "Height": 125,
                          "Width":  100
                      },
                      "Animated" : false,
                      "IDs": [116, 943, 234, 38793]
                    }
                }""";
        JsonValue v = Json.parse(text);
        JsonValue image = v.get("Image");
        assertThat(image.get("Width").asLong()).isEqualTo(800);
        assertThat(image.get("Title").asString()).isEqualTo("View from 15th Floor");
        assertThat(image.get("Thumbnail").get("Url").asString()).isEqualTo("http://www.example.com/image/481989943");
        assertThat(image.get("Animated").asBoolean()).isFalse();
        assertThat(image.get("IDs").asArray()).containsExactly(116L, 943L, 234L, 38793L);
        assertThat(image.asObject().keySet())
                .containsExactly("Width", "Height", "Title", "Thumbnail", "Animated", "IDs");
    }

    @Test
    void rfc8259ArrayExample() throws Exception {
        String text = """
                [
                  {
                     "precision": "zip",
                     "Latitude":  37.7668,
                     "Longitude": -122.3959,
                     "Address":   "",
                     "City":      "SAN FRANCISCO",
                     "State":     "CA",
                     "Zip":       "94107",
                     "Country":   "US"
                  },
                  {
                     "precision": "zip",
                     "Latitude":  37.371991,
                     "Longitude": -122.026020,
                     "Address":   "",
                     "City":      "SUNNYVALE",
                     "State":     "CA",
                     "Zip":       "94085",
                     "Country":   "US"
                  }
                ]""";
        JsonValue v = Json.parse(text);
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.get(0).get("Latitude").asBigDecimal()).isEqualTo(new BigDecimal("37.7668"));
        assertThat(v.get(1).get("Longitude").asNumber()).isEqualTo(new BigDecimal("-122.026020"));
        assertThat(v.get(1).get("Longitude").asDouble()).isEqualTo(-122.02602);
        assertThat(v.get(1).get("City").asString()).isEqualTo("SUNNYVALE");
    }

    @Test
    void rfc8259ScalarTexts() throws Exception {
        assertThat(Json.parse("\"Hello world!\"").asString()).isEqualTo("Hello world!");
        assertThat(Json.parse("42").asLong()).isEqualTo(42);
        assertThat(Json.parse("true").asBoolean()).isTrue();
        assertThat(Json.parse("null").isNull()).isTrue();
    }

    // ---- accepted ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[]                          | []",
        "{}                          | {}",
        "` [1 , 2 ] `                | [1,2]",
        "`\t\r\n[\n]\r\n`            | []",
        "[-0]                        | [0]",
        "[0]                         | [0]",
        "[1E2]                       | [1E+2]",
        "[1e+2]                      | [1E+2]",
        "[1e-2]                      | [0.01]",
        "[-1.5e3]                    | [-1.5E+3]",
        "[0.0]                       | [0.0]",
        "[123456789012345678]        | [123456789012345678]",
        "[9223372036854775807]       | [9223372036854775807]",
        "[-9223372036854775808]      | [-9223372036854775808]",
        "[9223372036854775808]       | [9223372036854775808]",
        "[\"\\u0041\\n\\t\\/\\\\\"]  | [\"A\\n\\t/\\\\\"]",
        "[\"\\ud834\\udd1e\"]        | [\"\uD834\uDD1E\"]",
        "[\"\\u00e9\"]               | [\"é\"]",
        "[\"\\u0000\"]               | [\"\\u0000\"]",
        "{\"a\":[{\"b\":null}]}      | {\"a\":[{\"b\":null}]}",
        "{\"\":0}                    | {\"\":0}",
        "[true,false,null]           | [true,false,null]",
        "[\"\u2028\"]                | [\"\\u2028\"]",
        "[\"\\\"\"]                  | [\"\\\"\"]",
        "\"\u007f\"                  | \"\u007f\"",
        "[1E22]                      | [1E+22]",
        "[123e-10000000]             | [1.23E-9999998]",
        "[\"\\uDBFF\\uDFFF\"]        | [\"\uDBFF\uDFFF\"]",
        "[\"\\u0012\"]               | [\"\\u0012\"]",
        "{\"a\":1,\"a\\u0000\":2}     | {\"a\":1,\"a\\u0000\":2}",
        "[[[[[]]]]]                  | [[[[[]]]]]",
        "{\"a\":{\"a\":{}}}           | {\"a\":{\"a\":{}}}",
    })
    void accepts(String input, String rewritten) throws Exception {
        assertThat(Json.write(Json.parse(input).value())).isEqualTo(rewritten);
    }

    @Test
    void numberTypes() throws Exception {
        assertThat(Json.parse("7").value()).isEqualTo(7L);
        assertThat(Json.parse("-9223372036854775808").value()).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.parse("9223372036854775808").value()).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(Json.parse("1.50").value()).isEqualTo(new BigDecimal("1.50"));
        assertThat(Json.parse("1e2").value()).isEqualTo(new BigDecimal("1e2"));
        assertThat(Json.parse("1e2").asLong()).isEqualTo(100);
        assertThat(Json.parse("1e400").asDouble()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Json.parse("1e400").asBigDecimal()).isEqualTo(new BigDecimal("1e400"));
    }

    @Test
    void objectsKeepOrderAndAreUnmodifiable() throws Exception {
        Map<String, Object> m = Json.parse("{\"z\":1,\"a\":2,\"m\":[3]}").asObject();
        assertThat(m.keySet()).containsExactly("z", "a", "m");
        assertThatThrownBy(() -> m.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) m.get("m");
        assertThatThrownBy(() -> list.add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullMemberIsPresentAndNull() throws Exception {
        JsonValue v = Json.parse("{\"a\":null}");
        assertThat(v.has("a")).isTrue();
        assertThat(v.get("a").isNull()).isTrue();
        assertThat(v.has("b")).isFalse();
        assertThat(v.find("b")).isEmpty();
        assertThat(v.asObject()).containsEntry("a", null);
    }

    // ---- refused ----

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[", "]", "{", "[1,]", "[,1]", "[1,,2]", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":}",
        "{a:1}", "{'a':1}", "['a']", "[01]", "[-01]", "[00]", "[+1]", "[.5]", "[1.]", "[1.e2]", "[1e]",
        "[1e+]", "[-]", "[- 1]", "[NaN]", "[Infinity]", "[-Infinity]", "[0x10]", "[True]", "[nul]",
        "[truex]", "[1] [2]", "[1]x", "{\"a\":1}}", "[\"a]", "[\"\\x41\"]", "[\"\\u00G0\"]", "[\"\\u00\"]",
        "[\"\\ud834\"]", "[\"\\udd1e\"]", "[\"\\ud834\\u0041\"]", "[\"a\tb\"]", "[\"a\nb\"]",
        "[\"\u0000\"]", "[1 // c\n]", "/* c */ [1]", "[1]#", "{\"a\":1,\"a\":2}", "[\"\\'\"]",
        "\u00a0[]", "[\f]", "[1\u00a0]", "[\"\\uD800\\uD800\"]", "[\"\\u\u0661\u0661\u0661\u0661\"]",
        "[\"\uD800\"]", "[1.5E]", "[\"\\", "[\"\\u", "[\"", "tru", "nulll",
        "[*]", "[\"\\uqqqq\"]", "{\"a\" b}", "[-NaN]", "[1e1.5]", "[0e]", "[.2e-3]", "[2.e3]", "[1.0e+]",
        "{\"a\":true} x", "[\"\\\u0000\"]", "[\u0000]", "\"\\UA66D\"", "[\"\\a\"]", "{1:1}", "{null:null}",
        "[1]]", "[[]", "{\"x\", null}", "{\"x\"::\"b\"}", "{\"a\":\"b\",,\"c\":1}", "[\"a\",]",
        "{\"a\":1,\"\\u0061\":2}", "[1,2,3", "{\"a\":1", "[\"\\u0000", "[1e999999999999]", "[-1x]",
        "[\u2028]", "[\"\\ud800\\\"]", "\"\\u012\"", "[0.]", "[-.1]", "[1_000]", "[0b1]", "[Infinity]",
    })
    void refuses(String input) {
        assertThatThrownBy(() -> Json.parse(input)).isInstanceOf(JsonParseException.class);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        if (!input.contains("\uD800")) { // a lone surrogate cannot be encoded; the bytes test covers it
            assertThatThrownBy(() -> Json.parse(bytes)).isInstanceOf(JsonParseException.class);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[1,]               | 3 | expected a value",
        "{\"a\":1,}         | 7 | expected a member name in double quotes but was '}'",
        "[01]               | 2 | leading zero",
        "{\"a\":1,\"a\":2}  | 7 | duplicate member name \"a\"",
        "[\"\\ud834x\"]     | 2 | lone surrogate",
        "[1 2]              | 3 | expected ',' or ']' after an array element but was '2'",
        "{\"a\" 1}          | 5 | expected ':' after a member name but was '1'",
        "[1]x               | 3 | expected the end of the text after the value but was 'x'",
        "[NaN]              | 1 | expected a value",
        "[tru]              | 1 | expected 'true' but was \"tru]\"",
        "[nul]        | 1 | expected 'null' but was \"nulU+0001\"",
        "[\"a\u0001\"]      | 3 | control character U+0001",
    })
    void errorsSayWhatAndWhere(String input, long offset, String reason) {
        assertThatThrownBy(() -> Json.parse(input))
                .isInstanceOfSatisfying(JsonParseException.class, e -> {
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage()).contains("at offset " + offset).contains("RFC 8259 §");
                });
    }

    @Test
    void lineAndColumn() {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\r\n  \"b\": tru\n}"))
                .isInstanceOfSatisfying(JsonParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(8);
                    assertThat(e.offset()).isEqualTo(20);
                });
    }

    @Test
    void byteOffsetsCountUtf8Bytes() {
        // "é" is 2 bytes, "𝄞" is 4 (2 chars): the error at char 8 is at byte 11.
        byte[] bytes = "[\"é𝄞\",01]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.parse(bytes))
                .isInstanceOfSatisfying(JsonParseException.class, e -> {
                    assertThat(e.offset()).isEqualTo(11);
                    assertThat(e.column()).isEqualTo(9);
                });
    }

    // ---- encoding (RFC 8259 §8.1) ----

    @Test
    void utf8BomIsIgnored() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'};
        assertThat(Json.parse(bom).asArray()).containsExactly(1L);
        assertThat(Json.parse("\uFEFF[1]").asArray()).containsExactly(1L);
    }

    @Test
    void invalidUtf8IsRefusedWithItsByteOffset() {
        byte[] overlong = {'[', '"', (byte) 0xC0, (byte) 0xAF, '"', ']'};
        byte[] surrogate = {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'};
        byte[] truncated = {'[', '"', 'a', (byte) 0xE2, (byte) 0x82};
        byte[] latin1 = {'"', (byte) 0xE9, '"'};
        for (byte[] b : List.of(overlong, surrogate, truncated, latin1)) {
            assertThatThrownBy(() -> Json.parse(b))
                    .isInstanceOfSatisfying(JsonParseException.class, e -> {
                        assertThat(e.reason()).startsWith("expected UTF-8");
                        assertThat(e.rfcSection()).isEqualTo("RFC 8259 §8.1");
                    });
        }
        assertThatThrownBy(() -> Json.parse(overlong)).hasMessageContaining("at offset 2");
        assertThatThrownBy(() -> Json.parse(truncated)).hasMessageContaining("at offset 3");
    }

    @Test
    void utf16IsRefusedAsSuch() {
        byte[] utf16 = "[1]".getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16Bom = "[1]".getBytes(StandardCharsets.UTF_16);
        assertThatThrownBy(() -> Json.parse(utf16)).hasMessageContaining("UTF-16");
        assertThatThrownBy(() -> Json.parse(utf16Bom)).hasMessageContaining("UTF-16");
    }

    @Test
    void multibyteTextRoundTripsFromBytes() throws Exception {
        String s = "{\"name\":\"café 𝄞 日本\"}";
        assertThat(Json.parse(s.getBytes(StandardCharsets.UTF_8)).get("name").asString()).isEqualTo("café 𝄞 日本");
    }

    // ---- limits ----

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limitName()).isEqualTo("maxDepth");
                    assertThat(e.limit()).isEqualTo(512);
                    assertThat(e.offset()).isEqualTo(512);
                });
        String objects = "{\"a\":".repeat(600) + "1" + "}".repeat(600);
        assertThatThrownBy(() -> Json.parse(objects)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void depthLimitIsExactAndConfigurable() throws Exception {
        String d512 = "[".repeat(512) + "]".repeat(512);
        assertThat(Json.parse(d512).isArray()).isTrue();
        assertThatThrownBy(() -> Json.parse("[" + d512 + "]")).isInstanceOf(LimitExceededException.class);
        assertThat(Json.parse("[[1]]", JsonLimits.DEFAULT.withMaxDepth(2)).get(0).get(0).asLong()).isEqualTo(1);
        assertThatThrownBy(() -> Json.parse("[[[1]]]", JsonLimits.DEFAULT.withMaxDepth(2)))
                .isInstanceOf(LimitExceededException.class);
        // A very deep limit is still safe: the reader is iterative.
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        assertThat(Json.parse(deep, JsonLimits.DEFAULT.withMaxDepth(1_000_000)).isArray()).isTrue();
    }

    @Test
    void numberLengthIsLimited() throws Exception {
        String digits = "1".repeat(1000);
        assertThat(Json.parse(digits).asNumber()).isEqualTo(new BigInteger(digits));
        assertThatThrownBy(() -> Json.parse("1" + digits))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limitName()).isEqualTo("maxNumberLength"));
        assertThatThrownBy(() -> Json.parse("1e99999999999")).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void streamInputIsBounded() throws Exception {
        byte[] json = ("[" + "1,".repeat(50) + "1]").getBytes(StandardCharsets.US_ASCII);
        assertThat(Json.parse(new ByteArrayInputStream(json)).size()).isEqualTo(51);
        JsonLimits exact = JsonLimits.DEFAULT.withMaxInputBytes(json.length);
        assertThat(Json.parse(new ByteArrayInputStream(json), exact).size()).isEqualTo(51);
        JsonLimits small = JsonLimits.DEFAULT.withMaxInputBytes(json.length - 1);
        assertThatThrownBy(() -> Json.parse(new ByteArrayInputStream(json), small))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limitName()).isEqualTo("maxInputBytes"));
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) ' ');
        big[0] = '1';
        assertThat(Json.parse(new ByteArrayInputStream(big)).asLong()).isEqualTo(1);
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new JsonLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonLimits.DEFAULT.withMaxInputBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonLimits.DEFAULT.withMaxInputBytes(Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonLimits.DEFAULT.withMaxNumberLength(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeDocumentParses() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            m.put("k" + i, List.of(i, "v" + i, i % 2 == 0));
        }
        String text = Json.write(m);
        assertThat(Json.parse(text).asObject()).hasSize(10_000);
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }
}
