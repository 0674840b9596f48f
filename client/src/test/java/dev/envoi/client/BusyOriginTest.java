package dev.envoi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.transport.ConnectionPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 7.9: with the default client, requests that stall at an origin must not starve the fast
 * requests to the same origin. Before, the default of 10 connections per route made 100 fast requests
 * wait 30 s behind 100 stalled ones and fail with a pool timeout.
 */
class BusyOriginTest {
    private static final int STALLED = 100;
    private static final int FAST = 100;

    /** Answers {@code /stall} once released, anything else at once; one thread per connection, keep-alive. */
    private static final class Origin implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, STALLED + FAST + 50, InetAddress.getLoopbackAddress());
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger stalled = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final List<Socket> sockets = new CopyOnWriteArrayList<>();

        Origin() throws IOException {
            Thread t = new Thread(this::acceptLoop, "busy-origin");
            t.setDaemon(true);
            t.start();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    sockets.add(s);
                    Thread t = new Thread(() -> serve(s), "busy-origin-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                String line;
                while ((line = RequestHeads.readRequestLine(in)) != null) {
                    String body = "fast";
                    if (line.startsWith("GET /stall ")) {
                        stalled.incrementAndGet();
                        if (!release.await(60, TimeUnit.SECONDS)) {
                            return;
                        }
                        body = "stalled";
                    }
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getLocalPort() + path;
        }

        @Override
        public void close() throws IOException {
            release.countDown();
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void stalledRequestsDoNotStarveFastOnesToTheSameOrigin() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(STALLED + FAST);
        try (Origin origin = new Origin(); Client client = Client.builder().build()) {
            List<Future<String>> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED; i++) {
                stalled.add(callers.submit(() -> client.send(Request.get(origin.url("/stall")).build()).text()));
            }
            await(() -> origin.stalled.get() == STALLED, "the origin holds " + STALLED + " stalled requests");
            assertThat(client.leasedConnectionCount()).isEqualTo(STALLED);

            long start = System.nanoTime();
            List<Future<String>> fast = new ArrayList<>();
            for (int i = 0; i < FAST; i++) {
                fast.add(callers.submit(() -> client.send(Request.get(origin.url("/fast")).build()).text()));
            }
            for (Future<String> f : fast) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo("fast");
            }
            // Far below the 30 s pool wait the old per-route limit of 10 imposed.
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
            assertThat(origin.stalled.get()).isEqualTo(STALLED); // none of them was answered yet

            origin.release.countDown();
            for (Future<String> f : stalled) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo("stalled");
            }
            await(() -> client.leasedConnectionCount() == 0, "every connection is released");
            assertThat(client.idleConnectionCount()).isBetween(1, ConnectionPool.DEFAULT_MAX_IDLE_PER_ROUTE);
            assertThat(client.connectionCount()).isEqualTo(client.idleConnectionCount());
            assertThat(origin.accepted.get()).isBetween(STALLED + 1, STALLED + FAST);
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
