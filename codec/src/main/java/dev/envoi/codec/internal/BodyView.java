package dev.envoi.codec.internal;

import java.nio.ByteBuffer;

/**
 * The read-only window onto the caller's input that a BODY event hands out. One view object is
 * reused for as long as the caller passes the same input buffer, so a body costs no allocation per
 * event; the window is valid until the next {@code parse} call.
 */
final class BodyView {
    private ByteBuffer source;
    private ByteBuffer view;

    /** Points the view at the next {@code n} bytes of {@code in} and consumes them from {@code in}. */
    void take(ByteBuffer in, int n) {
        int pos = in.position();
        if (source != in) {
            source = in;
            view = in.asReadOnlyBuffer();
        }
        view.limit(pos + n).position(pos); // limit first: a new limit below the old position is allowed
        in.position(pos + n);
    }

    /** The current window, or {@code null} before the first. */
    ByteBuffer view() {
        return view;
    }
}
