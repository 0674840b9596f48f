package dev.envoi.codec;

/**
 * What a parser found in the input it was given; the answer of {@code parse(ByteBuffer)}.
 *
 * <p>A response, in events: zero or more {@link #INTERIM_HEAD} (1xx, RFC 9110 §15.2), one
 * {@link #HEAD}, zero or more {@link #BODY}, one {@link #MESSAGE_COMPLETE}, with {@link #NEED_INPUT}
 * wherever the input ran out first. After {@code MESSAGE_COMPLETE} the parser is ready for the next
 * message on the same connection.
 */
public enum ParseEvent {
    /** All input was consumed and more is needed to make progress. */
    NEED_INPUT,
    /** An interim (1xx) response head was parsed; the final response follows. Responses only. */
    INTERIM_HEAD,
    /** The start line and header section were parsed; the body framing is known. */
    HEAD,
    /** A piece of the body (framing removed) is available from {@code body()}. */
    BODY,
    /** The message, including any trailer section, is complete. */
    MESSAGE_COMPLETE
}
