package dev.envoi.client.reliability;

import dev.envoi.client.Client;
import dev.envoi.client.HttpTimeoutException;
import dev.envoi.client.Timeouts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and silent servers: a drip slower than the read timeout, a drip fast enough to keep the read
 * timeout from firing (only the call deadline ends it), and a server that never answers. The
 * timeouts are shortened so the scenarios take seconds; each asserts the timeout's kind, its value
 * in the message, and that nothing stays open ({@link Hostile#play}).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileTimingTest {
    private static final Duration READ = Duration.ofMillis(500);

    @BeforeAll
    static void warmUp() throws Exception {
        Warmup.once();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One byte of the head every 2 s, with a 500 ms read timeout: READ fires on the first gap. */
    @Test
    void dripSlowerThanTheReadTimeout() throws Exception {
        AtomicInteger dripped = new AtomicInteger();
        Hostile.Outcome o = Hostile.play(Hostile.readTimeout(READ), (peer, i) -> {
            peer.readRequest();
            dripped.set(peer.drip(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), 1, 2_000));
        }, Hostile.GET);
        HttpTimeoutException e = o.failure(HttpTimeoutException.class, "read timeout (500 ms) expired",
                o.server().url("/"), "reading the response head");
        assertThat(e.kind()).isEqualTo(HttpTimeoutException.Kind.READ);
        assertThat(o.server().heads()).as("a timeout is never retried").hasSize(1);
    }

    /**
     * A body byte every 50 ms never lets the 30 s read timeout fire; the 1 s call deadline does,
     * while bytes keep arriving (requests #3099).
     */
    @Test
    void callDeadlineFiresWhileBytesKeepTrickling() throws Exception {
        Client.Builder builder = Client.builder().timeouts(Timeouts.defaults().withCall(Duration.ofSeconds(1)));
        AtomicInteger dripped = new AtomicInteger();
        Hostile.Outcome o = Hostile.play(builder, (peer, i) -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            dripped.set(peer.drip(ascii("x".repeat(1000)), 1, 50));
        }, Hostile.GET);
        HttpTimeoutException e = o.failure(HttpTimeoutException.class, "call timeout (1000 ms) expired",
                o.server().url("/"));
        assertThat(e.kind()).isEqualTo(HttpTimeoutException.Kind.CALL);
        assertThat(o.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(20));
        assertThat(dripped.get()).as("the server was still sending when the client gave up").isLessThan(1000);
    }

    /** A server that reads the request and says nothing: READ after the read timeout, sent once. */
    @Test
    void serverThatNeverAnswersHitsTheReadTimeout() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.readTimeout(READ), (peer, i) -> {
            peer.readRequest();
            peer.hold(Duration.ofSeconds(20));
        }, Hostile.GET);
        HttpTimeoutException e = o.failure(HttpTimeoutException.class, "read timeout (500 ms) expired",
                "waiting for the response");
        assertThat(e.kind()).isEqualTo(HttpTimeoutException.Kind.READ);
        assertThat(o.server().heads()).hasSize(1);
    }

    /** The same silent server under the default read timeout and a 1 s call deadline: CALL. */
    @Test
    void serverThatNeverAnswersHitsTheCallDeadline() throws Exception {
        Client.Builder builder = Client.builder().timeouts(Timeouts.defaults().withCall(Duration.ofSeconds(1)));
        Hostile.Outcome o = Hostile.play(builder, (peer, i) -> {
            peer.readRequest();
            peer.hold(Duration.ofSeconds(20));
        }, Hostile.GET);
        HttpTimeoutException e = o.failure(HttpTimeoutException.class, "call timeout (1000 ms) expired");
        assertThat(e.kind()).isEqualTo(HttpTimeoutException.Kind.CALL);
        assertThat(o.server().heads()).hasSize(1);
    }
}
