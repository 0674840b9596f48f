package dev.envoi.client;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed view: navigation, conversions, and errors that name the path. */
class JsonValueTest {
    private static final String DOC = "{\"items\":[{\"id\":7,\"price\":9.95,\"tags\":[\"a\"],\"next\":null}],"
            + "\"count\":1,\"big\":12345678901234567890,\"frac\":7.0,\"ok\":true}";

    @Test
    void navigation() throws Exception {
        JsonValue v = Json.parse(DOC);
        JsonValue item = v.get("items").get(0);
        assertThat(item.path()).isEqualTo("$.items[0]");
        assertThat(item.get("id").asLong()).isEqualTo(7);
        assertThat(item.get("id").asInt()).isEqualTo(7);
        assertThat(item.get("price").asBigDecimal()).isEqualTo(new BigDecimal("9.95"));
        assertThat(item.get("price").asDouble()).isEqualTo(9.95);
        assertThat(item.get("tags").elements()).extracting(JsonValue::asString).containsExactly("a");
        assertThat(item.get("tags").get(0).path()).isEqualTo("$.items[0].tags[0]");
        assertThat(item.get("next").isNull()).isTrue();
        assertThat(item.find("next").filter(n -> !n.isNull())).isEmpty();
        assertThat(v.get("frac").asLong()).isEqualTo(7);
        assertThat(v.get("ok").asBoolean()).isTrue();
        assertThat(v.size()).isEqualTo(5);
        assertThat(v.get("items").size()).isEqualTo(1);
        assertThat(v.isObject()).isTrue();
        assertThat(v.get("items").isArray()).isTrue();
        assertThat(v.get("count").isNumber()).isTrue();
        assertThat(v.get("ok").isBoolean()).isTrue();
        assertThat(item.get("tags").get(0).isString()).isTrue();
        assertThat(v.find("count").map(JsonValue::asLong)).isEqualTo(Optional.of(1L));
    }

    @Test
    void mismatchesNameThePath() throws Exception {
        JsonValue v = Json.parse(DOC);
        assertThatThrownBy(() -> v.get("items").get(0).get("id").asString())
                .isInstanceOfSatisfying(JsonTypeException.class, e -> {
                    assertThat(e.path()).isEqualTo("$.items[0].id");
                    assertThat(e.getMessage()).isEqualTo("expected a string at $.items[0].id but was a number");
                });
        assertThatThrownBy(() -> v.get("missing")).isInstanceOf(JsonTypeException.class)
                .hasMessage("expected a member \"missing\" in the object at $ but there is none");
        assertThatThrownBy(() -> v.get("items").get(3)).isInstanceOf(JsonTypeException.class)
                .hasMessageContaining("it has 1");
        assertThatThrownBy(() -> v.get("items").get("x")).isInstanceOf(JsonTypeException.class)
                .hasMessageContaining("expected an object at $.items but was an array");
        assertThatThrownBy(() -> v.get("big").asLong()).isInstanceOf(JsonTypeException.class)
                .hasMessageContaining("long range");
        assertThatThrownBy(() -> v.get("items").get(0).get("price").asLong())
                .isInstanceOf(JsonTypeException.class);
        assertThatThrownBy(() -> Json.parse("3000000000").asInt()).isInstanceOf(JsonTypeException.class)
                .hasMessageContaining("int range");
        assertThatThrownBy(() -> Json.parse("null").asBoolean()).isInstanceOf(JsonTypeException.class)
                .hasMessageContaining("but was null");
        assertThatThrownBy(() -> Json.parse("1e999999999").asLong()).isInstanceOf(JsonTypeException.class);
        assertThat(v.get("big").asBigDecimal()).isEqualTo(new BigDecimal("12345678901234567890"));
    }

    @Test
    void wrapsPlainValues() {
        JsonValue v = JsonValue.of(List.of(1, "x"));
        assertThat(v.get(0).asLong()).isEqualTo(1);
        assertThat(v.get(0).asInt()).isEqualTo(1);
        assertThat(v.toString()).isEqualTo("[1,\"x\"]");
        assertThat(JsonValue.of(v)).isEqualTo(v);
        assertThat(JsonValue.of(null).isNull()).isTrue();
        assertThat(JsonValue.of(2.5).asBigDecimal()).isEqualTo(new BigDecimal("2.5"));
    }

    @Test
    void equalityComparesValues() throws Exception {
        assertThat(Json.parse("{\"a\":[1,2]}")).isEqualTo(Json.parse(" { \"a\" : [ 1 , 2 ] } "));
        assertThat(Json.parse("{\"a\":[1,2]}").hashCode()).isEqualTo(Json.parse("{\"a\":[1,2]}").hashCode());
        assertThat(Json.parse("[1]")).isNotEqualTo(Json.parse("[2]"));
    }
}
