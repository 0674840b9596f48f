package dev.envoi.codec;

import dev.envoi.codec.internal.encode.OutgoingFraming;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Writes a request head as bytes (RFC 9112 §3, §5):
 * {@code request-line CRLF *( field-line CRLF ) CRLF}, and decides the body framing fields.
 *
 * <p>Bytes go into a caller-owned, reusable {@link WireBuffer}, so that the client can append a
 * small body and send head and body in one socket write without copying either again; the
 * {@link #encode(RequestHead) byte[] variant} is for tests and one-off use. Encoding is stateless
 * and thread-safe; the buffer is not.
 *
 * <pre>{@code
 * RequestHead head = RequestEncoder.withFraming(
 *         new RequestHead(Method.POST, "/upload", HttpVersion.HTTP_1_1,
 *                 Headers.of("Host", "example.com", "Content-Type", "text/plain")),
 *         OptionalLong.of(body.length));                 // adds Content-Length: 5
 * buf.reset();
 * RequestEncoder.encode(head, buf);
 * buf.write(body, 0, body.length);
 * buf.writeTo(socketOut);
 * // POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello
 * }</pre>
 *
 * <p>What {@link #encode(RequestHead, WireBuffer)} checks before a byte is final, refusing with an
 * {@link IllegalArgumentException} (an {@link dev.envoi.core.InvalidSyntaxException} for text):
 * <ul>
 *   <li>the target is valid in one of the forms of {@link RequestTarget}, and matches the method:
 *       CONNECT if and only if authority-form (RFC 9112 §3.2.3), asterisk-form only with OPTIONS
 *       (RFC 9112 §3.2.4);</li>
 *   <li>{@code Host}: exactly one in HTTP/1.1 (RFC 9112 §3.2: a client MUST send it; more than one
 *       makes the request invalid); in absolute-form equal to the target's authority (RFC 9112 §3.2).
 *       The caller supplies it as a field, and the encoder <em>writes it first</em>, wherever it is in
 *       the {@code Headers}, because RFC 9110 §7.2 says a user agent SHOULD send Host as the first
 *       field line. All other fields keep their order.</li>
 *   <li>framing: at most one {@code Content-Length}, all digits; never with {@code Transfer-Encoding}
 *       (RFC 9112 §6.2); {@code Transfer-Encoding} only in HTTP/1.1 with {@code chunked} as the final
 *       coding (RFC 9112 §6.1);</li>
 *   <li>every byte: method and names are {@code tchar}, values are VCHAR / obs-text / SP / HTAB
 *       written as ISO-8859-1, so CR, LF, NUL and other controls can never be written, even if a
 *       {@code Headers} instance had been built around its validation.</li>
 * </ul>
 * On an exception the buffer is left as it was before the call.
 */
public final class RequestEncoder {
    private RequestEncoder() {
    }

    /** The head as a new byte array. */
    public static byte[] encode(RequestHead head) {
        WireBuffer out = new WireBuffer(256, WireBuffer.DEFAULT_MAX_CAPACITY);
        encode(head, out);
        return out.toByteArray();
    }

    /** Appends the head to {@code out}; see the class documentation for what is checked. */
    public static void encode(RequestHead head, WireBuffer out) {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(out, "out");
        RequestTarget target = RequestTarget.parse(head.target());
        checkMethodAndForm(head.method(), target);
        Headers h = head.headers();
        OutgoingFraming f = OutgoingFraming.scan(h);
        checkHost(head, target, f);
        checkFraming(head.version(), h, f);
        int mark = out.size();
        try {
            HeadWriter.token(out, head.method().name(), "RFC 9110 §9.1");
            HeadWriter.sp(out);
            HeadWriter.ascii(out, target.toString());
            HeadWriter.sp(out);
            HeadWriter.version(out, head.version());
            HeadWriter.crlf(out);
            if (f.host() >= 0) {
                HeadWriter.fieldLine(out, h.name(f.host()), h.value(f.host()));
            }
            HeadWriter.fields(out, h, f.host());
            HeadWriter.crlf(out);
        } catch (RuntimeException e) {
            out.truncate(mark);
            throw e;
        }
    }

    /**
     * Checks that {@code method} may be sent with {@code target}: CONNECT if and only if authority-form
     * (RFC 9112 §3.2.3), asterisk-form only for OPTIONS (RFC 9112 §3.2.4).
     *
     * @throws IllegalArgumentException if not
     */
    public static void checkMethodAndForm(Method method, RequestTarget target) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        boolean connect = method.equals(Method.CONNECT);
        RequestTarget.Form form = target.form();
        if (connect != (form == RequestTarget.Form.AUTHORITY)) {
            throw new IllegalArgumentException(connect
                    ? "CONNECT must use the authority-form host:port, not " + form + " form \"" + target
                            + "\" [RFC 9112 §3.2.3]"
                    : "authority-form \"" + target + "\" is only for CONNECT, not " + method + " [RFC 9112 §3.2.3]");
        }
        if (form == RequestTarget.Form.ASTERISK && !method.equals(Method.OPTIONS)) {
            throw new IllegalArgumentException("asterisk-form \"*\" is only for OPTIONS, not " + method
                    + " [RFC 9112 §3.2.4]");
        }
    }

    /**
     * Whether the method defines a meaning for request content, so that an empty body is still sent as
     * {@code Content-Length: 0} (RFC 9110 §8.6): POST, PUT and PATCH. For every other method, including
     * unknown ones, an empty body is sent without framing fields.
     */
    public static boolean anticipatesContent(Method method) {
        return method.equals(Method.POST) || method.equals(Method.PUT) || method.equals(Method.PATCH);
    }

    /**
     * {@link #withFraming(RequestHead, BodyFraming)} for a body of known length ({@link
     * BodyFraming.FixedLength}) or, when {@code bodyLength} is empty, of unknown length ({@link
     * BodyFraming#CHUNKED}).
     */
    public static RequestHead withFraming(RequestHead head, OptionalLong bodyLength) {
        Objects.requireNonNull(bodyLength, "bodyLength");
        return withFraming(head, bodyLength.isPresent()
                ? new BodyFraming.FixedLength(bodyLength.getAsLong()) : BodyFraming.CHUNKED);
    }

    /**
     * The head with the framing fields for a body framed as {@code framing} (RFC 9110 §8.6, RFC 9112 §6):
     * <ul>
     *   <li>{@code NoBody} or {@code FixedLength(0)}: {@code Content-Length: 0} when the method
     *       {@linkplain #anticipatesContent anticipates content} (a POST with an empty body), otherwise no
     *       field at all (a GET: "a user agent SHOULD NOT send a Content-Length header field when the
     *       request message does not contain content and the method semantics do not anticipate such
     *       data");</li>
     *   <li>{@code FixedLength(n)}: exactly one {@code Content-Length: n};</li>
     *   <li>{@code Chunked}: {@code Transfer-Encoding: chunked}, HTTP/1.1 only (RFC 9112 §6.1); a
     *       caller-set Transfer-Encoding is kept if {@code chunked} is its final coding;</li>
     *   <li>{@code UntilClose}: refused; a request cannot be delimited by closing the connection.</li>
     * </ul>
     * Fields the caller set are kept when they agree; the head is returned unchanged when nothing needs
     * adding.
     *
     * @throws IllegalArgumentException when a caller-set Content-Length or Transfer-Encoding conflicts
     *     with {@code framing} (RFC 9110 §8.6, RFC 9112 §6.2), or chunked is asked for HTTP/1.0
     */
    public static RequestHead withFraming(RequestHead head, BodyFraming framing) {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(framing, "framing");
        Headers h = head.headers();
        OutgoingFraming f = OutgoingFraming.scan(h);
        if (framing instanceof BodyFraming.Chunked) {
            if (!head.version().isAtLeast11()) {
                throw new IllegalArgumentException("chunked transfer coding needs HTTP/1.1, the request is "
                        + head.version() + " [RFC 9112 §6.1]");
            }
            if (f.contentLength() >= 0) {
                throw new IllegalArgumentException("a chunked request must not carry Content-Length [RFC 9112 §6.2]");
            }
            if (f.transferEncoding() >= 0) {
                requireChunkedFinal(h, f);
                return head;
            }
            return with(head, h.newBuilder().add(HeaderName.TRANSFER_ENCODING, "chunked").build());
        }
        long length;
        if (framing instanceof BodyFraming.FixedLength fixed) {
            length = fixed.length();
        } else if (framing instanceof BodyFraming.NoBody) {
            length = 0;
        } else {
            throw new IllegalArgumentException("a request body cannot be delimited by closing the connection"
                    + " [RFC 9112 §6.3]");
        }
        if (f.transferEncoding() >= 0) {
            throw new IllegalArgumentException("Transfer-Encoding is set but the body has a known length of " + length
                    + " [RFC 9112 §6.2]");
        }
        return withContentLength(head, f, length, length > 0 || anticipatesContent(head.method()));
    }

    private static RequestHead withContentLength(RequestHead head, OutgoingFraming f, long length, boolean send) {
        Headers h = head.headers();
        String value = Long.toString(length);
        for (String existing : h.all(HeaderName.CONTENT_LENGTH)) {
            if (!existing.equals(value)) {
                throw new IllegalArgumentException("Content-Length: " + existing + " was set but the body has "
                        + length + " bytes [RFC 9110 §8.6]");
            }
        }
        if (f.contentLengthCount() == 1 || (f.contentLengthCount() == 0 && !send)) {
            return head;
        }
        return with(head, h.newBuilder().set(HeaderName.CONTENT_LENGTH, value).build());
    }

    private static RequestHead with(RequestHead head, Headers headers) {
        return new RequestHead(head.method(), head.target(), head.version(), headers);
    }

    private static void checkHost(RequestHead head, RequestTarget target, OutgoingFraming f) {
        if (f.hostCount() > 1) {
            throw new IllegalArgumentException("a request must carry one Host field, found " + f.hostCount()
                    + " [RFC 9112 §3.2]");
        }
        if (f.host() < 0) {
            if (head.version().isAtLeast11()) {
                throw new IllegalArgumentException("an HTTP/1.1 request must carry a Host field [RFC 9112 §3.2]");
            }
            return;
        }
        String host = head.headers().value(f.host());
        if (target.form() == RequestTarget.Form.ABSOLUTE && !target.authorityEqualsIgnoreCase(host)) {
            throw new IllegalArgumentException("Host: " + host + " differs from the authority \"" + target.authority()
                    + "\" of the absolute-form target [RFC 9112 §3.2]");
        }
    }

    private static void checkFraming(HttpVersion version, Headers h, OutgoingFraming f) {
        f.checkContentLength(h);
        if (f.transferEncoding() >= 0) {
            if (!version.isAtLeast11()) {
                throw new IllegalArgumentException("Transfer-Encoding must not be sent in an " + version
                        + " request [RFC 9112 §6.1]");
            }
            requireChunkedFinal(h, f);
        }
    }

    private static void requireChunkedFinal(Headers h, OutgoingFraming f) {
        if (!f.chunkedIsFinal(h)) {
            throw new IllegalArgumentException("Transfer-Encoding: " + h.value(f.transferEncoding())
                    + " - chunked must be the final transfer coding of a request [RFC 9112 §6.1]");
        }
    }
}
