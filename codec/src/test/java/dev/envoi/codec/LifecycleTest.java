package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.Method;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The numbered lifecycle of ResponseParser and RequestParser, and what misuse raises (STYLE.md 12). */
class LifecycleTest {
    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(Feed.bytes(s));
    }

    @Test
    void accessorsBeforeTheHeadAreMisuse() {
        ResponseParser p = new ResponseParser();
        assertThatThrownBy(p::statusCode).isInstanceOf(IllegalStateException.class).hasMessageContaining("no head");
        assertThatThrownBy(p::framing).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::head).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::body).isInstanceOf(IllegalStateException.class).hasMessage("no BODY event yet");
        assertThatThrownBy(p::trailers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::keepAlive).isInstanceOf(IllegalStateException.class);
        assertThat(p.upgraded()).isFalse();
        RequestParser q = new RequestParser();
        assertThatThrownBy(q::method).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(q::target).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fieldIndexesAreChecked() throws Exception {
        ResponseParser p = new ResponseParser();
        p.parse(bytes("HTTP/1.1 204 No Content\r\nA: 1\r\n\r\n"));
        assertThat(p.fieldName(0)).isEqualTo("A");
        assertThatThrownBy(() -> p.fieldName(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> p.fieldValue(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void expectResponseToIsRefusedInsideAResponseAndResetsAfterIt() throws Exception {
        ResponseParser p = new ResponseParser();
        p.expectResponseTo(Method.HEAD);
        ByteBuffer in = bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
        assertThat(p.parse(in)).isEqualTo(ParseEvent.HEAD);
        assertThat(p.framing()).isEqualTo(BodyFraming.NO_BODY);
        assertThatThrownBy(() -> p.expectResponseTo(Method.GET)).isInstanceOf(IllegalStateException.class);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.MESSAGE_COMPLETE);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.HEAD);
        assertThat(p.framing()).isEqualTo(new BodyFraming.FixedLength(3)); // back to GET
        assertThat(p.contentLength()).hasValue(3);
        assertThatThrownBy(() -> p.expectResponseTo(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void interimHeadsDoNotResetTheRequestMethod() throws Exception {
        ResponseParser p = new ResponseParser();
        p.expectResponseTo(Method.HEAD);
        ByteBuffer in = bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n");
        assertThat(p.parse(in)).isEqualTo(ParseEvent.INTERIM_HEAD);
        assertThat(p.statusCode()).isEqualTo(100);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.HEAD);
        assertThat(p.framing()).isEqualTo(BodyFraming.NO_BODY);
    }

    @Test
    void endOfInputRightAfterAHeadWithoutBody() throws Exception {
        ResponseParser p = new ResponseParser();
        assertThat(p.parse(bytes("HTTP/1.1 304 Not Modified\r\n\r\n"))).isEqualTo(ParseEvent.HEAD);
        assertThat(p.endOfInput()).isEqualTo(ParseEvent.MESSAGE_COMPLETE);
        assertThat(p.keepAlive()).isTrue();
        assertThat(p.endOfInput()).isEqualTo(ParseEvent.NEED_INPUT);
    }

    @Test
    void endOfInputRightAfterMessageCompleteIsIdle() throws Exception {
        ResponseParser p = new ResponseParser();
        ByteBuffer in = bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
        assertThat(p.parse(in)).isEqualTo(ParseEvent.HEAD);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.BODY);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.MESSAGE_COMPLETE);
        assertThat(p.endOfInput()).isEqualTo(ParseEvent.NEED_INPUT);
        assertThat(p.keepAlive()).isTrue();

        ResponseParser interim = new ResponseParser();
        assertThat(interim.parse(bytes("HTTP/1.1 100 Continue\r\n\r\n"))).isEqualTo(ParseEvent.INTERIM_HEAD);
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(interim::endOfInput,
                dev.envoi.core.MalformedMessageException.class);
        assertThat(e.reason()).isEqualTo("message truncated: expected the final response after 1xx but the input ended");
        assertThat(e.offset()).isZero();
    }

    @Test
    void afterAClosedDelimitedBodyNothingMoreCanBeParsed() throws Exception {
        ResponseParser p = new ResponseParser();
        ByteBuffer in = bytes("HTTP/1.0 200 OK\r\n\r\nabc");
        assertThat(p.parse(in)).isEqualTo(ParseEvent.HEAD);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.BODY);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.NEED_INPUT);
        assertThat(p.endOfInput()).isEqualTo(ParseEvent.MESSAGE_COMPLETE);
        assertThat(p.keepAlive()).isFalse();
        assertThat(p.trailers()).isEqualTo(dev.envoi.core.Headers.EMPTY);
        assertThatThrownBy(() -> p.parse(bytes("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::endOfInput).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedParserStaysFailed() {
        RequestParser p = new RequestParser();
        assertThatThrownBy(() -> p.parse(bytes("GET / HTTP/1.1\r\nX : y\r\n\r\n")))
                .isInstanceOf(dev.envoi.core.MalformedMessageException.class);
        assertThatThrownBy(() -> p.parse(bytes("GET / HTTP/1.1\r\n\r\n"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FAILED");
        assertThatThrownBy(p::endOfInput).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void headStaysReadableThroughTheBodyUntilTheNextMessage() throws Exception {
        ResponseParser p = new ResponseParser();
        ByteBuffer in = bytes("HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n\r\nab");
        p.parse(in);
        p.parse(in);
        assertThat(p.parse(in)).isEqualTo(ParseEvent.MESSAGE_COMPLETE);
        assertThat(p.fieldValue(0)).isEqualTo("1");
        assertThat(p.head().headers().get("x-a")).hasValue("1");
        assertThat(p.trailers().isEmpty()).isTrue();
    }
}
