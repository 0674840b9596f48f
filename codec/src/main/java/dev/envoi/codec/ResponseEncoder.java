package dev.envoi.codec;

import dev.envoi.codec.internal.encode.OutgoingFraming;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.Method;
import dev.envoi.core.Status;
import java.util.Objects;

/**
 * Writes a response head as bytes (RFC 9112 §4, §5):
 * {@code status-line CRLF *( field-line CRLF ) CRLF}, where
 * {@code status-line = HTTP-version SP status-code SP [ reason-phrase ]}. envoi is a client; this
 * exists for test servers and tools that must answer with correct bytes.
 *
 * <pre>{@code
 * ResponseHead head = ResponseEncoder.withFraming(
 *         new ResponseHead(HttpVersion.HTTP_1_1, Status.OK, "OK", Headers.of("Content-Type", "text/plain")),
 *         request, new BodyFraming.FixedLength(5));
 * ResponseEncoder.encode(head, buf);   // HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n
 * }</pre>
 *
 * <p>Checked before a byte is final (refusals are {@link IllegalArgumentException}s): the status
 * code is valid, 100 to 599 (RFC 9110 §15: "Values outside the range 100..599 are invalid"; a
 * parser accepts them from a peer, an encoder does not make them); the reason phrase holds only
 * HTAB, SP, VCHAR and obs-text, never CR or LF (RFC 9112 §4); names and values as for
 * {@link RequestEncoder}; at most one {@code Content-Length}, never with
 * {@code Transfer-Encoding} (RFC 9112 §6.2), neither in a 1xx or 204 response (RFC 9110 §8.6,
 * RFC 9112 §6.1). Fields are written in their order and case. On an exception the buffer is left as
 * it was before the call.
 */
public final class ResponseEncoder {
    private ResponseEncoder() {
    }

    /** The head as a new byte array. */
    public static byte[] encode(ResponseHead head) {
        WireBuffer out = new WireBuffer(256, WireBuffer.DEFAULT_MAX_CAPACITY);
        encode(head, out);
        return out.toByteArray();
    }

    /** Appends the head to {@code out}; see the class documentation for what is checked. */
    public static void encode(ResponseHead head, WireBuffer out) {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(out, "out");
        Headers h = head.headers();
        OutgoingFraming f = OutgoingFraming.scan(h);
        f.checkContentLength(h);
        int code = validCode(head.status());
        if ((code < 200 || code == 204) && (f.contentLength() >= 0 || f.transferEncoding() >= 0)) {
            throw new IllegalArgumentException("a " + code + " response must not carry Content-Length or "
                    + "Transfer-Encoding [RFC 9110 §8.6, RFC 9112 §6.1]");
        }
        int mark = out.size();
        try {
            HeadWriter.version(out, head.version());
            HeadWriter.sp(out);
            HeadWriter.decimal(out, code);
            HeadWriter.sp(out);
            HeadWriter.text(out, head.reasonPhrase(), "reason phrase", "RFC 9112 §4");
            HeadWriter.crlf(out);
            HeadWriter.fields(out, h, -1);
            HeadWriter.crlf(out);
        } catch (RuntimeException e) {
            out.truncate(mark);
            throw e;
        }
    }

