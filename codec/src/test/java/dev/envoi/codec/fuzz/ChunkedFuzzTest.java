package dev.envoi.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.envoi.codec.Leniency;
import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.ParserConfig;
import dev.envoi.codec.ResponseParser;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the chunked decoder (RFC 9112 §7.1) through {@link ResponseParser}: a
 * fixed response head with {@code Transfer-Encoding: chunked}, then fuzzed bytes as the body, under
 * any {@link Leniency} choice and small chunk-extension and trailer limits. Only
 * {@link EnvoiException}s may be thrown, and the transcript (chunk headers seen by the
 * {@link dev.envoi.codec.ChunkObserver}, body bytes, trailers, error reason and offset) must be the
 * same whole, split at any points, and byte by byte.
 *
 * <p>A normal build replays the seeds in
 * {@code src/test/resources/dev/envoi/codec/fuzz/ChunkedFuzzTestInputs/chunked/}; see
 * {@code docs/FUZZING.md}.
 */
class ChunkedFuzzTest {
    private static final int MAX_BODY = 1 << 13;
    private static final byte[] HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "10s")
    void chunked(FuzzedDataProvider data) {
        ParserConfig config = config(data);
        int[] cuts = new int[data.consumeInt(0, 6)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, Integer.MAX_VALUE);
        }
        byte[] body = data.consumeRemainingAsBytes();
        byte[] input = new byte[HEAD.length + Math.min(body.length, MAX_BODY)];
        System.arraycopy(HEAD, 0, input, 0, HEAD.length);
        System.arraycopy(body, 0, input, HEAD.length, input.length - HEAD.length);

        List<String> whole = run(config, List.of(ByteBuffer.wrap(input)));
        int[] at = new int[cuts.length + 2];
        for (int i = 0; i < cuts.length; i++) {
            at[i + 1] = cuts[i] % (input.length + 1);
        }
        at[at.length - 1] = input.length;
        Arrays.sort(at);
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < at.length; i++) {
            pieces.add(ByteBuffer.wrap(input, at[i], at[i + 1] - at[i]).slice());
        }
        assertThat(run(config, pieces)).as("split at %s", Arrays.toString(at)).isEqualTo(whole);
        if (input.length <= 1024) {
            List<ByteBuffer> single = new ArrayList<>(input.length);
            for (int i = 0; i < input.length; i++) {
                single.add(ByteBuffer.wrap(input, i, 1));
            }
            assertThat(run(config, single)).as("one byte at a time").isEqualTo(whole);
        }
    }

    private static ParserConfig config(FuzzedDataProvider data) {
        ParserConfig.Builder b = ParserConfig.builder();
        for (Leniency l : Leniency.values()) {
            if (data.consumeBoolean()) {
                b.allow(l);
            }
        }
        if (data.consumeBoolean()) { // small limits, to reach every limit check of the chunked coding
            b.maxChunkExtensionBytes(data.consumeInt(0, 32)).maxTrailerBytes(data.consumeInt(2, 64))
                    .maxTrailerCount(data.consumeInt(0, 4)).maxFieldCount(data.consumeInt(1, 4));
        }
        return b.build();
    }

    /** The transcript of one run; anything thrown but an EnvoiException escapes and is a finding. */
    private static List<String> run(ParserConfig config, List<ByteBuffer> pieces) {
        ResponseParser p = new ResponseParser(config);
        List<String> lines = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        p.setChunkObserver((size, extensions) -> {
            flush(lines, body);
            StringBuilder sb = new StringBuilder("CHUNK ").append(size);
            for (String[] ext : extensions) {
                assertThat(ext).hasSize(2);
                sb.append(" ;").append(ext[0]).append('=').append(ext[1]);
            }
            lines.add(sb.toString());
        });
        try {
            for (ByteBuffer piece : pieces) {
                if (!feed(p, piece, lines, body)) {
                    return lines;
                }
            }
            ParseEvent e = p.endOfInput();
            flush(lines, body);
            lines.add("EOF " + e);
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

    /** Feeds one piece; false once the parser upgraded (not expected of a 200, but not the point). */
    private static boolean feed(ResponseParser p, ByteBuffer in, List<String> lines, StringBuilder body)
            throws EnvoiException {
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
                    lines.add(e + " " + p.statusCode() + " " + p.framing() + fields(p.head().headers()));
                }
                case MESSAGE_COMPLETE -> {
                    flush(lines, body);
                    lines.add("COMPLETE keepAlive=" + p.keepAlive() + " trailers" + fields(p.trailers()));
                    if (p.upgraded()) {
                        return false;
                    }
                }
            }
        }
    }

    private static String fields(Headers h) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.size(); i++) {
            sb.append(" | ").append(h.name(i)).append(": ").append(h.value(i));
        }
        return sb.toString();
    }

    private static void flush(List<String> lines, StringBuilder body) {
        if (body.length() > 0) {
            lines.add("BODY " + body);
            body.setLength(0);
        }
    }
}
