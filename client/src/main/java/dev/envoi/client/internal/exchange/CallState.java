package dev.envoi.client.internal.exchange;

import dev.envoi.client.CallCanceledException;
import dev.envoi.client.ConnectException;
import dev.envoi.client.ContentDecodingException;
import dev.envoi.client.EventListener;
import dev.envoi.client.HttpTimeoutException;
import dev.envoi.client.TlsException;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MalformedMessageException;
import dev.envoi.core.Url;
import dev.envoi.transport.Cancellation;
import dev.envoi.transport.ConnectFailedException;
import dev.envoi.transport.Connection;
import dev.envoi.transport.TlsHandshakeException;
import dev.envoi.transport.TransportTimeoutException;
import dev.envoi.transport.UnresolvedHostException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The cancellation and deadline state of one call, shared by every exchange of the call (redirects,
 * authentication, retries) and by the response body stream.
 *
 * <p>How blocking is interrupted: the connection in use is registered here; {@link #cancel()} and
 * the deadline task (on one shared daemon timer thread) close it, which wakes a thread blocked in a
 * read or write of that connection ({@link Connection#close()} may be called from any thread). Before
 * there is a connection, they trip the call's {@link Cancellation}, which closes the sockets of a dial
 * in progress (every racing attempt, the proxy and TLS handshakes) and wakes a wait for a pool slot. The
 * exception that thread sees is then {@linkplain #translate translated} into
 * {@link CallCanceledException} or {@link HttpTimeoutException} of kind {@code CALL}.
 */
public final class CallState {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final long callMillis;
    private final long deadlineNanos;
    private volatile boolean canceled;
    private volatile boolean timedOut;
    private volatile Connection current;
    private final Cancellation dialCancel = new Cancellation();
    private volatile String redactedUrl;
    private ScheduledFuture<?> task;
    private final EventListener listener;
    private final long startNanos = System.nanoTime();
    private volatile Url url;
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

    /** @param call the call deadline, zero for none */
    public CallState(Duration call, Url url, EventListener listener) {
        this.listener = listener;
        this.url = url;
        this.callMillis = call.toMillis();
        this.deadlineNanos = call.isZero() ? 0 : System.nanoTime() + call.toNanos();
        this.redactedUrl = Redaction.url(url);
        if (!call.isZero()) {
            task = TIMER.schedule(this::expire, Math.max(1, call.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "envoi-call-deadline");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** The URL now being requested (each redirect hop), for messages. */
    public void url(Url url) {
        this.url = url;
        this.redactedUrl = Redaction.url(url);
    }

    /** The URL now being requested. */
    public Url url() {
        return url;
    }

    /** The redacted URL now being requested. */
    public String redactedUrl() {
        return redactedUrl;
    }

    /** Cancels: the blocked caller wakes with {@link CallCanceledException}. Idempotent. */
    public void cancel() {
        canceled = true;
        dialCancel.cancel();
        closeCurrent();
    }

    /** Tripped by {@link #cancel()} and the deadline: pass it to the pool so a dial stops at once. */
    public Cancellation cancellation() {
        return dialCancel;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCanceled() {
        return canceled;
    }

    private void expire() {
        timedOut = true;
        dialCancel.cancel();
        closeCurrent();
    }

    private void closeCurrent() {
        Connection c = current;
        if (c != null) {
            c.close();
        }
    }

    /** Registers the connection in use; closes it at once if the call already ended. */
    public void attach(Connection c) {
        current = c;
        if (canceled || timedOut) {
            c.close();
        }
    }

    /** Unregisters {@code c} if it is the connection in use. */
    public void detach(Connection c) {
        if (current == c) {
            current = null;
        }
    }

    /** The call is over (body read or closed): stops the deadline timer; tells the listener once. */
    public void finish() {
        if (stop()) {
            listener.callEnd(url, elapsedNanos());
        }
    }

    /** The call failed with {@code e}: stops the deadline timer; tells the listener once. */
    public void failed(IOException e) {
        if (stop()) {
            listener.callFailed(url, e, elapsedNanos());
        }
    }

    private boolean stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        current = null;
        return ended.compareAndSet(false, true);
    }

    /** Nanoseconds since the call started. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** The call's event listener. */
    public EventListener listener() {
        return listener;
    }

    /** Throws if the call was canceled or its deadline passed. */
    public void check() throws IOException {
        if (canceled) {
            throw new CallCanceledException(redactedUrl, null);
        }
        if (timedOut || (deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0)) {
            timedOut = true;
            throw new HttpTimeoutException(HttpTimeoutException.Kind.CALL, callMillis, redactedUrl, null);
        }
    }

    /** Waits {@code d}, waking early with an exception on cancel or deadline. */
    public void sleep(Duration d) throws IOException {
        long end = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
            check();
            try {
                Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry " + redactedUrl);
            }
        }
        check();
    }

    /** Whether waiting {@code d} would pass the call deadline. */
    public boolean wouldPassDeadline(Duration d) {
        return deadlineNanos != 0 && System.nanoTime() + d.toNanos() - deadlineNanos >= 0;
    }

    /** What is left of the deadline, or {@code fallback} when there is none (or it is shorter). */
    public Duration remainingOr(Duration fallback) {
        if (deadlineNanos == 0) {
            return fallback;
        }
        long left = Math.max(1_000_000, deadlineNanos - System.nanoTime());
        return fallback.toNanos() < left ? fallback : Duration.ofNanos(left);
    }

    /**
     * The exception the caller should see for {@code e}, raised while {@code doing} (e.g. "reading the
     * response body"): cancellation and the deadline first, then the transport's failures as the
     * client's types, each naming the redacted URL.
     */
    public IOException translate(IOException e, String doing) {
        String url = redactedUrl;
        if (canceled) {
            return e instanceof CallCanceledException ? e : new CallCanceledException(url, e);
        }
        if (timedOut) {
            return e instanceof HttpTimeoutException h && h.kind() == HttpTimeoutException.Kind.CALL ? e
                    : new HttpTimeoutException(HttpTimeoutException.Kind.CALL, callMillis, url, e);
        }
        if (e instanceof TransportTimeoutException t) {
            return new HttpTimeoutException(kind(t.phase()), t.timeoutMillis(), url + " while " + doing, t);
        }
        if (e instanceof UnresolvedHostException || e instanceof ConnectFailedException) {
            return new ConnectException(url, e);
        }
        if (e instanceof TlsHandshakeException) {
            return new TlsException(url, e);
        }
        if (String.valueOf(e.getMessage()).contains(" of " + url + ")")) {
            return e; // translated already (the framed body's stream, then the decoded one)
        }
        if (e.getClass() == MalformedMessageException.class) {
            MalformedMessageException m = (MalformedMessageException) e;
            MalformedMessageException copy = new MalformedMessageException(m.reason() + " (" + doing + " of "
                    + url + ")", m.rfcSection(), m.offset(), m.parserState(), m.excerpt());
            copy.initCause(m);
            return copy;
        }
        if (e.getClass() == LimitExceededException.class) {
            LimitExceededException l = (LimitExceededException) e;
            String msg = l.getMessage();
            String what = msg.substring(0, Math.max(0, msg.indexOf(" exceeds ")));
            LimitExceededException copy = new LimitExceededException(l.limitName(), l.limit(), l.offset(),
                    (what.isEmpty() ? "message" : what) + " (" + doing + " of " + url + ")");
            copy.initCause(l);
            return copy;
        }
        if (e instanceof NoResponseException) {
            return new EnvoiException(e.getMessage() + " (" + doing + " of " + url + ")", e);
        }
        if (e instanceof ContentDecodingException d) {
            return d.url().isPresent() ? d : d.withUrl(url, doing);
        }
        if (e.getClass() == EnvoiException.class && !String.valueOf(e.getMessage()).contains(url)) {
            return new EnvoiException(e.getMessage() + " (" + doing + " of " + url + ")", e);
        }
        if (e instanceof EnvoiException) {
            return e;
        }
        if (e instanceof InterruptedIOException) {
            return new HttpTimeoutException(HttpTimeoutException.Kind.READ, -1, url + " while " + doing, e);
        }
        return new EnvoiException(e.getClass().getSimpleName() + " while " + doing + " of " + url + ": "
                + e.getMessage(), e);
    }

    private static HttpTimeoutException.Kind kind(TransportTimeoutException.Phase p) {
        return switch (p) {
            case CONNECT, HANDSHAKE -> HttpTimeoutException.Kind.CONNECT;
            case READ -> HttpTimeoutException.Kind.READ;
            case WRITE -> HttpTimeoutException.Kind.WRITE;
            case POOL -> HttpTimeoutException.Kind.POOL;
        };
    }
}
