package dev.envoi.client.internal.exchange;

import dev.envoi.client.CallCanceledException;
import dev.envoi.client.EventListener;
import dev.envoi.codec.ResponseHead;
import dev.envoi.client.HttpTimeoutException;
import dev.envoi.client.RequestBody;
import dev.envoi.core.MalformedMessageException;
import dev.envoi.transport.Connection;
import dev.envoi.transport.TransportTimeoutException;

import java.io.IOException;
import java.time.Duration;

/**
 * Sends one prepared request and reads its response head, on a pooled or new connection, retrying
 * only when that is provably safe. A failed attempt is retried only if the body, if any, can be sent
 * again ({@link dev.envoi.client.RequestBody#isReplayable()}), the failure is not a timeout, a
 * cancellation, the call deadline or a malformed response, and the connection came from the pool
 * (a reused connection the server may have closed while it was idle: the stale-connection race):
 * <ul>
 *   <li>not a byte of the request was handed to it: retried, up to {@value #MAX_ATTEMPTS} attempts
 *       in all;</li>
 *   <li>the request was sent, fully or in part, and not a byte of the response arrived: retried at
 *       most once per request (each redirect or challenge hop is a new one), and only for an
 *       idempotent method (RFC 9110 §9.2.2: "a client SHOULD NOT automatically retry a request with
 *       a non-idempotent method unless it has some means to know that the request semantics are
 *       actually idempotent").</li>
 * </ul>
 * A request sent on a new connection is never retried: nothing suggests the server did not act on
 * it, and repeating it would only multiply the load on a failing server (curl and requests send it
 * once too). Once a response byte arrived, nothing is retried (OkHttp #8472 is what goes wrong
 * otherwise).
 */
final class ExchangeRunner {
    static final int MAX_ATTEMPTS = 3;

    private final EngineConfig config;
    private final CallState state;

    ExchangeRunner(EngineConfig config, CallState state) {
        this.config = config;
        this.state = state;
    }

    Exchange run(RequestPreparer.Prepared p) throws IOException {
        boolean sentRetried = false;
        for (int attempt = 1; ; attempt++) {
            state.check();
            Connection c = acquire(p);
            boolean reused = !config.usedConnections().add(c);
            EventListener events = state.listener();
            events.connectionAcquired(p.request().url(), c.peer(), reused, state.elapsedNanos());
            if (Diagnostics.DEBUG) {
                Diagnostics.debug(p.head().method() + " " + Redaction.url(p.request().url()) + " on a "
                        + (reused ? "reused" : "new") + " connection to " + c.peer() + " (attempt " + attempt + ")");
            }
            Exchange ex = new Exchange(c, config.pool(), state, reused, config.parserConfig());
            try {
                c.setReadTimeout(config.timeouts().read());
                c.setWriteTimeout(config.timeouts().write());
                ex.writeRequest(p.head(), p.body(), p.expectContinue(), config.expectContinueTimeout());
                events.requestSent(p.request().url(), p.head().method(), p.head().target(), p.head().headers(),
                        state.elapsedNanos());
                ResponseHead head = ex.readHead(p.head().method());
                events.responseHeadReceived(p.request().url(), head.version(), head.status(), head.headers(),
                        state.elapsedNanos());
                return ex;
            } catch (IOException e) {
                ex.abandon();
                if (attempt < MAX_ATTEMPTS && retryable(e, ex, p, sentRetried)) {
                    sentRetried |= ex.requestBytesWritten();
                    events.retry(p.request().url(), e, attempt, state.elapsedNanos());
                    if (Diagnostics.DEBUG) {
                        Diagnostics.debug("retrying " + Redaction.url(p.request().url()) + " after " + e
                                + " (reused=" + ex.reused() + ", request bytes written=" + ex.requestBytesWritten()
                                + ", response bytes read=" + ex.responseBytesRead() + ")");
                    }
                    continue;
                }
                throw state.translate(e, ex.phase().doing);
            } catch (RuntimeException | Error e) {
                ex.abandon();
                throw e;
            }
        }
    }

    private Connection acquire(RequestPreparer.Prepared p) throws IOException {
        try {
            Duration wait = config.timeouts().hasCallDeadline() ? state.remainingOr(config.timeouts().call())
                    : config.pool().acquireTimeout();
            return config.pool().acquire(p.route(), wait, DialEvents.of(state, p.request().url()), state.cancellation());
        } catch (IOException e) {
            throw state.translate(e, "connecting");
        }
    }

    private boolean retryable(IOException e, Exchange ex, RequestPreparer.Prepared p, boolean sentRetried) {
        if (state.isCanceled() || e instanceof TransportTimeoutException || e instanceof HttpTimeoutException
                || e instanceof CallCanceledException || e instanceof MalformedMessageException) {
            return false;
        }
        try {
            state.check();
        } catch (IOException deadline) {
            return false;
        }
        RequestBody body = p.body();
        if (body != null && !body.isReplayable()) {
            return false;
        }
        if (!ex.reused() || ex.responseBytesRead()) {
            return false;
        }
        if (!ex.requestBytesWritten()) {
            return true; // the server closed it while idle, before it was handed anything
        }
        return !sentRetried && p.head().method().isIdempotent();
    }
}
