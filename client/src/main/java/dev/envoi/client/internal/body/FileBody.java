package dev.envoi.client.internal.body;

import dev.envoi.client.RequestBody;
import dev.envoi.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file streamed from disk on each write. Its size is taken when the body is made, sent as
 * {@code Content-Length}, and checked again while writing: a file that grew or shrank fails the
 * write, because a body that disagrees with its {@code Content-Length} would desynchronize the
 * connection (RFC 9112 §6.2) or be cut short at the receiver.
 */
public final class FileBody extends RequestBody {
    private static final int BUFFER = 16 * 1024;

    private final Path file;
    private final long size;
    private final MediaType contentType;

    private FileBody(Path file, long size, MediaType contentType) {
        this.file = file;
        this.size = size;
        this.contentType = contentType;
    }

    /** Checks that {@code file} is a readable regular file and records its size. */
    public static FileBody open(Path file, MediaType contentType) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw new IOException("not a regular file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new java.nio.file.AccessDeniedException(file.toString(), null, "cannot read the file");
        }
        return new FileBody(file, attrs.size(), contentType);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    @Override
    public Optional<MediaType> contentType() {
        return Optional.of(contentType);
    }

    @Override
    public OptionalLong contentLength() {
        return OptionalLong.of(size);
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            copyExactly(in, out, size, "file " + file);
        }
    }

    /**
     * Copies exactly {@code size} bytes and checks that {@code in} ends there, failing if it ends
     * early or holds more.
     */
    static void copyExactly(InputStream in, OutputStream out, long size, String what) throws IOException {
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(1, size))];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException(what + " ended after " + (size - left) + " of its " + size
                        + " bytes (did it change while being sent?)");
            }
            out.write(buf, 0, n);
            left -= n;
        }
        if (in.read() >= 0) {
            throw new IOException(what + " holds more than the " + size + " bytes announced as Content-Length"
                    + " (did it change while being sent?)");
        }
    }

    @Override
    public String toString() {
        return "RequestBody(file " + file + ", " + size + " bytes, " + contentType + ")";
    }
}
