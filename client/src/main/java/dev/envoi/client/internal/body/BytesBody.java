package dev.envoi.client.internal.body;

import dev.envoi.client.RequestBody;
import dev.envoi.core.MediaType;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.OptionalLong;

/** A body held in memory: bytes, text, form, JSON. Immutable and replayable. */
public final class BytesBody extends RequestBody {
    /** The empty body, without a content type. */
    public static final BytesBody EMPTY = new BytesBody(new byte[0], null);

    private final byte[] bytes;
    private final MediaType contentType;

    /** Takes ownership of {@code bytes}; {@code contentType} may be null for none. */
    public BytesBody(byte[] bytes, MediaType contentType) {
        this.bytes = bytes;
        this.contentType = contentType;
    }

    /** The bytes themselves, not copied: callers inside the module must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public Optional<MediaType> contentType() {
        return Optional.ofNullable(contentType);
    }

    @Override
    public OptionalLong contentLength() {
        return OptionalLong.of(bytes.length);
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public String toString() {
        return "RequestBody(" + bytes.length + " bytes" + (contentType == null ? "" : ", " + contentType) + ")";
    }
}
