package dev.envoi.codec.internal;

import dev.envoi.codec.internal.FramingRules.Codings;
import dev.envoi.codec.internal.FramingRules.Length;
import dev.envoi.core.MalformedMessageException;

/**
 * Reads the fields that decide framing and persistence — {@code Content-Length},
 * {@code Transfer-Encoding} and {@code Connection} — straight from the received bytes, without
 * creating a {@code String}. Same-named lines are read in order as one list (RFC 9110 §5.3).
 * Reused from message to message.
 *
 * <pre>
 * Content-Length    = 1*DIGIT                                   ; RFC 9110 §8.6
 * Transfer-Encoding = #transfer-coding                          ; RFC 9112 §6.1
 * transfer-coding   = token *( OWS ";" OWS transfer-parameter ) ; RFC 9110 §10.1.4
 * transfer-parameter = token BWS "=" BWS ( token / quoted-string )
 * Connection        = #connection-option                        ; RFC 9110 §7.6.1
 * #element          = [ element ] *( OWS "," OWS [ element ] )  ; RFC 9110 §5.6.1, empty elements ignored
 * </pre>
 *
 * A problem is recorded, not thrown: whether it matters depends on the rules of RFC 9112 §6.3
 * (an invalid Content-Length is ignored when Transfer-Encoding is present), which
 * {@link FramingRules} applies.
 */
public final class FramingFields {
    private static final byte[] CHUNKED = {'c', 'h', 'u', 'n', 'k', 'e', 'd'};
    private static final byte[] CLOSE = {'c', 'l', 'o', 's', 'e'};
    private static final byte[] KEEP_ALIVE = {'k', 'e', 'e', 'p', '-', 'a', 'l', 'i', 'v', 'e'};

    private boolean lengthPresent;
    private long length;
    private int lengthValues;
    private String lengthError;
    private int lengthErrorAt;

    private boolean codingsPresent;
    private int codings;
    private boolean chunkedSeen;
    private boolean lastIsChunked;
    private String codingsError;
    private int codingsErrorAt;

    private boolean close;
    private boolean keepAlive;

    /** Reads the framing fields of {@code fields}, whose bytes are {@code b}. */
    public void read(FieldSection fields, byte[] b) {
        clear();
        for (int i = 0, n = fields.count(); i < n; i++) {
            switch (fields.id(i)) {
                case KnownFields.CONTENT_LENGTH -> contentLength(b, fields.valueStart(i), fields.valueEnd(i));
                case KnownFields.TRANSFER_ENCODING -> transferEncoding(b, fields.valueStart(i), fields.valueEnd(i));
                case KnownFields.CONNECTION -> connection(b, fields.valueStart(i), fields.valueEnd(i), true);
                case KnownFields.PROXY_CONNECTION -> connection(b, fields.valueStart(i), fields.valueEnd(i), false);
                default -> {
                }
            }
        }
    }

    /**
     * Reads one more Content-Length line {@code b[from, to)} into the list of those read since
     * {@link #clear()}, for a parser that judges each line as it completes; {@link #length()} and
     * {@link #lengthError()} then say what the lines so far amount to.
     */
    public void readContentLengthLine(byte[] b, int from, int to) {
        contentLength(b, from, to);
    }

    /** Forgets everything read. */
    public void clear() {
        lengthPresent = false;
        length = 0;
        lengthValues = 0;
        lengthError = null;
        codingsPresent = false;
        codings = 0;
        chunkedSeen = false;
        lastIsChunked = false;
        codingsError = null;
        close = false;
        keepAlive = false;
    }

    /** The Content-Length, as one of the cases §6.3 distinguishes. */
    public Length length() {
        return !lengthPresent ? Length.ABSENT : lengthError != null ? Length.INVALID : Length.VALID;
    }

    /** The Content-Length value; meaningful when {@link #length()} is VALID. */
    public long lengthValue() {
        return length;
    }

