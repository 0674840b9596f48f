package dev.envoi.client.internal.exchange;

import dev.envoi.core.EnvoiException;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body's way to the connection: counts the bytes, refuses to write past the declared
 * length (RFC 9112 §6.2), and every {@value #WATCH_EVERY} bytes asks whether the server has answered
 * already (RFC 9112 §9.5). When it has, the write throws {@link AnsweredEarly}, which ends the body's
 * {@code writeTo}, and so does every later write. Large writes are cut into pieces of that size so
 * the question is asked between them; nothing is allocated per write.
 */
final class BodyOutput extends OutputStream {
    /** How many body bytes are written between two looks for an early response. */
    static final int WATCH_EVERY = 64 * 1024;

    /** Looks, without blocking, whether a final response head has arrived. */
    @FunctionalInterface
    interface Watch {
        boolean answered() throws IOException;
    }

    private final OutputStream out;
    private final long limit;
    private final Watch watch;
    private final byte[] one = new byte[1];
    private long nextLook = WATCH_EVERY;
    private boolean answered;
    private boolean wireFailed;
    long count;

    BodyOutput(OutputStream out, long limit, Watch watch) {
        this.out = out;
        this.limit = limit;
        this.watch = watch;
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (answered) {
            throw new AnsweredEarly(); // a body that went on writing after being told to stop
        }
        if (count + len > limit) {
            throw new EnvoiException("the request body wrote more than its declared length of " + limit
                    + " bytes (RFC 9112 §6.2); the connection is closed");
        }
        for (int done = 0; done < len; ) {
            int n = (int) Math.min(len - done, nextLook - count);
            try {
                out.write(b, off + done, n);
            } catch (IOException e) {
                wireFailed = true;
                throw e;
            }
            done += n;
            count += n;
            if (count == nextLook) {
                nextLook += WATCH_EVERY;
                if (watch.answered()) {
                    answered = true;
                    throw new AnsweredEarly();
                }
            }
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            wireFailed = true;
            throw e;
        }
    }

    /** Whether the watch said the server answered, which stopped the body. */
    boolean answered() {
        return answered;
    }

    /** Whether a write or flush to the connection failed (not the body's own code, nor the watch). */
    boolean wireFailed() {
        return wireFailed;
    }

    /** Thrown through the body's {@code writeTo} to stop an upload the server already answered. */
    static final class AnsweredEarly extends IOException {
        private static final long serialVersionUID = 1L;

        AnsweredEarly() {
            super("the server answered before the request body was sent (RFC 9112 §9.5)");
        }
    }
}
