package dev.envoi.codec;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input, generated: valid messages with random bytes replaced, inserted or removed. Whatever
 * the bytes, a parser either parses or throws an {@link dev.envoi.core.EnvoiException} — never an
 * unchecked exception, never a loop — and gives the same answer at every split of the input.
 */
class MutationTest {
    static final String[] RESPONSES = {
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;a=\"b\"\r\nabc\r\n0\r\nT: 1\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 204 No Content\r\nConnection: keep-alive\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\nbody",
    };
    static final String[] REQUESTS = {
        "POST /a?b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
        "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n",
        "\r\nGET * HTTP/1.0\r\nConnection: close\r\n\r\n",
    };
    private static final byte[] INTERESTING = Feed.bytes("\r\n :;,\"\\\t0aAfF+-x\u0000\u007f\u0080\u00ff");

    static byte[] mutate(byte[] in, Random random) {
        byte[] out = in.clone();
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int at = random.nextInt(out.length);
            byte b = INTERESTING[random.nextInt(INTERESTING.length)];
            switch (random.nextInt(3)) {
                case 0 -> out[at] = b;
                case 1 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                default -> {
                    if (out.length > 1) {
                        byte[] shorter = new byte[out.length - 1];
                        System.arraycopy(out, 0, shorter, 0, at);
                        System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                        out = shorter;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void mutatedResponsesParseOrFailCleanlyAtEverySplit() {
        Random random = new Random(20261201);
        for (int round = 0; round < 400; round++) {
            byte[] message = mutate(RESPONSES[round % RESPONSES.length].getBytes(StandardCharsets.ISO_8859_1), random);
            Feed.all(() -> Feed.responseSubject(new ResponseParser(), null), message, true);
        }
    }

    @Test
    void mutatedRequestsParseOrFailCleanlyAtEverySplit() {
        Random random = new Random(1201);
        for (int round = 0; round < 300; round++) {
            byte[] message = mutate(REQUESTS[round % REQUESTS.length].getBytes(StandardCharsets.ISO_8859_1), random);
            Feed.all(() -> Feed.requestSubject(new RequestParser()), message, true);
        }
    }

    @Test
    void mutatedMessagesUnderEveryLeniency() {
        ParserConfig all = ParserConfig.builder().allow(Leniency.BARE_LF)
                .allow(Leniency.WHITESPACE_BEFORE_COLON_IN_RESPONSE).allow(Leniency.OBS_FOLD_IN_REQUEST).build();
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] response = mutate(RESPONSES[round % RESPONSES.length].getBytes(StandardCharsets.ISO_8859_1), random);
            Feed.all(() -> Feed.responseSubject(new ResponseParser(all), null), response, true);
            byte[] request = mutate(REQUESTS[round % REQUESTS.length].getBytes(StandardCharsets.ISO_8859_1), random);
            Feed.all(() -> Feed.requestSubject(new RequestParser(all)), request, true);
        }
    }
}
