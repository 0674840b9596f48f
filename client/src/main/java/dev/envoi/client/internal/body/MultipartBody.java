package dev.envoi.client.internal.body;

import dev.envoi.client.RequestBody;
import dev.envoi.core.MediaType;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes a {@code multipart/form-data} body (RFC 7578, RFC 2046 §5.1.1):
 * <pre>
 * --boundary CRLF headers CRLF content CRLF     (each part)
 * --boundary-- CRLF                             (close delimiter)
 * </pre>
 * The length is known when every part's is; the body is replayable when every part is.
 */
public final class MultipartBody extends RequestBody {
    private static final byte[] CRLF = {'\r', '\n'};

    private final MediaType contentType;
    private final List<FormPart> parts;
    private final byte[] close;
    private final long length;
    private final boolean replayable;

    /** {@code parts} must be non-empty and already carry {@code boundary} in their heads. */
    public MultipartBody(String boundary, MediaType contentType, List<FormPart> parts) {
        this.contentType = contentType;
        this.parts = List.copyOf(parts);
        this.close = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long total = close.length;
        boolean replay = true;
        for (FormPart p : parts) {
            OptionalLong n = p.body().contentLength();
            total = n.isPresent() && total >= 0 ? total + p.head().length + n.getAsLong() + CRLF.length : -1;
            replay &= p.body().isReplayable();
        }
        this.length = total;
        this.replayable = replay;
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
    public boolean isReplayable() {
        return replayable;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < parts.size(); i++) {
            FormPart p = parts.get(i);
            out.write(p.head());
            PartOutput counted = new PartOutput(out);
            p.body().writeTo(counted);
            OptionalLong declared = p.body().contentLength();
            if (declared.isPresent() && declared.getAsLong() != counted.count) {
                throw new IOException("multipart part " + (i + 1) + " wrote " + counted.count
                        + " bytes but declared " + declared.getAsLong());
            }
            out.write(CRLF);
        }
        out.write(close);
    }

    @Override
    public String toString() {
        return "RequestBody(" + contentType + ", " + parts.size() + " parts"
                + (length < 0 ? "" : ", " + length + " bytes") + ")";
    }

    /** Counts what a part writes and keeps it from closing the shared stream. */
    private static final class PartOutput extends FilterOutputStream {
        long count;

        PartOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // The multipart body owns the stream.
        }
    }
}
