package dev.envoi.codec.internal;

import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;

/**
 * The message body length rules of RFC 9112 §6.3, applied in order, as a pure function of what the
 * header section said. The answer is an {@link Outcome}: how the body is delimited, whether the
 * connection survives the message, or why the framing is faulty.
 *
 * <p>Choices where the RFC leaves room, all on the side of never misreading a message boundary:
 * <ul>
 *   <li>Transfer-Encoding with Content-Length: in a request this is an error (rule 3: "ought to be
 *       handled as an error"; §6.1: a server MAY reject it). In a response the chunked coding wins
 *       and the connection is closed afterwards (§6.1: the connection MUST be closed).</li>
 *   <li>Transfer-Encoding in an HTTP/1.0 message: "treat the message as if the framing is faulty
 *       ... and close the connection after processing the message" (§6.1). A request is refused;
 *       a response is read by rule 4 and the connection closed.</li>
 *   <li>A request may use the chunked coding only (any other coding is one this parser cannot
 *       decode: 501 in RFC 9112 §6.1 terms). A response may add codings before chunked; the caller
 *       sees them in {@code Transfer-Encoding}.</li>
 *   <li>A syntactically invalid Transfer-Encoding (or chunked applied twice, or with parameters)
 *       is an error in both directions.</li>
 * </ul>
 */
public final class FramingRules {
    /** What the Transfer-Encoding field said. */
    public enum Codings {
        /** No Transfer-Encoding field. */
        ABSENT,
        /** Exactly {@code chunked}. */
        CHUNKED,
        /** Other codings, then {@code chunked} last. */
        CHUNKED_AFTER_OTHERS,
        /** Codings whose last is not {@code chunked}, or an empty list. */
        NOT_CHUNKED_FINAL,
        /** Not a valid list of transfer codings, or chunked more than once or with parameters. */
        INVALID
    }

    /** What the Content-Length field said. */
    public enum Length {
        ABSENT, VALID, INVALID
    }

    /** How the body is delimited. */
    public enum Body {
        NONE, CONTENT_LENGTH, CHUNKED, UNTIL_CLOSE
    }

    /** The decision; error outcomes carry their reason and section, and never a body. */
    public enum Outcome {
        /** Rule 1: a response to HEAD, a 204 or a 304; or rule 7: a request with neither field. */
        NO_BODY(Body.NONE, false, false, null, "RFC 9112 §6.3"),
        /** Rule 1: a 1xx interim response other than 101; the final response follows. */
        INTERIM(Body.NONE, false, false, null, "RFC 9112 §6.3"),
        /**
         * Rule 1 and RFC 9110 §15.2.2: 101 Switching Protocols; the bytes after the head belong to the
         * new protocol.
         */
        SWITCHING_PROTOCOLS(Body.NONE, true, true, null, "RFC 9110 §15.2.2"),
        /** Rule 2: a 2xx response to CONNECT, or a CONNECT request; the connection is a tunnel after the head. */
        TUNNEL(Body.NONE, true, true, null, "RFC 9112 §6.3"),
        /** Rule 4: chunked is the final coding. */
        CHUNKED(Body.CHUNKED, false, false, null, "RFC 9112 §6.3"),
        /** Rules 3/4 with Content-Length also present, or §6.1 HTTP/1.0: chunked, then close. */
        CHUNKED_THEN_CLOSE(Body.CHUNKED, true, false, null, "RFC 9112 §6.1"),
        /** Rule 6: a valid Content-Length. */
        CONTENT_LENGTH(Body.CONTENT_LENGTH, false, false, null, "RFC 9112 §6.3"),
        /** Rule 4 (response whose final coding is not chunked) or rule 8 (response with neither field). */
        UNTIL_CLOSE(Body.UNTIL_CLOSE, true, false, null, "RFC 9112 §6.3"),

        /** Rule 5: an invalid Content-Length without Transfer-Encoding. */
        INVALID_CONTENT_LENGTH(null, true, false, "invalid Content-Length", "RFC 9112 §6.3"),
        /** An invalid Transfer-Encoding value. */
        INVALID_TRANSFER_ENCODING(null, true, false, "invalid Transfer-Encoding", "RFC 9112 §6.1"),
        /** Rule 3 in a request. */
        TRANSFER_ENCODING_WITH_CONTENT_LENGTH(null, true, false,
                "a request must not have both Transfer-Encoding and Content-Length (request smuggling)",
                "RFC 9112 §6.3"),
        /** §6.1: Transfer-Encoding in an HTTP/1.0 request. */
        TRANSFER_ENCODING_IN_HTTP_1_0(null, true, false,
                "Transfer-Encoding in an HTTP/1.0 request: the framing is faulty", "RFC 9112 §6.1"),
        /** Rule 4 in a request: chunked is not the final coding. */
        CHUNKED_NOT_FINAL(null, true, false,
                "expected chunked as the final transfer coding of a request", "RFC 9112 §6.3"),
        /** §6.1: a request with a transfer coding other than chunked (a server answers 501). */
        UNSUPPORTED_TRANSFER_CODING(null, true, false,
                "a request transfer coding other than chunked is not supported (501)", "RFC 9112 §6.1");

