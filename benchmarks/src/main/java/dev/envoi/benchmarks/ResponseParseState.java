package dev.envoi.benchmarks;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A {@link ParseState} over the response items of the corpus, one JMH parameter value per item. */
@State(Scope.Thread)
public abstract class ResponseParseState extends ParseState {

    /** The response corpus item, by {@link CorpusItem#id()}. */
    @Param({"tiny", "typical", "chunked", "headers-heavy"})
    public String item;

    @Override
    protected final CorpusItem corpusItem() {
        CorpusItem corpusItem = CorpusItem.named(item);
        if (corpusItem.isRequest()) {
            throw new IllegalArgumentException("'" + item + "' is a request, not a response");
        }
        return corpusItem;
    }
}
