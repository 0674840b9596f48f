package dev.envoi.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A {@link ParseState} over the corpus's request, {@code request.http}. */
@State(Scope.Thread)
public abstract class RequestParseState extends ParseState {

    @Override
    protected final CorpusItem corpusItem() {
        return CorpusItem.REQUEST;
    }
}
