package dev.envoi.client.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * The bodies the soak serves and sends: a few sizes (empty, small, one that crosses the client's
 * read buffer, one of several chunks), pseudo-random bytes from a fixed seed so a truncation or a
 * mix-up cannot go unnoticed, each with its SHA-256.
 */
final class SoakBodies {
    /** Sizes of the served bodies; the soak picks the large one rarely. */
    static final int[] SIZES = {0, 137, 4_000, 20_000, 70_000};
    static final byte[][] BODIES = new byte[SIZES.length][];
    static final byte[][] SHA256 = new byte[SIZES.length][];
    /** Chunk size of the chunked responses. */
    private static final int CHUNK = 3_000;

    static {
        Random r = new Random(7);
        for (int k = 0; k < SIZES.length; k++) {
            BODIES[k] = new byte[SIZES[k]];
            r.nextBytes(BODIES[k]);
            SHA256[k] = sha256(BODIES[k]);
        }
    }

    private SoakBodies() {
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The whole response for body {@code k}, framed by Content-Length. */
    static byte[] contentLengthResponse(int k) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + SIZES[k] + "\r\n\r\n"));
        out.writeBytes(BODIES[k]);
        return out.toByteArray();
    }

    /** The whole response for body {@code k}, chunked in pieces of {@value #CHUNK} bytes. */
    static byte[] chunkedResponse(int k) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"));
        byte[] body = BODIES[k];
        for (int off = 0; off < body.length; off += CHUNK) {
            int n = Math.min(CHUNK, body.length - off);
            out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
            out.write(body, off, n);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }

    /** The body of POST {@code id}: 1 to 2,000 bytes derived from the id, so the server can check it. */
    static byte[] postBody(int id) {
        int n = 1 + Math.floorMod(id * 7919, 2_000);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (id * 31 + i);
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
