package dev.envoi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.MalformedMessageException;
import dev.envoi.core.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7.11a: a status code outside 100..599 is still a 3DIGIT status-code (RFC 9112 §4). RFC 9110
 * §15: "A client that receives a response with an invalid status code SHOULD process the response as
 * if it had a 5xx (Server Error) status code" — so the response is returned with its body, counts as a
 * server error, and its connection is reused like any other.
 */
class InvalidStatusTest {
    private final Client client = Client.builder().build();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void a600IsReturnedWithItsBodyAndCountsAsAServerError() throws Exception {
        try (RawServer server = new RawServer(
                RawServer.Reply.keep("HTTP/1.1 600 Library Error\r\nContent-Length: 5\r\n\r\noops!"),
                RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            Response r = client.send(Request.get(server.url("/x")).build());
            assertThat(r.code()).isEqualTo(600);
            assertThat(r.status()).isSameAs(Status.of(600));
            assertThat(r.reasonPhrase()).isEqualTo("Library Error");
            assertThat(r.text()).isEqualTo("oops!");
            assertThat(r.status().isValid()).isFalse();
            assertThat(r.status().isServerError()).isTrue();
            assertThat(r.status().statusClass()).isEqualTo(Status.StatusClass.SERVER_ERROR);
            assertThat(r.isSuccessful()).isFalse();
            assertThatThrownBy(r::ensureSuccess).isInstanceOfSatisfying(HttpStatusException.class, e -> {
                assertThat(e.status().code()).isEqualTo(600);
                assertThat(e.status().isServerError()).isTrue();
                assertThat(e.getMessage()).startsWith("600 Library Error for http://127.0.0.1:");
            });
            // the body was framed by its Content-Length, so the connection carries the next exchange
            Response next = client.send(Request.get(server.url("/y")).build());
            assertThat(next.text()).isEqualTo("ok");
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.request(1)).startsWith("GET /y HTTP/1.1\r\n");
            assertThat(client.leasedConnectionCount()).isZero();
        }
    }

    @Test
    void a0xxIsNotAnInterimResponse() throws Exception {
        // were 099 taken for a 1xx, the client would wait for a final response that never comes
        try (RawServer server = new RawServer(
                RawServer.Reply.keep("HTTP/1.1 099 X\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "00000000000000000004\r\nbody\r\n0\r\n\r\n"))) {
            Response r = client.send(Request.get(server.url("/")).build());
            assertThat(r.code()).isEqualTo(99);
            assertThat(r.status().toString()).isEqualTo("099 Invalid Status");
            assertThat(r.text()).isEqualTo("body");
            assertThat(r.status().isInformational()).isFalse();
            assertThat(r.status().isServerError()).isTrue();
            assertThatThrownBy(r::ensureSuccess).isInstanceOf(HttpStatusException.class)
                    .hasMessageStartingWith("099 X for http://127.0.0.1:");
            assertThat(client.leasedConnectionCount()).isZero();
        }
    }

    @Test
    void aStatusCodeOfOtherThanThreeDigitsIsStillRefused() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.close("HTTP/1.1 6000 X\r\nContent-Length: 0\r\n\r\n"))) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/")).build()))
                    .isInstanceOfSatisfying(MalformedMessageException.class, e -> {
                        assertThat(e.reason()).startsWith("expected SP after status-code but was '0'");
                        assertThat(e.offset()).isEqualTo(12);
                        assertThat(e.rfcSection()).isEqualTo("RFC 9112 §4");
                    });
            assertThat(client.leasedConnectionCount()).isZero();
        }
    }
}
