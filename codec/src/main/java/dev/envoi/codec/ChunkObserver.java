package dev.envoi.codec;

import java.util.List;

/**
 * Sees the header of every chunk of a chunked body (RFC 9112 §7.1), including the last-chunk of
 * size zero. For diagnostics and conformance testing; chunk extensions carry no meaning envoi acts on.
 * A parser without an observer does not materialize extensions at all.
 *
 * <pre>{@code
 * parser.setChunkObserver((size, ext) -> log.trace(size + " " + ext.size() + " extensions"));
 * }</pre>
 */
@FunctionalInterface
public interface ChunkObserver {
    /**
     * Called when a chunk-size line is parsed.
     *
     * @param size the chunk size (0 for the last-chunk)
     * @param extensions each chunk-ext as {@code {name, valueOrNull}} in order; a quoted-string value
     *     keeps its quotes and backslashes exactly as received
     */
    void chunkHeader(long size, List<String[]> extensions);
}
