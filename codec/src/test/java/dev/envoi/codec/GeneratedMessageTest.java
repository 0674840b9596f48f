package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.core.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random valid messages, built from known parts, parsed at random splits: the parser must give back
 * exactly the parts — status, every field in order, the body without framing, the trailers.
 */
class GeneratedMessageTest {
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String[] KNOWN = {"Content-Type", "content-type", "Date", "ETAG", "Set-Cookie", "Vary",
        "Cache-Control", "x-request-id", "Server", "Link"};

    private record Message(byte[] wire, int status, Headers fields, byte[] body, Headers trailers) {
    }

    private static String token(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) {
            sb.append(TCHARS.charAt(r.nextInt(TCHARS.length())));
        }
        return sb.toString();
    }

    /** A field value: VCHAR, obs-text, inner SP/HTAB; never leading or trailing whitespace. */
    private static String value(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(60);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(20);
            char c = k == 0 ? ' ' : k == 1 ? '\t' : k == 2 ? (char) (0x80 + r.nextInt(0x80)) : (char) (0x21 + r.nextInt(0x5e));
            sb.append(c);
        }
        return sb.toString().strip().replaceAll("^[ \t]+|[ \t]+$", "");
    }

    private static String ows(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "\t";
            default -> " \t ";
        };
    }

    private static Message generate(Random r) {
        boolean chunked = r.nextBoolean();
        int status = 200 + r.nextInt(300);
        if (status == 204 || status == 304) {
            status = 200;
        }
        StringBuilder wire = new StringBuilder("HTTP/1.1 " + status + " " + (r.nextBoolean() ? "Whatever" : "") + "\r\n");
        Headers.Builder fields = Headers.builder();
        int count = r.nextInt(12);
        byte[] body = new byte[r.nextInt(3000)];
        r.nextBytes(body);
        int framingAt = r.nextInt(count + 1);
        for (int i = 0; i <= count; i++) {
            String name;
            String val;
            if (i == framingAt) {
                name = chunked ? "Transfer-Encoding" : "Content-Length";
                val = chunked ? "chunked" : Integer.toString(body.length);
            } else {
                name = r.nextInt(3) == 0 ? KNOWN[r.nextInt(KNOWN.length)] : "X-" + token(r, 20);
                val = value(r);
            }
            fields.add(name, val);
            wire.append(name).append(':').append(ows(r)).append(val).append(ows(r)).append("\r\n");
        }
        wire.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(wire.toString().getBytes(StandardCharsets.ISO_8859_1));
        Headers.Builder trailers = Headers.builder();
        if (chunked) {
            int at = 0;
            while (at < body.length) {
                int n = Math.min(body.length - at, 1 + r.nextInt(700));
                String size = Integer.toHexString(n);
                size = r.nextBoolean() ? size.toUpperCase() : size;
                String ext = r.nextInt(4) == 0 ? ";" + token(r, 8) + (r.nextBoolean() ? "=" + token(r, 5) : "=\"q \\\" s\"") : "";
                out.writeBytes((size + ext + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, at, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                at += n;
            }
            out.writeBytes("0\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int t = r.nextInt(3); t > 0; t--) {
                String name = "T-" + token(r, 10);
                String val = value(r);
                trailers.add(name, val);
                out.writeBytes((name + ":" + ows(r) + val + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            out.write(body, 0, body.length);
        }
        return new Message(out.toByteArray(), status, fields.build(), body, trailers.build());
    }

    @Test
    void randomValidResponsesComeBackExactlyAtRandomSplits() throws Exception {
        Random r = new Random(9112);
        for (int round = 0; round < 400; round++) {
            List<Message> messages = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                Message m = generate(r);
                messages.add(m);
                stream.writeBytes(m.wire());
            }
            byte[] wire = stream.toByteArray();
            ResponseParser p = new ResponseParser();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int next = 0;
            int at = 0;
            while (at < wire.length) {
                int n = Math.min(wire.length - at, 1 + r.nextInt(r.nextBoolean() ? 16 : 2000));
                ByteBuffer in = ByteBuffer.wrap(wire, at, n).slice();
                at += n;
                ParseEvent e;
                while ((e = p.parse(in)) != ParseEvent.NEED_INPUT) {
                    Message m = messages.get(next);
                    switch (e) {
                        case HEAD -> {
                            assertThat(p.statusCode()).isEqualTo(m.status());
                            assertThat(p.head().headers()).isEqualTo(m.fields());
                        }
                        case BODY -> {
                            ByteBuffer b = p.body();
                            byte[] chunk = new byte[b.remaining()];
                            b.get(chunk);
                            body.writeBytes(chunk);
                        }
                        case MESSAGE_COMPLETE -> {
                            assertThat(body.toByteArray()).isEqualTo(m.body());
                            assertThat(p.trailers()).isEqualTo(m.trailers());
                            assertThat(p.keepAlive()).isTrue();
                            body.reset();
                            next++;
                        }
                        default -> throw new AssertionError("unexpected " + e);
                    }
                }
            }
            assertThat(next).as("messages completed").isEqualTo(messages.size());
            assertThat(p.endOfInput()).isEqualTo(ParseEvent.NEED_INPUT);
        }
    }
}
