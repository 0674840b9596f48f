package dev.envoi.client.internal.json;

import dev.envoi.client.JsonLimits;
import dev.envoi.client.JsonValue;

import java.lang.reflect.Array;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes Java values as compact RFC 8259 text. Caller mistakes (a cycle, {@code NaN}, a map key that
 * is not text, a type with no JSON form, a lone surrogate) are {@link IllegalArgumentException}s
 * naming the path of the offending value, e.g. {@code $.items[2].price}.
 */
public final class JsonWriter {
    /**
     * Nesting bound for the recursive walk, the reader's default so that what is written can be
     * read back; cycles are caught exactly, before it matters.
     */
    static final int MAX_DEPTH = JsonLimits.DEFAULT_MAX_DEPTH;

    private final StringBuilder out = new StringBuilder(64);
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Member names (String) and indexes (Integer) from the root; the path is built only for errors. */
    private final ArrayList<Object> steps = new ArrayList<>();

    private JsonWriter() {
    }

    /** The JSON text of {@code value}. */
    public static String write(Object value) {
        JsonWriter w = new JsonWriter();
        w.value(value, 0);
        return w.out.toString();
    }

    private void value(Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof CharSequence || v instanceof Character) {
            string(v.toString());
        } else if (v instanceof Boolean) {
            out.append(v.toString());
        } else if (v instanceof Number) {
            number((Number) v);
        } else if (v instanceof JsonValue) {
            value(((JsonValue) v).value(), depth);
        } else if (v instanceof Enum) {
            string(((Enum<?>) v).name());
        } else {
            container(v, depth);
        }
    }

    private void child(Object v, Object step, int depth) {
        steps.add(step);
        value(v, depth + 1);
        steps.remove(steps.size() - 1);
    }

    /** The path of the value being written, e.g. {@code $.items[2].price}. */
    private String path() {
        StringBuilder p = new StringBuilder("$");
        for (Object step : steps) {
            if (step instanceof Integer) {
                p.append('[').append(step).append(']');
            } else {
                p.append('.').append(step);
            }
        }
        return p.toString();
    }

    private void container(Object v, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("cannot write JSON nested deeper than " + MAX_DEPTH + " at " + path());
        }
        if (!open.add(v)) {
            throw new IllegalArgumentException("cannot write a cycle as JSON: the value at " + path()
                    + " contains itself");
        }
        if (v instanceof Map) {
            map((Map<?, ?>) v, depth);
        } else if (v instanceof Iterable) {
            int i = 0;
            out.append('[');
            for (Object e : (Iterable<?>) v) {
                if (i > 0) {
                    out.append(',');
                }
                child(e, i++, depth);
            }
            out.append(']');
        } else if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            out.append('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                child(Array.get(v, i), i, depth);
            }
            out.append(']');
        } else if (v instanceof Record) {
            record((Record) v, depth);
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON at " + path()
                    + ": use a Map, List, array, record, String, Number, Boolean, enum or null");
        }
        open.remove(v);
    }

    private void map(Map<?, ?> map, int depth) {
        Set<String> names = new HashSet<>();
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object k = e.getKey();
            String name;
            if (k instanceof CharSequence || k instanceof Character) {
                name = k.toString();
            } else if (k instanceof Enum) {
                name = ((Enum<?>) k).name();
            } else {
                throw new IllegalArgumentException("cannot write a map key of type "
                        + (k == null ? "null" : k.getClass().getName()) + " as a JSON member name at " + path()
                        + ": keys must be strings or enums");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("duplicate JSON member name \"" + name + "\" at " + path());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(name);
            out.append(':');
            child(e.getValue(), name, depth);
        }
        out.append('}');
    }

    private void record(Record r, int depth) {
        out.append('{');
        boolean first = true;
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(c.getName());
            out.append(':');
            child(component(r, c), c.getName(), depth);
        }
        out.append('}');
    }

    private Object component(Record r, RecordComponent c) {
        Method accessor = c.getAccessor();
        try {
            try {
                accessor.setAccessible(true);
            } catch (InaccessibleObjectException | SecurityException notOpen) {
                // Still works if the record is public in an exported package; invoke says if not.
            }
            return accessor.invoke(r);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot read record " + r.getClass().getName() + " at " + path()
                    + ": make it public in an exported package, or open its package to dev.envoi.client", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("record accessor " + accessor.getName() + "() at " + path()
                    + " threw " + e.getCause(), e.getCause());
        }
    }

    private void number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("cannot write " + d + " as JSON at " + path()
                        + ": RFC 8259 §6 numbers have no NaN or Infinity");
            }
            out.append(n.toString());
        } else if (n instanceof BigDecimal d) {
            decimal(d);
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof AtomicInteger || n instanceof AtomicLong) {
            out.append(n.toString());
        } else {
            String s = n.toString();
            if (!isJsonNumber(s)) {
                throw new IllegalArgumentException("cannot write " + n.getClass().getName() + " \"" + s
                        + "\" as a JSON number at " + path() + " (RFC 8259 §6)");
            }
            out.append(s);
        }
    }

    /**
     * {@code toString()} writes the adjusted exponent, precision - 1 - scale, which for a scale near
     * {@code Integer.MIN_VALUE} does not fit in 32 bits: {@code 10e2147483647} would be written as
     * {@code 1.0E+2147483648}, a number no reader (this one and {@code BigDecimal} included) reads
     * back. Such a number is written as its unscaled value and the exponent -scale, as it was read.
     */
    private void decimal(BigDecimal d) {
        long adjusted = d.precision() - 1L - d.scale();
        if (adjusted <= Integer.MAX_VALUE) {
            out.append(d.toString());
        } else {
            out.append(d.unscaledValue().toString()).append('E').append(-(long) d.scale());
        }
    }

    /** Whether {@code s} matches {@code number} of RFC 8259 §6 exactly. */
    static boolean isJsonNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n || !digit(s.charAt(i))) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else {
            while (i < n && digit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && s.charAt(i) == '.') {
            int from = ++i;
            while (i < n && digit(s.charAt(i))) {
                i++;
            }
            if (i == from) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int from = i;
            while (i < n && digit(s.charAt(i))) {
                i++;
            }
            if (i == from) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private void string(String s) {
        out.append('"');
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("cannot write a lone surrogate U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i
                        + " of the string at " + path() + " (RFC 8259 §8.2)");
            }
            out.append(s, run, i);
            run = i + 1;
            escape(c);
        }
        out.append(s, run, n).append('"');
    }

    /** Escapes per RFC 8259 §7; U+2028 and U+2029 too, so the text is safe inside JavaScript. */
    private void escape(char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                    .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
        }
    }
}
