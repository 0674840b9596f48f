package dev.envoi.client;

import dev.envoi.client.internal.body.BytesBody;
import dev.envoi.client.internal.body.FileBody;
import dev.envoi.client.internal.body.FileTypes;
import dev.envoi.client.internal.body.MultipartBody;
import dev.envoi.client.internal.body.StreamBody;
import dev.envoi.core.MediaType;
import dev.envoi.core.PercentEncoding;
import dev.envoi.core.QueryParameter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The content of a request (RFC 9110 §6.4): its media type, its length if known, whether it can be
 * sent again, and a way to write it.
 *
 * <pre>{@code
 * RequestBody.json(Map.of("key", "value"))                   // application/json
 * RequestBody.form(Map.of("q", "café & crème"))               // application/x-www-form-urlencoded
 * RequestBody.of("<p>hi</p>", MediaType.TEXT_HTML)            // text/html; charset=UTF-8
 * RequestBody.ofFile(Path.of("video.mp4"), MediaType.parse("video/mp4"))   // streamed, Content-Length
 * RequestBody.ofStream(socketIn)                             // chunked, sent once
 * RequestBody.multipart(Multipart.builder().field("a", "1").file("f", path).build())
 * }</pre>
 *
 * <p>How the client uses it: a known {@link #contentLength()} is sent as {@code Content-Length}, an
 * unknown one as {@code Transfer-Encoding: chunked} (RFC 9112 §6.1); {@link #contentType()} becomes
 * {@code Content-Type} unless the request sets one. When a redirect (307, 308) or a retry needs the
 * body again, the client calls {@link #writeTo} again only if {@link #isReplayable()}; otherwise it
 * fails clearly rather than send a different or empty body.
 *
 * <p>Why an abstract class and not a sealed interface: users need their own bodies (a generated
 * report, a body from another library's buffer), so the type stays open; and an abstract class lets
 * {@link #isReplayable()} default to the safe answer, {@code false}, for every body written by
 * someone who did not think about replay. Bodies made by the factories here are immutable and
 * thread-safe except {@link #ofStream}, which can be written once.
 *
 * <p>Contract for implementations: {@link #writeTo} writes exactly {@link #contentLength()} bytes
 * when that is known (the client checks), must not close {@code out}, and may be called again only
 * when {@link #isReplayable()}.
 */
public abstract class RequestBody {

    /** For subclasses. */
    protected RequestBody() {
    }

    /** The media type sent as {@code Content-Type}, or empty to send none. */
    public abstract Optional<MediaType> contentType();

    /** The number of bytes {@link #writeTo} writes, or empty when unknown (the client then sends chunked). */
    public abstract OptionalLong contentLength();

    /**
     * Whether {@link #writeTo} can be called again and writes the same bytes, as redirects 307/308
     * and retries require. {@code false} unless a subclass says otherwise.
     */
    public boolean isReplayable() {
        return false;
    }

    /** Writes the body to {@code out} without closing it. */
    public abstract void writeTo(OutputStream out) throws IOException;

    // ---- factories ----

    /** An empty body ({@code Content-Length: 0}) with no {@code Content-Type}. */
    public static RequestBody empty() {
        return BytesBody.EMPTY;
    }

    /** {@code bytes} (copied) as {@code application/octet-stream}. */
    public static RequestBody of(byte[] bytes) {
        return of(bytes, MediaType.APPLICATION_OCTET_STREAM);
    }

    /** {@code bytes} (copied) with the given media type. */
    public static RequestBody of(byte[] bytes, MediaType contentType) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
        return new BytesBody(bytes.clone(), contentType);
    }

    /** {@code text} as {@code text/plain; charset=UTF-8}. */
    public static RequestBody of(String text) {
        return of(text, MediaType.TEXT_PLAIN_UTF8);
    }

    /**
     * {@code text} encoded in the {@code charset} of {@code contentType}, or UTF-8 if it names none.
     * For a {@code text/*} type without a charset, {@code charset=UTF-8} is added to the content type,
     * because a receiver would otherwise guess (RFC 9110 §8.3.3 leaves the default to the media type,
     * and some still assume ISO-8859-1).
     *
     * @throws IllegalArgumentException if the charset is not supported by this JVM, or cannot encode
     *     a character of {@code text} (it is never replaced by {@code ?} silently)
     */
    public static RequestBody of(String text, MediaType contentType) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(contentType, "contentType");
        Charset charset = StandardCharsets.UTF_8;
        MediaType type = contentType;
        if (contentType.parameter("charset").isPresent()) {
            charset = contentType.charset().orElseThrow(() -> new IllegalArgumentException(
                    "unsupported charset in " + contentType));
        } else if (contentType.type().equals("text")) {
            type = contentType.withCharset(StandardCharsets.UTF_8);
        }
        return new BytesBody(encode(text, charset), type);
    }

    /**
     * An {@code application/x-www-form-urlencoded} body of the map's entries in its iteration order,
     * names and values UTF-8 and percent-encoded as {@link PercentEncoding#encodeFormComponent} does:
     * {@code {q="café & crème"}} gives {@code q=caf%C3%A9+%26+cr%C3%A8me}.
     */
    public static RequestBody form(Map<String, String> fields) {
        Objects.requireNonNull(fields, "fields");
        List<QueryParameter> pairs = new ArrayList<>(fields.size());
        for (Map.Entry<String, String> e : fields.entrySet()) {
            pairs.add(new QueryParameter(e.getKey(), e.getValue()));
        }
        return form(pairs);
    }

    /** An {@code application/x-www-form-urlencoded} body of the pairs in order; a name may repeat. */
    public static RequestBody form(List<QueryParameter> fields) {
        Objects.requireNonNull(fields, "fields");
        byte[] bytes = PercentEncoding.encodeForm(fields).getBytes(StandardCharsets.US_ASCII);
        return new BytesBody(bytes, MediaType.APPLICATION_FORM_URLENCODED);
    }

    /**
     * {@code value} written by {@link Json#write(Object)} as {@code application/json}, UTF-8
     * (RFC 8259 §8.1; the media type has no charset parameter, RFC 8259 §11). The value is written
     * now, so a cycle or NaN fails here, not while sending. As with {@code requests}' {@code json=},
     * a {@code String} is written as a JSON string: to send JSON text you already have, use
     * {@code of(text, MediaType.APPLICATION_JSON)}.
     *
     * @throws IllegalArgumentException if {@code value} cannot be written as JSON
     */
    public static RequestBody json(Object value) {
        return new BytesBody(Json.writeUtf8(value), MediaType.APPLICATION_JSON);
    }

    /**
     * The file at {@code file}, with a media type guessed from its extension from a small fixed table
     * ({@code .json} is {@code application/json}, {@code .png} is {@code image/png}, ...; unknown
     * extensions give {@code application/octet-stream}); see {@link #ofFile(Path, MediaType)}.
     */
    public static RequestBody ofFile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        return ofFile(file, name == null ? MediaType.APPLICATION_OCTET_STREAM : FileTypes.guess(name.toString()));
    }

    /**
     * The file at {@code file}, streamed from disk when written, never held in memory. Its size is
     * read now and sent as {@code Content-Length}; if the file has changed size by the time it is
     * written, writing fails with an {@link IOException} instead of sending a body that disagrees
     * with its length. Replayable: each write reopens the file.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws IOException if it is not a regular file or cannot be read
     */
    public static RequestBody ofFile(Path file, MediaType contentType) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contentType, "contentType");
        return FileBody.open(file, contentType);
    }

    /** {@code in} as {@code application/octet-stream}; see {@link #ofStream(InputStream, MediaType)}. */
    public static RequestBody ofStream(InputStream in) {
        return ofStream(in, MediaType.APPLICATION_OCTET_STREAM);
    }

    /**
     * The bytes of {@code in} up to its end, of unknown length (sent chunked). Such a body can be
     * written once: it is not replayable, so a 307/308 redirect or a retry that needs it again fails
     * clearly, and a second {@link #writeTo} throws {@link IllegalStateException}. The body owns the
     * stream and closes it after writing, or when writing fails.
     */
    public static RequestBody ofStream(InputStream in, MediaType contentType) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(contentType, "contentType");
        return new StreamBody(in, contentType, -1);
    }

    /**
     * Like {@link #ofStream(InputStream, MediaType)}, for a stream whose length is known: it is sent
     * as {@code Content-Length}, and a stream that ends early or holds more fails the write.
     */
    public static RequestBody ofStream(InputStream in, MediaType contentType, long contentLength) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(contentType, "contentType");
        if (contentLength < 0) {
            throw new IllegalArgumentException("contentLength must be 0 or more but was " + contentLength);
        }
        return new StreamBody(in, contentType, contentLength);
    }

    /** A {@code multipart/form-data} body (RFC 7578); see {@link Multipart}. */
    public static RequestBody multipart(Multipart multipart) {
        Objects.requireNonNull(multipart, "multipart");
        return new MultipartBody(multipart.boundary(), multipart.contentType(), multipart.encodedParts());
    }

    private static byte[] encode(String text, Charset charset) {
        CharsetEncoder encoder;
        try {
            encoder = charset.newEncoder();
        } catch (UnsupportedOperationException decodeOnly) {
            throw new IllegalArgumentException("charset " + charset.name() + " cannot encode", decodeOnly);
        }
        encoder.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(text);
        try {
            ByteBuffer out = encoder.encode(in);
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("cannot encode the character at index " + in.position()
                    + " of the text in " + charset.name(), e);
        }
    }
}
