package dev.envoi.client.reliability;

import dev.envoi.client.Request;
import dev.envoi.client.Response;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.MalformedMessageException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile response framing against the default client: chunk sizes that overflow, Content-Length
 * with Transfer-Encoding (CL.TE), a body shorter than declared, a reset mid-body, and HEAD and 204
 * answered with a body. Each asserts the exact outcome and that nothing stays open
 * ({@link Hostile#play}).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileBodyTest {
    private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

    @BeforeAll
    static void warmUp() throws Exception {
        Warmup.once();
    }

    private static Hostile.Outcome chunkSize(String sizeLine) throws Exception {
        return Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            peer.write(CHUNKED_HEAD + sizeLine + "\r\nabc\r\n0\r\n\r\n");
            peer.hold(Duration.ofSeconds(10));
        }, Hostile.GET);
    }

    /** 17 hex digits: more than a 64-bit size can hold (RFC 9112 §7.1). */
    @Test
    void chunkSizeOfSeventeenDigitsIsRefused() throws Exception {
        MalformedMessageException e = chunkSize("fffffffffffffffff").failure(MalformedMessageException.class,
                "chunk", "reading the response body", "RFC 9112 §7.1");
        assertThat(e.offset()).isGreaterThanOrEqualTo(CHUNKED_HEAD.length());
    }

    /** 16 hex digits whose value passes Long.MAX_VALUE: an overflow of the value, not of the digit count. */
    @Test
    void chunkSizeOverflowingSixtyFourBitsIsRefused() throws Exception {
        chunkSize("8000000000000000").failure(MalformedMessageException.class, "chunk", "reading the response body",
                "RFC 9112 §7.1");
    }

    /**
     * CL.TE: Transfer-Encoding wins (RFC 9112 §6.3 rule 3), the body is the chunked one, and the
     * connection, whose framing was in doubt, is not reused: the bytes after it (a smuggled
     * response) never become the answer to the next request, which goes on a new connection.
     */
    @Test
    void contentLengthWithTransferEncodingUsesChunkedAndClosesTheConnection() throws Exception {
        AtomicReference<Response> first = new AtomicReference<>();
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            if (i == 0) {
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled");
                peer.hold(Duration.ofSeconds(10));
            } else {
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
            }
        }, (client, server) -> {
            first.set(client.send(Request.get(server.url("/1")).build()));
            return client.send(Request.get(server.url("/2")).build());
        });
        assertThat(first.get().text()).isEqualTo("hello");
        assertThat(o.success().text()).isEqualTo("second");
        assertThat(o.server().connections()).isEqualTo(2);
        assertThat(o.server().heads()).hasSize(2);
    }

    /** Content-Length 100, 10 bytes, then a close: never a short body that looks complete (RFC 9112 §8). */
    @Test
    void shortBodyThenCloseIsAnError() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
        }, Hostile.GET);
        o.failure(MalformedMessageException.class, "reading the response body", "RFC 9112 §8");
        assertThat(o.server().heads()).hasSize(1);
    }

    /** A reset after half the body: typed, names the phase, not retried. */
    @Test
    void resetInsideTheBody() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(500));
            peer.reset();
        }, Hostile.GET);
        o.failure(EnvoiException.class, "Connection reset", "reading the response body");
        assertThat(o.server().heads()).hasSize(1);
    }

    /**
     * HEAD answered with a Content-Length and a body: the response has no body (RFC 9112 §6.3 rule
     * 1); the bytes that follow are not read as the next response, whose own answer arrives.
     */
    @Test
    void headAnsweredWithABody() throws Exception {
        AtomicReference<Response> head = new AtomicReference<>();
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            String request = peer.readRequest();
            if (request.startsWith("HEAD ")) {
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
                peer.hold(Duration.ofSeconds(10));
            } else {
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nget");
            }
        }, (client, server) -> {
            head.set(client.send(Request.head(server.url("/")).build()));
            return client.send(Request.get(server.url("/")).build());
        });
        assertThat(head.get().code()).isEqualTo(200);
        assertThat(head.get().bytes()).isEmpty();
        assertThat(head.get().header("Content-Length")).contains("5");
        assertThat(o.success().text()).isEqualTo("get");
    }

    /** A 204 with a body: no body (RFC 9112 §6.3 rule 1); the next request gets its own answer. */
    @Test
    void noContentAnsweredWithABody() throws Exception {
        AtomicReference<Response> noContent = new AtomicReference<>();
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            String request = peer.readRequest();
            if (request.startsWith("GET /204 ")) {
                peer.write("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello");
                peer.hold(Duration.ofSeconds(10));
            } else {
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nget");
            }
        }, (client, server) -> {
            noContent.set(client.send(Request.get(server.url("/204")).build()));
            return client.send(Request.get(server.url("/next")).build());
        });
        assertThat(noContent.get().code()).isEqualTo(204);
        assertThat(noContent.get().bytes()).isEmpty();
        assertThat(o.success().text()).isEqualTo("get");
    }
}
