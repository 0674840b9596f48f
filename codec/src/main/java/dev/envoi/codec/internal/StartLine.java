package dev.envoi.codec.internal;

import dev.envoi.core.HttpVersion;
import dev.envoi.core.MalformedMessageException;
import dev.envoi.core.Method;
import java.nio.charset.StandardCharsets;

/**
 * Parses a request-line or status-line held in a {@link LineBuffer} and keeps what it found, as
 * offsets where a {@code String} would allocate. Reused from message to message.
 *
 * <pre>
 * request-line   = method SP request-target SP HTTP-version      ; RFC 9112 §3
 * method         = token
 * status-line    = HTTP-version SP status-code SP [ reason-phrase ] ; RFC 9112 §4
 * status-code    = 3DIGIT
 * reason-phrase  = 1*( HTAB / SP / VCHAR / obs-text )
 * HTTP-version   = HTTP-name "/" DIGIT "." DIGIT                 ; RFC 9112 §2.3, case-sensitive
 * </pre>
 *
 * Exactly one SP separates the parts of a request-line: a second SP reads as an empty
 * request-target and is refused, since peers that split on runs of spaces disagree with those that
 * do not (RFC 9112 §3 allows lenient splitting but this parser is strict). A status-line may end
 * right after the status-code (the SP before an empty reason-phrase missing): see {@code Leniency}.
 */
