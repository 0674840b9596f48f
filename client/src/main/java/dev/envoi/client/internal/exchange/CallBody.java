package dev.envoi.client.internal.exchange;

import dev.envoi.core.Headers;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body the caller reads: the decoded stream over an {@link ExchangeBody}. At the decoded end it
 * reads the framed body to its end too (so the connection can be released), and at the end, on an
 * error or on {@link #close()} it ends the call (stopping its deadline timer). Errors are translated
 * by the call's {@link CallState}.
 */
final class CallBody extends BodyStream implements Outcome.Completion {
    private final InputStream decoded;
    private final ExchangeBody framed;
    private final Exchange exchange;
    private final CallState state;

    CallBody(InputStream decoded, ExchangeBody framed, Exchange exchange, CallState state) {
        this.decoded = decoded;
        this.framed = framed;
        this.exchange = exchange;
        this.state = state;
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
        try {
            int n = decoded.read(b, off, len);
            if (n < 0) {
                finishFramed();
                done = true;
                state.listener().responseBodyDone(state.url(), state.elapsedNanos());
                state.finish();
            }
            return n;
        } catch (IOException e) {
            IOException t = state.translate(e, "reading the response body");
            end();
            state.failed(t);
            throw t;
        } catch (RuntimeException e) {
            end();
            state.finish();
            throw e;
        }
    }

    /** The decoder saw its end: the framed body must end too; extra bytes mean the connection is not reused. */
    private void finishFramed() throws IOException {
        if (framed.isComplete()) {
            return;
        }
        byte[] probe = new byte[256];
        if (framed.read(probe, 0, probe.length) >= 0) {
            framed.close(); // data after the encoded stream: not reusable
        }
    }

    @Override
    int availableBody() throws IOException {
        return decoded.available();
    }

    @Override
    public boolean isComplete() {
        return done;
    }

    @Override
    public Headers trailers() {
        if (!done) {
            throw new IllegalStateException("trailers are available after the body was read to its end");
        }
        return exchange.trailers();
    }

    private void end() {
        closed = true;
        framed.close();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (decoded != framed) {
                decoded.close();
            }
        } finally {
            framed.close();
            state.finish();
        }
    }
}