        private final Body body;
        private final boolean closeAfter;
        private final boolean upgrade;
        private final String error;
        private final String rfcSection;

        Outcome(Body body, boolean closeAfter, boolean upgrade, String error, String rfcSection) {
            this.body = body;
            this.closeAfter = closeAfter;
            this.upgrade = upgrade;
            this.error = error;
            this.rfcSection = rfcSection;
        }

        /** How the body is delimited; {@code null} for an error. */
        public Body body() {
            return body;
        }

        /** Whether the connection must not carry another message after this one. */
        public boolean closeAfter() {
            return closeAfter;
        }

        /** Whether the connection leaves HTTP/1.1 after the head (101, or a CONNECT tunnel). */
        public boolean upgrade() {
            return upgrade;
        }

        /** Why the framing is faulty, or {@code null}. */
        public String error() {
            return error;
        }

        public String rfcSection() {
            return rfcSection;
        }
    }

    private FramingRules() {
    }

    /**
     * The body of a response with status {@code code} to a {@code requestMethod} request. An invalid
     * code (outside 100..599, RFC 9110 §15: processed "as if it had a 5xx (Server Error) status
     * code") is framed as a 500: never interim, never without content but after HEAD.
     */
    public static Outcome response(Method requestMethod, int code, HttpVersion version, Codings te, Length cl) {
        int status = code < 100 || code > 599 ? 500 : code;
        if (status == 101) {
            return Outcome.SWITCHING_PROTOCOLS;
        }
        if (status < 200) {
            return Outcome.INTERIM; // rule 1
        }
        if (Method.HEAD.equals(requestMethod) || status == 204 || status == 304) {
            return Outcome.NO_BODY; // rule 1
        }
        if (Method.CONNECT.equals(requestMethod) && status < 300) {
            return Outcome.TUNNEL; // rule 2
        }
        if (te != Codings.ABSENT) { // rules 3 and 4
            return switch (te) {
                case INVALID -> Outcome.INVALID_TRANSFER_ENCODING;
                case CHUNKED, CHUNKED_AFTER_OTHERS -> cl != Length.ABSENT || !version.isAtLeast11()
                        ? Outcome.CHUNKED_THEN_CLOSE : Outcome.CHUNKED;
                default -> Outcome.UNTIL_CLOSE;
            };
        }
        return lengthRules(cl, Outcome.UNTIL_CLOSE);
    }

    /**
     * The body of a request. A CONNECT request has no content (RFC 9110 §9.3.6): what follows its
     * header section is tunnel data once the server agrees, so its framing fields are ignored.
     */
    public static Outcome request(Method method, HttpVersion version, Codings te, Length cl) {
        if (Method.CONNECT.equals(method)) {
            return Outcome.TUNNEL;
        }
        if (te != Codings.ABSENT) { // rules 3 and 4, §6.1
            if (te == Codings.INVALID) {
                return Outcome.INVALID_TRANSFER_ENCODING;
            }
            if (!version.isAtLeast11()) {
                return Outcome.TRANSFER_ENCODING_IN_HTTP_1_0;
            }
            if (cl != Length.ABSENT) {
                return Outcome.TRANSFER_ENCODING_WITH_CONTENT_LENGTH;
            }
            return switch (te) {
                case CHUNKED -> Outcome.CHUNKED;
                case CHUNKED_AFTER_OTHERS -> Outcome.UNSUPPORTED_TRANSFER_CODING;
                default -> Outcome.CHUNKED_NOT_FINAL;
            };
        }
        return lengthRules(cl, Outcome.NO_BODY); // rule 7
    }

    /** Rules 5 and 6, then the fallback of rule 7 (requests) or 8 (responses). */
    private static Outcome lengthRules(Length cl, Outcome neither) {
        return switch (cl) {
            case INVALID -> Outcome.INVALID_CONTENT_LENGTH;
            case VALID -> Outcome.CONTENT_LENGTH;
            case ABSENT -> neither;
        };
    }
}