public final class StartLine {
    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};
    private static final Method[] NONE = {};
    /** The standard methods by name length, to recognise them without allocating. */
    private static final Method[][] STANDARD_BY_LENGTH = {
        NONE, NONE, NONE, {Method.GET, Method.PUT}, {Method.HEAD, Method.POST}, {Method.PATCH, Method.TRACE},
        {Method.DELETE}, {Method.CONNECT, Method.OPTIONS},
    };

    private static final int METHOD = 0;
    private static final int TARGET = 1;
    private static final int VERSION = 2;
    private static final int REASON = 3;

    /** Where the check of the current line stands: a part of the line, and the next byte to check. */
    private int phase;
    private int scanned = -1;
    private int versionStart;
    private Method method;
    private int targetStart;
    private int targetEnd;
    private HttpVersion version;
    private int status;
    private int reasonStart;
    private int reasonEnd;

    public Method method() {
        return method;
    }

    public int targetStart() {
        return targetStart;
    }

    public int targetEnd() {
        return targetEnd;
    }

    public HttpVersion version() {
        return version;
    }

    public int status() {
        return status;
    }

    /**
     * The reason phrase as received (possibly empty): the {@code registered} phrase itself, without
     * allocating, when the bytes spell it exactly, as they do in most responses ("OK").
     */
    public String reason(byte[] b, String registered) {
        int n = reasonEnd - reasonStart;
        if (n == 0) {
            return "";
        }
        if (n == registered.length() && matches(registered, b, reasonStart)) {
            return registered;
        }
        return new String(b, reasonStart, n, StandardCharsets.ISO_8859_1);
    }

    /** Forgets how far the current line was checked; call at the start of every line. */
    public void begin() {
        phase = METHOD;
        scanned = -1;
    }

    /** Parses {@code b[s, e)}, the request-line without its CRLF, at message offset 0. */
    public void parseRequestLine(byte[] b, int s, int e) throws MalformedMessageException {
        requestLine(b, s, e, false);
    }

    /**
     * Checks {@code b[s, e)}, the bytes of a request-line received so far, by the same rules left to
     * right: a byte that can never start a valid rest of the line throws the error the complete line
     * would throw. Resumes where the previous check of the same line stopped.
     */
    public void checkRequestLinePrefix(byte[] b, int s, int e) throws MalformedMessageException {
        requestLine(b, s, e, true);
    }

    /** Parses {@code b[s, e)}, the status-line without its CRLF, at message offset 0. */
    public void parseStatusLine(byte[] b, int s, int e) throws MalformedMessageException {
        statusLine(b, s, e, false);
    }

    /** As {@link #checkRequestLinePrefix}, for a status-line. */
    public void checkStatusLinePrefix(byte[] b, int s, int e) throws MalformedMessageException {
        statusLine(b, s, e, true);
    }

    /**
     * The request-line rules. With {@code partial}, {@code e} is where the received bytes end, not
     * the line: reaching it is never an error, and the scan position is kept for the next call.
     */
    private void requestLine(byte[] b, int s, int e, boolean partial) throws MalformedMessageException {
        int i = scanned < 0 ? s : scanned;
        if (phase == METHOD) {
            while (i < e && ByteClass.is(b[i], ByteClass.TCHAR)) {
                i++;
            }
            if (partial && i == e) {
                scanned = i;
                return;
            }
            if (i == s) {
                throw error("expected method (a token) but was " + Diagnostics.describeAt(b, i, e), "RFC 9112 §3",
                        "METHOD", b, e, i);
            }
            if (i >= e || b[i] != ' ') {
                throw error("expected SP after method but was " + Diagnostics.describeAt(b, i, e), "RFC 9112 §3",
                        "METHOD", b, e, i);
            }
            method = method(b, s, i);
            targetStart = ++i;
            phase = TARGET;
        }
        if (phase == TARGET) {
            int t = targetStart;
            while (i < e && ByteClass.is(b[i], ByteClass.TARGET)) {
                i++;
            }
            if (partial && i == e) {
                scanned = i;
                return;
            }
            if (i == t || i >= e || b[i] != ' ') {
                String reason = i == t ? "expected request-target but was " + Diagnostics.describeAt(b, i, e)
                        : i >= e ? "expected SP after request-target but was end of line"
                        : "expected SP or a visible ASCII character in request-target but was "
                                + Diagnostics.describe(b[i]);
                throw error(reason, "RFC 9112 §3.2", "REQUEST_TARGET", b, e, i);
            }
            targetEnd = i;
            phase = VERSION;
            versionStart = i + 1;
        }
        // HTTP-version: 8 bytes, checked again from its start on every call
        i = versionStart;
        if (partial && !versionPrefix(b, i, e)) {
            scanned = e;
            return;
        }
        version = version(b, i, e);
        if (i + 8 != e) {
            throw error("expected CRLF after HTTP-version but was " + Diagnostics.describe(b[i + 8]),
                    "RFC 9112 §3", "HTTP_VERSION", b, e, i + 8);
        }
    }

    /** The status-line rules; see {@link #requestLine} for {@code partial}. */
    private void statusLine(byte[] b, int s, int e, boolean partial) throws MalformedMessageException {
        if (phase != REASON) {
            int i = versionAndStatusCode(b, s, e, partial);
            if (i < 0) {
                return;
            }
            if (i == e) { // no SP before an empty reason-phrase: accepted, see Leniency
                reasonStart = reasonEnd = e;
                return;
            }
            if (b[i] != ' ') {
                throw error("expected SP after status-code but was " + Diagnostics.describe(b[i]), "RFC 9112 §4",
                        "STATUS_CODE", b, e, i);
            }
            reasonStart = ++i;
            scanned = i;
            phase = REASON;
        }
        int i = scanned;
        for (; i < e; i++) {
            if (!ByteClass.is(b[i], ByteClass.FIELD_CONTENT)) {
                String reason = b[i] == '\r' ? "bare CR in reason-phrase: a CR must be followed by LF"
                        : "expected HTAB, SP, VCHAR or obs-text in reason-phrase but was " + Diagnostics.describe(b[i]);
                throw error(reason, b[i] == '\r' ? "RFC 9112 §2.2" : "RFC 9112 §4", "REASON_PHRASE", b, e, i);
            }
        }
        scanned = e;
        reasonEnd = e;
    }

    /**
     * {@code HTTP-version SP status-code} at {@code b[s]}, 12 bytes checked again from the start on
     * every call; returns the index after the status-code, or -1 when {@code partial} and the
     * received bytes end before it is known to be complete.
     */
    private int versionAndStatusCode(byte[] b, int s, int e, boolean partial) throws MalformedMessageException {
        if (partial && !versionPrefix(b, s, e)) {
            return -1;
        }
        version = version(b, s, e);
        int i = s + 8;
        if (partial && i == e) {
            return -1;
        }
        if (i >= e || b[i] != ' ') {
            throw error("expected SP after HTTP-version but was " + Diagnostics.describeAt(b, i, e),
                    "RFC 9112 §4", "HTTP_VERSION", b, e, i);
        }
        i++;
        int code = 0;
        for (int k = 0; k < 3; k++, i++) {
            if (partial && i == e) {
                return -1;
            }
            if (i >= e || !ByteClass.is(b[i], ByteClass.DIGIT)) {
                throw error("expected 3DIGIT status-code but was " + Diagnostics.describeAt(b, i, e),
                        "RFC 9112 §4", "STATUS_CODE", b, e, i);
            }
            code = code * 10 + (b[i] - '0');
        }
        status = code; // 000-099 and 600-999 too: invalid, processed as 5xx (RFC 9110 §15), see Status
        return partial && i == e ? -1 : i;
    }

    /**
     * Whether {@code b[i, e)} is long enough to hold a whole HTTP-version; if not, throws the error of
     * its first wrong byte, if any.
     */
    private static boolean versionPrefix(byte[] b, int i, int e) throws MalformedMessageException {
        if (i + 8 <= e) {
            return true;
        }
        versionBytes(b, i, e);
        return false;
    }

    /** HTTP-version at {@code b[i, i + 8)}; only major version 1 is HTTP/1.x (RFC 9110 §2.5). */
    private static HttpVersion version(byte[] b, int i, int e) throws MalformedMessageException {
        versionBytes(b, i, e);
        if (i + 8 > e) {
            throw error("expected HTTP-version (HTTP/1.1) but was end of line", "RFC 9112 §2.3", "HTTP_VERSION",
                    b, e, e);
        }
        int major = b[i + 5] - '0';
        if (major != 1) {
            throw error("expected HTTP major version 1 but was " + major + " (505 HTTP Version Not Supported)",
                    "RFC 9110 §2.5", "HTTP_VERSION", b, e, i + 5);
        }
        return HttpVersion.of(1, b[i + 7] - '0');
    }

    /** Checks the bytes of {@code HTTP/DIGIT.DIGIT} at {@code b[i, min(i + 8, e))}, left to right. */
    private static void versionBytes(byte[] b, int i, int e) throws MalformedMessageException {
        for (int k = 0; k < 8 && i + k < e; k++) {
            int at = i + k;
            boolean ok = at < e && switch (k) {
                case 5, 7 -> ByteClass.is(b[at], ByteClass.DIGIT);
                case 6 -> b[at] == '.';
                default -> b[at] == HTTP_SLASH[k];
            };
            if (!ok) {
                throw error("expected HTTP-version (HTTP/1.1) but was " + Diagnostics.describeAt(b, at, e),
                        "RFC 9112 §2.3", "HTTP_VERSION", b, e, at);
            }
        }
    }

    /** The method; the standard ones without allocating. */
    private static Method method(byte[] b, int s, int e) {
        for (Method m : e - s < STANDARD_BY_LENGTH.length ? STANDARD_BY_LENGTH[e - s] : NONE) {
            if (matches(m.name(), b, s)) {
                return m;
            }
        }
        return Method.of(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
    }

    private static boolean matches(String name, byte[] b, int s) {
        for (int k = 0; k < name.length(); k++) {
            if (b[s + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static MalformedMessageException error(String reason, String section, String position, byte[] b, int e,
            int at) {
        // e is the end of the line's content; the line terminator (1 or 2 bytes) follows it in b
        return Diagnostics.malformed(reason, section, position, b, Math.min(b.length, e + 1), at, 0);
    }
}
