package dev.envoi.client;

import dev.envoi.client.RawServer.Reply;
import dev.envoi.core.EnvoiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redirects a hostile or broken server sends (issue 7, items 1, 5 and 6), played byte for byte on a raw
 * socket: a redirect that cannot be followed fails with a {@link RedirectException} and releases its
 * connection on the way out; a {@code Location} the URL parser refuses never escapes as an unchecked
 * exception; raw UTF-8 in a {@code Location} is requested as the UTF-8 it is.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileRedirectTest {
    /** More calls than the pool has slots for a route: a leak of one connection per call would stall the last. */
    private static final int CALLS = 12;

    /** Issue 7.1: each of these made the call throw while its connection stayed leased and open. */
    @ParameterizedTest
    @ValueSource(strings = {"mailto:x@example.com", "file:///etc/passwd", "ftp://127.0.0.1/x", "jar:file:/x.jar!/a",
        "data:text/plain,hi", "http://127.0.0.1:65536/", "http://127.0.0.1:99999999999/", "http://127.0.0.1:8\\0/",
        "http://[::1/", "http://exa mple.com/", "http://us%3Aer:pw@127.0.0.1/", "http://u:p@127.0.0.1/"})
    void aRedirectThatCannotBeFollowedReleasesItsConnection(String location) throws Exception {
        Reply[] replies = new Reply[CALLS];
        for (int i = 0; i < CALLS; i++) {
            replies[i] = Reply.keep("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 5\r\n\r\nmoved");
        }
        try (RawServer server = new RawServer(replies);
                Client client = Client.builder().maxConnections(2, 4).build()) {
            for (int i = 0; i < CALLS; i++) {
                assertThatThrownBy(() -> client.send(Request.get(server.url("/from")).build()))
                        .isInstanceOf(RedirectException.class)
                        .hasMessageContaining("302 redirect from http://127.0.0.1:" + server.port() + "/from")
                        .hasMessageContaining(location.contains("@127") ? "RFC 9110 §4.2.4" : "RFC 9110 §10.2.2");
                assertThat(client.leasedConnectionCount()).as("leased after call %d", i).isZero();
            }
            // the 5-byte bodies were read, so the connection went back to the pool each time
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    /** Issue 7.1: a 307 whose body is a stream, sent once, cannot be repeated; the call fails and releases. */
    @Test
    void a307ThatWouldResendAStreamReleasesItsConnection() throws Exception {
        Reply[] replies = new Reply[CALLS];
        for (int i = 0; i < CALLS; i++) {
            replies[i] = Reply.keep("HTTP/1.1 307 Temporary Redirect\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n");
        }
        try (RawServer server = new RawServer(replies);
                Client client = Client.builder().maxConnections(2, 4).build()) {
            for (int i = 0; i < CALLS; i++) {
                Request post = Request.post(server.url("/upload"))
                        .body(RequestBody.ofStream(new ByteArrayInputStream(new byte[] {1, 2, 3}),
                                dev.envoi.core.MediaType.parse("application/x-test"), 3))
                        .build();
                assertThatThrownBy(() -> client.send(post))
                        .isInstanceOf(RedirectException.class)
                        .hasMessageContaining("can be sent only once");
                assertThat(client.leasedConnectionCount()).isZero();
            }
        }
    }

    /**
     * Issue 7.5: {@code us%3Aer} decodes to a user name with a colon, which Basic cannot carry; following the
     * Location threw an {@code InvalidSyntaxException} (an {@code IllegalArgumentException}) past
     * {@code catch (IOException)}. Userinfo in a Location is now refused before anything uses it (RFC 9110 §4.2.4),
     * with the port of this server so that nothing else on 127.0.0.1 is asked.
     */
    @Test
    void userinfoInALocationIsARedirectException() throws Exception {
        try (RawServer server = new RawServer(Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
                RawServer redirecting = new RawServer(Reply.keep("HTTP/1.1 302 Found\r\nLocation: http://us%3Aer:pw@"
                        + "127.0.0.1:" + server.port() + "/\r\nContent-Length: 0\r\n\r\n"));
                Client client = Client.builder().build()) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> client.send(Request.get(redirecting.url("/")).build()));
            assertThat(thrown).isInstanceOf(RedirectException.class).hasMessageContaining("userinfo")
                    .hasMessageNotContaining("pw");
            assertThat(server.connections()).isZero();
            assertThat(client.leasedConnectionCount()).isZero();
        }
    }

    /**
     * Issue 7.5, the general rule: a field the server sent that envoi's URL parser refuses (here a host of octets
     * 0xFF 0xFE) is an {@link EnvoiException}, and the connection is released.
     */
    @Test
    void everyRefusedLocationIsAnEnvoiException() throws Exception {
        try (RawServer server = new RawServer(
                Reply.keep("HTTP/1.1 308 Permanent Redirect\r\nLocation: http://\u00ff\u00fe/\r\nContent-Length: 0\r\n\r\n"));
                Client client = Client.builder().build()) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> client.send(Request.get(server.url("/")).build()));
            assertThat(thrown).isInstanceOf(EnvoiException.class);
            assertThat(client.leasedConnectionCount()).isZero();
        }
    }

    /**
     * Issue 7.6: {@code Location: /caf\xc3\xa9} is raw UTF-8 (RFC 9110 §10.2.2 wants a URI-reference, but servers
     * send octets); it was read as Latin-1 and requested as {@code /caf%C3%83%C2%A9}. curl and requests ask for
     * {@code /caf%C3%A9}.
     */
    @Test
    void rawUtf8InALocationIsRequestedAsUtf8() throws Exception {
        byte[] redirect = ("HTTP/1.1 302 Found\r\nLocation: /caf\u00c3\u00a9?q=\u00c3\u00a9#fr\u00c3\u00a9\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (RawServer server = new RawServer(Reply.of(RawServer.After.KEEP, redirect),
                Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                Client client = Client.builder().build()) {
            Response r = client.send(Request.get(server.url("/")).build());
            assertThat(r.text()).isEqualTo("ok");
            assertThat(server.request(1)).startsWith("GET /caf%C3%A9?q=%C3%A9 HTTP/1.1\r\n");
            assertThat(r.url().toString()).isEqualTo(server.url("/caf%C3%A9?q=%C3%A9#fr%C3%A9"));
        }
    }

    /** Octets that are not UTF-8 (a Latin-1 {@code é}, 0xE9) are percent-encoded as they are: nothing is guessed. */
    @Test
    void octetsThatAreNotUtf8ArePercentEncodedAsTheyAre() throws Exception {
        byte[] redirect = "HTTP/1.1 302 Found\r\nLocation: /caf\u00e9\r\nContent-Length: 0\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (RawServer server = new RawServer(Reply.of(RawServer.After.KEEP, redirect),
                Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                Client client = Client.builder().build()) {
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo("ok");
            assertThat(server.request(1)).startsWith("GET /caf%E9 HTTP/1.1\r\n");
        }
    }

    /** The redirect that failed is still a documented exception when the call is streamed. */
    @Test
    void aStreamedCallReleasesOnARefusedRedirectToo() throws IOException {
        try (RawServer server = new RawServer(
                Reply.keep("HTTP/1.1 301 Moved\r\nLocation: gopher://127.0.0.1/\r\nContent-Length: 0\r\n\r\n"));
                Client client = Client.builder().build()) {
            assertThatThrownBy(() -> client.stream(Request.get(server.url("/")).build()))
                    .isInstanceOf(RedirectException.class);
            assertThat(client.leasedConnectionCount()).isZero();
        }
    }
}
