package dev.envoi.benchmarks;

import java.nio.ByteBuffer;

/**
 * One library's HTTP/1.1 parser, driven the way a keep-alive connection drives it, reduced to the facts
 * every parser must agree on. All libraries, envoi included, are measured and checked through this
 * interface so that none gets a different harness.
 *
 * <p>Contract, for both methods:
 * <ol>
 *   <li>{@code message} holds exactly one whole message between its position and its limit.</li>
 *   <li>The adapter parses the start line, every field, the whole body (chunk framing removed) and the
 *       trailers, and returns what it found. It must not skip work a real client would do to obtain these
 *       facts (for example, body bytes are counted from what the parser delivers, not from the head).</li>
 *   <li>On return the message was consumed: {@code message.position() == message.limit()}, and the
 *       parser is ready for the next message on the same connection.</li>
 *   <li>A message the library rejects, or one it leaves unfinished, ends in {@link IllegalStateException}.</li>
 * </ol>
 *
 * <p>An adapter is used by one thread and reused for every operation, as one connection reuses its
 * parser. It may keep library-specific views of {@code message} keyed by the buffer's identity: the
 * benchmark passes the same buffer each time, rewound, the way a connection refills the same read buffer.
 */
public interface ParserAdapter {

    /** The library and version under test, for messages, e.g. {@code "Jetty 12.1.14"}. */
    String library();

    /** Parses one whole response. See the class contract. */
    MessageFacts parseResponse(ByteBuffer message);

    /** Parses one whole request. See the class contract. */
    MessageFacts parseRequest(ByteBuffer message);
}
