package dev.envoi.client;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Read timeouts, the call deadline (requests #3099) and cancellation from another thread. */
class TimeoutCancelTest {

    /** A head, then one body byte every 100 ms: never a read timeout, but the call deadline fires. */
    private static RawServer dripServer() throws Exception {
        List<Object> parts = new ArrayList<>();
        parts.add("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        for (int i = 0; i < 100; i++) {
            parts.add("x");
            parts.add(100);
        }
        return new RawServer(new RawServer.Reply(parts, RawServer.After.CLOSE));
    }

    @Test
    void callDeadlineFiresDuringASlowBody() throws Exception {
        Timeouts t = Timeouts.defaults().withRead(Duration.ofSeconds(2)).withCall(Duration.ofMillis(700));
        try (RawServer server = dripServer(); Client client = Client.builder().timeouts(t).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send(Request.get(server.url("/slow?api_key=k")).build()))
                    .isInstanceOf(HttpTimeoutException.class)
                    .hasMessageContaining("call timeout (700 ms) expired for http://127.0.0.1:" + server.port()
                            + "/slow?api_key=REDACTED")
                    .satisfies(e -> assertThat(((HttpTimeoutException) e).kind()).isEqualTo(HttpTimeoutException.Kind.CALL));
            // well before the drip ends (10 s), with room for a loaded machine
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(client.connectionCount()).isZero();
        }
    }

    @Test
    void callDeadlineCoversAStreamedBody() throws Exception {
        Timeouts t = Timeouts.defaults().withCall(Duration.ofMillis(600));
        try (RawServer server = dripServer(); Client client = Client.builder().timeouts(t).build();
             Response r = client.stream(Request.get(server.url("/")).build())) {
            InputStream body = r.body();
            assertThatThrownBy(body::readAllBytes).isInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void readTimeoutFiresWhenTheServerGoesQuiet() throws Exception {
        Timeouts t = Timeouts.defaults().withRead(Duration.ofMillis(300));
        try (RawServer server = new RawServer(RawServer.Reply.of(RawServer.After.CLOSE,
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", 3000, "cde"));
             Client client = Client.builder().timeouts(t).build()) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/")).build()))
                    .isInstanceOf(HttpTimeoutException.class)
                    .satisfies(e -> assertThat(((HttpTimeoutException) e).kind()).isEqualTo(HttpTimeoutException.Kind.READ));
            assertThat(server.requests()).hasSize(1); // a timeout is never retried
        }
    }

    @Test
    void cancelUnblocksTheCaller() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (RawServer server = new RawServer(RawServer.Reply.of(RawServer.After.CLOSE, 5000, "HTTP/1.1 200 OK\r\n\r\n"));
             Client client = Client.builder().build()) {
            Call call = client.newCall(Request.get(server.url("/hang")).build());
            scheduler.execute(() -> {
                awaitRequests(server, 1); // cancel once the caller waits for the answer
                call.cancel();
            });
            long start = System.nanoTime();
            assertThatThrownBy(call::execute).isInstanceOf(CallCanceledException.class)
                    .hasMessage("call canceled: " + server.url("/hang"));
            // before the server's answer (after 5 s) would have ended the wait
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4500));
            assertThat(call.isCanceled()).isTrue();
            assertThatThrownBy(call::execute).isInstanceOf(IllegalStateException.class);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void cancelUnblocksAStreamedBodyRead() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (RawServer server = dripServer(); Client client = Client.builder().build()) {
            Call call = client.newCall(Request.get(server.url("/")).build());
            try (Response r = call.stream()) {
                scheduler.schedule(call::cancel, 200, TimeUnit.MILLISECONDS);
                assertThatThrownBy(() -> r.body().readAllBytes()).isInstanceOf(CallCanceledException.class);
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void canceledBeforeExecuteFailsAtOnce() throws Exception {
        try (Client client = Client.builder().build()) {
            Call call = client.newCall(Request.get("http://127.0.0.1:1/").build());
            call.cancel();
            assertThatThrownBy(call::execute).isInstanceOf(CallCanceledException.class);
        }
    }

    @Test
    void cancelingTheAsyncFutureCancelsTheCall() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.of(RawServer.After.CLOSE, 5000, "HTTP/1.1 200 OK\r\n\r\n"));
             Client client = Client.builder().build()) {
            CompletableFuture<Response> f = client.sendAsync(Request.get(server.url("/")).build());
            awaitRequests(server, 1); // the call is in flight, waiting for the answer
            f.cancel(true);
            assertThat(f).isCancelled();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (client.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(client.connectionCount()).isZero();
        }
    }

    @Test
    void sendAsyncCompletes() throws Exception {
        try (RawServer server = new RawServer(RawServer.Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                RawServer.Reply.close(""));
             Client client = Client.builder().build()) {
            assertThat(client.sendAsync(Request.get(server.url("/")).build()).get(5, TimeUnit.SECONDS).text()).isEqualTo("ok");
            CompletableFuture<Response> failed = client.sendAsync(Request.get("http://127.0.0.1:1/").build());
            assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ConnectException.class);
        }
    }

    /** Waits (bounded) until the server has read {@code n} requests. */
    private static void awaitRequests(RawServer server, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.requests().size() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(n);
    }
}
