package dev.envoi.client;

import dev.envoi.core.Url;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Call.cancel() and the call deadline while the call is still connecting (no connection to close yet). */
class ConnectCancelTest {

    /**
     * A listener on 127.0.0.1 that never accepts, its accept queue filled so that further connects
     * hang (Linux drops the SYN when the queue is full). Null if connects never hang here.
     */
    static final class FullBacklog implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> fillers = new ArrayList<>();

        FullBacklog() throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        }

        /** Fills the queue; true once a connect hung (bounded: at most 16 fillers of 300 ms each). */
        boolean fill() {
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket();
                fillers.add(s);
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 300);
                } catch (SocketTimeoutException hung) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
            return false;
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/";
        }

        @Override
        public void close() throws IOException {
            for (Socket s : fillers) {
                s.close();
            }
            server.close();
        }
    }

    @Test
    void cancelWhileConnectingUnblocksPromptly() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicBoolean connecting = new AtomicBoolean();
        EventListener events = new EventListener() {
            @Override
            public void connectStarted(Url url, InetSocketAddress address, long elapsedNanos) {
                connecting.set(true);
            }
        };
        try (FullBacklog backlog = new FullBacklog();
             Client client = Client.builder().timeouts(Timeouts.of(Duration.ofSeconds(10), Duration.ofSeconds(10)))
                     .eventListener(events).build()) {
            assumeTrue(backlog.fill(), "connects to a full accept queue do not hang on this system");
            Call call = client.newCall(Request.get(backlog.url()).build());
            scheduler.schedule(call::cancel, 200, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            assertThatThrownBy(call::execute).isInstanceOf(CallCanceledException.class)
                    .hasMessage("call canceled: " + backlog.url());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(ms).isBetween(150L, 1_000L);
            assertThat(connecting).as("the cancel came while connecting").isTrue();
            assertThat(client.connectionCount()).isZero(); // the reserved slot was given back
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void callDeadlineWhileConnectingFailsPromptly() throws Exception {
        try (FullBacklog backlog = new FullBacklog();
             Client client = Client.builder().timeouts(Timeouts.of(Duration.ofSeconds(10), Duration.ofSeconds(10))
                     .withCall(Duration.ofMillis(300))).build()) {
            assumeTrue(backlog.fill(), "connects to a full accept queue do not hang on this system");
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send(Request.get(backlog.url()).build()))
                    .isInstanceOf(HttpTimeoutException.class)
                    .satisfies(e -> assertThat(((HttpTimeoutException) e).kind()).isEqualTo(HttpTimeoutException.Kind.CALL));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_500L);
        }
    }
}
