package dev.envoi.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** What the tests' small raw-socket servers read of a request: its head, up to CRLF CRLF, as ISO-8859-1 text. */
final class RequestHeads {
    /** A head longer than this is not a test's request. */
    private static final int MAX = 64 * 1024;

    private RequestHeads() {
    }

    /** The next request head, CRLF CRLF included; {@code null} when the stream ends (or passes 64 KiB) first. */
    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && head.size() < MAX && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return matched < 4 ? null : head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The request line of the next head, or {@code null} at the end of the stream. */
    static String readRequestLine(InputStream in) throws IOException {
        String head = read(in);
        return head == null ? null : head.substring(0, head.indexOf("\r\n"));
    }
}
