package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.core.EnvoiException;
import dev.envoi.core.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code head()} builds {@link Headers} without validating each character again (the parser already
 * did). This proves the shortcut is sound: for every message the parser accepts — in every leniency —
 * the headers equal those the public, validating {@code Headers.Builder} makes from the same fields.
 */
class TrustedHeadersTest {
    private static final String[] LINES = {"Content-Type: text/plain", "X-A:a", "X-B: \t b c \t", "X-Empty:",
        "X-Obs: caf\u00e9", "Set-Cookie: a=1", "set-cookie: b=2", "X-Fold: a\r\n b", "X-Fold-End: a\r\n \t",
        "X-Fold-Only:\r\n x", "X-Space : v", "X-Tab:\tv\t", "Cache-Control: no-cache, no-store"};

    @Test
    void trustedHeadersEqualValidatedHeaders() throws EnvoiException {
        Random random = new Random(42);
        ParserConfig lenient = ParserConfig.builder().allow(Leniency.WHITESPACE_BEFORE_COLON_IN_RESPONSE)
                .allow(Leniency.OBS_FOLD_IN_REQUEST).allow(Leniency.BARE_LF).build();
        int accepted = 0;
        for (int round = 0; round < 500; round++) {
            StringBuilder head = new StringBuilder(round % 2 == 0 ? "HTTP/1.1 200 OK\r\n" : "GET / HTTP/1.1\r\nHost: a\r\n");
            int fields = random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                head.append(LINES[random.nextInt(LINES.length)]).append("\r\n");
            }
            head.append("Content-Length: 0\r\n\r\n");
            for (ParserConfig config : new ParserConfig[] {ParserConfig.DEFAULT, lenient}) {
                Headers trusted = parse(round % 2 == 0, config, head.toString());
                if (trusted == null) {
                    continue;
                }
                accepted++;
                Headers.Builder validated = Headers.builder();
                trusted.forEach(validated::add);
                assertThat(trusted).as(head.toString()).isEqualTo(validated.build());
                for (int i = 0; i < trusted.size(); i++) {
                    assertThat(trusted.value(i)).doesNotStartWith(" ").doesNotEndWith(" ")
                            .doesNotStartWith("\t").doesNotEndWith("\t");
                }
            }
        }
        assertThat(accepted).isGreaterThan(200);
    }

    private static Headers parse(boolean response, ParserConfig config, String message) {
        ByteBuffer in = ByteBuffer.wrap(message.getBytes(StandardCharsets.ISO_8859_1));
        try {
            if (response) {
                ResponseParser p = new ResponseParser(config);
                return p.parse(in) == ParseEvent.HEAD ? p.head().headers() : null;
            }
            RequestParser p = new RequestParser(config);
            return p.parse(in) == ParseEvent.HEAD ? p.head().headers() : null;
        } catch (EnvoiException refused) {
            return null;
        }
    }
}
