package dev.envoi.codec.internal.encode;

import dev.envoi.core.FieldSyntax;
import dev.envoi.core.InvalidSyntaxException;

/**
 * Checks chunk extensions that envoi is asked to send (RFC 9112 §7.1.1), in the form without optional
 * whitespace that every recipient reads the same way:
 *
 * <pre>
 * chunk-ext      = *( ";" chunk-ext-name [ "=" chunk-ext-val ] )
 * chunk-ext-name = token
 * chunk-ext-val  = token / quoted-string
 * quoted-string  = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * qdtext         = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
 * quoted-pair    = "\" ( HTAB / SP / VCHAR / obs-text )
 * </pre>
 */
public final class ChunkExtensions {
    private static final String RFC = "RFC 9112 §7.1.1";

    private ChunkExtensions() {
    }

    /**
     * @throws InvalidSyntaxException if {@code ext} is not a sequence of well-formed extensions
     */
    public static void check(String ext) {
        int i = 0;
        int n = ext.length();
        while (i < n) {
            if (ext.charAt(i) != ';') {
                throw new InvalidSyntaxException("expected ';' before a chunk extension", ext, i, RFC);
            }
            i = token(ext, i + 1, "chunk-ext-name");
            if (i < n && ext.charAt(i) == '=') {
                boolean quoted = i + 1 < n && ext.charAt(i + 1) == '"';
                i = quoted ? quotedString(ext, i + 1) : token(ext, i + 1, "chunk-ext-val");
            }
        }
    }

    private static int token(String s, int i, String what) {
        int start = i;
        while (i < s.length() && FieldSyntax.isTchar(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw new InvalidSyntaxException(what + " must be a token", s, i, RFC);
        }
        if (i < s.length() && s.charAt(i) != ';' && s.charAt(i) != '=') {
            throw new InvalidSyntaxException("unexpected " + UriChars.describe(s.charAt(i)) + " in chunk extension",
                    s, i, RFC);
        }
        return i;
    }

    /** {@code s[open]} is the opening quote; returns the index after the closing one. */
    private static int quotedString(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (i + 1 < s.length() && s.charAt(i + 1) != ';') {
                    throw new InvalidSyntaxException("expected ';' after a quoted chunk-ext-val", s, i + 1, RFC);
                }
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i == s.length()) {
                    break;
                }
                c = s.charAt(i);
            }
            if (!FieldSyntax.isFieldValueChar(c)) {
                throw new InvalidSyntaxException("chunk extension must not contain " + UriChars.describe(c), s, i,
                        RFC);
            }
        }
        throw new InvalidSyntaxException("unterminated quoted-string in chunk extension", s, s.length(), RFC);
    }
}
