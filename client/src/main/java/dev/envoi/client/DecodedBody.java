package dev.envoi.client;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ContentDecoding#decode} made of a response body: the stream to read and which content
 * codings were removed and which are still on it.
 *
 * <p>Codings are listed lower-cased in the order of the {@code Content-Encoding} field (the order in
 * which the sender applied them), without {@code identity}. When {@link #remaining()} is not
 * empty the stream still carries those codings, untouched, and the response should say so with
 * {@code Content-Encoding: <remaining>}; when {@link #decoded()} is not empty, the original
 * {@code Content-Length} no longer describes the stream.
 *
 * @param body the stream to read; closing it closes the encoded stream and releases the decoders
 * @param decoded the codings removed, e.g. {@code [gzip]}
 * @param remaining the codings still applied to {@code body}, e.g. {@code [br]} or {@code [gzip, br]}
 */
public record DecodedBody(InputStream body, List<String> decoded, List<String> remaining) {

    /** Copies the lists. */
    public DecodedBody {
        Objects.requireNonNull(body, "body");
        decoded = List.copyOf(decoded);
        remaining = List.copyOf(remaining);
    }

    /** Whether every coding was removed, so {@link #body()} is the representation itself. */
    public boolean isFullyDecoded() {
        return remaining.isEmpty();
    }
}
