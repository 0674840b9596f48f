package dev.envoi.client;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer: types, escaping (RFC 8259 §7), refusals and round trips. */
class JsonWriteTest {

    enum Color { RED }

    record Point(int x, int y, String label) {
    }

    @Test
    void scalars() {
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write(true)).isEqualTo("true");
        assertThat(Json.write(42)).isEqualTo("42");
        assertThat(Json.write(-7L)).isEqualTo("-7");
        assertThat(Json.write((short) 3)).isEqualTo("3");
        assertThat(Json.write(1.5)).isEqualTo("1.5");
        assertThat(Json.write(1e21)).isEqualTo("1.0E21");
        assertThat(Json.write(-0.0)).isEqualTo("-0.0");
        assertThat(Json.write(0.1f)).isEqualTo("0.1");
        assertThat(Json.write(new BigDecimal("1e400"))).isEqualTo("1E+400");
        assertThat(Json.write(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(Json.write(new AtomicLong(5))).isEqualTo("5");
        assertThat(Json.write('x')).isEqualTo("\"x\"");
        assertThat(Json.write(Color.RED)).isEqualTo("\"RED\"");
        assertThat(Json.write(new StringBuilder("sb"))).isEqualTo("\"sb\"");
    }

    @Test
    void containers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, 2));
        m.put("a", null);
        m.put("c", Map.of());
        assertThat(Json.write(m)).isEqualTo("{\"b\":[1,2],\"a\":null,\"c\":{}}");
        assertThat(Json.write(new int[] {1, 2})).isEqualTo("[1,2]");
        assertThat(Json.write(new String[] {"x"})).isEqualTo("[\"x\"]");
        assertThat(Json.write(new double[0])).isEqualTo("[]");
        assertThat(Json.write(Set.of(1))).isEqualTo("[1]");
        assertThat(Json.write(Map.of(Color.RED, 1))).isEqualTo("{\"RED\":1}");
        assertThat(Json.write(new Point(1, 2, "p"))).isEqualTo("{\"x\":1,\"y\":2,\"label\":\"p\"}");
        assertThat(Json.write(List.of(JsonValue.of(List.of(1))))).isEqualTo("[[1]]");
    }

    @Test
    void escapesPerRfc8259Section7() {
        assertThat(Json.write("\"\\/")).isEqualTo("\"\\\"\\\\/\"");
        assertThat(Json.write("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        assertThat(Json.write("\u0000\u001f\u007f")).isEqualTo("\"\\u0000\\u001f\u007f\"");
        assertThat(Json.write("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
        assertThat(Json.write("é日𝄞")).isEqualTo("\"é日𝄞\"");
        assertThat(Json.writeUtf8("é")).containsExactly('"', 0xC3 - 256, 0xA9 - 256, '"');
    }

    @Test
    void refusesWhatJsonCannotSay() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Json.write(List.of(1, Map.of("p", Float.POSITIVE_INFINITY))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$[1].p");
        assertThatThrownBy(() -> Json.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("map key");
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> Json.write("a\uD800b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> Json.write("\uDC00")).isInstanceOf(IllegalArgumentException.class);
        Map<Object, Object> dup = new LinkedHashMap<>();
        dup.put("RED", 1);
        dup.put(Color.RED, 2);
        assertThatThrownBy(() -> Json.write(dup)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate");
    }

    @Test
    void cyclesAreDetected() {
        List<Object> list = new ArrayList<>();
        list.add(1);
        list.add(list);
        assertThatThrownBy(() -> Json.write(list)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle").hasMessageContaining("$[1]");
        Map<String, Object> m = new HashMap<>();
        m.put("self", List.of(m));
        assertThatThrownBy(() -> Json.write(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.self[0]");
        Object[] arr = new Object[1];
        arr[0] = arr;
        assertThatThrownBy(() -> Json.write(arr)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharedButAcyclicValuesAreFine() {
        List<Integer> shared = List.of(1);
        assertThat(Json.write(Arrays.asList(shared, shared))).isEqualTo("[[1],[1]]");
    }

    @Test
    void tooDeepIsRefusedWithoutStackOverflow() {
        Object v = 1;
        for (int i = 0; i < 5000; i++) {
            v = List.of(v);
        }
        Object deep = v;
        assertThatThrownBy(() -> Json.write(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deeper than");
    }

    @Test
    void writerDepthMatchesTheReaderDefault() throws Exception {
        Object v = 1;
        for (int i = 0; i < 512; i++) {
            v = List.of(v);
        }
        String text = Json.write(v);
        assertThat(Json.parse(text).isArray()).isTrue();
        Object deeper = List.of(v);
        assertThatThrownBy(() -> Json.write(deeper)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTrips() throws Exception {
        String[] texts = {
            "{\"a\":[1,-2,3.25,1E+10,\"x\\ny\",true,false,null,{}],\"b\":{\"c\":[]}}",
            "\"\\u0000\\u001f é 𝄞 \\u2028\"",
            "[9223372036854775807,-9223372036854775808,9223372036854775808,0.1,1E-7]",
        };
        for (String t : texts) {
            JsonValue v = Json.parse(t);
            assertThat(Json.write(v)).isEqualTo(t);
            assertThat(Json.parse(Json.write(v))).isEqualTo(v);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", "value");
        m.put("n", 3);
        m.put("list", List.of("café & crème", 2.5));
        JsonValue back = Json.parse(Json.writeUtf8(m));
        assertThat(back.get("key").asString()).isEqualTo("value");
        assertThat(back.get("n").asInt()).isEqualTo(3);
        assertThat(back.get("list").get(0).asString()).isEqualTo("café & crème");
        assertThat(back.get("list").get(1).asDouble()).isEqualTo(2.5);
    }
}
