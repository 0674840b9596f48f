package dev.envoi.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The benchmark harness's correctness checks, run during the build without measuring anything. */
class FactCheckTest {

    static Stream<Arguments> peersAndItems() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (Supplier<ParserAdapter> peer : peers()) {
            for (CorpusItem item : CorpusItem.values()) {
                all.add(Arguments.of(peer.get().library(), peer, item));
            }
        }
        return all.build();
    }

    private static List<Supplier<ParserAdapter>> peers() {
        return List.of(JettyAdapter::new, NettyAdapter::new, HttpCoreAdapter::new);
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("peersAndItems")
    void everyPeerReportsTheExpectedFacts(String library, Supplier<ParserAdapter> peer, CorpusItem item) {
        ParserAdapter adapter = peer.get();
        ByteBuffer message = item.newBuffer();

        FactCheck.verify(adapter, item, message);

        assertThat(message.hasRemaining()).isFalse();
    }

    @Test
    void peersAlternateBetweenItemsOnOneConnection() {
        for (Supplier<ParserAdapter> peer : peers()) {
            ParserAdapter adapter = peer.get();
            for (int round = 0; round < 2; round++) {
                for (CorpusItem item : CorpusItem.values()) {
                    MessageFacts facts = FactCheck.parse(adapter, item, item.newBuffer());
                    assertThat(item.expected().sameAs(facts)).as(adapter.library() + " on " + item).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CorpusItem.class)
    void corpusFilesHaveTheDocumentedSizes(CorpusItem item) {
        assertThat(item.bytes()).hasSize(item.size());
    }

    @Test
    void aWrongFactFailsTheCheck() {
        ParserAdapter liar = new ParserAdapter() {
            @Override
            public String library() {
                return "liar";
            }

            @Override
            public MessageFacts parseResponse(ByteBuffer message) {
                message.position(message.limit());
                return MessageFacts.response(200, 15, 1023, 0, null);
            }

            @Override
            public MessageFacts parseRequest(ByteBuffer message) {
                throw new AssertionError("not a request");
            }
        };

        assertThatThrownBy(() -> FactCheck.verify(liar, CorpusItem.TYPICAL, CorpusItem.TYPICAL.newBuffer()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("liar parsed 'typical' wrongly in round 1")
                .hasMessageContaining("bodyBytes=1023");
    }

    @Test
    void unconsumedBytesFailTheCheck() {
        ParserAdapter lazy = new ParserAdapter() {
            @Override
            public String library() {
                return "lazy";
            }

            @Override
            public MessageFacts parseResponse(ByteBuffer message) {
                return CorpusItem.TINY.expected();
            }

            @Override
            public MessageFacts parseRequest(ByteBuffer message) {
                throw new AssertionError("not a request");
            }
        };

        assertThatThrownBy(() -> FactCheck.verify(lazy, CorpusItem.TINY, CorpusItem.TINY.newBuffer()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("lazy left 40 bytes of 'tiny' unconsumed in round 1");
    }

    @Test
    void trailerNamesCompareIgnoringCase() {
        MessageFacts expected = MessageFacts.response(200, 7, 10240, 1, "X-Checksum");

        assertThat(expected.sameAs(MessageFacts.response(200, 7, 10240, 1, "x-checksum"))).isTrue();
        assertThat(expected.sameAs(MessageFacts.response(200, 7, 10240, 1, "X-Check"))).isFalse();
        assertThat(expected.sameAs(MessageFacts.response(200, 7, 10240, 1, null))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CorpusItem.class)
    void envoiReportsTheExpectedFacts(CorpusItem item) {
        ParserAdapter adapter = new EnvoiAdapter();
        ByteBuffer message = item.newBuffer();
        FactCheck.parse(adapter, item, message);
        FactCheck.verify(adapter, item, message);
    }
}
