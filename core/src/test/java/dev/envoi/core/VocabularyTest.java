package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void methodsKnowSafetyAndIdempotencePerRfc9110Section9_2() {
        assertThat(Method.GET.isSafe()).isTrue();
        assertThat(Method.HEAD.isSafe()).isTrue();
        assertThat(Method.OPTIONS.isSafe()).isTrue();
        assertThat(Method.TRACE.isSafe()).isTrue();
        assertThat(Method.POST.isSafe()).isFalse();
        assertThat(Method.PUT.isIdempotent()).isTrue();
        assertThat(Method.DELETE.isIdempotent()).isTrue();
        assertThat(Method.POST.isIdempotent()).isFalse();
        assertThat(Method.PATCH.isIdempotent()).isFalse();
        assertThat(Method.CONNECT.isIdempotent()).isFalse();
    }

    @Test
    void methodNamesAreCaseSensitiveTokens() {
        assertThat(Method.of("GET")).isSameAs(Method.GET);
        assertThat(Method.of("get")).isNotEqualTo(Method.GET);
        assertThat(Method.of("PROPFIND").name()).isEqualTo("PROPFIND");
        assertThat(Method.of("PROPFIND").isSafe()).isFalse();
        assertThat(Method.of("PROPFIND")).isEqualTo(Method.of("PROPFIND"));
        assertThatThrownBy(() -> Method.of("GE T")).isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("RFC 9110 §9.1");
        assertThatThrownBy(() -> Method.of("")).isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void statusCodesAreCachedAndClassified() {
        assertThat(Status.of(404)).isSameAs(Status.NOT_FOUND);
        assertThat(Status.NOT_FOUND.toString()).isEqualTo("404 Not Found");
        assertThat(Status.of(299).reason()).isEmpty();
        assertThat(Status.of(299).toString()).isEqualTo("299");
        assertThat(Status.of(103).statusClass()).isEqualTo(Status.StatusClass.INFORMATIONAL);
        assertThat(Status.of(204).isSuccessful()).isTrue();
        assertThat(Status.of(399).statusClass()).isEqualTo(Status.StatusClass.REDIRECTION);
        assertThat(Status.of(451).isClientError()).isTrue();
        assertThat(Status.of(599).statusClass()).isEqualTo(Status.StatusClass.SERVER_ERROR);
        assertThat(Status.of(599).isValid()).isTrue();
        assertThat(Status.of(100).isValid()).isTrue();
        assertThatThrownBy(() -> Status.of(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 9112 §4");
        assertThatThrownBy(() -> Status.of(1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status code must be 3 digits, 000-999 (RFC 9112 §4), got 1000");
    }

    @Test
    void invalidStatusCodesAreProcessedAsServerErrors() {
        // RFC 9110 §15: a code outside 100..599 is invalid; a client processes it as a 5xx
        for (int code : new int[] {0, 1, 99, 600, 999}) {
            Status s = Status.of(code);
            assertThat(s).isSameAs(Status.of(code));
            assertThat(s.code()).isEqualTo(code);
            assertThat(s.isValid()).as("%d", code).isFalse();
            assertThat(s.statusClass()).as("%d", code).isEqualTo(Status.StatusClass.SERVER_ERROR);
            assertThat(s.isServerError()).as("%d", code).isTrue();
            assertThat(s.isInformational()).as("%d", code).isFalse();
            assertThat(s.isSuccessful()).as("%d", code).isFalse();
            assertThat(s.isRedirection()).as("%d", code).isFalse();
            assertThat(s.isClientError()).as("%d", code).isFalse();
            assertThat(s.reason()).isEqualTo("Invalid Status");
        }
        assertThat(Status.of(0).toString()).isEqualTo("000 Invalid Status");
        assertThat(Status.of(99).toString()).isEqualTo("099 Invalid Status");
        assertThat(Status.of(600).toString()).isEqualTo("600 Invalid Status");
        assertThat(Status.of(600)).isNotEqualTo(Status.of(500)).hasSameHashCodeAs(Status.of(600));
    }

    @Test
    void versionsCompareAndPrint() {
        assertThat(HttpVersion.of(1, 1)).isSameAs(HttpVersion.HTTP_1_1);
        assertThat(HttpVersion.of(1, 0)).isSameAs(HttpVersion.HTTP_1_0);
        assertThat(HttpVersion.HTTP_1_1.toString()).isEqualTo("HTTP/1.1");
        assertThat(HttpVersion.of(1, 2).isAtLeast11()).isTrue();
        assertThat(HttpVersion.HTTP_1_0.isAtLeast11()).isFalse();
        assertThat(HttpVersion.HTTP_1_0).isLessThan(HttpVersion.HTTP_1_1);
        assertThatThrownBy(() -> HttpVersion.of(1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedMessageExceptionEscapesControlBytesAndCitesTheRule() {
        byte[] wire = "HTTP/1.1 200 OK\r\nX: a\u000bb\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        MalformedMessageException e = new MalformedMessageException("expected field-vchar but was 0x0b",
                "RFC 9110 §5.5", 21, "FIELD_VALUE", MalformedMessageException.excerpt(wire, 0, wire.length, 21, 6));
        assertThat(e.getMessage()).isEqualTo(
                "expected field-vchar but was 0x0b at offset 21 (state FIELD_VALUE) near \"\\r\\nX: a0x0bb\\r\\n\" [RFC 9110 §5.5]");
        assertThat(e.offset()).isEqualTo(21);
        assertThat(e.rfcSection()).isEqualTo("RFC 9110 §5.5");
        assertThat(e).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void limitExceededNamesTheLimit() {
        LimitExceededException e = new LimitExceededException("maxHeaderBytes", 8192, 8193, "header section");
        assertThat(e.getMessage()).isEqualTo("header section exceeds maxHeaderBytes = 8192 at offset 8193");
    }
}
