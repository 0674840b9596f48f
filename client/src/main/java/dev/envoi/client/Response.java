package dev.envoi.client;

import dev.envoi.client.internal.exchange.Outcome;
import dev.envoi.client.internal.exchange.Redaction;
import dev.envoi.codec.ResponseHead;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.LimitExceededException;
import dev.envoi.core.MediaType;
import dev.envoi.core.Status;
import dev.envoi.core.Url;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The final response of a call (RFC 9110 §15, RFC 9112 §4): status, header fields, body, the URL
 * it came from after redirects, and the redirects followed ({@link #history()}).
 *
 * <p>Two kinds, by how the call was made:
 * <ul>
 *   <li>{@link Client#send}: the body was read into memory (up to
 *       {@link Client.Builder#maxBodyBytes(long)}) and the connection already went back to the pool;
 *       {@link #close()} does nothing.</li>
 *   <li>{@link Client#stream}: {@link #body()} is a live stream from the connection and this response
 *       <b>must be closed</b> (try-with-resources). The connection returns to the pool only after the
 *       body was read to its end (RFC 9112 §9.3); closing it earlier closes the connection.</li>
 * </ul>
 *
 * <pre>{@code
 * Response r = client.send(Request.get("https://example.com/items/7").build()).ensureSuccess();
 * JsonValue item = r.json();
 * try (Response s = client.stream(Request.get(bigUrl).build())) { s.body().transferTo(out); }
 * }</pre>
 *
 * <p>Text: the charset of {@code Content-Type}, else a byte order mark, else UTF-8 — not
 * ISO-8859-1, the long-standing complaint against {@code requests} (#2086). JSON is read as UTF-8
 * (RFC 8259 §8.1). A body cut short raises an exception while reading; it is never returned short.
 * When the body was content-decoded, {@code Content-Length} is gone from {@link #headers()} and
 * {@code Content-Encoding} lists only codings left on the body (see {@link DecodedBody}).
 * Not thread-safe while the body is being read.
 */
public final class Response implements AutoCloseable {
    /** What a declared {@code Content-Length} may size before any byte arrived. */
    private static final int FIRST_CHUNK = 64 * 1024;
    /** How much larger than the bytes received the buffer may grow while a declared length is not reached. */
    private static final int GROWTH_WITH_LENGTH = 8;
    /** The first buffer of a body of unknown length (chunked, until close, or decoded). */
    private static final int UNKNOWN_LENGTH_CHUNK = 8 * 1024;
    private final Request request;
    private final Outcome outcome;
    private final long maxBodyBytes;
    private byte[] bytes;
    private boolean closed;

    private Response(Request request, Outcome outcome, long maxBodyBytes) {
        this.request = request;
        this.outcome = outcome;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * A response made without the network, for an {@link Interceptor} that answers by itself (a cache,
     * a test double): status, fields and a body in memory, for {@code request}.
     */
    public static Response of(Request request, Status status, Headers headers, byte[] body) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Outcome o = Outcome.synthetic(request, new ResponseHead(HttpVersion.HTTP_1_1, status, status.reason(), headers),
                body.clone());
        Response r = new Response(request, o, Long.MAX_VALUE);
        r.bytes = body.clone();
        return r;
    }

    static Response streaming(Outcome outcome, long maxBodyBytes) {
        return new Response(outcome.request(), outcome, maxBodyBytes);
    }

    /** The status, e.g. {@code 200 OK}. */
    public Status status() {
        return outcome.head().status();
    }

    /** The status code, e.g. 200. */
    public int code() {
        return outcome.head().status().code();
    }

    /** The reason phrase as the server sent it (may be empty; RFC 9112 §4 says to ignore it). */
    public String reasonPhrase() {
        return outcome.head().reasonPhrase();
    }

    /** Whether the status is 2xx. */
    public boolean isSuccessful() {
        return status().isSuccessful();
    }

    /** The protocol version of the response, e.g. HTTP/1.1. */
    public HttpVersion version() {
        return outcome.head().version();
    }

    /** The header fields (after content decoding adjustments, see the class comment). */
    public Headers headers() {
        return outcome.headers();
    }

    /** The first value of the field {@code name}, case-insensitively. */
    public Optional<String> header(String name) {
        return outcome.headers().get(name);
    }

    /** The parsed {@code Content-Type}, if present and valid. */
    public Optional<MediaType> contentType() {
        return header(HeaderName.CONTENT_TYPE).flatMap(MediaType::tryParse);
    }

    /** The URL this response came from: the request URL after every redirect. */
    public Url url() {
        return request.url();
    }

    /** The last request sent (after redirects and authentication). */
    public Request request() {
        return request;
    }

    /** The redirects followed to get here, oldest first; empty when there were none. */
    public List<Redirect> history() {
        return outcome.history();
    }

    /**
     * The body as a stream: the live connection stream for {@link Client#stream}, or a stream over
     * the bytes already read for {@link Client#send}.
     */
    public InputStream body() {
        return bytes != null ? new ByteArrayInputStream(bytes) : outcome.body();
    }

    /**
     * The whole body; for a streamed response this reads what is left (up to the client's
     * {@code maxBodyBytes}) and closes it.
     *
     * @throws LimitExceededException if the body is larger than {@code maxBodyBytes}
     */
    public byte[] bytes() throws IOException {
        if (bytes == null) {
            if (closed) {
                throw new IllegalStateException("the response was closed before its body was read");
            }
            try (InputStream in = outcome.body()) {
                bytes = readAll(in);
            }
        }
        return bytes;
    }

    /**
     * Reads the body into an array that grows with the bytes that actually arrive. A declared
     * {@code Content-Length} sizes at most the first {@value #FIRST_CHUNK} bytes; after that the buffer grows
     * only when full, to at most {@value #GROWTH_WITH_LENGTH} times what arrived and never past the declared
     * length. So a server that declares 4 EiB and sends one byte costs one small buffer, a liar costs a
     * bounded multiple of what it really sent, and an honest 1 MiB body is read with one 64 KiB step
     * and no copy at the end.
     */
    private byte[] readAll(InputStream in) throws IOException {
        long declared = declaredLength();
        byte[] buf = new byte[(int) Math.max(1, Math.min(maxBodyBytes, declared > 0
                ? Math.min(declared, FIRST_CHUNK) : UNKNOWN_LENGTH_CHUNK))];
        int n = 0;
        for (;;) {
            if (n == buf.length) {
                int next = in.read(); // at the end of a full buffer, one byte says whether to grow at all
                if (next < 0) {
                    return buf;
                }
                if (buf.length >= maxBodyBytes) {
                    throw new LimitExceededException("maxBodyBytes", maxBodyBytes, n,
                            "response body of " + Redaction.url(url())
                                    + " (read it with Client.stream(...) or raise Client.Builder.maxBodyBytes)");
                }
                long grown = declared > n ? Math.min(declared, buf.length * (long) GROWTH_WITH_LENGTH)
                        : buf.length * 2L;
                grown = Math.min(grown, Math.min(maxBodyBytes, Integer.MAX_VALUE - 8));
                buf = Arrays.copyOf(buf, (int) Math.max(grown, n + 1L));
                buf[n++] = (byte) next;
                continue;
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /** The {@code Content-Length} the caller sees (absent once a coding was removed), or 0. */
    private long declaredLength() {
        return header(HeaderName.CONTENT_LENGTH).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    /** The body as text: charset from Content-Type, else BOM, else UTF-8 (see the class comment). */
    public String text() throws IOException {
        byte[] b = bytes();
        Optional<Charset> declared = contentType().flatMap(MediaType::charset);
        int bom = 0;
        Charset cs = StandardCharsets.UTF_8;
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            bom = 3;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            bom = 2;
            cs = StandardCharsets.UTF_16BE;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            bom = 2;
            cs = StandardCharsets.UTF_16LE;
        }
        if (declared.isPresent()) {
            Charset d = declared.get();
            boolean bomMatches = bom > 0 && (d.equals(cs) || (d.name().equals("UTF-16") && bom == 2));
            return new String(b, bomMatches ? bom : 0, b.length - (bomMatches ? bom : 0), bomMatches ? cs : d);
        }
        return new String(b, bom, b.length - bom, cs);
    }

    /** The body parsed as JSON (RFC 8259, UTF-8). */
    public JsonValue json() throws IOException {
        return Json.parse(bytes());
    }

    /**
     * The trailer fields of a chunked body (RFC 9110 §6.5), empty when there were none.
     *
     * @throws IllegalStateException if the body has not been read to its end
     */
    public Headers trailers() {
        return outcome.trailers();
    }

    /**
     * Returns this response if its status is not an error, else throws (like {@code requests}'
     * {@code raise_for_status()}); the exception carries this response.
     *
     * @throws HttpStatusException for 4xx and 5xx
     */
    public Response ensureSuccess() throws HttpStatusException {
        if (status().isClientError() || status().isServerError()) {
            if (bytes == null) {
                close();
            }
            throw new HttpStatusException(this, Redaction.url(url()));
        }
        return this;
    }

    /**
     * Closes the body: a streamed body not read to its end closes its connection. Idempotent; does
     * nothing for a buffered response.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bytes == null) {
            try {
                outcome.body().close();
            } catch (IOException ignored) {
                // closing an abandoned body cannot fail in a way the caller could act on
            }
        }
    }

    /** {@code HTTP/1.1 200 OK (https://host/path)}, URL redacted. */
    @Override
    public String toString() {
        return version() + " " + code() + " " + reasonPhrase() + " (" + Redaction.url(url()) + ")";
    }
}
