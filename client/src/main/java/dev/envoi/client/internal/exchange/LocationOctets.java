package dev.envoi.client.internal.exchange;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code Location} field value that carries raw non-ASCII octets. RFC 9110 §10.2.2 wants a
 * URI-reference (ASCII), but servers send UTF-8 paths as they are; field values reach the client as
 * ISO-8859-1 text, one char per octet (RFC 9110 §5.5), so {@code /café} in UTF-8 arrives as
 * {@code /cafÃ©}. What curl, requests and browsers do, and so do we: octets that form valid UTF-8 are
 * read as UTF-8 (the URL parser then percent-encodes them as UTF-8 again, or IDNA-encodes a host);
 * octets that do not are percent-encoded one by one (RFC 3986 §2.1), so nothing is guessed.
 */
final class LocationOctets {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LocationOctets() {
    }

    /** {@code value} as a reference the URL parser takes; the same string when it is all ASCII. */
    static String toReference(String value) {
        int first = firstNonAscii(value);
        if (first < 0) {
            return value;
        }
        for (int i = first; i < value.length(); i++) {
            if (value.charAt(i) > 0xFF) {
                return value; // not octets (a value made in code, not read from the wire): the parser decides
            }
        }
        byte[] octets = value.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets)).toString();
        } catch (CharacterCodingException notUtf8) {
            return percentEncodeHighOctets(value, first);
        }
    }

    private static int firstNonAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return i;
            }
        }
        return -1;
    }

    private static String percentEncodeHighOctets(String value, int first) {
        CharBuffer out = CharBuffer.allocate(value.length() * 3);
        out.append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.flip().toString();
    }
}
