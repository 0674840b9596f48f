package dev.envoi.codec;

import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import java.util.Objects;

/**
 * The start line and header section of a request (RFC 9112 §3, §5): method, request-target as it
 * appears on the wire, protocol version and fields.
 *
 * @param method the request method
 * @param target the request-target in one of the four forms of RFC 9112 §3.2, exactly as sent
 * @param version the protocol version
 * @param headers the header fields, in order
 */
public record RequestHead(Method method, String target, HttpVersion version, Headers headers) {
    public RequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
    }
}