    /** Why the Content-Length is invalid, and at which buffer index. */
    public String lengthError() {
        return lengthError;
    }

    public int lengthErrorAt() {
        return lengthErrorAt;
    }

    /** The Transfer-Encoding, as one of the cases §6.3 distinguishes. */
    public Codings codings() {
        if (!codingsPresent) {
            return Codings.ABSENT;
        }
        if (codingsError != null) {
            return Codings.INVALID;
        }
        if (lastIsChunked) {
            return codings == 1 ? Codings.CHUNKED : Codings.CHUNKED_AFTER_OTHERS;
        }
        return Codings.NOT_CHUNKED_FINAL;
    }

    public String codingsError() {
        return codingsError;
    }

    public int codingsErrorAt() {
        return codingsErrorAt;
    }

    /** Whether a {@code close} connection option was received (RFC 9112 §9.6). */
    public boolean close() {
        return close;
    }

    /** Whether a {@code keep-alive} connection option was received (RFC 9112 §9.3, HTTP/1.0). */
    public boolean keepAlive() {
        return keepAlive;
    }

    /**
     * The error for the faulty framing {@code o} decided from {@code fields}, whose bytes are
     * {@code b[0, length)}: at the offending value, in parser state FIELD_LINE.
     */
    public MalformedMessageException error(FramingRules.Outcome o, FieldSection fields, byte[] b, int length) {
        String reason = o.error();
        int at = length - 1;
        if (o == FramingRules.Outcome.INVALID_CONTENT_LENGTH) {
            reason = reason + ": " + lengthError;
            at = lengthErrorAt;
        } else if (o == FramingRules.Outcome.INVALID_TRANSFER_ENCODING) {
            reason = reason + ": " + codingsError;
            at = codingsErrorAt;
        } else {
            for (int i = 0; i < fields.count(); i++) {
                if (fields.id(i) == KnownFields.TRANSFER_ENCODING) {
                    at = fields.valueStart(i);
                    break;
                }
            }
        }
        return Diagnostics.malformed(reason, o.rfcSection(), "FIELD_LINE", b, length, at, 0);
    }

    /** One Content-Length line: a list of 1*DIGIT, all equal (RFC 9112 §6.3 rule 5, RFC 9110 §8.6). */
    private void contentLength(byte[] b, int from, int to) {
        lengthPresent = true;
        if (lengthError != null) {
            return;
        }
        int i = from;
        while (i < to) {
            i = skipWs(b, i, to);
            if (i < to && b[i] == ',') {
                i++;
                continue;
            }
            if (i == to) {
                break;
            }
            int digits = i;
            long v = 0;
            while (i < to && ByteClass.is(b[i], ByteClass.DIGIT)) {
                int d = b[i] - '0';
                if (v > (Long.MAX_VALUE - d) / 10) {
                    lengthInvalid("Content-Length value overflows a 63-bit length", digits);
                    return;
                }
                v = v * 10 + d;
                i++;
            }
            if (i == digits) {
                lengthInvalid("expected DIGIT in Content-Length but was " + Diagnostics.describe(b[i]), i);
                return;
            }
            i = skipWs(b, i, to);
            if (i < to && b[i] != ',') {
                lengthInvalid("expected ',' or end of Content-Length value but was " + Diagnostics.describe(b[i]), i);
                return;
            }
            if (lengthValues > 0 && v != length) {
                lengthInvalid("conflicting Content-Length values " + length + " and " + v, digits);
                return;
            }
            length = v;
            lengthValues++;
        }
        if (lengthValues == 0) {
            lengthInvalid("expected DIGIT in Content-Length but was an empty value", from);
        }
    }

    private void lengthInvalid(String reason, int at) {
        lengthError = reason;
        lengthErrorAt = at;
    }

