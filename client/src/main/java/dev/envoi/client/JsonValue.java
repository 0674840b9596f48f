package dev.envoi.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed view of one JSON value, as {@link Json#parse} returns it: navigate with {@link #get(String)}
 * and {@link #get(int)}, convert with the {@code as...} methods.
 *
 * <pre>{@code
 * JsonValue v = Json.parse(body);
 * Map<String, Object> obj = v.asObject();                 // plain Java values underneath
 * long id = v.get("items").get(0).get("id").asLong();
 * for (JsonValue item : v.get("items").elements()) { ... }
 * Optional<String> next = v.find("next").filter(n -> !n.isNull()).map(JsonValue::asString);
 * }</pre>
 *
 * <p>The view wraps the plain value ({@link #value()}: {@code Map}, {@code List}, {@code String},
 * {@code Long}, {@code BigInteger}, {@code BigDecimal}, {@code Boolean} or {@code null}, see
 * {@link Json}) and remembers its path from the root, so a wrong expectation fails with a
 * {@link JsonTypeException} that says where: {@code expected a string at $.items[0].id but was a number}.
 * Values are immutable when they came from {@link Json#parse}; equality compares the wrapped values.
 * {@link #toString()} is the value's JSON text.
 */
public final class JsonValue {
    private final Object value;
    private final String path;

    private JsonValue(Object value, String path) {
        this.value = value;
        this.path = path;
    }

    /** A view of a plain Java value (usually one that {@link Json#parse} produced); {@code null} is JSON null. */
    public static JsonValue of(Object value) {
        return new JsonValue(value instanceof JsonValue ? ((JsonValue) value).value : value, "$");
    }

    /** The wrapped plain value; {@code null} for JSON null. */
    public Object value() {
        return value;
    }

    /** The path of this value from the root, e.g. {@code $.items[0].id}; the root is {@code $}. */
    public String path() {
        return path;
    }

    /** Whether this is JSON {@code null}. */
    public boolean isNull() {
        return value == null;
    }

    /** Whether this is an object. */
    public boolean isObject() {
        return value instanceof Map;
    }

    /** Whether this is an array. */
    public boolean isArray() {
        return value instanceof List;
    }

    /** Whether this is a string. */
    public boolean isString() {
        return value instanceof String;
    }

    /** Whether this is a number. */
    public boolean isNumber() {
        return value instanceof Number;
    }

    /** Whether this is {@code true} or {@code false}. */
    public boolean isBoolean() {
        return value instanceof Boolean;
    }

    /** This object as a map of plain values, in member order. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asObject() {
        return (Map<String, Object>) expect(Map.class, "an object");
    }

    /** This array as a list of plain values. */
    @SuppressWarnings("unchecked")
    public List<Object> asArray() {
        return (List<Object>) expect(List.class, "an array");
    }

    /** This string. */
    public String asString() {
        return (String) expect(String.class, "a string");
    }

    /** This boolean. */
    public boolean asBoolean() {
        return (Boolean) expect(Boolean.class, "a boolean");
    }

    /** This number as it was read: {@code Long}, {@code BigInteger} or {@code BigDecimal}. */
    public Number asNumber() {
        return (Number) expect(Number.class, "a number");
    }

    /**
     * This number as a {@code long}, if it is integral and in range: {@code 7}, {@code 7.0} and
     * {@code 7e0} give 7; {@code 7.5} and {@code 1e19} fail.
     */
    public long asLong() {
        Number n = asNumber();
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        try {
            return toBigDecimal(n).longValueExact();
        } catch (ArithmeticException notIntegralOrTooLarge) {
            throw mismatch("an integer in the long range", n.toString());
        }
    }

    /** This number as an {@code int}, if it is integral and in range. */
    public int asInt() {
        long v = asLong();
        if (v != (int) v) {
            throw mismatch("an integer in the int range", Long.toString(v));
        }
        return (int) v;
    }

    /**
     * This number as the nearest {@code double}. Precision may be lost, and a number beyond the
     * {@code double} range (such as {@code 1e400}) becomes an infinity; use {@link #asBigDecimal()}
     * to keep every digit.
     */
    public double asDouble() {
        return asNumber().doubleValue();
    }

    /** This number exactly, as a {@code BigDecimal}. */
    public BigDecimal asBigDecimal() {
        return toBigDecimal(asNumber());
    }

    /** The member {@code name} of this object; fails if this is not an object or has no such member. */
    public JsonValue get(String name) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> map = asObject();
        if (!map.containsKey(name)) {
            throw new JsonTypeException("expected a member \"" + name + "\" in the object at " + path
                    + " but there is none", path);
        }
        return new JsonValue(map.get(name), path + '.' + name);
    }

    /** The member {@code name} of this object, or empty if there is none; fails if this is not an object. */
    public Optional<JsonValue> find(String name) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> map = asObject();
        return map.containsKey(name) ? Optional.of(new JsonValue(map.get(name), path + '.' + name)) : Optional.empty();
    }

    /** Whether this is an object with a member {@code name} (whose value may be null). */
    public boolean has(String name) {
        Objects.requireNonNull(name, "name");
        return value instanceof Map && ((Map<?, ?>) value).containsKey(name);
    }

    /** Element {@code index} of this array. */
    public JsonValue get(int index) {
        List<Object> list = asArray();
        if (index < 0 || index >= list.size()) {
            throw new JsonTypeException("expected an element " + index + " in the array at " + path
                    + " but it has " + list.size(), path);
        }
        return new JsonValue(list.get(index), path + '[' + index + ']');
    }

    /** The number of elements of an array or members of an object. */
    public int size() {
        if (value instanceof Map) {
            return ((Map<?, ?>) value).size();
        }
        return asArray().size();
    }

    /** The elements of this array as views, for iteration. */
    public List<JsonValue> elements() {
        List<Object> list = asArray();
        List<JsonValue> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(new JsonValue(list.get(i), path + '[' + i + ']'));
        }
        return Collections.unmodifiableList(out);
    }

    private Object expect(Class<?> type, String what) {
        if (!type.isInstance(value)) {
            throw mismatch(what, null);
        }
        return value;
    }

    private JsonTypeException mismatch(String what, String shown) {
        String actual = shown != null ? shown : kind();
        return new JsonTypeException("expected " + what + " at " + path + " but was " + actual, path);
    }

    private String kind() {
        if (value == null) {
            return "null";
        } else if (value instanceof Map) {
            return "an object";
        } else if (value instanceof List) {
            return "an array";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a " + value.getClass().getName();
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        } else if (n instanceof BigInteger) {
            return new BigDecimal((BigInteger) n);
        } else if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.toString());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonValue && Objects.equals(value, ((JsonValue) o).value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    /** The JSON text of this value. */
    @Override
    public String toString() {
        return Json.write(value);
    }
}
