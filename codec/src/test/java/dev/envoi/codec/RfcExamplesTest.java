package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.core.Method;
import org.junit.jupiter.api.Test;

/** The message examples of RFC 9112 and RFC 9110, parsed at every split (STYLE.md 17). */
class RfcExamplesTest {

    @Test
    void originForm() {
        // RFC 9112 §3.2.1
        assertThat(Feed.request("GET /where?q=now HTTP/1.1\r\nHost: www.example.org\r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD GET /where?q=now HTTP/1.1 | Host: www.example.org | NoBody[] keepAlive=true");
    }

    @Test
    void absoluteForm() {
        // RFC 9112 §3.2.2
        assertThat(Feed.request("GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1\r\n\r\n").ok().lines()
                .get(0))
                .isEqualTo("HEAD GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1 | NoBody[] "
                        + "keepAlive=true");
    }

    @Test
    void authorityForm() {
        // RFC 9112 §3.2.3
        assertThat(Feed.request("CONNECT www.example.com:80 HTTP/1.1\r\nHost: www.example.com\r\n\r\n").ok().lines())
                .containsExactly(
                        "HEAD CONNECT www.example.com:80 HTTP/1.1 | Host: www.example.com | NoBody[] keepAlive=false",
                        "COMPLETE keepAlive=false upgraded=true",
                        "REST ");
    }

    @Test
    void asteriskForm() {
        // RFC 9112 §3.2.4
        assertThat(Feed.request("OPTIONS * HTTP/1.1\r\nHost: www.example.org:8001\r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD OPTIONS * HTTP/1.1 | Host: www.example.org:8001 | NoBody[] keepAlive=true");
    }

    @Test
    void rfc9110ExampleExchange() {
        // RFC 9110 §6.3 (Figure: the request and response of "GET /hello.txt")
        assertThat(Feed.request("GET /hello.txt HTTP/1.1\r\n"
                + "User-Agent: curl/7.64.1\r\n"
                + "Host: www.example.com\r\n"
                + "Accept-Language: en, mi\r\n\r\n").ok().lines().get(0))
                .isEqualTo("HEAD GET /hello.txt HTTP/1.1 | User-Agent: curl/7.64.1 | Host: www.example.com"
                        + " | Accept-Language: en, mi | NoBody[] keepAlive=true");
        assertThat(Feed.response("HTTP/1.1 200 OK\r\n"
                + "Date: Mon, 27 Jul 2009 12:28:53 GMT\r\n"
                + "Server: Apache\r\n"
                + "Last-Modified: Wed, 22 Jul 2009 19:15:56 GMT\r\n"
                + "ETag: \"34aa387-d-1568eb00\"\r\n"
                + "Accept-Ranges: bytes\r\n"
                + "Content-Length: 51\r\n"
                + "Vary: Accept-Encoding\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "Hello World! My content includes a trailing CRLF.\r\n").ok().lines()).containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Date: Mon, 27 Jul 2009 12:28:53 GMT | Server: Apache"
                                + " | Last-Modified: Wed, 22 Jul 2009 19:15:56 GMT | ETag: \"34aa387-d-1568eb00\""
                                + " | Accept-Ranges: bytes | Content-Length: 51 | Vary: Accept-Encoding"
                                + " | Content-Type: text/plain | FixedLength[length=51] keepAlive=true",
                        "BODY Hello World! My content includes a trailing CRLF.\r\n",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
    }

    @Test
    void chunkedWithTrailerAsInRfc9112Section7() {
        // RFC 9112 §7.1 / §7.1.2: chunks, a chunk extension, a trailer field announced by Trailer
        assertThat(Feed.response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: Expires\r\n\r\n"
                + "1a; ignore-stuff-here\r\nabcdefghijklmnopqrstuvwxyz\r\n10\r\n1234567890abcdef\r\n0\r\n"
                + "Expires: Wed, 21 Oct 2015 07:28:00 GMT\r\n\r\n").ok().lines()).containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: chunked | Trailer: Expires | Chunked[] "
                                + "keepAlive=true",
                        "BODY abcdefghijklmnopqrstuvwxyz1234567890abcdef",
                        "COMPLETE keepAlive=true upgraded=false trailers=Expires: Wed, 21 Oct 2015 07:28:00 GMT",
                        "EOF NEED_INPUT");
    }

    @Test
    void headResponseCarriesTheFieldsOfGetButNoBody() {
        // RFC 9110 §9.3.2
        assertThat(Feed.responseTo(Method.HEAD, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").ok().lines()).containsExactly(
                        "HEAD HTTP/1.1 200 'OK' | Transfer-Encoding: chunked | NoBody[] keepAlive=true",
                        "COMPLETE keepAlive=true upgraded=false",
                        "HEAD HTTP/1.1 200 'OK' | Content-Length: 0 | FixedLength[length=0] keepAlive=true",
                        "COMPLETE keepAlive=true upgraded=false",
                        "EOF NEED_INPUT");
    }
}
