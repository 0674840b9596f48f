package dev.envoi.client.reliability;

import dev.envoi.client.RedirectException;
import dev.envoi.client.Request;
import dev.envoi.client.RequestBody;
import dev.envoi.client.Response;
import dev.envoi.core.EnvoiException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The numbered defects of issue 7 that a hostile server shows, as reliability scenarios of the
 * outcome the fix gives. Each failed before its fix for the reason its Javadoc names.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileKnownDefectsTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @BeforeAll
    static void warmUp() throws Exception {
        Warmup.once();
    }

    private static Hostile.Outcome redirectTo(String location) throws Exception {
        return Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            peer.write("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
            peer.hold(Duration.ofSeconds(10));
        }, Hostile.GET);
    }

    /** Issue 7.1: a redirect to {@code mailto:} is refused and its connection released (it stayed leased). */
    @Test
    void refusedRedirectReleasesItsConnection() throws Exception {
        redirectTo("mailto:x@example.com").failure(RedirectException.class, "302 redirect from",
                "has a Location that is not an http(s) URL (RFC 9110 §10.2.2)");
    }

    /**
     * Issue 7.5: userinfo with an escaped colon in a Location (here pointing back to the same server)
     * surfaced as an unchecked exception. A Location with userinfo is now refused before anything uses
     * it (RFC 9110 §4.2.4), and the redirect's connection is released.
     */
    @Test
    void locationWithAnEscapedColonInUserinfoIsNotAnUncheckedFailure() throws Exception {
        AtomicReference<String> location = new AtomicReference<>();
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            for (String head = peer.readRequest(); head != null; head = peer.readRequest()) {
                peer.write(head.startsWith("GET /next ") ? OK : "HTTP/1.1 302 Found\r\nLocation: " + location.get()
                        + "\r\nContent-Length: 0\r\n\r\n");
            }
        }, (client, server) -> {
            location.set(server.url("/next").replace("http://", "http://us%3Aer:pw@"));
            return client.send(Request.get(server.url("/")).build());
        });
        o.failure(RedirectException.class, "has a Location with userinfo", "RFC 9110 §4.2.4");
        assertThat(o.error().getMessage()).doesNotContain("pw");
        assertThat(o.server().heads()).hasSize(1);
    }

    /** Issue 7.6: a raw UTF-8 Location is requested as its UTF-8 percent-encoding (it was {@code /caf%C3%83%C2%A9}). */
    @Test
    void rawUtf8LocationIsPercentEncodedAsUtf8() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            for (String head = peer.readRequest(); head != null; head = peer.readRequest()) {
                peer.write(head.startsWith("GET /caf") ? OK : "HTTP/1.1 302 Found\r\nLocation: /caf\u00c3\u00a9\r\n"
                        + "Content-Length: 0\r\n\r\n");
            }
        }, Hostile.GET);
        assertThat(o.success().text()).isEqualTo("ok");
        assertThat(o.server().heads().get(1)).startsWith("GET /caf%C3%A9 HTTP/1.1\r\n");
    }

    /**
     * Issue 7.3: a response written on an idle pooled connection (a 408 after the exchange) is
     * never taken as the answer to the next request (the 408 was returned for it).
     */
    @Test
    void strayResponseOnAnIdleConnectionIsNotTheNextAnswer() throws Exception {
        CountDownLatch firstDone = new CountDownLatch(1);
        CountDownLatch strayWritten = new CountDownLatch(1);
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            if (i == 0) {
                peer.write(OK);
                if (firstDone.await(10, TimeUnit.SECONDS)) {
                    peer.write("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
                }
                strayWritten.countDown();
                peer.hold(Duration.ofSeconds(10));
            } else {
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
            }
        }, (client, server) -> {
            client.send(Request.get(server.url("/1")).build());
            firstDone.countDown();
            assertThat(strayWritten.await(10, TimeUnit.SECONDS)).isTrue();
            return client.send(Request.get(server.url("/2")).build());
        });
        assertThat(o.success().code()).isEqualTo(200);
        assertThat(o.success().text()).isEqualTo("second");
    }

    /**
     * Issue 7.4: a 413 sent (then a reset) while a 50 MB upload is in progress is the answer (RFC 9112 §9.5);
     * it was "Connection reset by peer".
     */
    @Test
    void earlyFinalResponseDuringAnUploadIsReturned() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest(0);
            peer.write("HTTP/1.1 413 Content Too Large\r\nConnection: close\r\nContent-Length: 8\r\n\r\ntoo big!");
            peer.reset();
        }, (client, server) -> client.send(Request.post(server.url("/upload"))
                .body(RequestBody.of(new byte[50 << 20])).build()));
        Response r = o.success();
        assertThat(r.code()).isEqualTo(413);
        assertThat(r.text()).isEqualTo("too big!");
    }

    /**
     * Issue 7.7: a reset while the request body is being sent names that phase (it said "waiting for the
     * response").
     */
    @Test
    void resetWhileSendingTheBodyNamesThePhase() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest(0);
            peer.reset();
        }, (client, server) -> client.send(Request.post(server.url("/upload"))
                .body(RequestBody.of(new byte[50 << 20])).build()));
        Throwable e = o.error();
        assertThat(e).isInstanceOf(EnvoiException.class);
        assertThat(e.getMessage()).contains("sending the request").doesNotContain("waiting for the response");
    }

    /**
     * Issue 7.8: a GET read and closed without an answer on a new connection is sent once (it was sent three
     * times).
     */
    @Test
    void unansweredGetOnANewConnectionIsNotRetried() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> peer.readRequest(), Hostile.GET);
        o.failure(EnvoiException.class, "the server closed the connection without sending a response");
        assertThat(o.server().heads()).hasSize(1);
    }

    /** Issue 7.11: a chunk-size of 19 digits with leading zeros has a small value (RFC 9112 §7.1); it was refused. */
    @Test
    void chunkSizeWithLeadingZerosIsItsValue() throws Exception {
        Hostile.Outcome o = Hostile.play(Hostile.client(), (peer, i) -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000000003\r\nabc\r\n0\r\n\r\n");
        }, Hostile.GET);
        assertThat(o.success().text()).isEqualTo("abc");
    }
}
