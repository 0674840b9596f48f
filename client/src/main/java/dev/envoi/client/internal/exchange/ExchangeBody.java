package dev.envoi.client.internal.exchange;

import dev.envoi.codec.BodyInputStream;

import java.io.IOException;

/**
 * The framed body of one response, before content decoding. Reading it to -1 completes the exchange
 * (the connection may return to the pool); an error or {@link #close()} before the end abandons it
 * (the connection is closed, since its framing position is unknown). Errors are translated by the
 * call's {@link CallState}, so cancellation and the call deadline surface as such.
 */
public final class ExchangeBody extends BodyStream {
    private final BodyInputStream raw;
    private final Exchange exchange;
    private final CallState state;

    ExchangeBody(BodyInputStream raw, Exchange exchange, CallState state) {
        this.raw = raw;
        this.exchange = exchange;
        this.state = state;
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = raw.read(b, off, len);
        } catch (IOException e) {
            exchange.abandon();
            closed = true;
            throw state.translate(e, "reading the response body");
        } catch (RuntimeException e) {
            exchange.abandon();
            closed = true;
            throw e;
        }
        if (n < 0) {
            done = true;
            exchange.complete();
        }
        return n;
    }

    @Override
    int availableBody() throws IOException {
        return raw.available();
    }

    /** Whether the body was read to its end. */
    public boolean isComplete() {
        return done;
    }

    /**
     * Reads and drops what is left when it is at most {@code maxBytes}, so the connection can be
     * reused (a redirect's body, say); closes the connection otherwise.
     */
    void discard(long maxBytes) {
        byte[] skip = new byte[4096];
        long left = maxBytes;
        try {
            // one read even when maxBytes is 0: a body without framing ends without I/O
            while (!done && !closed && left >= 0) {
                int n = read(skip, 0, (int) Math.max(1, Math.min(skip.length, left)));
                left -= Math.max(n, 1);
            }
        } catch (IOException e) {
            return; // abandoned by read
        }
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        raw.close();
        if (!done) {
            exchange.abandon();
        }
    }
}
