package dev.envoi.core;

/**
 * A response status code (RFC 9110 §15): three digits whose first is its class. Codes are an open
 * set; each known one carries the reason phrase RFC 9110 registers, and unknown ones are understood
 * by their class (RFC 9110 §15: "a client MUST understand the class of any status code ... and treat
 * an unrecognized status code as being equivalent to the x00 status code of that class").
 *
 * <p><b>Invalid codes.</b> On the wire a status-code is any 3DIGIT (RFC 9112 §4), so a server can
 * send {@code 000} to {@code 099} or {@code 600} to {@code 999}. RFC 9110 §15: "Values outside the
 * range 100..599 are invalid. ... A client that receives a response with an invalid status code
 * SHOULD process the response as if it had a 5xx (Server Error) status code." So such a response is
 * not refused, and its {@code Status} keeps the code as received ({@link #code()}, {@link #toString()})
 * but is {@linkplain #isValid() invalid} and classified as a server error: {@link #statusClass()} is
 * {@link StatusClass#SERVER_ERROR}, {@link #isServerError()} is true, and it is never informational
 * (a {@code 0xx} is not an interim response), successful, a redirection or a client error. Its
 * {@link #reason()} is {@value #INVALID_REASON}.
 *
 * <p>{@code Status.of(code)} never allocates: every code from 0 to 999 is made once. Immutable.
 */
public final class Status {
    /** The five classes of RFC 9110 §15. */
    public enum StatusClass {
        /** 1xx: interim response, the final one follows (RFC 9110 §15.2). */
        INFORMATIONAL,
        /** 2xx (RFC 9110 §15.3). */
        SUCCESSFUL,
        /** 3xx (RFC 9110 §15.4). */
        REDIRECTION,
        /** 4xx (RFC 9110 §15.5). */
        CLIENT_ERROR,
        /** 5xx (RFC 9110 §15.6), and an invalid code outside 100..599 (RFC 9110 §15). */
        SERVER_ERROR
    }

    /** The reason phrase of a code outside 100..599. */
    public static final String INVALID_REASON = "Invalid Status";

    private static final Status[] ALL = new Status[1000];

    static {
        for (int code = 0; code < ALL.length; code++) {
            ALL[code] = new Status(code, isValid(code) ? defaultReason(code) : INVALID_REASON);
        }
    }

    public static final Status CONTINUE = of(100);
    public static final Status SWITCHING_PROTOCOLS = of(101);
    public static final Status EARLY_HINTS = of(103);
    public static final Status OK = of(200);
    public static final Status CREATED = of(201);
    public static final Status ACCEPTED = of(202);
    public static final Status NO_CONTENT = of(204);
    public static final Status PARTIAL_CONTENT = of(206);
    public static final Status MOVED_PERMANENTLY = of(301);
    public static final Status FOUND = of(302);
    public static final Status SEE_OTHER = of(303);
    public static final Status NOT_MODIFIED = of(304);
    public static final Status TEMPORARY_REDIRECT = of(307);
    public static final Status PERMANENT_REDIRECT = of(308);
    public static final Status BAD_REQUEST = of(400);
    public static final Status UNAUTHORIZED = of(401);
    public static final Status FORBIDDEN = of(403);
    public static final Status NOT_FOUND = of(404);
    public static final Status METHOD_NOT_ALLOWED = of(405);
    public static final Status PROXY_AUTHENTICATION_REQUIRED = of(407);
    public static final Status REQUEST_TIMEOUT = of(408);
    public static final Status CONFLICT = of(409);
    public static final Status GONE = of(410);
    public static final Status LENGTH_REQUIRED = of(411);
    public static final Status CONTENT_TOO_LARGE = of(413);
    public static final Status URI_TOO_LONG = of(414);
    public static final Status UNSUPPORTED_MEDIA_TYPE = of(415);
    public static final Status EXPECTATION_FAILED = of(417);
    public static final Status TOO_MANY_REQUESTS = of(429);
    public static final Status INTERNAL_SERVER_ERROR = of(500);
    public static final Status NOT_IMPLEMENTED = of(501);
    public static final Status BAD_GATEWAY = of(502);
    public static final Status SERVICE_UNAVAILABLE = of(503);
    public static final Status GATEWAY_TIMEOUT = of(504);

    private final int code;
    private final String reason;

    private Status(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /**
     * The status {@code code}: any three-digit status-code (RFC 9112 §4), valid (100 to 599) or
     * not (see the class documentation).
     *
     * @throws IllegalArgumentException unless 0 &lt;= code &lt;= 999
     */
    public static Status of(int code) {
        if (code < 0 || code >= ALL.length) {
            throw new IllegalArgumentException("status code must be 3 digits, 000-999 (RFC 9112 §4), got " + code);
        }
        return ALL[code];
    }

    /** The three-digit code. */
    public int code() {
        return code;
    }

    /**
     * The reason phrase registered for this code, {@code ""} for an unregistered valid code, or
     * {@value #INVALID_REASON} for an invalid one.
     */
    public String reason() {
        return reason;
    }

    /** Whether the code is within 100..599, the valid status codes of RFC 9110 §15. */
    public boolean isValid() {
        return isValid(code);
    }

    /** The class, from the first digit; {@link StatusClass#SERVER_ERROR} for an invalid code (RFC 9110 §15). */
    public StatusClass statusClass() {
        return isValid(code) ? StatusClass.values()[code / 100 - 1] : StatusClass.SERVER_ERROR;
    }

    /** 1xx (never an invalid {@code 0xx}). */
    public boolean isInformational() {
        return code >= 100 && code < 200;
    }

    /** 2xx. */
    public boolean isSuccessful() {
        return code >= 200 && code < 300;
    }

    /** 3xx. */
    public boolean isRedirection() {
        return code >= 300 && code < 400;
    }

    /** 4xx. */
    public boolean isClientError() {
        return code >= 400 && code < 500;
    }

    /** 5xx, or an invalid code, which a client processes as a 5xx (RFC 9110 §15). */
    public boolean isServerError() {
        return code >= 500 || code < 100;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** {@code "404 Not Found"}; an invalid code keeps its three digits, {@code "099 Invalid Status"}. */
    @Override
    public String toString() {
        String digits = code < 100 ? (code < 10 ? "00" : "0") + code : Integer.toString(code);
        return reason.isEmpty() ? digits : digits + " " + reason;
    }

    private static boolean isValid(int code) {
        return code >= 100 && code <= 599;
    }

    /** The reason phrases of RFC 9110 §15 (and RFC 8297 for 103, RFC 6585 for 428/429/431/511). */
    private static String defaultReason(int code) {
        return switch (code) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 103 -> "Early Hints";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 305 -> "Use Proxy";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 511 -> "Network Authentication Required";
            default -> "";
        };
    }
}
