package dev.envoi.client;

import dev.envoi.core.EnvoiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of issue 7.5, checked over many inputs: whatever bytes a server sends, a call returns a
 * {@link Response} or throws an {@link EnvoiException} — never an unchecked exception, never a hang — and
 * releases its connection. A seeded generator mutates well-formed responses (redirects, challenges, cookies,
 * codings, interim responses, framing) by flipping, inserting, cutting and splicing tricky field values;
 * every request (first or follow-up) gets the next generated response, then the server closes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerInputContractTest {
    private static final long SEED = 0x7e57_0007L;
    private static final int EXCHANGES = 1500;

    private static final String[] SEEDS = {
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n0\r\nT: 1\r\n\r\n",
        "HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:1/\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n\", qop=\"auth\"\r\n"
            + "Content-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nSet-Cookie: a=b; Path=/; Domain=127.0.0.1; Max-Age=10\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\": [1, 2.5e3, \"\\u00e9\"]}",
        "HTTP/1.1 204 No Content\r\n\r\n",
    };

    private static final String[] FIELDS = {
        "Location: mailto:x@example.com", "Location: http://us%3Aer:pw@127.0.0.1/", "Location: /caf\u00c3\u00a9",
        "Location: http://[::1/", "Location: //", "Location: http://127.0.0.1:99999/", "Location: \u00ff\u00fe",
        "Content-Length: 4611686018427387904", "Content-Length: -1", "Content-Length: 1, 2",
        "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: chunked", "Content-Encoding: gzip",
        "Content-Encoding: deflate, gzip", "Content-Encoding: br", "Content-Type: text/plain; charset=bogus-9",
        "Content-Type: text/plain; charset=\"", "Set-Cookie: =; Domain=.", "Set-Cookie: a=\u00e9; Expires=Mon, 99",
        "WWW-Authenticate: Basic realm=", "WWW-Authenticate: Digest nonce=\"\", algorithm=SHA-999",
        "WWW-Authenticate: ,,,", "Retry-After: 99999999999999999999", "Retry-After: Wed, 31 Feb 2026 25:61:61 GMT",
        "Keep-Alive: timeout=-5", "Keep-Alive: timeout=99999999999999999999", "Connection: close, upgrade",
        "Upgrade: websocket", "Trailer: Content-Length", ": empty name", "X: \u0000", "Host: evil",
    };

    @Test
    void everyResponseIsAResponseOrAnEnvoiException() throws Exception {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        try (Generated server = new Generated(random);
                Client client = Client.builder().maxRedirects(3)
                        .timeouts(Timeouts.of(Duration.ofSeconds(2), Duration.ofMillis(500)))
                        .authenticator(Authenticator.basic(Credentials.of("u", "p"))).build()) {
            for (int i = 0; i < EXCHANGES; i++) {
                String outcome;
                try {
                    Response r = client.send(Request.get(server.url()).build());
                    r.text();
                    r.headers().size();
                    outcome = "response " + (r.status().code() / 100) + "xx";
                } catch (EnvoiException e) {
                    outcome = e.getClass().getSimpleName();
                } catch (IOException | RuntimeException | Error e) {
                    throw new AssertionError("exchange " + i + " (seed " + SEED + ") threw " + e
                            + " for the response:\n" + server.last(), e);
                }
                outcomes.merge(outcome, 1, Integer::sum);
                assertThat(client.leasedConnectionCount()).as("leased after exchange %d", i).isZero();
            }
        }
        System.out.println("server input contract: " + EXCHANGES + " calls, seed " + SEED + ", outcomes " + outcomes);
        assertThat(outcomes.keySet()).contains("response 2xx");
    }

    /** Answers each connection's first request with the next generated response, then closes. */
    private static final class Generated implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Random random;
        private final Thread thread;
        private volatile String last = "";

        Generated(Random random) throws IOException {
            this.random = random;
            this.thread = new Thread(this::serve, "contract-server");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/";
        }

        String last() {
            return last;
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(5_000);
                    RequestHeads.read(s.getInputStream());
                    byte[] response = next();
                    last = new String(response, StandardCharsets.ISO_8859_1);
                    OutputStream out = s.getOutputStream();
                    out.write(response);
                    out.flush();
                    s.shutdownOutput();
                } catch (IOException e) {
                    // the client gave up on this connection first: next one
                }
            }
        }

        private byte[] next() throws IOException {
            String seed = SEEDS[random.nextInt(SEEDS.length)];
            int headEnd = seed.lastIndexOf("\r\n\r\n");
            List<String> lines = new ArrayList<>(List.of(seed.substring(0, headEnd).split("\r\n")));
            byte[] body = seed.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
            for (int k = random.nextInt(3); k > 0; k--) {
                lines.add(1 + random.nextInt(lines.size()), FIELDS[random.nextInt(FIELDS.length)]);
            }
            if (random.nextInt(4) == 0) {
                body = gzip(random.nextBoolean() ? body : new byte[random.nextInt(64)]);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1));
            out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            return mutate(out.toByteArray());
        }

        private byte[] mutate(byte[] in) {
            byte[] b = in.clone();
            switch (random.nextInt(5)) {
                case 0 -> {
                    return b; // as generated
                }
                case 1 -> {
                    for (int k = 1 + random.nextInt(3); k > 0; k--) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    return b;
                }
                case 2 -> {
                    return java.util.Arrays.copyOf(b, random.nextInt(b.length + 1)); // cut short
                }
                case 3 -> {
                    int at = random.nextInt(b.length + 1);
                    byte[] noise = new byte[1 + random.nextInt(8)];
                    random.nextBytes(noise);
                    byte[] out = new byte[b.length + noise.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(noise, 0, out, at, noise.length);
                    System.arraycopy(b, at, out, at + noise.length, b.length - at);
                    return out;
                }
                default -> {
                    byte[] special = {'\r', '\n', ' ', '\t', ':', 0, (byte) 0x80, (byte) 0xff, '0', '9'};
                    b[random.nextInt(b.length)] = special[random.nextInt(special.length)];
                    return b;
                }
            }
        }

        private static byte[] gzip(byte[] data) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
