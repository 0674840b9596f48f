package dev.envoi.client;

import dev.envoi.client.internal.exchange.CallEngine;
import dev.envoi.client.internal.exchange.CallState;
import dev.envoi.client.internal.exchange.Outcome;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution of a {@link Request} that can be canceled from another thread. Lifecycle:
 * <ol>
 *   <li>made by {@link Client#newCall(Request)};</li>
 *   <li>run once with {@link #execute()} (body read into memory) or {@link #stream()} (body streamed);
 *       the call deadline of {@link Timeouts#call()} starts here and covers redirects and the body;</li>
 *   <li>{@link #cancel()} at any time, from any thread: a caller blocked connecting, writing or reading
 *       (also reading a streamed body) wakes with {@link CallCanceledException}; canceling before
 *       {@code execute} makes it fail at once. Canceling a finished call does nothing.</li>
 * </ol>
 *
 * <pre>{@code
 * Call call = client.newCall(Request.get(url).build());
 * scheduler.schedule(call::cancel, 2, TimeUnit.SECONDS);
 * Response r = call.execute();      // or CallCanceledException
 * }</pre>
 */
public final class Call {
    private final Client client;
    private final Request request;
    private final AtomicBoolean executed = new AtomicBoolean();
    private volatile CallState state;
    private volatile boolean canceled;

    Call(Client client, Request request) {
        this.client = client;
        this.request = Objects.requireNonNull(request, "request");
    }

    /** The request this call sends. */
    public Request request() {
        return request;
    }

    /**
     * Sends the request and reads the whole body into memory; the connection is back in the pool
     * when this returns.
     *
     * @throws IllegalStateException if the call was already executed
     */
    public Response execute() throws IOException {
        Response r = run();
        try {
            r.bytes();
        } finally {
            r.close();
        }
        return r;
    }

    /**
     * Sends the request and returns once the response head is read; the body is streamed and the
     * response must be closed.
     *
     * @throws IllegalStateException if the call was already executed
     */
    public Response stream() throws IOException {
        return run();
    }

    private Response run() throws IOException {
        if (!executed.compareAndSet(false, true)) {
            throw new IllegalStateException("a call can be executed only once; use client.newCall(request) again");
        }
        CallState s = new CallState(client.timeouts().call(), request.url(), client.eventListener());
        state = s;
        if (canceled) {
            s.cancel();
        }
        client.eventListener().callStart(request);
        try {
            return proceed(0, request, s);
        } catch (IOException e) {
            s.failed(e);
            throw e;
        } catch (RuntimeException | Error e) {
            s.finish();
            throw e;
        }
    }

    private Response proceed(int index, Request r, CallState s) throws IOException {
        java.util.List<Interceptor> interceptors = client.interceptors();
        if (index == interceptors.size()) {
            Outcome o = new CallEngine(client.engineConfig(), s).execute(r);
            return Response.streaming(o, client.maxBodyBytes());
        }
        Call self = this;
        return interceptors.get(index).intercept(new Interceptor.Chain() {
            @Override
            public Request request() {
                return r;
            }

            @Override
            public Response proceed(Request next) throws IOException {
                return Call.this.proceed(index + 1, Objects.requireNonNull(next, "request"), s);
            }

            @Override
            public Call call() {
                return self;
            }
        });
    }

    /** Cancels the call (see the class comment). Idempotent, callable from any thread. */
    public void cancel() {
        canceled = true;
        CallState s = state;
        if (s != null) {
            s.cancel();
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCanceled() {
        return canceled;
    }

    /** {@code Call[GET https://host/path]}, URL redacted. */
    @Override
    public String toString() {
        return "Call[" + request + "]";
    }
}
