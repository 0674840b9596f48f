package dev.envoi.codec;

import dev.envoi.core.FieldSyntax;
import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.InvalidSyntaxException;

/**
 * The byte-level writing shared by the encoders: each char of a validated string is stored as one
 * ISO-8859-1 byte straight into the {@link WireBuffer}'s array, and checked as it is stored, so that
 * no CR, LF, NUL or other control character reaches the wire even if a {@link Headers} instance
 * had somehow escaped validation. No {@code String.getBytes}, no intermediate arrays.
 */
final class HeadWriter {
    private HeadWriter() {
    }

    /** {@code "HTTP/" DIGIT "." DIGIT} (RFC 9112 §2.3). */
    static void version(WireBuffer out, HttpVersion v) {
        byte[] b = out.reserve(8);
        int p = out.size();
        b[p] = 'H';
        b[p + 1] = 'T';
        b[p + 2] = 'T';
        b[p + 3] = 'P';
        b[p + 4] = '/';
        b[p + 5] = (byte) ('0' + v.major());
        b[p + 6] = '.';
        b[p + 7] = (byte) ('0' + v.minor());
        out.advance(8);
    }

    static void crlf(WireBuffer out) {
        byte[] b = out.reserve(2);
        b[out.size()] = '\r';
        b[out.size() + 1] = '\n';
        out.advance(2);
    }

    static void sp(WireBuffer out) {
        out.reserve(1)[out.size()] = ' ';
        out.advance(1);
    }

    /** Writes text already validated as ASCII without CTL or SP (a request-target). */
    static void ascii(WireBuffer out, String s) {
        int n = s.length();
        byte[] b = out.reserve(n);
        int p = out.size();
        for (int i = 0; i < n; i++) {
            b[p + i] = (byte) s.charAt(i);
        }
        out.advance(n);
    }

    /** Writes a {@code token} (a method), checking each char (RFC 9110 §5.6.2). */
    static void token(WireBuffer out, String s, String rfc) {
        int n = s.length();
        if (n == 0) {
            throw new InvalidSyntaxException("empty token", s, 0, rfc);
        }
        byte[] b = out.reserve(n);
        int p = out.size();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!FieldSyntax.isTchar(c)) {
                throw new InvalidSyntaxException("not a token character", s, i, rfc);
            }
            b[p + i] = (byte) c;
        }
        out.advance(n);
    }

    /**
     * Writes text that may hold SP, HTAB, VCHAR and obs-text, as a field value or reason phrase
     * (RFC 9110 §5.5, RFC 9112 §4), checking each char.
     */
    static void text(WireBuffer out, String s, String what, String rfc) {
        int n = s.length();
        byte[] b = out.reserve(n);
        int p = out.size();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!FieldSyntax.isFieldValueChar(c)) {
                throw new InvalidSyntaxException(what + " must not contain " + describe(c), s, i, rfc);
            }
            b[p + i] = (byte) c;
        }
        out.advance(n);
    }

    /**
     * Writes {@code field-name ":" SP field-value CRLF}, or {@code field-name ":" CRLF} for an empty
     * value, in the case the name was given.
     */
    static void fieldLine(WireBuffer out, String name, String value) {
        int n = name.length();
        if (n == 0) {
            throw new InvalidSyntaxException("empty field name", name, 0, "RFC 9110 §5.1");
        }
        byte[] b = out.reserve(n + 2);
        int p = out.size();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (!FieldSyntax.isTchar(c)) {
                throw new InvalidSyntaxException("field name must not contain " + describe(c), name, i,
                        "RFC 9110 §5.1");
            }
            b[p + i] = (byte) c;
        }
        b[p + n] = ':';
        if (value.isEmpty()) {
            out.advance(n + 1);
        } else {
            b[p + n + 1] = ' ';
            out.advance(n + 2);
            text(out, value, "field value", "RFC 9110 §5.5");
        }
        crlf(out);
    }

    /** Writes every field line of {@code h} except line {@code skip} (-1 for none). */
    static void fields(WireBuffer out, Headers h, int skip) {
        for (int i = 0, n = h.size(); i < n; i++) {
            if (i != skip) {
                fieldLine(out, h.name(i), h.value(i));
            }
        }
    }

    /** Writes {@code 0 <= v} in decimal. */
    static void decimal(WireBuffer out, int v) {
        int digits = 1;
        for (int x = v; x >= 10; x /= 10) {
            digits++;
        }
        byte[] b = out.reserve(digits);
        int p = out.size();
        for (int i = digits - 1; i >= 0; i--) {
            b[p + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        out.advance(digits);
    }

    static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR (0x0d)";
            case '\n' -> "LF (0x0a)";
            case 0 -> "NUL (0x00)";
            case ' ' -> "SP";
            default -> c < 0x20 || c == 0x7f ? "control character 0x" + Integer.toHexString(0x100 | c).substring(1)
                    : c > 0xff ? "U+" + Integer.toHexString(0x10000 | c).substring(1) + " (outside ISO-8859-1)"
                    : "'" + c + "'";
        };
    }
}
