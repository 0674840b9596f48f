package dev.envoi.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** 1,000 requests from 100 threads (virtual on JDK 21+) on one client; the pool drains to zero. */
class ConcurrencyTest {

    @Test
    void thousandRequestsFromHundredThreads() throws Exception {
        try (TestHttpServer server = new TestHttpServer()
                .handle("/n", ex -> TestHttpServer.reply(ex, 200, ex.getRequestURI().getQuery()))) {
            Client client = Client.builder().maxConnections(20, 40).build();
            ExecutorService threads = executor();
            AtomicInteger ok = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 100; t++) {
                int thread = t;
                futures.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        String q = thread + "-" + i;
                        Response r = client.send(Request.get(server.url("/n?" + q)).build());
                        if (r.code() == 200 && r.text().equals(q)) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertThat(ok.get()).isEqualTo(1000);
            assertThat(client.leasedConnectionCount()).isZero();
            assertThat(client.connectionCount()).isBetween(1, 20);
            assertThat(server.clientPorts.size()).isLessThanOrEqualTo(40); // reuse, not a connection per request
            client.close();
            assertThat(client.connectionCount()).isZero();
        }
    }

    /** Virtual threads when the runtime has them (found by reflection, release 17), else platform threads. */
    private static ExecutorService executor() {
        try {
            return (ExecutorService) java.util.concurrent.Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            ThreadFactory f = r -> {
                Thread t = new Thread(r);
                t.setDaemon(true);
                return t;
            };
            return java.util.concurrent.Executors.newFixedThreadPool(100, f);
        }
    }
}
