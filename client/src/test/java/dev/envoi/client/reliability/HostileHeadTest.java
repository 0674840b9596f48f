package dev.envoi.client.reliability;

import dev.envoi.client.Response;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile response heads against the default client: heads that never end, a 10 MB field line,
 * 100,000 fields, a flood of 1xx, an unasked 101, a reset in the middle of a head. Each ends with
 * the exact typed failure (or response), within the test's bound, the client holding no connection
 * and the process's descriptors and threads back to their baseline ({@link Hostile#play}).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileHeadTest {
    private static final String OK_HEAD = "HTTP/1.1 200 OK\r\n";

    @BeforeAll
    static void warmUp() throws Exception {
        Warmup.once();
    }

    /** Field lines of 1000 bytes forever: the 64 KiB header-section limit ends it, not the server. */
    @Test
    void endlessHeadersStopAtMaxHeaderBytes() throws Exception {
        AtomicReference<Peer.Endless> written = new AtomicReference<>();
        byte[] field = ("X-Filler: " + "a".repeat(988) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            written.set(peer.writeEndless(OK_HEAD.getBytes(StandardCharsets.ISO_8859_1), field, 1L << 30));
        }, Hostile.GET);
        LimitExceededException e = o.failure(LimitExceededException.class,
                "header section", "exceeds maxHeaderBytes = 65536", "reading the response head", o.server().url("/"));
        assertThat(e.limitName()).isEqualTo("maxHeaderBytes");
        assertThat(written.get().clientStopped()).as("the client stopped reading: %s", written.get()).isTrue();
        assertThat(o.server().heads()).hasSize(1); // a limit is never retried
    }

    /** One 10 MB field line (no CRLF for 10 MB): refused at the header-section limit, mid-line. */
    @Test
    void tenMegabyteHeaderLineStopsAtMaxHeaderBytes() throws Exception {
        AtomicReference<Peer.Endless> written = new AtomicReference<>();
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            written.set(peer.writeEndless((OK_HEAD + "X-Big: ").getBytes(StandardCharsets.ISO_8859_1),
                    "b".repeat(1024).getBytes(StandardCharsets.ISO_8859_1), 10L * 1000 * 1000));
        }, Hostile.GET);
        LimitExceededException e = o.failure(LimitExceededException.class,
                "exceeds maxHeaderBytes = 65536", "reading the response head");
        assertThat(e.limitName()).isEqualTo("maxHeaderBytes");
        assertThat(written.get().clientStopped()).as("the client stopped reading: %s", written.get()).isTrue();
    }

    /** 100,000 tiny fields: the 200-field limit ends it long before the byte limit. */
    @Test
    void hundredThousandFieldsStopAtMaxFieldCount() throws Exception {
        AtomicReference<Peer.Endless> written = new AtomicReference<>();
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            written.set(peer.writeEndless(OK_HEAD.getBytes(StandardCharsets.ISO_8859_1),
                    "A: b\r\n".getBytes(StandardCharsets.ISO_8859_1), 100_000L * 6));
        }, Hostile.GET);
        LimitExceededException e = o.failure(LimitExceededException.class, "exceeds maxFieldCount = 200",
                "reading the response head");
        assertThat(e.limitName()).isEqualTo("maxFieldCount");
    }

    /** 1xx interim responses without end: at most 32 are skipped, then the limit names itself. */
    @Test
    void interimFloodStopsAtMaxInterimResponses() throws Exception {
        AtomicReference<Peer.Endless> written = new AtomicReference<>();
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            written.set(peer.writeEndless(new byte[0],
                    "HTTP/1.1 102 Processing\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 1L << 30));
        }, Hostile.GET);
        LimitExceededException e = o.failure(LimitExceededException.class, "exceeds maxInterimResponses = 32",
                "reading the response head");
        assertThat(e.limitName()).isEqualTo("maxInterimResponses");
        assertThat(written.get().clientStopped()).isTrue();
    }

    /**
     * A {@code 101 Switching Protocols} to a request that asked for no upgrade (RFC 9110 §15.2.2: a
     * server must not switch unasked) followed by another protocol's bytes: the call returns the 101
     * with no body, and the connection, no longer HTTP, is closed, not pooled: the next request
     * goes on a new connection and gets its own answer.
     */
    @Test
    void unaskedSwitchingProtocols() throws Exception {
        AtomicReference<Response> switched = new AtomicReference<>();
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            if (i == 0) {
                peer.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                        + "\u0081\u0005hello");
                peer.hold(Duration.ofSeconds(10));
            } else {
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        }, (client, server) -> {
            switched.set(Hostile.GET.run(client, server));
            return Hostile.GET.run(client, server);
        });
        assertThat(switched.get().code()).isEqualTo(101);
        assertThat(switched.get().bytes()).as("the bytes after a 101 are another protocol's, never a body").isEmpty();
        assertThat(o.success().text()).isEqualTo("ok");
        assertThat(o.server().connections()).isEqualTo(2);
    }

    /** A reset after part of the status line and fields: typed, not retried (response bytes came). */
    @Test
    void resetInsideTheHead() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            peer.write(OK_HEAD + "Content-Le");
            peer.reset();
        }, Hostile.GET);
        o.failure(EnvoiException.class, "Connection reset", "reading the response head");
        assertThat(o.server().heads()).hasSize(1);
    }

    /** A close (FIN) inside the head: the parser says the head was cut short. */
    @Test
    void closeInsideTheHead() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            peer.write(OK_HEAD + "Content-Le");
        }, Hostile.GET);
        MalformedMessageException e = o.failure(MalformedMessageException.class, "message truncated",
                "expected the rest of the header section but the input ended", "reading the response head",
                "RFC 9112 §8");
        assertThat(e.offset()).isEqualTo(OK_HEAD.length() + "Content-Le".length());
        assertThat(o.server().heads()).hasSize(1);
    }
}
