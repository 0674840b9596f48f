package dev.envoi.client;

import dev.envoi.client.internal.json.JsonReader;
import dev.envoi.client.internal.json.JsonWriter;
import dev.envoi.core.LimitExceededException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A small, strict JSON (RFC 8259) reader and writer, enough for request and response bodies
 * without a dependency.
 *
 * <pre>{@code
 * JsonValue v = Json.parse("{\"items\":[{\"id\":7,\"price\":9.95}]}");
 * long id = v.get("items").get(0).get("id").asLong();          // 7
 * Map<String, Object> first = v.get("items").get(0).asObject();  // {id=7, price=9.95}
 * String text = Json.write(Map.of("key", "value"));              // {"key":"value"}
 * }</pre>
 *
 * <h2>Reading: what values become</h2>
 * <table>
 *   <caption>JSON to Java</caption>
 *   <tr><td>object</td><td>unmodifiable {@code Map<String, Object>} keeping member order</td></tr>
 *   <tr><td>array</td><td>unmodifiable {@code List<Object>}</td></tr>
 *   <tr><td>string</td><td>{@code String}</td></tr>
 *   <tr><td>integer ({@code 12}, {@code -3})</td><td>{@code Long}, or {@code BigInteger} outside the
 *       {@code long} range</td></tr>
 *   <tr><td>fraction or exponent ({@code 1.5}, {@code 1e3})</td><td>{@code BigDecimal}, exactly as
 *       written: no precision is lost to {@code double}</td></tr>
 *   <tr><td>{@code true}, {@code false}</td><td>{@code Boolean}</td></tr>
 *   <tr><td>{@code null}</td><td>Java {@code null} (maps and lists hold it; {@link JsonValue#isNull()}
 *       tells a null member from a missing one, which {@link JsonValue#has(String)} reports)</td></tr>
 * </table>
 *
 * <h2>Strictness</h2>
 * Only the RFC 8259 grammar is accepted: no comments, trailing commas, single quotes, unquoted names,
 * leading zeros ({@code 01}), {@code +1}, {@code .5}, {@code NaN} or {@code Infinity}, no unescaped
 * control characters in strings, no text after the value. Where the RFC leaves behaviour open,
 * envoi refuses: a duplicate member name ({@code §4}: which value wins differs between parsers, a
 * known smuggling vector), a lone surrogate in a {@code \}{@code u} escape ({@code §8.2}), and bytes
 * that are not UTF-8 ({@code §8.1}). A leading byte order mark is ignored, as {@code §8.1} allows.
 * Limits ({@link JsonLimits}) bound nesting, input size and number length; the reader is iterative,
 * so deep nesting never overflows the stack.
 *
 * <h2>Writing</h2>
 * {@link #write(Object)} accepts {@code null}, {@code Boolean}, {@code CharSequence}, {@code Character},
 * {@code Number} (not NaN or infinite), enums (by name), {@code Map}s with string or enum keys,
 * {@code Iterable}s, arrays, records (by component) and {@link JsonValue}s. Output is compact UTF-8
 * text; {@code "} {@code \} and control characters are escaped as §7 requires, and U+2028/U+2029 too,
 * so the text is also safe inside JavaScript. A {@code BigDecimal} without fraction digits (scale 0,
 * as {@code 1.5e1} reads) is written as an integer, {@code 15}, which reads back as a {@code Long}:
 * the same number (RFC 8259 §6) in another Java type. Cycles and unsupported types are refused with
 * an {@link IllegalArgumentException} naming the path, e.g. {@code $.items[2]}.
 */
public final class Json {
    private static final String ENCODING = "RFC 8259 §8.1";

    private Json() {
    }

    /** Parses a JSON text with {@link JsonLimits#DEFAULT}. */
    public static JsonValue parse(String text) throws JsonParseException, LimitExceededException {
        return parse(text, JsonLimits.DEFAULT);
    }

    /** Parses a JSON text; error offsets count chars. */
    public static JsonValue parse(String text, JsonLimits limits) throws JsonParseException, LimitExceededException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(limits, "limits");
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        return wrap(text, start, limits, (t, i) -> i);
    }

    /** Parses UTF-8 bytes with {@link JsonLimits#DEFAULT}. */
    public static JsonValue parse(byte[] utf8) throws JsonParseException, LimitExceededException {
        return parse(utf8, JsonLimits.DEFAULT);
    }

    /**
     * Parses UTF-8 bytes (RFC 8259 §8.1); malformed UTF-8 is refused. Error offsets count bytes.
     */
    public static JsonValue parse(byte[] utf8, JsonLimits limits) throws JsonParseException, LimitExceededException {
        Objects.requireNonNull(utf8, "utf8");
        Objects.requireNonNull(limits, "limits");
        return parseBytes(utf8, utf8.length, limits);
    }

    /** Reads and parses UTF-8 from {@code in} with {@link JsonLimits#DEFAULT}. */
    public static JsonValue parse(InputStream in) throws IOException {
        return parse(in, JsonLimits.DEFAULT);
    }

    /**
     * Reads {@code in} to its end, at most {@link JsonLimits#maxInputBytes()} bytes, and parses it.
     * The stream is not closed.
     *
     * @throws LimitExceededException if the stream holds more than {@code maxInputBytes}
     */
    public static JsonValue parse(InputStream in, JsonLimits limits) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(limits, "limits");
        long max = limits.maxInputBytes();
        byte[] buf = new byte[(int) Math.min(8192, max + 1)];
        int len = 0;
        while (true) {
            if (len == buf.length) {
                if (len > max) {
                    throw new LimitExceededException("maxInputBytes", max, max, "JSON input");
                }
                buf = Arrays.copyOf(buf, (int) Math.min(Math.min((long) len * 2, max + 1), Integer.MAX_VALUE - 8));
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                break;
            }
            len += n;
        }
        if (len > max) {
            throw new LimitExceededException("maxInputBytes", max, max, "JSON input");
        }
        return parseBytes(buf, len, limits);
    }

    /** The compact JSON text of {@code value}; see the class documentation for accepted types. */
    public static String write(Object value) {
        return JsonWriter.write(value);
    }

    /** The compact JSON text of {@code value} as UTF-8 bytes. */
    public static byte[] writeUtf8(Object value) {
        return JsonWriter.write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonValue wrap(String text, int start, JsonLimits limits, JsonReader.OffsetMapper offsets)
            throws JsonParseException, LimitExceededException {
        try {
            return JsonValue.of(JsonReader.read(text, start, limits, offsets));
        } catch (JsonParseException | LimitExceededException e) {
            throw e;
        } catch (IOException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static JsonValue parseBytes(byte[] b, int len, JsonLimits limits)
            throws JsonParseException, LimitExceededException {
        int bom = len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        if (len >= 2 && (b[0] == 0 || b[1] == 0 || (b[0] & 0xfe) == 0xfe && (b[1] & 0xfe) == 0xfe)) {
            throw new JsonParseException("expected UTF-8 but this looks like UTF-16 or UTF-32", 0, 1, 1, ENCODING);
        }
        String text = decodeUtf8(b, bom, len);
        return wrap(text, 0, limits, (t, i) -> bom + utf8Length(t, i));
    }

    private static String decodeUtf8(byte[] b, int from, int to) throws JsonParseException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError() || in.hasRemaining()) {
            out.flip();
            int line = 1;
            int column = 1;
            for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= out.length() || out.charAt(i + 1) != '\n'))) {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            throw new JsonParseException("expected UTF-8 but was the invalid byte sequence starting 0x"
                    + Integer.toHexString(b[in.position()] & 0xff), in.position(), line, column, ENCODING);
        }
        out.flip();
        return out.toString();
    }

    private static long utf8Length(String s, int end) {
        long n = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < end) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
