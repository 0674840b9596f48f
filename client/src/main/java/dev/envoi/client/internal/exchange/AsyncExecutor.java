package dev.envoi.client.internal.exchange;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where {@code sendAsync} runs calls: one virtual thread per call on JDK 21+ (found by reflection,
 * since the release target is 17), otherwise a bounded pool of daemon threads ({@value #POOL_THREADS}
 * threads, idle ones ending after 30 s) with a queue in front. Created once per JVM, on first use.
 */
public final class AsyncExecutor {
    static final int POOL_THREADS = 64;

    private AsyncExecutor() {
    }

    private static final class Holder {
        static final Executor EXECUTOR = create();
    }

    /** The shared executor. */
    public static Executor get() {
        return Holder.EXECUTOR;
    }

    /** Whether calls run on virtual threads. */
    public static boolean virtual() {
        return !(get() instanceof ThreadPoolExecutor);
    }

    private static Executor create() {
        try {
            Method m = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (Executor) m.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException notAvailable) {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "envoi-async-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
