package dev.envoi.client.reliability;

import dev.envoi.client.RedirectException;
import dev.envoi.client.TooManyRedirectsException;
import dev.envoi.core.LimitExceededException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decompression bombs (1 GiB of zeros, gzip and deflate, made here at test time) and redirects that
 * never end, against the default client. Each asserts the exact failure, that the client stopped
 * early, and that nothing stays open ({@link Hostile#play}).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileDecodingRedirectTest {
    private static byte[] gzipBomb;
    private static byte[] deflateBomb;

    @BeforeAll
    static void makeBombs() throws Exception {
        Warmup.once();
        gzipBomb = Bombs.gzipZeros(1024);
        deflateBomb = Bombs.zlibZeros(1024);
    }

    /** The generator makes valid streams: a 5 MiB one decodes, with the JDK's own decoders, to 5 MiB of zeros. */
    @Test
    void bombsAreValidStreamsOfZeros() throws Exception {
        for (InputStream in : List.of(new GZIPInputStream(new ByteArrayInputStream(Bombs.gzipZeros(5))),
                new InflaterInputStream(new ByteArrayInputStream(Bombs.zlibZeros(5))))) {
            byte[] all = in.readAllBytes();
            assertThat(all).hasSize(5 << 20);
            assertThat(all).containsOnly(0);
        }
    }

    private static Hostile.Outcome bomb(String coding, byte[] body) throws Exception {
        return Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nContent-Encoding: " + coding + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n");
            peer.write(body);
            peer.hold(Duration.ofSeconds(10));
        }, Hostile.GET);
    }

    /** 1 GiB of zeros in about 1 MB of gzip: the 100:1 ratio check stops it after the first MiB. */
    @Test
    void gzipBombStopsAtTheRatioLimit() throws Exception {
        assertThat(gzipBomb.length).isLessThan(2 << 20);
        LimitExceededException e = bomb("gzip", gzipBomb).failure(LimitExceededException.class, "gzip",
                "decompression bomb", "reading the response body", "maxRatio = 100");
        assertThat(e.limitName()).isEqualTo("maxRatio");
    }

    /** The same bomb as zlib-wrapped deflate (RFC 9110 §8.4.1.2). */
    @Test
    void deflateBombStopsAtTheRatioLimit() throws Exception {
        assertThat(deflateBomb.length).isLessThan(2 << 20);
        LimitExceededException e = bomb("deflate", deflateBomb).failure(LimitExceededException.class, "deflate",
                "decompression bomb", "reading the response body", "maxRatio = 100");
        assertThat(e.limitName()).isEqualTo("maxRatio");
    }

    /** /loop redirects to itself: the loop is found before the second request, not after 30 hops. */
    @Test
    void redirectLoopIsFound() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            while (peer.readRequest() != null) {
                peer.write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
            }
        }, (client, server) -> client.send(dev.envoi.client.Request.get(server.url("/loop")).build()));
        RedirectException e = o.failure(RedirectException.class, "redirect loop: GET " + o.server().url("/loop")
                + " was already requested");
        assertThat(e.history()).hasSize(1);
        assertThat(o.server().heads()).hasSize(1);
    }

    /** /r/0 -> /r/1 -> ... without end: 30 hops followed, then TooManyRedirectsException. */
    @Test
    void tooManyRedirects() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            for (String head = peer.readRequest(); head != null; head = peer.readRequest()) {
                int n = Integer.parseInt(head.substring("GET /r/".length(), head.indexOf(' ', 4)));
                peer.write("HTTP/1.1 307 Temporary Redirect\r\nLocation: /r/" + (n + 1) + "\r\nContent-Length: 4\r\n\r\n"
                        + "next");
            }
        }, (client, server) -> client.send(dev.envoi.client.Request.get(server.url("/r/0")).build()));
        TooManyRedirectsException e = o.failure(TooManyRedirectsException.class, "more than 30 redirects",
                o.server().url("/r/31"));
        assertThat(e.history()).hasSize(30);
        assertThat(o.server().heads()).hasSize(31);
        assertThat(o.server().connections()).as("redirect bodies are drained, the connection reused").isEqualTo(1);
    }
}
