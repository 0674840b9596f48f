package dev.envoi.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.codec.internal.FramingRules.Codings;
import dev.envoi.codec.internal.FramingRules.Length;
import dev.envoi.codec.internal.FramingRules.Outcome;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import org.junit.jupiter.api.Test;

/** RFC 9112 §6.3, rule by rule, as a pure function. */
class FramingRulesTest {
    private static final HttpVersion V11 = HttpVersion.HTTP_1_1;
    private static final HttpVersion V10 = HttpVersion.HTTP_1_0;

    private static Outcome response(Method m, int status, Codings te, Length cl) {
        return FramingRules.response(m, status, V11, te, cl);
    }

    @Test
    void rule1NoBodyBeatsEverything() {
        for (Codings te : Codings.values()) {
            for (Length cl : Length.values()) {
                assertThat(response(Method.HEAD, 200, te, cl)).isEqualTo(Outcome.NO_BODY);
                assertThat(response(Method.GET, 204, te, cl)).isEqualTo(Outcome.NO_BODY);
                assertThat(response(Method.GET, 304, te, cl)).isEqualTo(Outcome.NO_BODY);
                assertThat(response(Method.GET, 100, te, cl)).isEqualTo(Outcome.INTERIM);
                assertThat(response(Method.GET, 103, te, cl)).isEqualTo(Outcome.INTERIM);
                assertThat(response(Method.GET, 101, te, cl)).isEqualTo(Outcome.SWITCHING_PROTOCOLS);
                assertThat(FramingRules.request(Method.CONNECT, V11, te, cl)).isEqualTo(Outcome.TUNNEL);
            }
        }
    }

    @Test
    void rule2ConnectTunnelOnlyFor2xx() {
        assertThat(response(Method.CONNECT, 200, Codings.CHUNKED, Length.VALID)).isEqualTo(Outcome.TUNNEL);
        assertThat(response(Method.CONNECT, 299, Codings.ABSENT, Length.INVALID)).isEqualTo(Outcome.TUNNEL);
        assertThat(response(Method.CONNECT, 407, Codings.ABSENT, Length.VALID)).isEqualTo(Outcome.CONTENT_LENGTH);
        assertThat(response(Method.HEAD, 200, Codings.ABSENT, Length.VALID)).isEqualTo(Outcome.NO_BODY);
    }

    @Test
    void rules3And4TransferEncodingInResponses() {
        assertThat(response(Method.GET, 200, Codings.CHUNKED, Length.ABSENT)).isEqualTo(Outcome.CHUNKED);
        assertThat(response(Method.GET, 200, Codings.CHUNKED_AFTER_OTHERS, Length.ABSENT)).isEqualTo(Outcome.CHUNKED);
        assertThat(response(Method.GET, 200, Codings.CHUNKED, Length.VALID)).isEqualTo(Outcome.CHUNKED_THEN_CLOSE);
        assertThat(response(Method.GET, 200, Codings.CHUNKED, Length.INVALID)).isEqualTo(Outcome.CHUNKED_THEN_CLOSE);
        assertThat(response(Method.GET, 200, Codings.NOT_CHUNKED_FINAL, Length.VALID)).isEqualTo(Outcome.UNTIL_CLOSE);
        assertThat(response(Method.GET, 200, Codings.INVALID, Length.VALID))
                .isEqualTo(Outcome.INVALID_TRANSFER_ENCODING);
        assertThat(FramingRules.response(Method.GET, 200, V10, Codings.CHUNKED, Length.ABSENT))
                .isEqualTo(Outcome.CHUNKED_THEN_CLOSE);
        assertThat(Outcome.CHUNKED_THEN_CLOSE.closeAfter()).isTrue();
        assertThat(Outcome.CHUNKED.closeAfter()).isFalse();
    }

    @Test
    void rules3And4TransferEncodingInRequests() {
        assertThat(FramingRules.request(Method.POST, V11, Codings.CHUNKED, Length.ABSENT)).isEqualTo(Outcome.CHUNKED);
        assertThat(FramingRules.request(Method.POST, V11, Codings.CHUNKED, Length.VALID))
                .isEqualTo(Outcome.TRANSFER_ENCODING_WITH_CONTENT_LENGTH);
        assertThat(FramingRules.request(Method.POST, V11, Codings.NOT_CHUNKED_FINAL, Length.ABSENT))
                .isEqualTo(Outcome.CHUNKED_NOT_FINAL);
        assertThat(FramingRules.request(Method.POST, V11, Codings.CHUNKED_AFTER_OTHERS, Length.ABSENT))
                .isEqualTo(Outcome.UNSUPPORTED_TRANSFER_CODING);
        assertThat(FramingRules.request(Method.POST, V10, Codings.CHUNKED, Length.ABSENT))
                .isEqualTo(Outcome.TRANSFER_ENCODING_IN_HTTP_1_0);
        assertThat(FramingRules.request(Method.POST, V11, Codings.INVALID, Length.ABSENT))
                .isEqualTo(Outcome.INVALID_TRANSFER_ENCODING);
    }

    @Test
    void rules5To8ContentLengthAndFallbacks() {
        assertThat(response(Method.GET, 200, Codings.ABSENT, Length.INVALID)).isEqualTo(Outcome.INVALID_CONTENT_LENGTH);
        assertThat(response(Method.GET, 200, Codings.ABSENT, Length.VALID)).isEqualTo(Outcome.CONTENT_LENGTH);
        assertThat(response(Method.GET, 200, Codings.ABSENT, Length.ABSENT)).isEqualTo(Outcome.UNTIL_CLOSE);
        assertThat(FramingRules.request(Method.POST, V11, Codings.ABSENT, Length.INVALID))
                .isEqualTo(Outcome.INVALID_CONTENT_LENGTH);
        assertThat(FramingRules.request(Method.POST, V11, Codings.ABSENT, Length.VALID))
                .isEqualTo(Outcome.CONTENT_LENGTH);
        assertThat(FramingRules.request(Method.POST, V11, Codings.ABSENT, Length.ABSENT)).isEqualTo(Outcome.NO_BODY);
    }

    @Test
    void everyErrorOutcomeHasAReasonAndASectionAndNoBody() {
        for (Outcome o : Outcome.values()) {
            assertThat(o.rfcSection()).startsWith("RFC 91");
            assertThat(o.error() == null).isEqualTo(o.body() != null);
        }
    }
}
