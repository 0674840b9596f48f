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
 * Netty 4.1 {@code HttpResponseDecoder} / {@code HttpRequestDecoder} in an {@code EmbeddedChannel}. Leak detection
 * is disabled in the forked JVM so its sampling does not count against the decoder; the adapter checks the
 * input's reference count after every message instead.
 *
 * <p>One operation parses one whole corpus message and leaves the parser ready for the next one, as on a
 * keep-alive connection (see {@link ParserAdapter}); the facts are verified before and after measuring.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class NettyParseBenchmark {

    /** The response items, one parameter value each. */
    @State(Scope.Thread)
    public static class Responses extends ResponseParseState {
        @Override
        protected ParserAdapter newAdapter() {
            return new NettyAdapter();
        }
    }

    /** The request item. */
    @State(Scope.Thread)
    public static class Requests extends RequestParseState {
        @Override
        protected ParserAdapter newAdapter() {
            return new NettyAdapter();
        }
    }

    /** Parses one response with Netty's decoder. */
    @Benchmark
    public MessageFacts response(Responses state) {
        return state.parseOnce();
    }

    /** Parses one request with Netty's decoder. */
    @Benchmark
    public MessageFacts request(Requests state) {
        return state.parseOnce();
    }
}
