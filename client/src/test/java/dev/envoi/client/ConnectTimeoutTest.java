package dev.envoi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 7.10: a TCP connect that runs out of the connect timeout (a listener on 127.0.0.1 whose accept
 * queue is full: Linux drops the SYN) is the {@link HttpTimeoutException} of kind {@code CONNECT} that
 * {@link Timeouts} promises, so {@code catch (HttpTimeoutException e)} sees it; not a {@link ConnectException}.
 */
class ConnectTimeoutTest {

    @Test
    void connectTimeoutIsAnHttpTimeoutOfKindConnect() throws Exception {
        try (ConnectCancelTest.FullBacklog backlog = new ConnectCancelTest.FullBacklog();
             Client client = Client.builder().timeouts(Timeouts.of(Duration.ofMillis(300), Duration.ofSeconds(10)))
                     .build()) {
            assumeTrue(backlog.fill(), "connects to a full accept queue do not hang on this system");
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> client.send(Request.get(backlog.url()).build()));
            assertThat(thrown).isInstanceOf(HttpTimeoutException.class);
            HttpTimeoutException t = (HttpTimeoutException) thrown;
            assertThat(t.kind()).isEqualTo(HttpTimeoutException.Kind.CONNECT);
            assertThat(t.timeoutMillis()).isEqualTo(300);
            assertThat(t).hasMessageContaining(backlog.url());
            // a timeout is not retried: one connect timeout, not three
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 5_000L);
            assertThat(client.connectionCount()).isZero();
            assertThat(client.leasedConnectionCount()).isZero();
        }
    }
}
