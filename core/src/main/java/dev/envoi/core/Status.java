package dev.envoi.core;

/**
 * A response status code (RFC 9110 §15): three digits, 100 to 599, whose first digit is its class.
 * Codes are an open set; each known one carries the reason phrase RFC 9110 registers, and unknown
 * ones are understood by their class (RFC 9110 §15: "a client MUST understand the class of any status
 * code ... and treat an unrecognized status code as being equivalent to the x00 status code of that
 * class").
 *
 * <p>{@code Status.of(code)} never allocates: every code from 100 to 599 is made once.
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
        /** 5xx (RFC 9110 §15.6). */
        SERVER_ERROR
    }

    private static final Status[] ALL = new Status[500];

    static {
        for (int code = 100; code < 600; code++) {
            ALL[code - 100] = new Status(code, defaultReason(code));
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
     * The status {@code code}.
     *
     * @throws IllegalArgumentException unless 100 &lt;= code &lt;= 599 (RFC 9110 §15)
     */
    public static Status of(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("status code must be 100-599 (RFC 9110 §15), got " + code);
        }
        return ALL[code - 100];
    }

    /** The three-digit code. */
    public int code() {
        return code;
    }

    /** The reason phrase registered for this code, or {@code ""} for an unregistered code. */
    public String reason() {
        return reason;
    }

    /** The class, from the first digit. */
    public StatusClass statusClass() {
        return StatusClass.values()[code / 100 - 1];
    }

    /** 1xx. */
    public boolean isInformational() {
        return code < 200;
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

    /** 5xx. */
    public boolean isServerError() {
        return code >= 500;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** {@code "404 Not Found"}. */
    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
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