    /** One Transfer-Encoding line, continuing the list of earlier lines. */
    private void transferEncoding(byte[] b, int from, int to) {
        codingsPresent = true;
        int i = from;
        while (codingsError == null && i < to) {
            i = skipWs(b, i, to);
            if (i < to && b[i] == ',') {
                i++;
                continue;
            }
            if (i == to) {
                break;
            }
            int name = i;
            i = skipToken(b, i, to);
            if (i == name) {
                codingsInvalid("expected transfer-coding (a token) but was " + Diagnostics.describe(b[i]), i);
                return;
            }
            boolean chunked = equalsIgnoreCase(b, name, i, CHUNKED);
            if (chunked && chunkedSeen) {
                codingsInvalid("chunked is applied more than once", name);
                return;
            }
            i = parameters(b, skipWs(b, i, to), to, chunked);
            if (i < 0) {
                return;
            }
            if (i < to && b[i] != ',') {
                codingsInvalid("expected ',' or end of Transfer-Encoding value but was "
                        + Diagnostics.describe(b[i]), i);
                return;
            }
            chunkedSeen |= chunked;
            lastIsChunked = chunked;
            codings++;
        }
    }

    /** *( OWS ";" OWS token BWS "=" BWS ( token / quoted-string ) ); returns the end, or -1 when invalid. */
    private int parameters(byte[] b, int i, int to, boolean chunked) {
        while (i < to && b[i] == ';') {
            if (chunked) {
                codingsInvalid("the chunked transfer coding takes no parameters", i);
                return -1;
            }
            i = skipWs(b, i + 1, to);
            int name = i;
            i = skipToken(b, i, to);
            int eq = skipWs(b, i, to);
            if (i == name || eq >= to || b[eq] != '=') {
                codingsInvalid("expected transfer-parameter (token \"=\" value) but was "
                        + Diagnostics.describeAt(b, i, to), i);
                return -1;
            }
            i = skipWs(b, eq + 1, to);
            int value = i;
            i = i < to && b[i] == '"' ? QuotedString.end(b, i, to) : skipToken(b, i, to);
            if (i <= value) {
                codingsInvalid("expected transfer-parameter value (token or quoted-string) but was "
                        + Diagnostics.describeAt(b, value, to), value);
                return -1;
            }
            i = skipWs(b, i, to);
        }
        return i;
    }

    private void codingsInvalid(String reason, int at) {
        codingsError = reason;
        codingsErrorAt = at;
    }

    /**
     * One Connection line: options are tokens; anything else in the list is ignored. The
     * {@code Proxy-Connection} field (never standardized, still sent by some proxies) is read for {@code close} only:
     * honouring it can only stop a connection from being reused, never make an unsafe one reusable.
     */
    private void connection(byte[] b, int from, int to, boolean standard) {
        int i = from;
        while (i < to) {
            i = skipWs(b, i, to);
            int start = i;
            while (i < to && b[i] != ',') {
                i++;
            }
            int end = i;
            while (end > start && ByteClass.is(b[end - 1], ByteClass.WS)) {
                end--;
            }
            close |= equalsIgnoreCase(b, start, end, CLOSE);
            keepAlive |= standard && equalsIgnoreCase(b, start, end, KEEP_ALIVE);
            i++;
        }
    }

    private static int skipWs(byte[] b, int i, int to) {
        while (i < to && ByteClass.is(b[i], ByteClass.WS)) {
            i++;
        }
        return i;
    }

    private static int skipToken(byte[] b, int i, int to) {
        while (i < to && ByteClass.is(b[i], ByteClass.TCHAR)) {
            i++;
        }
        return i;
    }

    /** Whether {@code b[from, to)} is the lower-case letters/hyphen {@code lower}, ignoring ASCII case. */
    static boolean equalsIgnoreCase(byte[] b, int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            int c = b[from + i];
            if (c != lower[i] && !(c >= 'A' && c <= 'Z' && c + 32 == lower[i])) {
                return false;
            }
        }
        return true;
    }
}
