package dev.envoi.codec;

import static dev.envoi.codec.internal.encode.UriChars.describe;
import static dev.envoi.codec.internal.encode.UriChars.isAlpha;
import static dev.envoi.codec.internal.encode.UriChars.isDigit;
import static dev.envoi.codec.internal.encode.UriChars.isHexDigit;
import static dev.envoi.codec.internal.encode.UriChars.isPathOrQuery;
import static dev.envoi.codec.internal.encode.UriChars.isPercentTriplet;
import static dev.envoi.codec.internal.encode.UriChars.isRegName;
import static dev.envoi.codec.internal.encode.UriChars.isScheme;
import static dev.envoi.codec.internal.encode.UriChars.isUnreserved;

import dev.envoi.core.InvalidSyntaxException;
import java.util.Objects;

/**
 * The request-target of a request line in one of its four forms (RFC 9112 §3.2), validated so that
 * it can be written on the wire as is.
 *
 * <ul>
 *   <li>{@link #origin(String) origin-form} {@code /path?query}: to an origin server (RFC 9112 §3.2.1);</li>
 *   <li>{@link #absolute(String) absolute-form} {@code http://host:port/path?query}: to a forward
 *       proxy (RFC 9112 §3.2.2);</li>
 *   <li>{@link #authority(String, int) authority-form} {@code host:port}: CONNECT only (RFC 9112 §3.2.3);</li>
 *   <li>{@link #asterisk() asterisk-form} {@code *}: server-wide OPTIONS only (RFC 9112 §3.2.4).</li>
 * </ul>
 *
 * <p>The text must already be percent-encoded: characters outside RFC 3986 (CTL, SP, DEL, non-ASCII,
 * {@code "<>\"\\^`{|}"}) and malformed {@code %} triplets are refused, never encoded here, because
 * encoding belongs to whoever knows which characters are data (the {@code Url} type). A fragment
 * ({@code #}) is refused too: it is never part of a request-target (RFC 9112 §3.2). In absolute-form,
 * userinfo ({@code user@}) is refused (RFC 9110 §4.2.4: a sender MUST NOT generate it). Every
 * refusal is an {@link InvalidSyntaxException} with the character index and RFC section.
 *
 * <pre>{@code
 * RequestTarget.origin("/search?q=a%20b").toString();        // "/search?q=a%20b"
 * RequestTarget.authority("::1", 8443).toString();            // "[::1]:8443"
 * RequestTarget.parse("example.com:443").form();              // Form.AUTHORITY
 * }</pre>
 */
public final class RequestTarget {
    /** The four forms of RFC 9112 §3.2. */
    public enum Form {
        /** {@code absolute-path [ "?" query ]}, RFC 9112 §3.2.1. */
        ORIGIN,
        /** {@code absolute-URI}, RFC 9112 §3.2.2. */
        ABSOLUTE,
        /** {@code uri-host ":" port}, RFC 9112 §3.2.3. */
        AUTHORITY,
        /** {@code "*"}, RFC 9112 §3.2.4. */
        ASTERISK
    }

    private static final RequestTarget ASTERISK = new RequestTarget("*", Form.ASTERISK, -1, -1);
    private static final String ORIGIN_RFC = "RFC 9112 §3.2.1";
    private static final String ABSOLUTE_RFC = "RFC 9112 §3.2.2";
    private static final String AUTHORITY_RFC = "RFC 9112 §3.2.3";

    private final String text;
    private final Form form;
    /** The authority inside {@link #text} for ABSOLUTE and AUTHORITY, else -1. */
    private final int authorityStart;
    private final int authorityEnd;

    private RequestTarget(String text, Form form, int authorityStart, int authorityEnd) {
        this.text = text;
        this.form = form;
        this.authorityStart = authorityStart;
        this.authorityEnd = authorityEnd;
    }

