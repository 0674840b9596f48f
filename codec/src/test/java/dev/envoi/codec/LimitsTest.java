package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every limit of {@link ParserConfig} is enforced and named (nothing unbounded). */
class LimitsTest {

    @Test
    void startLineLimit() {
        ParserConfig c = ParserConfig.builder().maxStartLineBytes(20).build();
        assertThat(Feed.request(c, "GET /123456 HTTP/1.1\r\n\r\n").ok().lines()).hasSize(3); // exactly 20
        var e = Feed.request(c, "GET /1234567 HTTP/1.1\r\n\r\n").limit();
        assertThat(e.limitName()).isEqualTo("maxStartLineBytes");
        assertThat(e.limit()).isEqualTo(20);
        assertThat(Feed.response(c, "HTTP/1.1 200 OK-OK-OK-O\r\n\r\n").limit().limitName())
                .isEqualTo("maxStartLineBytes");
        assertThat(Feed.request(c, "\r\n".repeat(11) + "GET / HTTP/1.1\r\n\r\n").limit().limitName())
                .isEqualTo("maxStartLineBytes");
    }

    @Test
    void headerSectionLimitCountsEveryByte() {
        String head = "HTTP/1.1 200 OK\r\nA: 123456789012\r\n\r\n"; // 36 bytes
        ParserConfig exact = ParserConfig.builder().maxHeaderBytes(head.length()).build();
        assertThat(Feed.response(exact, head).ok().lines().get(0)).startsWith("HEAD");
        ParserConfig less = ParserConfig.builder().maxHeaderBytes(head.length() - 1).build();
        var e = Feed.response(less, head).limit();
        assertThat(e.limitName()).isEqualTo("maxHeaderBytes");
        assertThat(e.getMessage()).isEqualTo("header section exceeds maxHeaderBytes = 35 at offset 35");
    }

    @Test
    void fieldCountLimit() {
        ParserConfig c = ParserConfig.builder().maxFieldCount(2).build();
        assertThat(Feed.response(c, "HTTP/1.1 204 No Content\r\nA: 1\r\nB: 2\r\n\r\n").ok().lines()).hasSize(3);
        var e = Feed.response(c, "HTTP/1.1 204 No Content\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n").limit();
        assertThat(e.limitName()).isEqualTo("maxFieldCount");
        assertThat(e.offset()).isEqualTo(37);
    }

    @Test
    void chunkExtensionLimit() {
        ParserConfig c = ParserConfig.builder().maxChunkExtensionBytes(6).build();
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(Feed.response(c, head + "1;a=bcd\r\nx\r\n0\r\n\r\n").ok().lines().get(1)).isEqualTo("BODY x");
        assertThat(Feed.response(c, head + "1;a=bcde\r\nx\r\n0\r\n\r\n").limit().limitName())
                .isEqualTo("maxChunkExtensionBytes");
        assertThat(Feed.response(c, head + "1;a=bcde" + "e".repeat(100)).limit().limitName())
                .isEqualTo("maxChunkExtensionBytes");
    }

    @Test
    void trailerLimits() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        ParserConfig bytes = ParserConfig.builder().maxTrailerBytes(11).build();
        assertThat(Feed.response(bytes, head + "A: 1234\r\n\r\n").ok().lines().get(1)).contains("trailers=A: 1234");
        assertThat(Feed.response(bytes, head + "A: 12345\r\n\r\n").limit().limitName()).isEqualTo("maxTrailerBytes");
        ParserConfig count = ParserConfig.builder().maxTrailerCount(1).build();
        assertThat(Feed.response(count, head + "A: 1\r\nB: 2\r\n\r\n").limit().limitName())
                .isEqualTo("maxTrailerCount");
    }

    @Test
    void configIsImmutableAndRoundTrips() {
        ParserConfig c = ParserConfig.builder().maxFieldCount(3).allow(Leniency.BARE_LF).build();
        assertThat(c.newBuilder().build()).isEqualTo(c);
        assertThat(c.newBuilder().disallow(Leniency.BARE_LF).build().leniencies()).isEmpty();
        assertThat(c.allows(Leniency.BARE_LF)).isTrue();
        assertThat(ParserConfig.DEFAULT.leniencies()).isEmpty();
        assertThat(ParserConfig.DEFAULT.maxHeaderBytes()).isEqualTo(65536);
        assertThatThrownBy(() -> c.leniencies().add(Leniency.OBS_FOLD_IN_REQUEST))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ParserConfig.builder().maxHeaderBytes(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
