package dev.envoi.codec.conformance;

import java.util.List;

/**
 * What envoi's parser made of one case's bytes. Records compare by value, so feedings can be compared.
 * {@code error} is the exception's message (with offset and excerpt), {@code failure} the same error
 * without them: its class, RFC section and reason, which every feeding gives alike.
 */
record Outcome(List<Message> messages, String error, String failure, long upgradeOffset, boolean dataAfterClose) {

    /**
     * What envoi did, in one line, as the deviation table of CONFORMANCE.md records it: each message
     * ({@code METHOD target} or the status code, {@code +N B} of body, {@code (incomplete)}), then
     * an upgrade, data after close, and the failure, each when there is one.
     */
    String record() {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            sb.append(sb.length() == 0 ? "" : ", ");
            sb.append(m.method() != null ? m.method() + " " + m.url() : String.valueOf(m.status()));
            sb.append(m.body().isEmpty() ? "" : " +" + m.body().length() + " B");
            sb.append(m.complete() ? "" : " (incomplete)");
        }
        if (upgradeOffset >= 0) {
            sb.append(sb.length() == 0 ? "" : "; ").append("upgrade at ").append(upgradeOffset);
        }
        if (dataAfterClose) {
            sb.append(sb.length() == 0 ? "" : "; ").append("data after close");
        }
        if (failure != null) {
            sb.append(sb.length() == 0 ? "" : "; ").append(failure);
        }
        return sb.length() == 0 ? "no message" : sb.toString();
    }

    /** One message as envoi saw it; byte strings are ISO-8859-1 text. */
    record Message(String method, String url, Integer status, String reason, String version,
            List<List<String>> headers, List<List<String>> trailers, String body, List<Chunk> chunks,
            Long contentLength, boolean keepAlive, boolean untilClose, boolean complete) {
    }

    /** A chunk header: size and extensions as {name, valueOrNull}. */
    record Chunk(long size, List<List<String>> extensions) {
    }
}
