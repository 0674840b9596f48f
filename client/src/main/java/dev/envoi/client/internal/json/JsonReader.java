package dev.envoi.client.internal.json;

import dev.envoi.client.JsonLimits;
import dev.envoi.client.JsonParseException;
import dev.envoi.core.LimitExceededException;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, iterative RFC 8259 reader producing plain Java values: unmodifiable
 * {@code LinkedHashMap}-backed maps, unmodifiable lists, {@code String}, {@code Long} (integers in
 * range), {@code BigInteger} (larger integers), {@code BigDecimal} (fractions and exponents),
 * {@code Boolean} and {@code null}.
 *
 * <p>Iterative rather than recursive: open containers live on an explicit stack, so nesting depth
 * is bounded only by {@link JsonLimits#maxDepth()}, never by the thread's stack.
 */
public final class JsonReader {
    private static final String GRAMMAR = "RFC 8259 §2";
    private static final String OBJECTS = "RFC 8259 §4";
    private static final String NUMBERS = "RFC 8259 §6";
    private static final String STRINGS = "RFC 8259 §7";

    private final String in;
    private final int end;
    private final JsonLimits limits;
    private final OffsetMapper offsets;
    private int pos;

    /** Maps a char index of the text to the offset reported in errors (bytes for byte input). */
    public interface OffsetMapper {
        long offsetOf(String text, int charIndex);
    }

    private JsonReader(String in, int start, JsonLimits limits, OffsetMapper offsets) {
        this.in = in;
        this.end = in.length();
        this.limits = limits;
        this.offsets = offsets;
        this.pos = start;
    }

    /**
     * Reads the single JSON value that {@code text} holds from {@code start}, refusing anything but
     * whitespace after it.
     */
    public static Object read(String text, int start, JsonLimits limits, OffsetMapper offsets) throws IOException {
        return new JsonReader(text, start, limits, offsets).readDocument();
    }

    private Object readDocument() throws IOException {
        Object value = readValueTree();
        skipWhitespace();
        if (pos < end) {
            throw error("expected the end of the text after the value but was " + describe(pos), GRAMMAR);
        }
        return value;
    }

    /** Marks that a container was opened and the next thing to read is its first value. */
    private static final Object OPENED = new Object();

    // Containers being built, innermost last; names.get(i) is the pending member name of an object.
    private final ArrayList<Object> containers = new ArrayList<>();
    private final ArrayList<String> names = new ArrayList<>();

    private Object readValueTree() throws IOException {
        while (true) {
            Object value = readValueOrOpen();
            if (value != OPENED) {
                value = attach(value);
                if (value != OPENED) {
                    return value;
                }
            }
        }
    }

    /** Reads a scalar or an empty container, or opens a container and returns {@link #OPENED}. */
    private Object readValueOrOpen() throws IOException {
        skipWhitespace();
        char c = pos < end ? in.charAt(pos) : 0;
        if (c != '{' && c != '[') {
            return readScalar(c);
        }
        if (containers.size() >= limits.maxDepth()) {
            throw new LimitExceededException("maxDepth", limits.maxDepth(), offsets.offsetOf(in, pos),
                    "JSON nesting depth");
        }
        pos++;
        skipWhitespace();
        if (pos < end && in.charAt(pos) == (c == '{' ? '}' : ']')) {
            pos++;
            return c == '{' ? Collections.emptyMap() : Collections.emptyList();
        }
        if (c == '{') {
            LinkedHashMap<String, Object> map = new LinkedHashMap<>();
            containers.add(map);
            names.add(readMemberName(map));
        } else {
            containers.add(new ArrayList<>());
            names.add(null);
        }
        return OPENED;
    }

    /**
     * Adds a finished value to the innermost container and closes every container that ends right
     * after it. Returns the root when the outermost one closed (or there was none), else
     * {@link #OPENED} when another value of an open container follows.
     */
    @SuppressWarnings("unchecked")
    private Object attach(Object value) throws IOException {
        while (true) {
            int top = containers.size() - 1;
            if (top < 0) {
                return value;
            }
            Object container = containers.get(top);
            boolean isObject = container instanceof Map;
            if (isObject) {
                ((Map<String, Object>) container).put(names.get(top), value);
            } else {
                ((List<Object>) container).add(value);
            }
            skipWhitespace();
            char next = pos < end ? in.charAt(pos) : 0;
            if (next == ',') {
                pos++;
                if (isObject) {
                    names.set(top, readMemberName((Map<String, Object>) container));
                }
                return OPENED;
            }
            if (next != (isObject ? '}' : ']')) {
                throw error(isObject ? "expected ',' or '}' after an object member but was " + describe(pos)
                        : "expected ',' or ']' after an array element but was " + describe(pos),
                        isObject ? OBJECTS : "RFC 8259 §5");
            }
            pos++;
            containers.remove(top);
            names.remove(top);
            value = freeze(container);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(Object container) {
        return container instanceof Map
                ? Collections.unmodifiableMap((Map<String, Object>) container)
                : Collections.unmodifiableList((List<Object>) container);
    }

    /** Reads {@code ws string ws ":"}, refusing a name the object already has. */
    private String readMemberName(Map<String, Object> map) throws IOException {
        skipWhitespace();
        int at = pos;
        if (pos >= end || in.charAt(pos) != '"') {
            throw error("expected a member name in double quotes but was " + describe(pos), OBJECTS);
        }
        String name = readString();
        if (map.containsKey(name)) {
            pos = at;
            throw error("duplicate member name \"" + shorten(name) + "\" (envoi refuses duplicates: which one"
                    + " a receiver keeps is unpredictable)", OBJECTS);
        }
        skipWhitespace();
        if (pos >= end || in.charAt(pos) != ':') {
            throw error("expected ':' after a member name but was " + describe(pos), OBJECTS);
        }
        pos++;
        return name;
    }

    private Object readScalar(char c) throws IOException {
        switch (c) {
            case '"':
                return readString();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("expected a value (object, array, string, number, true, false or null) but was "
                        + describe(pos), GRAMMAR);
        }
    }

    private Object literal(String word, Object value) throws IOException {
        if (!in.startsWith(word, pos)) {
            int to = Math.min(end, pos + word.length());
            StringBuilder seen = new StringBuilder();
            for (int i = pos; i < to; i++) {
                char c = in.charAt(i);
                seen.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : hex4(c));
            }
            throw error("expected '" + word + "' but was \"" + seen + "\"", GRAMMAR);
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < end) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    // ---- strings (RFC 8259 §7) ----

    private String readString() throws IOException {
        int start = ++pos;
        // Fast path: no escapes, so the value is a substring.
        while (pos < end) {
            char c = in.charAt(pos);
            if (c == '"') {
                return in.substring(start, pos++);
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                break;
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder((pos - start) + 16);
        sb.append(in, start, pos);
        while (true) {
            if (pos >= end) {
                throw error("expected '\"' to close the string but the text ended", STRINGS);
            }
            char c = in.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            } else if (c == '\\') {
                readEscape(sb);
            } else if (c < 0x20) {
                throw error("expected a character but was the control character " + describe(pos)
                        + ", which must be escaped", STRINGS);
            } else if (Character.isHighSurrogate(c) && pos + 1 < end && Character.isLowSurrogate(in.charAt(pos + 1))) {
                sb.append(c).append(in.charAt(pos + 1));
                pos += 2;
            } else if (Character.isSurrogate(c)) {
                throw error("lone surrogate " + hex4(c) + " in a string", "RFC 8259 §8.2");
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    private void readEscape(StringBuilder sb) throws IOException {
        int at = pos;
        if (pos + 1 >= end) {
            throw error("expected an escape character after '\\' but the text ended", STRINGS);
        }
        char e = in.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> readUnicodeEscape(sb, at);
            default -> {
                pos = at;
                throw error("expected one of \" \\ / b f n r t u after '\\' but was " + describe(at + 1), STRINGS);
            }
        }
    }

    private void readUnicodeEscape(StringBuilder sb, int at) throws IOException {
        char c = (char) hexQuad(pos);
        pos += 4;
        if (Character.isHighSurrogate(c)) {
            if (pos + 6 <= end && in.charAt(pos) == '\\' && in.charAt(pos + 1) == 'u') {
                char low = (char) hexQuad(pos + 2);
                if (Character.isLowSurrogate(low)) {
                    pos += 6;
                    sb.append(c).append(low);
                    return;
                }
            }
            pos = at;
            throw error("lone surrogate \\u" + hex4(c).substring(2) + " (a high surrogate not followed by a low one)",
                    "RFC 8259 §8.2");
        }
        if (Character.isLowSurrogate(c)) {
            pos = at;
            throw error("lone surrogate \\u" + hex4(c).substring(2) + " (a low surrogate without a high one)",
                    "RFC 8259 §8.2");
        }
        sb.append(c);
    }

    private int hexQuad(int from) throws IOException {
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = i < end ? Character.digit(in.charAt(i), 16) : -1;
            if (d < 0 || in.charAt(i) > 'f') {
                pos = i;
                throw error("expected 4 hex digits after \\u but was " + describe(i), STRINGS);
            }
            v = (v << 4) | d;
        }
        return v;
    }

    // ---- numbers (RFC 8259 §6) ----

    private Object readNumber() throws IOException {
        int start = pos;
        boolean negative = in.charAt(pos) == '-';
        if (negative) {
            pos++;
        }
        int intStart = pos;
        if (pos >= end || !isDigit(in.charAt(pos))) {
            throw error("expected a digit but was " + describe(pos), NUMBERS);
        }
        if (in.charAt(pos) == '0') {
            pos++;
            if (pos < end && isDigit(in.charAt(pos))) {
                throw error("leading zero in a number", NUMBERS);
            }
        } else {
            skipDigits();
        }
        int intEnd = pos;
        boolean integral = true;
        if (pos < end && in.charAt(pos) == '.') {
            pos++;
            requireDigit("after '.'");
            skipDigits();
            integral = false;
        }
        if (pos < end && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
            pos++;
            if (pos < end && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
                pos++;
            }
            requireDigit("in the exponent");
            skipDigits();
            integral = false;
        }
        if (pos - start > limits.maxNumberLength()) {
            throw new LimitExceededException("maxNumberLength", limits.maxNumberLength(),
                    offsets.offsetOf(in, start), "JSON number literal of " + (pos - start) + " chars");
        }
        if (integral && intEnd - intStart <= 18) {
            long v = 0;
            for (int i = intStart; i < intEnd; i++) {
                v = v * 10 + (in.charAt(i) - '0');
            }
            return negative ? -v : v;
        }
        String literal = in.substring(start, pos);
        if (integral) {
            BigInteger big = new BigInteger(literal);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        try {
            return new BigDecimal(literal);
        } catch (NumberFormatException exponentOutOfIntRange) {
            pos = start;
            throw error("number out of range: its exponent does not fit in 32 bits", NUMBERS);
        }
    }

    private void requireDigit(String where) throws IOException {
        if (pos >= end || !isDigit(in.charAt(pos))) {
            throw error("expected a digit " + where + " but was " + describe(pos), NUMBERS);
        }
    }

    private void skipDigits() {
        while (pos < end && isDigit(in.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---- errors ----

    private JsonParseException error(String reason, String section) {
        int at = Math.min(pos, end);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            char c = in.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= at || in.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonParseException(reason, offsets.offsetOf(in, at), line, at - lineStart + 1, section);
    }

    private String describe(int at) {
        if (at >= end) {
            return "the end of the text";
        }
        char c = in.charAt(at);
        if (c >= 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return hex4(c);
    }

    private static String hex4(char c) {
        String h = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        return "U+" + "0000".substring(h.length()) + h;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
