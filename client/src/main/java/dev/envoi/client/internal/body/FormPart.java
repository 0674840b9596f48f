package dev.envoi.client.internal.body;

import dev.envoi.client.RequestBody;

/**
 * One encoded part of a {@code multipart/form-data} body: the delimiter line and header section
 * ({@code --boundary CRLF fields CRLF}) as bytes, then the content.
 */
public record FormPart(byte[] head, RequestBody body) {
}
