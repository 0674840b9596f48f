package dev.envoi.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The benchmark corpus in {@code src/main/resources/bench-corpus/} (see the README there), with the facts
 * each message must parse to. The expected facts were counted from the bytes: field lines between the
 * start line and the empty line, chunk sizes summed for {@code chunked.http}.
 */
public enum CorpusItem {
    /** {@code HTTP/1.1 200 OK}, {@code Content-Length: 2}, {@code ok}. */
    TINY("tiny", 40, MessageFacts.response(200, 1, 2, 0, null)),
    /** A CDN-served JSON API response, 15 fields, 1 KiB body. */
    TYPICAL("typical", 1706, MessageFacts.response(200, 15, 1024, 0, null)),
    /** {@code Transfer-Encoding: chunked}, 10 chunks of 1 KiB, one trailer field {@code X-Checksum}. */
    CHUNKED("chunked", 10633, MessageFacts.response(200, 7, 10240, 1, "X-Checksum")),
    /** 40 fields in a 4077-byte head, {@code Content-Length: 0}. */
    HEADERS_HEAVY("headers-heavy", 4077, MessageFacts.response(200, 40, 0, 0, null)),
    /** A browser-like {@code GET} with 11 fields and no body. */
    REQUEST("request", 541, MessageFacts.request("GET", 11, 0, 0, null));

    private final String id;
    private final int size;
    private final MessageFacts expected;

    CorpusItem(String id, int size, MessageFacts expected) {
        this.id = id;
        this.size = size;
        this.expected = expected;
    }

    /** The item's name, as used in {@code @Param} and as the file name without {@code .http}. */
    public String id() {
        return id;
    }

    /** The size of the whole wire message in bytes; MB/s figures are computed from it. */
    public int size() {
        return size;
    }

    /** Whether the message is a request (otherwise a response). */
    public boolean isRequest() {
        return expected.method() != null;
    }

    /** The facts every parser must report for this message. */
    public MessageFacts expected() {
        return expected;
    }

    /** The item named {@code id}, e.g. {@code "headers-heavy"}. */
    public static CorpusItem named(String id) {
        for (CorpusItem item : values()) {
            if (item.id.equals(id)) {
                return item;
            }
        }
        throw new IllegalArgumentException("no corpus item named '" + id + "'");
    }

    /**
     * The message's exact bytes, read from the class path. Fails if the size differs from the README's,
     * which is what an end-of-line conversion of the file would cause.
     */
    public byte[] bytes() {
        String resource = "/bench-corpus/" + id + ".http";
        try (InputStream in = CorpusItem.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("corpus file missing from the class path: " + resource);
            }
            byte[] bytes = in.readAllBytes();
            if (bytes.length != size) {
                throw new IllegalStateException(resource + " has " + bytes.length + " bytes, expected "
                        + size + " (was it converted to other line ends?)");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A new heap buffer holding exactly the message, position 0, limit = capacity = {@link #size()}. */
    public ByteBuffer newBuffer() {
        return ByteBuffer.wrap(bytes());
    }
}
