package dev.envoi.codec;

import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.InvalidSyntaxException;

/**
 * Where the fields that decide framing and routing ({@code Host}, {@code Content-Length},
 * {@code Transfer-Encoding}) are in a header section, found in one pass over the names, and the
 * sender-side checks of RFC 9110 §8.6 and RFC 9112 §6 that both encoders apply.
 */
final class FramingFields {
    int host = -1;
    int hostCount;
    int contentLength = -1;
    int contentLengthCount;
    /** The last Transfer-Encoding line. */
    int transferEncoding = -1;

    private FramingFields() {
    }

    static FramingFields scan(Headers h) {
        FramingFields f = new FramingFields();
        for (int i = 0, n = h.size(); i < n; i++) {
            String name = h.name(i);
            // length first: most names differ in length from all three, so no case-insensitive compare
            switch (name.length()) {
                case 4 -> {
                    if (name.equalsIgnoreCase(HeaderName.HOST)) {
                        f.host = f.host < 0 ? i : f.host;
                        f.hostCount++;
                    }
                }
                case 14 -> {
                    if (name.equalsIgnoreCase(HeaderName.CONTENT_LENGTH)) {
                        f.contentLength = f.contentLength < 0 ? i : f.contentLength;
                        f.contentLengthCount++;
                    }
                }
                case 17 -> {
                    if (name.equalsIgnoreCase(HeaderName.TRANSFER_ENCODING)) {
                        f.transferEncoding = i;
                    }
                }
                default -> {
                }
            }
        }
        return f;
    }

    /**
     * The checks every sent message passes: one {@code Content-Length} of 1*DIGIT at most (RFC 9110
     * §8.6), never together with {@code Transfer-Encoding} (RFC 9112 §6.2).
     */
    void checkContentLength(Headers h) {
        if (contentLengthCount > 1) {
            throw new IllegalArgumentException("a message must carry at most one Content-Length field, found "
                    + contentLengthCount + " [RFC 9110 §8.6]");
        }
        if (contentLength >= 0) {
            requireDigits(h.value(contentLength));
            if (transferEncoding >= 0) {
                throw new IllegalArgumentException("a sender must not send Content-Length together with "
                        + "Transfer-Encoding [RFC 9112 §6.2]");
            }
        }
    }

    /** Checks a Content-Length value is {@code 1*DIGIT} that fits a long (RFC 9110 §8.6). */
    static void requireDigits(String value) {
        if (value.isEmpty() || value.length() > 18) {
            throw new InvalidSyntaxException("Content-Length must be 1 to 18 digits", value, 0, "RFC 9110 §8.6");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidSyntaxException("Content-Length must be digits only", value, i, "RFC 9110 §8.6");
            }
        }
    }

    /** Whether the last coding of the last Transfer-Encoding line is {@code chunked} (RFC 9112 §6.1). */
    boolean chunkedIsFinal(Headers h) {
        if (transferEncoding < 0) {
            return false;
        }
        String v = h.value(transferEncoding);
        int end = v.length();
        while (end > 0 && (v.charAt(end - 1) == ' ' || v.charAt(end - 1) == '\t' || v.charAt(end - 1) == ',')) {
            end--;
        }
        int start = end;
        while (start > 0 && v.charAt(start - 1) != ',' && v.charAt(start - 1) != ' ' && v.charAt(start - 1) != '\t') {
            start--;
        }
        return end - start == 7 && v.regionMatches(true, start, "chunked", 0, 7);
    }
}