    /**
     * The origin-form {@code absolute-path [ "?" query ]}, e.g. {@code "/where?q=now"} (RFC 9112 §3.2.1).
     * An empty path is sent as {@code "/"}, so the caller passes {@code "/"}, never {@code ""}.
     *
     * @throws InvalidSyntaxException if it does not start with {@code /} or has a character outside RFC 3986
     */
    public static RequestTarget origin(String pathAndQuery) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (pathAndQuery.isEmpty() || pathAndQuery.charAt(0) != '/') {
            throw new InvalidSyntaxException("origin-form must start with '/'", pathAndQuery, 0, ORIGIN_RFC);
        }
        checkPathAndQuery(pathAndQuery, 0, ORIGIN_RFC);
        return new RequestTarget(pathAndQuery, Form.ORIGIN, -1, -1);
    }

    /**
     * The absolute-form {@code scheme "://" authority path-abempty [ "?" query ]}, for requests to a
     * forward proxy (RFC 9112 §3.2.2), e.g. {@code "http://www.example.org/pub/WWW/TheProject.html"}.
     * The host must not be empty and there must be no userinfo.
     *
     * @throws InvalidSyntaxException if it is not such a URI or has a character outside RFC 3986
     */
    public static RequestTarget absolute(String absoluteUri) {
        Objects.requireNonNull(absoluteUri, "absoluteUri");
        int colon = schemeEnd(absoluteUri);
        if (colon < 0) {
            throw new InvalidSyntaxException("absolute-form must start with scheme \"://\"", absoluteUri,
                    schemeLength(absoluteUri), ABSOLUTE_RFC);
        }
        int start = colon + 3;
        int end = start;
        while (end < absoluteUri.length() && absoluteUri.charAt(end) != '/' && absoluteUri.charAt(end) != '?') {
            end++;
        }
        checkHostPort(absoluteUri, start, end, false, ABSOLUTE_RFC);
        checkPathAndQuery(absoluteUri, end, ABSOLUTE_RFC);
        return new RequestTarget(absoluteUri, Form.ABSOLUTE, start, end);
    }

    /**
     * The authority-form {@code host ":" port} for CONNECT (RFC 9112 §3.2.3). An IPv6 address may be
     * given with or without brackets; it is written in brackets ({@code [::1]:443}).
     *
     * @param host a registered name (percent-encoded if need be), IPv4 address or IPv6 address
     * @param port 1 to 65535
     * @throws InvalidSyntaxException if the host is empty or has a character not allowed in a host
     * @throws IllegalArgumentException if the port is out of range
     */
    public static RequestTarget authority(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port + " [" + AUTHORITY_RFC + "]");
        }
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        String text = h + ':' + port;
        checkHostPort(text, 0, text.length(), true, AUTHORITY_RFC);
        return new RequestTarget(text, Form.AUTHORITY, 0, text.length());
    }

    /** The asterisk-form {@code *} for a server-wide OPTIONS request (RFC 9112 §3.2.4). */
    public static RequestTarget asterisk() {
        return ASTERISK;
    }

    /**
     * Reads a request-target given as wire text, deciding its form: {@code *} is asterisk-form, text
     * starting with {@code /} origin-form, text starting with {@code scheme "://"} absolute-form, and
     * anything else must be authority-form {@code host:port}.
     *
     * @throws InvalidSyntaxException if the text is valid in none of the forms
     */
    public static RequestTarget parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new InvalidSyntaxException("empty request-target", text, 0, "RFC 9112 §3.2");
        }
        if (text.equals("*")) {
            return ASTERISK;
        }
        if (text.charAt(0) == '/') {
            return origin(text);
        }
        if (schemeEnd(text) >= 0) {
            return absolute(text);
        }
        checkHostPort(text, 0, text.length(), true, AUTHORITY_RFC);
        return new RequestTarget(text, Form.AUTHORITY, 0, text.length());
    }

    /** The form of this target. */
    public Form form() {
        return form;
    }

    /**
     * The authority ({@code host[:port]}) of an absolute-form or authority-form target, exactly as
     * in the text; for the other forms, {@code ""}. In absolute-form this is the value the
     * {@code Host} field must carry (RFC 9112 §3.2).
     */
    public String authority() {
        return authorityStart < 0 ? "" : text.substring(authorityStart, authorityEnd);
    }

    /** Whether {@link #authority()} equals {@code host}, ignoring ASCII case (hosts are case-insensitive). */
    boolean authorityEqualsIgnoreCase(String host) {
        int len = authorityEnd - authorityStart;
        return authorityStart >= 0 && host.length() == len && text.regionMatches(true, authorityStart, host, 0, len);
    }

    /** The request-target exactly as written on the request line. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestTarget t && t.form == form && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    // ---- validation ----

    /** The index of the ':' of a leading {@code scheme "://"}, or -1. */
    private static int schemeEnd(String s) {
        int n = schemeLength(s);
        return n > 0 && s.startsWith("://", n) ? n : -1;
    }

    /** The length of the leading {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}, or 0. */
    private static int schemeLength(String s) {
        if (s.isEmpty() || !isAlpha(s.charAt(0))) {
            return 0;
        }
        int i = 1;
        while (i < s.length() && isScheme(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Checks {@code path-abempty [ "?" query ]} from {@code from} to the end. */
    private static void checkPathAndQuery(String s, int from, String rfc) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isPathOrQuery(c)) {
                continue;
            }
            if (c == '%') {
                if (!isPercentTriplet(s, i)) {
                    throw new InvalidSyntaxException("'%' must start a pct-encoded triplet %XX (RFC 3986 §2.1)", s, i,
                            rfc);
                }
                i += 2;
            } else if (c == '#') {
                throw new InvalidSyntaxException("a fragment is never part of a request-target (RFC 9112 §3.2)", s, i,
                        rfc);
            } else {
                throw new InvalidSyntaxException("request-target must not contain " + describe(c), s, i, rfc);
            }
        }
    }

    /**
     * Checks {@code uri-host [":" port]} in {@code s[start, end)}; the port is required for the
     * authority-form. Userinfo is refused.
     */
    private static void checkHostPort(String s, int start, int end, boolean portRequired, String rfc) {
        int at = s.indexOf('@', start);
        if (at >= 0 && at < end) {
            throw new InvalidSyntaxException("userinfo must not be sent in a request-target (RFC 9110 §4.2.4)", s, at,
                    rfc);
        }
        boolean ipLiteral = start < end && s.charAt(start) == '[';
        int hostEnd = ipLiteral ? checkIpLiteral(s, start, end, rfc) : checkRegName(s, start, end, rfc);
        if (hostEnd == start) {
            throw new InvalidSyntaxException("empty host", s, start, rfc);
        }
        if (hostEnd == end) {
            if (portRequired) {
                throw new InvalidSyntaxException("authority-form needs \":\" port", s, end, rfc);
            }
            return;
        }
        // s[hostEnd] is ':' here: both host checks stop only at ':' or end
        int port = 0;
        int digits = 0;
        for (int i = hostEnd + 1; i < end; i++) {
            char c = s.charAt(i);
            if (!isDigit(c) || ++digits > 5) {
                throw new InvalidSyntaxException("port must be 1 to 5 digits, found " + describe(c), s, i, rfc);
            }
            port = port * 10 + (c - '0');
        }
        if (digits == 0 || port < 1 || port > 65535) {
            throw new InvalidSyntaxException("port must be 1-65535", s, hostEnd + 1, rfc);
        }
    }

    /** Checks a reg-name or IPv4 address; returns where it ends (at ':' or {@code end}). */
    private static int checkRegName(String s, int start, int end, String rfc) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i;
            }
            if (c == '%') {
                if (!isPercentTriplet(s, i) || i + 2 >= end) {
                    throw new InvalidSyntaxException("'%' must start a pct-encoded triplet %XX (RFC 3986 §2.1)", s, i,
                            rfc);
                }
                i += 2;
            } else if (!isRegName(c)) {
                throw new InvalidSyntaxException("host must not contain " + describe(c), s, i, rfc);
            }
        }
        return end;
    }

    /**
     * Checks {@code "[" IPv6address [ "%25" ZoneID ] "]"} (RFC 3986 §3.2.2, RFC 6874) loosely: hex
     * digits, ':' and '.' inside, at least one ':'. IPvFuture is not supported. Returns the index after ']'.
     */
    private static int checkIpLiteral(String s, int start, int end, String rfc) {
        boolean colon = false;
        boolean zone = false;
        for (int i = start + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c == ']') {
                if (!colon) {
                    throw new InvalidSyntaxException("IP literal must be an IPv6 address", s, start, rfc);
                }
                if (i + 1 < end && s.charAt(i + 1) != ':') {
                    throw new InvalidSyntaxException("expected ':' port after ']'", s, i + 1, rfc);
                }
                return i + 1;
            }
            if (!zone && (isHexDigit(c) || c == '.' || c == ':')) {
                colon |= c == ':';
            } else if (c == '%' && !zone && s.startsWith("%25", i) && i + 3 < end && s.charAt(i + 3) != ']') {
                zone = true;
                i += 2;
            } else if (zone && c == '%' && isPercentTriplet(s, i)) {
                i += 2;
            } else if (!zone || !isUnreserved(c)) {
                throw new InvalidSyntaxException("IPv6 literal must not contain " + describe(c), s, i, rfc);
            }
        }
        throw new InvalidSyntaxException("IP literal is missing its closing ']'", s, end, rfc);
    }
}
