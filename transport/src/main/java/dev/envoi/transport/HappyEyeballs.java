package dev.envoi.transport;

import dev.envoi.transport.internal.Log;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Connection racing per RFC 8305 (Happy Eyeballs version 2), §4 and §5: addresses are interleaved by
 * family (starting with the family of the resolver's first answer), one attempt starts every
 * "Connection Attempt Delay" (250 ms by default, §8) or as soon as the previous attempt fails, the first
 * attempt to connect wins, and every other attempt is cancelled by closing its socket.
 *
 * <p>Each attempt beyond the first runs on its own short-lived daemon thread (blocking connects cannot
 * be multiplexed on one thread without NIO channels, and JSSE's {@code SSLSocket} needs a {@code Socket});
 * a single address is dialed on the calling thread.
 */
final class HappyEyeballs {
    private final SocketConnector connector;
    private final long staggerNanos;

    HappyEyeballs(SocketConnector connector, long staggerNanos) {
        this.connector = connector;
        this.staggerNanos = staggerNanos;
    }

    /** Orders addresses per RFC 8305 §4: alternate families, first family first, order within a family kept. */
    static List<InetAddress> interleave(List<InetAddress> addresses) {
        if (addresses.size() < 2) {
            return addresses;
        }
        boolean firstIs6 = addresses.get(0) instanceof Inet6Address;
        Deque<InetAddress> first = new ArrayDeque<>();
        Deque<InetAddress> second = new ArrayDeque<>();
        for (InetAddress a : addresses) {
            ((a instanceof Inet6Address) == firstIs6 ? first : second).add(a);
        }
        List<InetAddress> out = new ArrayList<>(addresses.size());
        while (!first.isEmpty() || !second.isEmpty()) {
            if (!first.isEmpty()) {
                out.add(first.poll());
            }
            if (!second.isEmpty()) {
                out.add(second.poll());
            }
        }
        return out;
    }

    private record Outcome(Attempt attempt, IOException failure) {
    }

    private final class Attempt implements Runnable, Closeable {
        final InetSocketAddress address;
        final Socket socket = newSocket();
        final int timeoutMillis;
        final LinkedBlockingQueue<Outcome> results;
        volatile Thread thread;

        Attempt(InetSocketAddress address, int timeoutMillis, LinkedBlockingQueue<Outcome> results) {
            this.address = address;
            this.timeoutMillis = timeoutMillis;
            this.results = results;
        }

        @Override
        public void run() {
            try {
                connector.connect(socket, address, timeoutMillis);
                results.add(new Outcome(this, null));
            } catch (IOException e) {
                results.add(new Outcome(this, e));
            } catch (RuntimeException e) {
                results.add(new Outcome(this, new IOException(e.toString(), e)));
            }
        }

        @Override
        public void close() {
            cancel();
        }

        void cancel() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing an unconnected or half-connected socket; nothing to report
            }
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /**
     * Connects to one of {@code addresses} (already in attempt order) within {@code timeoutMillis}.
     *
     * @throws ConnectFailedException naming every attempt and its failure
     * @throws TransportTimeoutException (phase {@code CONNECT}) when the time ran out before any attempt connected
     */
    Socket connect(String host, List<InetAddress> addresses, int port, int timeoutMillis) throws IOException {
        return connect(host, addresses, port, timeoutMillis, DialListener.NONE, Cancellation.none());
    }

    /**
     * As {@link #connect(String, List, int, int)}, reporting each attempt to {@code listener} (on this
     * thread) and giving up at once when {@code cancel} is tripped, every attempt's socket closed.
     *
     * @throws DialCanceledException if canceled
     */
    Socket connect(String host, List<InetAddress> addresses, int port, int timeoutMillis, DialListener listener,
            Cancellation cancel) throws IOException {
        Race race = new Race(host, addresses, port, timeoutMillis, listener, cancel);
        Closeable wake = race::wake;
        cancel.register(wake);
        try {
            Attempt winner = race.run();
            if (winner != null && !cancel.isCanceled()) {
                return winner.socket;
            }
            race.winner = null; // canceled after winning: the socket is closed below
        } finally {
            cancel.unregister(wake);
            race.cancelLosers();
        }
        cancel.check("dial to " + Route.authority(host, port));
        throw race.failure();
    }

    /** One race: attempts started so far, their outcomes, and the winner. */
    private final class Race {
        private final String host;
        private final List<InetAddress> addresses;
        private final int port;
        private final int timeoutMillis;
        private final long deadline;
        private final LinkedBlockingQueue<Outcome> results = new LinkedBlockingQueue<>();
        private final List<Attempt> started = new ArrayList<>();
        private final DialListener listener;
        private final Cancellation cancel;
        private final List<ConnectFailedException.Attempt> failures = new ArrayList<>();
        private final List<IOException> causes = new ArrayList<>();
        private IOException last;
        private Attempt winner;
        private long nextStart = System.nanoTime();

        Race(String host, List<InetAddress> addresses, int port, int timeoutMillis, DialListener listener,
                Cancellation cancel) {
            this.listener = listener;
            this.cancel = cancel;
            this.host = host;
            this.addresses = addresses;
            this.port = port;
            this.timeoutMillis = timeoutMillis;
            this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        }

        /** The winning attempt, or {@code null} when every attempt failed or time ran out. */
        Attempt run() {
            try {
                while (winner == null && failures.size() < addresses.size()) {
                    long now = System.nanoTime();
                    if (now - deadline >= 0 || cancel.isCanceled()) {
                        return null;
                    }
                    if (started.size() < addresses.size() && now - nextStart >= 0) {
                        start(now);
                    }
                    long wait = deadline - now;
                    if (started.size() < addresses.size()) {
                        wait = Math.min(wait, nextStart - now);
                    }
                    Outcome o = results.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                    if (o != null && o.attempt() != null && !cancel.isCanceled()) {
                        record(o);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = new InterruptedIOException("interrupted while connecting to " + host);
            }
            return winner;
        }

        private void start(long now) {
            Attempt a = new Attempt(new InetSocketAddress(addresses.get(started.size()), port),
                    remainingMillis(deadline), results);
            started.add(a);
            nextStart = now + staggerNanos;
            listener.connectStart(a.address);
            cancel.register(a);
            if (addresses.size() == 1) {
                a.run(); // nothing to race: dial on the caller's thread
                return;
            }
            Thread t = new Thread(a, "envoi-dial " + Route.formatAddress(a.address));
            t.setDaemon(true);
            a.thread = t;
            t.start();
        }

        private void record(Outcome o) {
            if (o.failure() == null) {
                winner = o.attempt();
                listener.connectEnd(winner.address);
                if (Log.DEBUG) {
                    Log.debug("dial " + Route.authority(host, port) + ": connected to " + Route.formatAddress(winner.address)
                            + " (attempt " + started.size() + " of " + addresses.size() + ")");
                }
                return;
            }
            if (Log.DEBUG) {
                Log.debug("dial " + Route.authority(host, port) + ": " + Route.formatAddress(o.attempt().address)
                        + " failed: " + o.failure());
            }
            last = o.failure();
            causes.add(o.failure());
            listener.connectFailed(o.attempt().address, o.failure());
            failures.add(new ConnectFailedException.Attempt(o.attempt().address, describe(o.failure(), o.attempt())));
            nextStart = System.nanoTime(); // RFC 8305 §5: a failure starts the next attempt at once
        }

        /** RFC 8305 §5: once one attempt wins (or the race is lost), every other is abandoned. */
        void cancelLosers() {
            for (Attempt a : started) {
                cancel.unregister(a);
                if (a != winner) {
                    a.cancel();
                }
            }
        }

        /** Wakes the racing thread after a cancel (every attempt's socket is closed by its own registration). */
        void wake() {
            results.add(new Outcome(null, null));
        }

        /**
         * Why the race was lost. When time ran out (an attempt still pending at the deadline, or one whose
         * connect timed out: each attempt's limit is the time left) a {@link TransportTimeoutException} of
         * phase {@code CONNECT}, naming every address tried, each failed attempt's exception suppressed in
         * it; when every attempt failed otherwise (refused, unreachable) a {@link ConnectFailedException}.
         */
        IOException failure() {
            boolean timedOut = false;
            if (failures.size() < addresses.size() && !(last instanceof InterruptedIOException)) {
                timedOut = true;
                for (Attempt a : started) {
                    boolean reported = false;
                    for (ConnectFailedException.Attempt f : failures) {
                        reported |= f.address().equals(a.address);
                    }
                    if (!reported) {
                        failures.add(new ConnectFailedException.Attempt(a.address,
                                "connect timed out after " + timeoutMillis + " ms"));
                    }
                }
            }
            for (IOException e : causes) {
                timedOut |= e instanceof SocketTimeoutException;
            }
            if (!timedOut) {
                return new ConnectFailedException(host, port, failures, last);
            }
            StringBuilder peer = new StringBuilder(Route.authority(host, port)).append("; tried ");
            for (int i = 0; i < failures.size(); i++) {
                ConnectFailedException.Attempt f = failures.get(i);
                peer.append(i == 0 ? "" : ", ").append(Route.formatAddress(f.address())).append(": ").append(f.failure());
            }
            TransportTimeoutException t = new TransportTimeoutException(TransportTimeoutException.Phase.CONNECT,
                    peer.toString(), timeoutMillis);
            for (IOException e : causes) {
                t.addSuppressed(e);
            }
            return t;
        }
    }

    /**
     * A TCP socket backed by a {@link SocketChannel} (its socket adaptor), so that an idle pooled
     * connection can be checked with a non-blocking read instead of a timed one.
     */
    private static Socket newSocket() {
        try {
            return SocketChannel.open().socket();
        } catch (IOException e) {
            return new Socket(); // no channel available: the pool falls back to a 1 ms timed read
        }
    }

    private static String describe(IOException e, Attempt a) {
        if (e instanceof SocketTimeoutException) {
            return "connect timed out after " + a.timeoutMillis + " ms";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static int remainingMillis(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
