package dev.envoi.core;

/**
 * A value given by the caller does not follow the syntax its RFC requires: a header field name that
 * is not a {@code token}, a field value containing CR, LF or NUL (RFC 9110 §5.5), a URL that is not
 * a valid {@code http}/{@code https} URI (RFC 3986), a malformed media type (RFC 9110 §8.3.1).
 *
 * <p>This is the caller's mistake, caught before anything is sent, so it is an unchecked
 * {@link IllegalArgumentException}. When the same text arrives from a peer (a {@code Location}
 * field, say), the module that reads it wraps this in an {@link EnvoiException}.
 */
public class InvalidSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int index;
    private final String rfcSection;

    /**
     * @param reason what is wrong
     * @param input the rejected text (escaped in the message, never echoed raw)
     * @param index the character index of the problem in {@code input}, or -1
     * @param rfcSection the rule broken, e.g. {@code "RFC 9110 §5.5"}
     */
    public InvalidSyntaxException(String reason, String input, int index, String rfcSection) {
        super(describe(reason, input, index, rfcSection));
        this.input = input;
        this.index = index;
        this.rfcSection = rfcSection;
    }

    /** The rejected text. */
    public String input() {
        return input;
    }

    /** Character index of the problem in {@link #input()}, or -1. */
    public int index() {
        return index;
    }

    /** The rule broken, e.g. {@code "RFC 3986 §3.2.2"}. */
    public String rfcSection() {
        return rfcSection;
    }

    private static String describe(String reason, String input, int index, String rfcSection) {
        StringBuilder sb = new StringBuilder(reason);
        if (index >= 0) {
            sb.append(" at index ").append(index);
        }
        if (input != null) {
            sb.append(" in \"");
            int limit = Math.min(input.length(), 200);
            for (int i = 0; i < limit; i++) {
                char c = input.charAt(i);
                if (c < 0x100) {
                    MalformedMessageException.appendEscaped(sb, c);
                } else {
                    sb.append(c);
                }
            }
            if (limit < input.length()) {
                sb.append("...");
            }
            sb.append('"');
        }
        if (rfcSection != null) {
            sb.append(" [").append(rfcSection).append(']');
        }
        return sb.toString();
    }
}
