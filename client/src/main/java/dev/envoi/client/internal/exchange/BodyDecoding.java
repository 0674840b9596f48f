package dev.envoi.client.internal.exchange;

import dev.envoi.client.ContentDecoding;
import dev.envoi.client.DecodedBody;
import dev.envoi.client.Redirect;
import dev.envoi.client.Request;
import dev.envoi.codec.ResponseHead;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Builds the {@link Outcome} of a call: the framed body, content decoding per {@link ContentDecoding}
 * (RFC 9110 §8.4), and the header fields adjusted to what the caller reads, as {@link DecodedBody}
 * says: when a coding was removed, {@code Content-Length} (which counted the encoded bytes) is
 * removed, and {@code Content-Encoding} lists only the codings still on the body (or is removed).
 * A response without a body (HEAD, 204, 304) completes at once and releases its connection.
 */
final class BodyDecoding {
    private BodyDecoding() {
    }

    static Outcome outcome(Request request, Exchange exchange, ContentDecoding decoding, CallState state,
            List<Redirect> history) throws IOException {
        ResponseHead head = exchange.head();
        Headers headers = head.headers();
        ExchangeBody framed = exchange.body();
        InputStream decoded = framed;
        boolean noBody = exchange.hasNoBody();
        if (!noBody && decoding.enabled() && headers.contains(HeaderName.CONTENT_ENCODING)) {
            DecodedBody d;
            try {
                d = decoding.decode(framed, headers);
            } catch (IOException e) {
                framed.close();
                state.finish();
                throw state.translate(e, "decoding the response body");
            }
            decoded = d.body();
            if (!d.decoded().isEmpty()) {
                Headers.Builder b = headers.newBuilder().remove(HeaderName.CONTENT_LENGTH)
                        .remove(HeaderName.CONTENT_ENCODING);
                if (!d.remaining().isEmpty()) {
                    b.add(HeaderName.CONTENT_ENCODING, String.join(", ", d.remaining()));
                }
                headers = b.build();
            }
        }
        CallBody body = new CallBody(decoded, framed, exchange, state);
        if (noBody && body.read(new byte[1], 0, 1) >= 0) {
            throw new IllegalStateException("a response without a body produced bytes");
        }
        return new Outcome(request, head, headers, body, history);
    }
}
