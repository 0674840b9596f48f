package dev.envoi.benchmarks;

import java.nio.ByteBuffer;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state shared by every parse benchmark: one adapter (one "connection") and one buffer holding the
 * corpus item. The facts are checked before measuring and again after, so a parser that is wrong, or that
 * drifts into a wrong state after millions of messages, fails the run instead of posting a number.
 *
 * <p>Library benchmarks declare concrete {@code @State} subclasses that pick the adapter and the item.
 */
@State(Scope.Thread)
public abstract class ParseState {

    private ParserAdapter adapter;
    private CorpusItem corpusItem;
    private ByteBuffer message;

    /** A new adapter of the library under test. */
    protected abstract ParserAdapter newAdapter();

    /** The corpus item this state parses. */
    protected abstract CorpusItem corpusItem();

    /** Loads the item and verifies the library's facts on it before anything is measured. */
    @Setup(Level.Trial)
    public void setUpAndCheckFacts() {
        adapter = newAdapter();
        corpusItem = corpusItem();
        message = corpusItem.newBuffer();
        FactCheck.verify(adapter, corpusItem, message);
    }

    /** Verifies the facts again on the adapter that was measured. */
    @TearDown(Level.Trial)
    public void recheckFacts() {
        FactCheck.verify(adapter, corpusItem, message);
    }

    /** One benchmark operation: parse the whole message once. */
    public final MessageFacts parseOnce() {
        return FactCheck.parse(adapter, corpusItem, message);
    }
}
