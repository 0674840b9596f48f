package dev.envoi.codec.internal.encode;

import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.InvalidSyntaxException;

/**
 * The sender side of framing (the parser's side is {@code internal.FramingFields}): where the fields
 * that decide framing and routing ({@code Host}, {@code Content-Length}, {@code Transfer-Encoding})
 * are in a header section, found in one pass over the names, and the sender-side checks of RFC 9110
 * §8.6 and RFC 9112 §6 that both encoders apply.
 *
 * @param host index of the first Host line, or -1
 * @param hostCount number of Host lines
 * @param contentLength index of the first Content-Length line, or -1
 * @param contentLengthCount number of Content-Length lines
 * @param transferEncoding index of the last Transfer-Encoding line, or -1
 */
public record OutgoingFraming(int host, int hostCount, int contentLength, int contentLengthCount, int transferEncoding) {

    /** Finds the framing fields of {@code h}. */
    public static OutgoingFraming scan(Headers h) {
        int host = -1;
        int hostCount = 0;
        int contentLength = -1;
        int contentLengthCount = 0;
        int transferEncoding = -1;
        for (int i = 0, n = h.size(); i < n; i++) {
            String name = h.name(i);
            // length first: most names differ in length from all three, so no case-insensitive compare
            switch (name.length()) {
                case 4 -> {
                    if (name.equalsIgnoreCase(HeaderName.HOST)) {
                        host = host < 0 ? i : host;
                        hostCount++;
                    }
                }
                case 14 -> {
                    if (name.equalsIgnoreCase(HeaderName.CONTENT_LENGTH)) {
                        contentLength = contentLength < 0 ? i : contentLength;
                        contentLengthCount++;
                    }
                }
                case 17 -> {
                    if (name.equalsIgnoreCase(HeaderName.TRANSFER_ENCODING)) {
                        transferEncoding = i;
                    }
                }
                default -> {
                }
            }
        }
        return new OutgoingFraming(host, hostCount, contentLength, contentLengthCount, transferEncoding);
    }

    /**
     * The checks every sent message passes: one {@code Content-Length} of 1*DIGIT at most (RFC 9110
     * §8.6), never together with {@code Transfer-Encoding} (RFC 9112 §6.2).
     */
    public void checkContentLength(Headers h) {
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
    public static void requireDigits(String value) {
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
    public boolean chunkedIsFinal(Headers h) {
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
