package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Feeds one input to a fresh parser in every way a network could split it — whole, in a direct
 * buffer, one byte at a time, and cut in two at every offset — and checks that every way gives the
 * same transcript of events (JDK Http1HeaderParserTest, Okio's OneByteAtATimeSource). Consecutive
 * BODY events are merged, since how the body is sliced depends on the split.
 */
final class Feed {
    /** A parser under test, seen through what the transcript records. */
    interface Subject {
        ParseEvent parse(ByteBuffer in) throws EnvoiException;

        ParseEvent endOfInput() throws EnvoiException;

        String head();

        ByteBuffer body();

        String complete();
    }

    /** The transcript: one line per event, and the error that ended it, if any. */
    record Result(List<String> lines, Exception error) {
        String last() {
            return lines.get(lines.size() - 1);
        }

        MalformedMessageException malformed() {
            assertThat(error).as("expected a MalformedMessageException; transcript %s", lines)
                    .isInstanceOf(MalformedMessageException.class);
            return (MalformedMessageException) error;
        }

        LimitExceededException limit() {
            assertThat(error).as("expected a LimitExceededException; transcript %s", lines)
                    .isInstanceOf(LimitExceededException.class);
            return (LimitExceededException) error;
        }

        Result ok() {
            assertThat(error).as("unexpected error; transcript %s", lines).isNull();
            return this;
        }
    }

    private Feed() {
    }

    static Result response(String message) {
        return all(() -> responseSubject(new ResponseParser(), null), bytes(message), true);
    }

    static Result response(ParserConfig config, String message) {
        return all(() -> responseSubject(new ResponseParser(config), null), bytes(message), true);
    }

    static Result responseTo(dev.envoi.core.Method method, String message) {
        return all(() -> responseSubject(new ResponseParser(), method), bytes(message), true);
    }

    static Result request(String message) {
        return all(() -> requestSubject(new RequestParser()), bytes(message), true);
    }

    static Result request(ParserConfig config, String message) {
        return all(() -> requestSubject(new RequestParser(config)), bytes(message), true);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Runs every split, asserts that they agree, and returns the transcript. */
    static Result all(Supplier<Subject> subjects, byte[] input, boolean endOfInput) {
        Result whole = run(subjects.get(), List.of(ByteBuffer.wrap(input)), endOfInput);
        ByteBuffer direct = ByteBuffer.allocateDirect(input.length).put(input).flip();
        assertSame(whole, run(subjects.get(), List.of(direct), endOfInput), "direct buffer");
        List<ByteBuffer> single = new ArrayList<>();
        for (int i = 0; i < input.length; i++) {
            single.add(ByteBuffer.wrap(input, i, 1));
        }
        assertSame(whole, run(subjects.get(), single, endOfInput), "one byte at a time");
        for (int cut = 1; cut < input.length; cut++) {
            // the first piece starts at array offset 0, the second is a slice with a non-zero arrayOffset
            List<ByteBuffer> two = List.of(ByteBuffer.wrap(input, 0, cut),
                    ByteBuffer.wrap(input, cut, input.length - cut).slice());
            assertSame(whole, run(subjects.get(), two, endOfInput), "split at " + cut);
        }
        return whole;
    }

    private static void assertSame(Result expected, Result actual, String how) {
        assertThat(actual.lines()).as(how).isEqualTo(expected.lines());
        assertThat(describe(actual.error())).as(how).isEqualTo(describe(expected.error()));
    }

    static Result run(Subject p, List<ByteBuffer> segments, boolean endOfInput) {
        List<String> lines = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        try {
            for (int k = 0; k < segments.size(); k++) {
                if (!feed(p, segments.get(k), lines, body)) {
                    StringBuilder rest = new StringBuilder();
                    for (ByteBuffer s : segments.subList(k, segments.size())) {
                        while (s.hasRemaining()) {
                            rest.append((char) (s.get() & 0xff));
                        }
                    }
                    lines.add("REST " + rest); // the bytes of the new protocol
                    return new Result(lines, null);
                }
            }
            if (endOfInput) {
                ParseEvent e = p.endOfInput();
                flush(lines, body);
                lines.add("EOF " + e + (e == ParseEvent.MESSAGE_COMPLETE ? " " + p.complete() : ""));
            }
            return new Result(lines, null);
        } catch (EnvoiException e) {
            flush(lines, body);
            lines.add("ERROR " + describe(e));
            return new Result(lines, e);
        }
    }

    /** Feeds one segment; false when the parser upgraded (the rest is recorded). */
    private static boolean feed(Subject p, ByteBuffer in, List<String> lines, StringBuilder body)
            throws EnvoiException {
        int guard = 0;
        while (true) {
            if (guard++ > 100_000) {
                throw new AssertionError("parser loops");
            }
            ParseEvent e = p.parse(in);
            switch (e) {
                case NEED_INPUT -> {
                    assertThat(in.hasRemaining()).as("NEED_INPUT with input left").isFalse();
                    return true;
                }
                case BODY -> {
                    ByteBuffer b = p.body();
                    assertThat(b.isReadOnly()).isTrue();
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
                    String done = "COMPLETE " + p.complete();
                    lines.add(done);
                    if (done.contains("upgraded=true")) {
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

    static String describe(Exception e) {
        if (e == null) {
            return "none";
        }
        if (e instanceof MalformedMessageException m) {
            return "Malformed " + m.reason() + " @" + m.offset() + " " + m.parserState() + " [" + m.rfcSection() + "]";
        }
        if (e instanceof LimitExceededException l) {
            return "Limit " + l.limitName() + "=" + l.limit() + " @" + l.offset();
        }
        return e.toString();
    }

    static Subject responseSubject(ResponseParser p, dev.envoi.core.Method method) {
        if (method != null) {
            p.expectResponseTo(method);
        }
        return new Subject() {
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
                ResponseHead h = p.head();
                assertThat(h.status().code()).isEqualTo(p.statusCode());
                assertThat(h.version()).isEqualTo(p.version());
                checkFields(h.headers(), p.fieldCount(), p::fieldName, p::fieldValue);
                String s = h.version() + " " + p.statusCode() + " '" + h.reasonPhrase() + "'" + fields(h.headers());
                return s + (h.status().isInformational() && p.statusCode() != 101 ? ""
                        : " | " + p.framing() + " keepAlive=" + p.keepAlive());
            }

            @Override
            public ByteBuffer body() {
                return p.body();
            }

            @Override
            public String complete() {
                return "keepAlive=" + p.keepAlive() + " upgraded=" + p.upgraded() + trailers(p.trailers());
            }
        };
    }

    static Subject requestSubject(RequestParser p) {
        return new Subject() {
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
                RequestHead h = p.head();
                checkFields(h.headers(), p.fieldCount(), p::fieldName, p::fieldValue);
                return h.method() + " " + h.target() + " " + h.version() + fields(h.headers()) + " | " + p.framing()
                        + " keepAlive=" + p.keepAlive();
            }

            @Override
            public ByteBuffer body() {
                return p.body();
            }

            @Override
            public String complete() {
                return "keepAlive=" + p.keepAlive() + " upgraded=" + p.upgraded() + trailers(p.trailers());
            }
        };
    }

    private static void checkFields(Headers h, int count, java.util.function.IntFunction<String> name,
            java.util.function.IntFunction<String> value) {
        assertThat(h.size()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            assertThat(name.apply(i)).isEqualTo(h.name(i));
            assertThat(value.apply(i)).isEqualTo(h.value(i));
        }
    }

    private static String fields(Headers h) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.size(); i++) {
            sb.append(" | ").append(h.name(i)).append(": ").append(h.value(i));
        }
        return sb.toString();
    }

    private static String trailers(Headers t) {
        return t.isEmpty() ? "" : " trailers=" + fields(t).substring(3);
    }
}