    /**
     * Whether a response with {@code status} to a {@code requestMethod} request carries content on the
     * wire: not for HEAD, 1xx, 204, 304, or a 2xx to CONNECT (RFC 9112 §6.3 rules 1–2). An invalid
     * status (outside 100..599) counts as a 5xx, as a client processes it (RFC 9110 §15).
     */
    public static boolean hasContent(Status status, Method requestMethod) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestMethod, "requestMethod");
        int code = status.isValid() ? status.code() : 500; // processed as a 5xx (RFC 9110 §15)
        return !(requestMethod.equals(Method.HEAD) || code < 200 || code == 204 || code == 304
                || (requestMethod.equals(Method.CONNECT) && code < 300));
    }

    /**
     * The head with the framing fields for a body framed as {@code framing}, answering {@code request}:
     * <ul>
     *   <li>1xx, 204, 2xx to CONNECT: no content is possible; {@code framing} must be {@code NoBody} and
     *       no framing field is added (RFC 9110 §8.6, RFC 9112 §6.1);</li>
     *   <li>responses to HEAD and 304: no content is sent; {@code FixedLength(n)} adds the
     *       {@code Content-Length: n} a GET would have carried (RFC 9110 §8.6 allows it), anything else
     *       adds nothing;</li>
     *   <li>otherwise {@code NoBody} and {@code FixedLength(n)} give {@code Content-Length} (0 for no
     *       body, since without it the response would run until close, RFC 9112 §6.3 rule 8);
     *       {@code Chunked} gives {@code Transfer-Encoding: chunked}, only if request and response are
     *       HTTP/1.1 (RFC 9112 §6.1); {@code UntilClose} adds {@code Connection: close} (unless a
     *       Connection field is present) and no framing field.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if a caller-set Content-Length or Transfer-Encoding conflicts
     *     with {@code framing}, chunked is asked for an HTTP/1.0 exchange, or the status is invalid
     */
    public static ResponseHead withFraming(ResponseHead head, RequestHead request, BodyFraming framing) {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(framing, "framing");
        Headers h = head.headers();
        OutgoingFraming f = OutgoingFraming.scan(h);
        int code = validCode(head.status());
        boolean connect2xx = request.method().equals(Method.CONNECT) && code >= 200 && code < 300;
        if (code < 200 || code == 204 || connect2xx) {
            if (!(framing instanceof BodyFraming.NoBody)) {
                throw new IllegalArgumentException("a " + code + " response to " + request.method()
                        + " has no content, got " + framing + " [RFC 9110 §8.6]");
            }
            return head;
        }
        if (!hasContent(head.status(), request.method())) {
            return framing instanceof BodyFraming.FixedLength fixed && f.transferEncoding() < 0
                    ? withContentLength(head, f, fixed.length()) : head;
        }
        if (framing instanceof BodyFraming.Chunked) {
            if (!request.version().isAtLeast11() || !head.version().isAtLeast11()) {
                throw new IllegalArgumentException("chunked transfer coding needs HTTP/1.1 on both sides, request is "
                        + request.version() + " [RFC 9112 §6.1]");
            }
            if (f.contentLength() >= 0) {
                throw new IllegalArgumentException("a chunked response must not carry Content-Length [RFC 9112 §6.2]");
            }
            if (f.transferEncoding() >= 0) {
                if (!f.chunkedIsFinal(h)) {
                    throw new IllegalArgumentException("Transfer-Encoding: " + h.value(f.transferEncoding())
                            + " does not end in chunked, so the body would not be chunked [RFC 9112 §6.1]");
                }
                return head;
            }
            return with(head, h.newBuilder().add(HeaderName.TRANSFER_ENCODING, "chunked").build());
        }
        if (f.transferEncoding() >= 0) {
            throw new IllegalArgumentException("Transfer-Encoding is set but the body is framed as " + framing
                    + " [RFC 9112 §6.2]");
        }
        if (framing instanceof BodyFraming.UntilClose) {
            if (f.contentLength() >= 0) {
                throw new IllegalArgumentException("Content-Length is set but the body runs until close"
                        + " [RFC 9112 §6.3]");
            }
            return h.contains(HeaderName.CONNECTION) ? head
                    : with(head, h.newBuilder().add(HeaderName.CONNECTION, "close").build());
        }
        long length = framing instanceof BodyFraming.FixedLength fixed ? fixed.length() : 0;
        return withContentLength(head, f, length);
    }

    private static ResponseHead withContentLength(ResponseHead head, OutgoingFraming f, long length) {
        Headers h = head.headers();
        String value = Long.toString(length);
        for (String existing : h.all(HeaderName.CONTENT_LENGTH)) {
            if (!existing.equals(value)) {
                throw new IllegalArgumentException("Content-Length: " + existing + " was set but the body has "
                        + length + " bytes [RFC 9110 §8.6]");
            }
        }
        return f.contentLengthCount() == 1 ? head
                : with(head, h.newBuilder().set(HeaderName.CONTENT_LENGTH, value).build());
    }

    private static ResponseHead with(ResponseHead head, Headers headers) {
        return new ResponseHead(head.version(), head.status(), head.reasonPhrase(), headers);
    }

    /** The code of a status an encoder may write: never an invalid one (RFC 9110 §15). */
    private static int validCode(Status status) {
        if (!status.isValid()) {
            throw new IllegalArgumentException("status code " + status
                    + " is outside 100-599, an invalid status code [RFC 9110 §15]");
        }
        return status.code();
    }
}
