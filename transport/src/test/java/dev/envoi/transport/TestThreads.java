package dev.envoi.transport;

import java.util.concurrent.TimeUnit;

/** Waits on what a thread is doing, instead of sleeping and hoping it got there. */
final class TestThreads {
    private TestThreads() {
    }

    /**
     * Waits (bounded, 10 s) until {@code t} is blocked inside {@code owner.method}: parked or waiting, or
     * in a native call (a socket read, write, connect or poll) with that method on its stack.
     *
     * @throws AssertionError if it did not get there in time
     */
    static void awaitBlockedIn(Thread t, Class<?> owner, String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!isBlockedIn(t, owner.getName(), method)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(t + " did not block in " + owner.getSimpleName() + "." + method
                        + "; state " + t.getState());
            }
            Thread.sleep(5);
        }
    }

    private static boolean isBlockedIn(Thread t, String owner, String method) {
        Thread.State state = t.getState();
        StackTraceElement[] stack = t.getStackTrace();
        if (stack.length == 0) {
            return false;
        }
        boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                || state == Thread.State.BLOCKED;
        if (!waiting && !(state == Thread.State.RUNNABLE && stack[0].isNativeMethod())) {
            return false;
        }
        for (StackTraceElement e : stack) {
            if (e.getClassName().equals(owner) || e.getClassName().startsWith(owner + "$")) {
                if (e.getMethodName().equals(method)) {
                    return true;
                }
            }
        }
        return false;
    }
}
