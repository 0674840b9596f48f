package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envoi.transport.TlsHandshakeException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 7.13: a server that speaks only TLS 1.0 (JDK 17 cannot be one, so it is scripted on a raw
 * socket: it reads the ClientHello and answers with hand-made records). Every way such a server says
 * "no common version" is reported as {@link Reason#PROTOCOL_VERSION}, naming the versions envoi enables.
 */
class TlsOldServerTest {
    /** What the server does once it has read the ClientHello. */
    private enum Answer {
        /** A TLS 1.0 ServerHello (RFC 2246 §7.4.1.3): version 3.1, TLS_RSA_WITH_AES_128_CBC_SHA, no extensions. */
        SERVER_HELLO_TLS10(new byte[] {3, 1}),
        /** The same from a TLS 1.1 server (RFC 4346). */
        SERVER_HELLO_TLS11(new byte[] {3, 2}),
        /** A fatal {@code protocol_version} alert (RFC 5246 §7.2.2: level 2, description 70) in a TLS 1.0 record. */
        PROTOCOL_VERSION_ALERT(new byte[] {0x15, 3, 1, 0, 2, 2, 70}),
        /** Closes the connection without a word, as many old servers do. */
        CLOSE(new byte[0]);

        final byte[] bytes;

        Answer(byte[] bytes) {
            this.bytes = bytes;
        }

        byte[] wire() {
            if (this != SERVER_HELLO_TLS10 && this != SERVER_HELLO_TLS11) {
                return bytes;
            }
            byte[] record = new byte[5 + 4 + 38];
            byte[] head = {0x16, 3, 1, 0, 42, 0x02, 0, 0, 38, bytes[0], bytes[1]}; // record, ServerHello, version
            System.arraycopy(head, 0, record, 0, head.length);
            Arrays.fill(record, head.length, head.length + 32, (byte) 0x5a); // server random
            // session_id length 0, cipher suite 0x002f, compression method null
            record[head.length + 32] = 0;
            record[head.length + 33] = 0x00;
            record[head.length + 34] = 0x2f;
            record[head.length + 35] = 0;
            return record;
        }
    }

    /** Answers one ClientHello as told; completes with the first byte of what it read (0x16: a handshake record). */
    private static CompletableFuture<Integer> oldServer(ServerSocket server, Answer answer) {
        return TestProxies.async(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] header = in.readNBytes(5);
                in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff)); // the whole ClientHello
                OutputStream out = s.getOutputStream();
                out.write(answer.wire());
                out.flush();
                s.shutdownOutput();
                in.read(); // until the client closes: its alert, or the end of the stream
                return header[0] & 0xff;
            } catch (IOException e) {
                return -1;
            }
        });
    }

    private static TlsHandshakeException dial(Answer answer) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            CompletableFuture<Integer> first = oldServer(server, answer);
            Dialer dialer = Dialer.newBuilder().resolver((h, p) -> List.of(LOOPBACK)).build();
            Throwable thrown = catchThrowable(() -> dialer.dial(Route.of("https", "old.test", server.getLocalPort())));
            assertThat(first.get(5, TimeUnit.SECONDS)).as("the server read a TLS handshake record").isEqualTo(0x16);
            assertThat(thrown).isInstanceOf(TlsHandshakeException.class);
            TlsHandshakeException t = (TlsHandshakeException) thrown;
            assertThat(t.reason()).isEqualTo(Reason.PROTOCOL_VERSION);
            assertThat(t).hasMessageStartingWith("TLS handshake with old.test:" + server.getLocalPort()
                    + " failed: the server offered no TLS protocol version envoi enables (TLS 1.3, TLS 1.2)")
                    .hasMessageEndingWith("Fix: enable TLS 1.2 or 1.3 on the server; TLS 1.0 and 1.1 are deprecated (RFC 8996)");
            return t;
        }
    }

    @Test
    void tls10ServerHelloIsNoCommonVersion() throws Exception {
        assertThat(dial(Answer.SERVER_HELLO_TLS10)).hasMessageContaining("(the server chose TLS 1.0)");
    }

    @Test
    void tls11ServerHelloIsNoCommonVersion() throws Exception {
        assertThat(dial(Answer.SERVER_HELLO_TLS11)).hasMessageContaining("(the server chose TLS 1.1)");
    }

    @Test
    void protocolVersionAlertIsNoCommonVersion() throws Exception {
        assertThat(dial(Answer.PROTOCOL_VERSION_ALERT))
                .hasMessageContaining("the server sent alert protocol_version");
    }

    @Test
    void closeAfterTheClientHelloIsReportedAsNoCommonVersion() throws Exception {
        assertThat(dial(Answer.CLOSE)).hasMessageContaining("without a TLS alert, as servers that speak only TLS 1.1"
                + " or older do").hasMessageNotContaining("Fix: see the cause");
    }
}
