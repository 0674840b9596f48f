package dev.envoi.codec;

/**
 * A named, opt-in tolerance for a specific way peers break RFC 9112. Every parser is strict by
 * default; each constant relaxes exactly one rule, says which section it relaxes and what it risks.
 *
 * <p>What the RFC itself requires of a recipient is not a leniency: a user agent unfolds an obs-fold
 * in a response (RFC 9112 §5.2), and a server ignores empty lines before a request-line (§2.2), so
 * the parsers do that always. The response parser ignores empty lines before a status-line too
 * (the RFC is silent there): servers that send a stray CRLF after a body exist, and an empty line
 * cannot move a message boundary. Both are bounded by {@link ParserConfig#maxStartLineBytes()}.
 *
 * <p>Deliberately <em>not</em> a leniency: a status line without the space before an empty
 * reason-phrase ({@code HTTP/1.1 200\r\n}). RFC 9112 §4 requires the space, but the status-code is
 * exactly three digits followed by the end of the line, so nothing is ambiguous and no framing
 * depends on it; many servers omit it and common parsers (llhttp, Jetty, the JDK) accept it, so
 * the response parser accepts it too.
 *
 * <pre>{@code
 * ParserConfig lenient = ParserConfig.builder().allow(Leniency.BARE_LF).build();
 * }</pre>
 */
public enum Leniency {
    /**
     * Accept a bare LF (without the preceding CR) as the end of a start line, field line, chunk
     * line, trailer line or the CRLF after chunk data. RFC 9112 §2.2 says a recipient MAY.
     *
     * <p>Risk: request smuggling and response splitting when another hop on the path disagrees on
     * where a line ends. A bare CR is never accepted, with or without this leniency (§2.2).
     */
    BARE_LF,

    /**
     * In a response, accept whitespace between a field name and its colon ({@code Content-Length : 5})
     * and remove it, as RFC 9112 §5.1 requires of a proxy. Has no effect on requests: a server MUST
     * reject such a request (§5.1).
     *
     * <p>Risk: a field that other recipients ignore (as an invalid name) becomes meaningful here; with
     * framing fields this is the classic response-splitting vector.
     */
    WHITESPACE_BEFORE_COLON_IN_RESPONSE,

    /**
     * In a request, replace each obs-fold (a field line continued on the next line that starts with
     * SP or HTAB) with SP instead of rejecting the request. RFC 9112 §5.2 lets a server do either;
     * strict parsing rejects. (In responses envoi always unfolds, as a user agent MUST.)
     *
     * <p>Risk: intermediaries that do not unfold read a different set of fields than this parser.
     */
    OBS_FOLD_IN_REQUEST
}
