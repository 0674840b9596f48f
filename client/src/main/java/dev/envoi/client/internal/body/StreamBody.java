package dev.envoi.client.internal.body;

import dev.envoi.client.RequestBody;
import dev.envoi.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/** A one-shot body read from an {@link InputStream}, of unknown or declared length; never replayable. */
public final class StreamBody extends RequestBody {
    private final InputStream in;
    private final MediaType contentType;
    private final long length;
    private final AtomicBoolean written = new AtomicBoolean();

    /** {@code length} is -1 when unknown. */
    public StreamBody(InputStream in, MediaType contentType, long length) {
        this.in = in;
        this.contentType = contentType;
        this.length = length;
    }

    @Override
    public Optional<MediaType> contentType() {
        return Optional.of(contentType);
    }

    @Override
    public OptionalLong contentLength() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        if (!written.compareAndSet(false, true)) {
            throw new IllegalStateException("this RequestBody reads a one-shot InputStream and was already written;"
                    + " it cannot be sent again (use bytes, a file or a replayable body for redirects and retries)");
        }
        try (InputStream source = in) {
            if (length < 0) {
                source.transferTo(out);
            } else {
                FileBody.copyExactly(source, out, length, "the request body stream");
            }
        }
    }

    @Override
    public String toString() {
        return "RequestBody(stream" + (length < 0 ? "" : ", " + length + " bytes") + ", " + contentType + ")";
    }
}
