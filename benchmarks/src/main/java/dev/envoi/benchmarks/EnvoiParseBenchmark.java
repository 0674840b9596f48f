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
 * envoi's {@code dev.envoi.codec} parsers, through {@link EnvoiAdapter}: status, field count, body and
 * trailers read through the parser's views, field values left as bytes until someone asks
 * ({@link EnvoiHeadParseBenchmark} asks for all of them).
 *
 * <p>One operation parses one whole corpus message and leaves the parser ready for the next one, as on a
 * keep-alive connection (see {@link ParserAdapter}); the facts are verified before and after measuring.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvoiParseBenchmark {

    /** The response items, one parameter value each. */
    @State(Scope.Thread)
    public static class Responses extends ResponseParseState {
        @Override
        protected ParserAdapter newAdapter() {
            return new EnvoiAdapter();
        }
    }

    /** The request item. */
    @State(Scope.Thread)
    public static class Requests extends RequestParseState {
        @Override
        protected ParserAdapter newAdapter() {
            return new EnvoiAdapter();
        }
    }

    /** Parses one response with envoi's parser. */
    @Benchmark
    public MessageFacts response(Responses state) {
        return state.parseOnce();
    }

    /** Parses one request with envoi's parser. */
    @Benchmark
    public MessageFacts request(Requests state) {
        return state.parseOnce();
    }
}
