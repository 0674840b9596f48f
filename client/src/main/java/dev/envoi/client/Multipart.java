package dev.envoi.client;

import dev.envoi.client.internal.body.BytesBody;
import dev.envoi.client.internal.body.FileTypes;
import dev.envoi.client.internal.body.FormPart;
import dev.envoi.core.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} body (RFC 7578) as browsers send HTML forms with files: named text
 * fields and file parts, in order. Send it with {@link RequestBody#multipart(Multipart)}.
 *
 * <pre>{@code
 * Multipart form = Multipart.builder()
 *     .field("title", "Holiday")
 *     .file("photo", Path.of("IMG_0042.jpg"))                        // image/jpeg, streamed from disk
 *     .file("notes", Path.of("n.txt"), "résumé.txt", MediaType.TEXT_PLAIN_UTF8)
 *     .part("meta", RequestBody.json(Map.of("tags", List.of("sea"))))
 *     .build();
 * }</pre>
 *
 * <h2>Encoding</h2>
 * Each part is {@code --boundary CRLF}, then {@code Content-Disposition: form-data; name="..."} with
 * {@code ; filename="..."} for files, then {@code Content-Type} when the part has one (text fields
 * have none and default to {@code text/plain}, RFC 7578 §4.4), a blank line, the content and CRLF;
 * the body ends with {@code --boundary--} CRLF (RFC 2046 §5.1.1). No {@code Content-Length} or
 * {@code Content-Transfer-Encoding} per part (RFC 7578 §4.7, §4.8).
 *
 * <p><b>Names and file names</b> are written as the HTML Living Standard's multipart/form-data
 * encoding algorithm (what browsers send) does: UTF-8 bytes, with {@code "} as {@code %22}, CR as
 * {@code %0D} and LF as {@code %0A}, so they can neither end the quoted string nor the header line.
 * Non-ASCII file names are sent as raw UTF-8, with no {@code filename*} parameter: RFC 7578 §4.2
 * says the RFC 5987 encoding "MUST NOT be used", and servers that read {@code filename*} would
 * otherwise see two names.
 *
 * <p><b>The boundary</b> is {@code envoi-} followed by 32 random letters and digits from a
 * {@link SecureRandom} (about 190 bits, well inside the 70-char limit of RFC 2046 §5.1.1). The
 * content of in-memory parts is searched for it and a new one drawn if it appears; file and stream
 * parts cannot be searched before sending, and a collision with 190 random bits is not a practical
 * concern.
 *
 * <p><b>Length and replay</b>: the total {@code Content-Length} is computed when every part's
 * length is known (a file's size is read when the part is added), else the body is sent chunked.
 * It is replayable when every part is. File parts are streamed from disk, never held in memory.
 * Immutable; {@link #newBuilder()} copies it.
 */
public final class Multipart {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BOUNDARY_CHARS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int MAX_BOUNDARY_ATTEMPTS = 8;

    private final String boundary;
    private final boolean boundaryFixed;
    private final List<Spec> specs;
    private final List<FormPart> encoded;

    /** What the builder was told, kept for {@link #newBuilder()}. */
    private record Spec(String name, String filename, RequestBody body, MediaType type) {
    }

    private Multipart(Builder b, String boundary) {
        this.boundary = boundary;
        this.boundaryFixed = b.boundary != null;
        this.specs = List.copyOf(b.specs);
        List<FormPart> parts = new ArrayList<>(specs.size());
        for (Spec s : specs) {
            parts.add(new FormPart(head(boundary, s), s.body));
        }
        this.encoded = List.copyOf(parts);
    }

    /** A builder for a new form. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this form's parts, to add more. */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.specs.addAll(specs);
        b.boundary = boundaryFixed ? boundary : null;
        return b;
    }

    /** The boundary delimiting the parts. */
    public String boundary() {
        return boundary;
    }

    /** {@code multipart/form-data; boundary=...}. */
    public MediaType contentType() {
        return MediaType.MULTIPART_FORM_DATA.withParameter("boundary", boundary);
    }

    /** The number of parts. */
    public int size() {
        return specs.size();
    }

    /** The parts with their encoded heads, for {@link RequestBody#multipart}. */
    List<FormPart> encodedParts() {
        return encoded;
    }

    @Override
    public String toString() {
        return "Multipart(" + specs.size() + " parts, boundary " + boundary + ")";
    }

    private static byte[] head(String boundary, Spec s) {
        StringBuilder h = new StringBuilder(96);
        h.append("--").append(boundary).append("\r\n");
        h.append("Content-Disposition: form-data; name=\"");
        escape(s.name, h);
        h.append('"');
        if (s.filename != null) {
            h.append("; filename=\"");
            escape(s.filename, h);
            h.append('"');
        }
        h.append("\r\n");
        if (s.type != null) {
            h.append("Content-Type: ").append(s.type).append("\r\n");
        }
        h.append("\r\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** HTML Living Standard, multipart/form-data encoding: {@code "} CR LF percent-escaped. */
    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("%22");
                case '\r' -> out.append("%0D");
                case '\n' -> out.append("%0A");
                default -> out.append(c);
            }
        }
    }

    static String randomBoundary() {
        char[] c = new char[32];
        for (int i = 0; i < c.length; i++) {
            c[i] = BOUNDARY_CHARS[RANDOM.nextInt(BOUNDARY_CHARS.length)];
        }
        return "envoi-" + new String(c);
    }

    /** Whether the boundary occurs in the content of an in-memory part. */
    private static boolean collides(String boundary, List<Spec> specs) {
        byte[] needle = boundary.getBytes(StandardCharsets.US_ASCII);
        for (Spec s : specs) {
            if (s.body instanceof BytesBody && indexOf(((BytesBody) s.body).bytes(), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Builds a {@link Multipart}; parts keep the order in which they are added. */
    public static final class Builder {
        private final List<Spec> specs = new ArrayList<>();
        private String boundary;

        private Builder() {
        }

        /** A text field: {@code value} as UTF-8, with no {@code Content-Type} (text/plain by default, RFC 7578 §4.4). */
        public Builder field(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            specs.add(new Spec(name, null, new BytesBody(value.getBytes(StandardCharsets.UTF_8), null), null));
            return this;
        }

        /**
         * A file part named after the file, its media type guessed from the extension (as
         * {@link RequestBody#ofFile(Path)} does). The file's size is read now; its bytes when sent.
         */
        public Builder file(String name, Path file) throws IOException {
            Objects.requireNonNull(file, "file");
            Path fileName = file.getFileName();
            if (fileName == null) {
                throw new IllegalArgumentException("path has no file name: " + file);
            }
            String n = fileName.toString();
            return file(name, file, n, FileTypes.guess(n));
        }

        /** A file part with the given file name and media type. */
        public Builder file(String name, Path file, String filename, MediaType contentType) throws IOException {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(filename, "filename");
            RequestBody body = RequestBody.ofFile(file, contentType);
            specs.add(new Spec(name, filename, body, contentType));
            return this;
        }

        /** A part with any body; its {@code Content-Type} is the body's, if it has one. */
        public Builder part(String name, RequestBody body) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(body, "body");
            specs.add(new Spec(name, null, body, body.contentType().orElse(null)));
            return this;
        }

        /** A part with any body and a file name, as a file upload from memory or a stream. */
        public Builder part(String name, RequestBody body, String filename) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(filename, "filename");
            specs.add(new Spec(name, filename, body, body.contentType().orElse(null)));
            return this;
        }

        /** Test seam: a fixed boundary, checked against RFC 2046 §5.1.1 and the in-memory parts. */
        Builder boundary(String boundary) {
            Objects.requireNonNull(boundary, "boundary");
            if (!isValidBoundary(boundary)) {
                throw new IllegalArgumentException("boundary must be 1 to 70 bchars, not ending in a space"
                        + " (RFC 2046 §5.1.1): \"" + boundary + "\"");
            }
            this.boundary = boundary;
            return this;
        }

        /**
         * The form.
         *
         * @throws IllegalStateException if it has no parts (RFC 2046 §5.1.1 requires one), or if a
         *     fixed boundary occurs in a part
         */
        public Multipart build() {
            if (specs.isEmpty()) {
                throw new IllegalStateException("a multipart body needs at least one part (RFC 2046 §5.1.1)");
            }
            if (boundary != null) {
                if (collides(boundary, specs)) {
                    throw new IllegalStateException("the boundary \"" + boundary + "\" occurs in a part");
                }
                return new Multipart(this, boundary);
            }
            for (int i = 0; i < MAX_BOUNDARY_ATTEMPTS; i++) {
                String b = randomBoundary();
                if (!collides(b, specs)) {
                    return new Multipart(this, b);
                }
            }
            throw new IllegalStateException("no random boundary avoided the parts' content after "
                    + MAX_BOUNDARY_ATTEMPTS + " attempts");
        }
    }

    static boolean isValidBoundary(String b) {
        int n = b.length();
        if (n < 1 || n > 70 || b.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = b.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
