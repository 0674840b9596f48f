package dev.envoi.benchmarks;

import java.util.Objects;

/**
 * What one parse of one whole HTTP/1.1 message found: the facts every parser under test must agree on
 * before its speed means anything.
 *
 * <p>A response has a {@code status} and a {@code null} {@code method}; a request has a {@code method} and
 * status {@code 0}. {@code fieldCount} counts header field lines as received (three {@code Set-Cookie}
 * lines count three; RFC 9110 §5.3), {@code bodyBytes} counts content with any chunk framing removed
 * (RFC 9112 §7.1), and {@code trailerCount} counts trailer field lines (RFC 9112 §7.1.2).
 *
 * @param status the status code of a response, 0 for a request
 * @param method the method of a request, {@code null} for a response
 * @param fieldCount the number of header field lines
 * @param bodyBytes the content length after removing any transfer coding
 * @param trailerCount the number of trailer field lines
 * @param firstTrailerName the name of the first trailer field, {@code null} when there is none
 */
public record MessageFacts(int status, String method, int fieldCount, long bodyBytes, int trailerCount,
                           String firstTrailerName) {

    /** Facts of a response. */
    public static MessageFacts response(int status, int fieldCount, long bodyBytes, int trailerCount,
                                        String firstTrailerName) {
        return new MessageFacts(status, null, fieldCount, bodyBytes, trailerCount, firstTrailerName);
    }

    /** Facts of a request. */
    public static MessageFacts request(String method, int fieldCount, long bodyBytes, int trailerCount,
                                       String firstTrailerName) {
        return new MessageFacts(0, Objects.requireNonNull(method, "method"), fieldCount, bodyBytes,
                trailerCount, firstTrailerName);
    }

    /**
     * Whether {@code other} states the same facts. Field names compare case-insensitively (RFC 9110 §5.1);
     * the method is case-sensitive (RFC 9110 §9.1).
     */
    public boolean sameAs(MessageFacts other) {
        return other != null
                && status == other.status
                && Objects.equals(method, other.method)
                && fieldCount == other.fieldCount
                && bodyBytes == other.bodyBytes
                && trailerCount == other.trailerCount
                && (firstTrailerName == null
                        ? other.firstTrailerName == null
                        : firstTrailerName.equalsIgnoreCase(other.firstTrailerName));
    }
}
