package dev.envoi.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * envoi's {@code dev.envoi.codec} parsers, through {@link EnvoiAdapter} with every message's head
 * materialized as an immutable head record holding all field names and values as strings: what a caller
 * that wants every field pays, and the like-for-like comparison with peers that always build field objects.
 *
 * <p>One operation parses one whole corpus message and leaves the parser ready for the next one, as on a
 * keep-alive connection (see {@link ParserAdapter}); the facts are verified before and after measuring.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvoiHeadParseBenchmark {

    /** The response items, one parameter value each. */
    @State(Scope.Thread)
    public static class Responses extends ResponseParseState {
        @Override
        protected ParserAdapter newAdapter() {
            return new EnvoiAdapter(true);
        }
    }

    /** The request item. */
    @State(Scope.Thread)
    public static class Requests extends RequestParseState {
        @Override
        protected ParserAdapter newAdapter() {
            return new EnvoiAdapter(true);
        }
    }

    /** Parses one response with envoi's parser, materializing the head. */
    @Benchmark
    public MessageFacts response(Responses state) {
        return state.parseOnce();
    }

    /** Parses one request with envoi's parser, materializing the head. */
    @Benchmark
    public MessageFacts request(Requests state) {
        return state.parseOnce();
    }
}
