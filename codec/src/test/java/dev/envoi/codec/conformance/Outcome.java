package dev.envoi.codec.conformance;

import java.util.List;

/** What envoi's parser made of one case's bytes. Records compare by value, so feedings can be compared. */
record Outcome(List<Message> messages, String error, long upgradeOffset, boolean dataAfterClose) {

    /** One message as envoi saw it; byte strings are ISO-8859-1 text. */
    record Message(String method, String url, Integer status, String reason, String version,
            List<List<String>> headers, List<List<String>> trailers, String body, List<Chunk> chunks,
            Long contentLength, boolean keepAlive, boolean untilClose, boolean complete) {
    }

    /** A chunk header: size and extensions as {name, valueOrNull}. */
    record Chunk(long size, List<List<String>> extensions) {
    }
}
