package dev.envoi.benchmarks;

import java.nio.ByteBuffer;

/**
 * Runs a parser on a corpus item and fails unless it reports exactly the expected facts, so that a fast
 * but wrong parser cannot win a benchmark. Each check parses the message several times in a row on the
 * same adapter, which also proves the parser is left ready for the next message.
 */
public final class FactCheck {

    /** How many messages in a row each check parses on one adapter. */
    static final int ROUNDS = 3;

    private FactCheck() {
    }

    /**
     * Parses {@code item} from {@code message} (rewound first) {@value #ROUNDS} times and compares the facts.
     *
     * @throws IllegalStateException naming the library, item and round when a fact is wrong or bytes are left
     */
    public static void verify(ParserAdapter adapter, CorpusItem item, ByteBuffer message) {
        for (int round = 1; round <= ROUNDS; round++) {
            MessageFacts actual = parse(adapter, item, message);
            if (message.hasRemaining()) {
                throw new IllegalStateException(adapter.library() + " left " + message.remaining()
                        + " bytes of '" + item.id() + "' unconsumed in round " + round);
            }
            if (!item.expected().sameAs(actual)) {
                throw new IllegalStateException(adapter.library() + " parsed '" + item.id() + "' wrongly in round "
                        + round + ": expected " + item.expected() + " but got " + actual);
            }
        }
    }

    /** Rewinds {@code message} and parses it as the kind of message {@code item} is. */
    public static MessageFacts parse(ParserAdapter adapter, CorpusItem item, ByteBuffer message) {
        message.clear();
        return item.isRequest() ? adapter.parseRequest(message) : adapter.parseResponse(message);
    }
}
