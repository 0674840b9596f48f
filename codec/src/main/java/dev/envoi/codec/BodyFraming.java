package dev.envoi.codec;

/**
 * How the body of a message is delimited: the closed result of the message body length rules of
 * RFC 9112 §6.3, decided once the header section is parsed.
 */
public sealed interface BodyFraming {
    /** The message has no body (HEAD responses, 1xx, 204, 304, requests without framing fields). */
    NoBody NO_BODY = new NoBody();
    /** The body uses the chunked transfer coding (RFC 9112 §7.1). */
    Chunked CHUNKED = new Chunked();
    /** The body runs until the server closes the connection (responses only, RFC 9112 §6.3 rule 8). */
    UntilClose UNTIL_CLOSE = new UntilClose();

    /** No body: the message ends with its header section. */
    record NoBody() implements BodyFraming {
    }

    /** Exactly {@code length} bytes of body, from a valid {@code Content-Length} (RFC 9112 §6.3 rule 6). */
    record FixedLength(long length) implements BodyFraming {
        public FixedLength {
            if (length < 0) {
                throw new IllegalArgumentException("length must be >= 0, got " + length);
            }
        }
    }

    /** Chunked transfer coding as the final coding (RFC 9112 §6.3 rule 4). */
    record Chunked() implements BodyFraming {
    }

    /** Delimited by the connection closing (RFC 9112 §6.3 rule 8); the connection cannot be reused. */
    record UntilClose() implements BodyFraming {
    }
}
