package dev.envoi.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.envoi.codec.Leniency;
import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.ParserConfig;
import dev.envoi.codec.RequestParser;
import dev.envoi.codec.ResponseParser;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import dev.envoi.core.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the parsers (Jazzer). For any bytes, any {@link ParserConfig} (limits
 * and {@link Leniency} choices) and any split of the input: the parsers throw only
 * {@link EnvoiException}s, every parse loop makes progress, the transcript (events, heads, body
 * bytes, trailers, error reason and offset) is the same whole, split and byte by byte, and every
 * parsed field section equals what the validating {@link Headers#builder()} makes of its lines.
 *
 * <p>A normal build runs these in regression mode over the seeds in
 * {@code src/test/resources/dev/envoi/codec/fuzz/ParserFuzzTestInputs/}; {@code docs/FUZZING.md}
 * says how to fuzz for real.
 */
class ParserFuzzTest {
    private static final int MAX_INPUT = 1 << 14;

    @FuzzTest(maxDuration = "10s")
    void response(FuzzedDataProvider data) {
        ParserConfig config = config(data);
        Method method = switch (data.consumeInt(0, 3)) {
            case 0 -> Method.HEAD;
            case 1 -> Method.CONNECT;
            case 2 -> Method.POST;
            default -> null;
        };
        int[] cuts = cuts(data);
        byte[] input = data.consumeRemainingAsBytes();
        checkAllSplits(() -> new ResponseSubject(new ResponseParser(config), method), input, cuts);
    }

    @FuzzTest(maxDuration = "10s")
    void request(FuzzedDataProvider data) {
        ParserConfig config = config(data);
        int[] cuts = cuts(data);
        byte[] input = data.consumeRemainingAsBytes();
        checkAllSplits(() -> new RequestSubject(new RequestParser(config)), input, cuts);
    }

    private static ParserConfig config(FuzzedDataProvider data) {
        ParserConfig.Builder b = ParserConfig.builder();
        for (Leniency l : Leniency.values()) {
            if (data.consumeBoolean()) {
                b.allow(l);
            }
        }
        if (data.consumeBoolean()) { // small limits, to reach every limit check
            b.maxStartLineBytes(data.consumeInt(16, 64)).maxHeaderBytes(data.consumeInt(32, 256))
                    .maxFieldCount(data.consumeInt(0, 8)).maxChunkExtensionBytes(data.consumeInt(0, 32))
                    .maxTrailerBytes(data.consumeInt(2, 64)).maxTrailerCount(data.consumeInt(0, 4));
        }
        return b.build();
    }

    private static int[] cuts(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 4)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, MAX_INPUT);
        }
        return cuts;
    }

    private static void checkAllSplits(java.util.function.Supplier<Subject> subjects, byte[] input, int[] cuts) {
        if (input.length > MAX_INPUT) {
            input = Arrays.copyOf(input, MAX_INPUT);
        }
        List<String> whole = run(subjects.get(), List.of(ByteBuffer.wrap(input)));
        int[] at = new int[cuts.length + 2];
        for (int i = 0; i < cuts.length; i++) {
            at[i + 1] = cuts[i] % (input.length + 1);
        }
        at[at.length - 1] = input.length;
        Arrays.sort(at);
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < at.length; i++) {
            // slices, so that arrayOffset is not zero; empty pieces are legal reads too
            pieces.add(ByteBuffer.wrap(input, at[i], at[i + 1] - at[i]).slice());
        }
        assertThat(run(subjects.get(), pieces)).as("split at %s", Arrays.toString(at)).isEqualTo(whole);
        if (input.length <= 2048) {
            List<ByteBuffer> single = new ArrayList<>(input.length);
            for (int i = 0; i < input.length; i++) {
                single.add(ByteBuffer.wrap(input, i, 1));
            }
            assertThat(run(subjects.get(), single)).as("one byte at a time").isEqualTo(whole);
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(input.length).put(input).flip();
        assertThat(run(subjects.get(), List.of(direct))).as("direct buffer").isEqualTo(whole);
    }

    /** The transcript of one run; anything thrown but an EnvoiException escapes and is a finding. */
    private static List<String> run(Subject p, List<ByteBuffer> pieces) {
        List<String> lines = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        try {
            for (ByteBuffer piece : pieces) {
                if (!feed(p, piece, lines, body)) {
                    return lines; // upgraded: the rest is another protocol's
                }
            }
            ParseEvent e = p.endOfInput();
            flush(lines, body);
            lines.add("EOF " + e + (e == ParseEvent.MESSAGE_COMPLETE ? " " + p.complete() : ""));
        } catch (MalformedMessageException e) {
            flush(lines, body);
            lines.add("ERROR " + e.reason() + " @" + e.offset() + " " + e.parserState() + " [" + e.rfcSection() + "]");
        } catch (LimitExceededException e) {
            flush(lines, body);
            lines.add("LIMIT " + e.limitName() + "=" + e.limit() + " @" + e.offset());
        } catch (EnvoiException e) {
            flush(lines, body);
            lines.add("ERROR " + e);
        }
        return lines;
    }

    /** Feeds one piece; false when the parser upgraded. */
    private static boolean feed(Subject p, ByteBuffer in, List<String> lines, StringBuilder body)
            throws EnvoiException {
        // every event but NEED_INPUT consumes input or ends a message, and a message needs input
        int bound = 4 * in.remaining() + 16;
        for (int events = 0; ; events++) {
            assertThat(events).as("parse loop made no progress").isLessThan(bound);
            ParseEvent e = p.parse(in);
            switch (e) {
                case NEED_INPUT -> {
                    assertThat(in.hasRemaining()).as("NEED_INPUT with input left").isFalse();
                    return true;
                }
                case BODY -> {
                    ByteBuffer b = p.body();
                    assertThat(b.hasRemaining()).as("empty BODY event").isTrue();
                    while (b.hasRemaining()) {
                        body.append((char) (b.get() & 0xff));
                    }
                }
                case INTERIM_HEAD, HEAD -> {
                    flush(lines, body);
                    lines.add(e + " " + p.head());
                }
                case MESSAGE_COMPLETE -> {
                    flush(lines, body);
                    lines.add("COMPLETE " + p.complete());
                    if (p.upgraded()) {
                        return false;
                    }
                }
            }
        }
    }

    private static void flush(List<String> lines, StringBuilder body) {
        if (body.length() > 0) {
            lines.add("BODY " + body);
            body.setLength(0);
        }
    }

    /** Parsed fields must be exactly what the validating builder accepts and makes of the same lines. */
    static String checked(Headers parsed) {
        Headers.Builder b = Headers.builder();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parsed.size(); i++) {
            b.add(parsed.name(i), parsed.value(i));
            sb.append(" | ").append(parsed.name(i)).append(": ").append(parsed.value(i));
        }
        Headers built = b.build();
        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.hashCode()).isEqualTo(built.hashCode());
        return sb.toString();
    }

    /** A parser under test, seen through what the transcript records. */
    private interface Subject {
        ParseEvent parse(ByteBuffer in) throws EnvoiException;

        ParseEvent endOfInput() throws EnvoiException;

        String head();

        ByteBuffer body();

        boolean upgraded();

        String complete();
    }

    private record ResponseSubject(ResponseParser p, Method method) implements Subject {
        ResponseSubject {
            if (method != null) {
                p.expectResponseTo(method);
            }
        }

        @Override
        public ParseEvent parse(ByteBuffer in) throws EnvoiException {
            return p.parse(in);
        }

        @Override
        public ParseEvent endOfInput() throws EnvoiException {
            return p.endOfInput();
        }

        @Override
        public String head() {
            var h = p.head();
            assertThat(h.status().code()).isEqualTo(p.statusCode());
            assertThat(h.headers().size()).isEqualTo(p.fieldCount());
            String s = h.version() + " " + p.statusCode() + " '" + h.reasonPhrase() + "'" + checked(h.headers());
            return s + (p.statusCode() < 200 && p.statusCode() != 101 ? ""
                    : " | " + p.framing() + " " + p.contentLength() + " keepAlive=" + p.keepAlive());
        }

        @Override
        public ByteBuffer body() {
            return p.body();
        }

        @Override
        public boolean upgraded() {
            return p.upgraded();
        }

        @Override
        public String complete() {
            return "keepAlive=" + p.keepAlive() + " upgraded=" + p.upgraded() + " trailers" + checked(p.trailers());
        }
    }

    private record RequestSubject(RequestParser p) implements Subject {
        @Override
        public ParseEvent parse(ByteBuffer in) throws EnvoiException {
            ParseEvent e = p.parse(in);
            assertThat(e).isNotEqualTo(ParseEvent.INTERIM_HEAD);
            return e;
        }

        @Override
        public ParseEvent endOfInput() throws EnvoiException {
            return p.endOfInput();
        }

        @Override
        public String head() {
            var h = p.head();
            assertThat(h.headers().size()).isEqualTo(p.fieldCount());
            assertThat(h.target()).isEqualTo(p.target());
            return h.method() + " " + h.target() + " " + h.version() + checked(h.headers()) + " | " + p.framing()
                    + " " + p.contentLength() + " keepAlive=" + p.keepAlive();
        }

        @Override
        public ByteBuffer body() {
            return p.body();
        }

        @Override
        public boolean upgraded() {
            return p.upgraded();
        }

        @Override
        public String complete() {
            return "keepAlive=" + p.keepAlive() + " upgraded=" + p.upgraded() + " trailers" + checked(p.trailers());
        }
    }
}
