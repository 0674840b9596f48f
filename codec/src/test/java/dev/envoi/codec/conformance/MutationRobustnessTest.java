package dev.envoi.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.ParserConfig;
import dev.envoi.codec.RequestParser;
import dev.envoi.codec.ResponseParser;
import dev.envoi.core.EnvoiException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input never crashes or hangs: every conformance message is mutated many times (bytes flipped,
 * CR/LF/NUL/SP/colon/digits inserted, pieces cut or repeated) and fed to the parsers at random split
 * points. Each run must end in events or an {@link EnvoiException} — never another exception, and
 * never a parse loop that stops consuming. Bounded: a fixed number of mutations with a fixed seed.
 */
class MutationRobustnessTest {
    private static final int MUTATIONS_PER_CASE = 40;
    private static final byte[] INTERESTING = {'\r', '\n', 0, ' ', '\t', ':', ';', ',', '0', '9', 'f', 'x', '-', '+',
            '"', '\\', (byte) 0x80, (byte) 0xff, 0x0b, 0x7f};

    @Test
    void mutatedMessagesGiveEventsOrTypedErrors() throws Exception {
        List<ConformanceCase> cases = new ArrayList<>(ConformanceTest.load("http1-llhttp.jsonl"));
        cases.addAll(ConformanceTest.load("http1-http-parser.jsonl"));
        Random random = new Random(0xbadc0deL);
        int runs = 0;
        int rejected = 0;
        for (ConformanceCase c : cases) {
            for (int m = 0; m < MUTATIONS_PER_CASE; m++) {
                byte[] input = mutate(c.raw(), random);
                int cut = input.length == 0 ? 0 : random.nextInt(input.length + 1);
                try {
                    feed(c.request(), input, cut);
                } catch (EnvoiException expected) {
                    rejected++;
                } catch (RuntimeException e) {
                    throw new AssertionError("parser crashed on a mutation of " + c.id() + ": "
                            + dev.envoi.core.MalformedMessageException.escape(input, 0, input.length), e);
                }
                runs++;
            }
        }
        System.out.printf("mutation robustness: %d runs, %d rejected with a typed error%n", runs, rejected);
        assertThat(runs).isEqualTo(cases.size() * MUTATIONS_PER_CASE);
    }

    private static void feed(boolean request, byte[] input, int cut) throws EnvoiException {
        RequestParser rq = request ? new RequestParser(ParserConfig.DEFAULT) : null;
        ResponseParser rs = request ? null : new ResponseParser(ParserConfig.DEFAULT);
        for (ByteBuffer piece : new ByteBuffer[] {ByteBuffer.wrap(input, 0, cut).slice(),
                ByteBuffer.wrap(input, cut, input.length - cut).slice()}) {
            // Each event consumes input or completes a message; a parser stuck in place would loop forever.
            for (int guard = 0; ; guard++) {
                assertThat(guard).as("parse loop made no progress").isLessThan(4 * input.length + 16);
                ParseEvent event = request ? rq.parse(piece) : rs.parse(piece);
                if (event == ParseEvent.NEED_INPUT) {
                    break;
                }
                if (event == ParseEvent.MESSAGE_COMPLETE
                        && (request ? rq.upgraded() || !rq.keepAlive() : rs.upgraded() || !rs.keepAlive())) {
                    return;
                }
            }
        }
        if (request) {
            rq.endOfInput();
        } else {
            rs.endOfInput();
        }
    }

    private static byte[] mutate(byte[] raw, Random random) {
        byte[] b = raw.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
                default -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] cutOut = new byte[b.length - len];
                    System.arraycopy(b, 0, cutOut, 0, at);
                    System.arraycopy(b, at + len, cutOut, at, b.length - at - len);
                    b = cutOut;
                }
            }
        }
        return b;
    }
}
