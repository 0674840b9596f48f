package dev.envoi.codec;

import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Status;
import java.util.Objects;

/**
 * The status line and header section of a response (RFC 9112 §4, §5).
 *
 * @param version the protocol version
 * @param status the status code
 * @param reasonPhrase the reason phrase as received, possibly empty; it carries no meaning and a client
 *     should ignore it (RFC 9112 §4)
 * @param headers the header fields, in order
 */
public record ResponseHead(HttpVersion version, Status status, String reasonPhrase, Headers headers) {
    public ResponseHead {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        Objects.requireNonNull(headers, "headers");
    }
}
