package dev.envoi.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Expect: 100-continue} (RFC 9110 §10.1.1): wait, send on 100 or after a timeout, retry 417 without it. */
class ExpectContinueTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static Request upload(RawServer server) {
        return Request.put(server.url("/up")).header("Expect", "100-continue").body("payload").build();
    }

    @Test
    void bodyFollowsTheContinue() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep(OK));
             Client c = Client.builder().expectContinueTimeout(Duration.ofSeconds(5)).build()) {
            server.afterHead = "HTTP/1.1 100 Continue\r\n\r\n";
            long start = System.nanoTime();
            assertThat(c.send(upload(server)).text()).isEqualTo("ok");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(server.request(0)).contains("Expect: 100-continue\r\n").endsWith("\r\n\r\npayload");
            assertThat(c.idleConnectionCount()).isEqualTo(1);
        }
    }

    @Test
    void bodyIsSentAnywayAfterTheTimeout() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep(OK));
             Client c = Client.builder().expectContinueTimeout(Duration.ofMillis(200)).build()) {
            assertThat(c.send(upload(server)).text()).isEqualTo("ok");
            assertThat(server.request(0)).endsWith("\r\n\r\npayload");
        }
    }

    @Test
    void aTimedOutWaitKeepsTheConnectionForTheNextRequest() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep(OK), RawServer.Reply.keep(OK));
             Client c = Client.builder().expectContinueTimeout(Duration.ofMillis(200)).build()) {
            long start = System.nanoTime();
            assertThat(c.send(upload(server)).text()).isEqualTo("ok");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
            assertThat(server.request(0)).contains("Expect: 100-continue\r\n").endsWith("\r\n\r\npayload");
            assertThat(c.idleConnectionCount()).isEqualTo(1); // the wait timing out is not a failure
            assertThat(c.send(upload(server)).text()).isEqualTo("ok");
            assertThat(server.request(1)).endsWith("\r\n\r\npayload");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void finalAnswerBeforeTheBodyMeansNoBodyAndNoReuse() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\n\r\n"));
             Client c = Client.builder().expectContinueTimeout(Duration.ofSeconds(5)).build()) {
            server.answerFirstBeforeBody = true;
            assertThat(c.send(upload(server)).code()).isEqualTo(413);
            assertThat(server.request(0)).endsWith("Content-Length: 7\r\n\r\n").contains("Expect: 100-continue\r\n");
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void expectationFailedIsRetriedWithoutIt() throws Exception {
        try (RawServer server = new RawServer(
                RawServer.Reply.close("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n"),
                RawServer.Reply.keep(OK));
             Client c = Client.builder().expectContinueTimeout(Duration.ofSeconds(5)).build()) {
            server.answerFirstBeforeBody = true;
            assertThat(c.send(upload(server)).text()).isEqualTo("ok");
            assertThat(server.request(1)).doesNotContain("Expect").endsWith("\r\n\r\npayload");
        }
    }
}
