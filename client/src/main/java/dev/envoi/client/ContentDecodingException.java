package dev.envoi.client;

import dev.envoi.core.EnvoiException;

import java.util.Objects;
import java.util.Optional;

/**
 * A response body declared with a content coding ({@code Content-Encoding: gzip}, {@code deflate})
 * is not valid data in that coding: a bad header, corrupt compressed data, a checksum or length that
 * does not match, bytes after the end of the compressed data, or data that ends before the
 * compressed stream does (a truncated body).
 *
 * <p>Raised by the decoding stream's {@code read}, so a body is never handed out silently short or
 * mangled. {@link #offset()} counts bytes of the encoded content (as received, after transfer
 * decoding), so the problem can be found in a capture. Raised by a call, it names the URL whose body
 * it was ({@link #url()}, credentials and sensitive query values redacted).
 */
public class ContentDecodingException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    private final String coding;
    private final long offset;
    private final String rfcSection;
    private final String url;

    /**
     * @param coding the content coding being decoded, e.g. {@code "gzip"}
     * @param reason what was wrong
     * @param offset offset in the encoded bytes where it was found, or -1
     * @param rfcSection the format rule broken, e.g. {@code "RFC 1952 §2.3.1"}, or {@code null}
     */
    public ContentDecodingException(String coding, String reason, long offset, String rfcSection) {
        super(coding + " content: " + reason + (offset >= 0 ? " at encoded offset " + offset : "")
                + (rfcSection == null ? "" : " [" + rfcSection + "]"));
        this.coding = coding;
        this.offset = offset;
        this.rfcSection = rfcSection;
        this.url = null;
    }

    private ContentDecodingException(ContentDecodingException e, String url, String doing) {
        super(e.getMessage() + " (" + doing + " of " + url + ")", e);
        this.coding = e.coding;
        this.offset = e.offset;
        this.rfcSection = e.rfcSection;
        this.url = url;
    }

    /**
     * This failure with the URL whose body it was, for messages: {@code "gzip content: ... (reading
     * the response body of https://example.com/x)"}; the cause is this exception.
     *
     * @param redactedUrl the URL, already redacted
     * @param doing what was being done, e.g. {@code "reading the response body"}
     */
    public ContentDecodingException withUrl(String redactedUrl, String doing) {
        return new ContentDecodingException(this, Objects.requireNonNull(redactedUrl, "redactedUrl"),
                Objects.requireNonNull(doing, "doing"));
    }

    /** The (redacted) URL whose body failed to decode, when the failure came from a call. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The content coding that failed, e.g. {@code "gzip"}. */
    public String coding() {
        return coding;
    }

    /** Offset in the encoded content where the problem was found, or -1. */
    public long offset() {
        return offset;
    }

    /** The format rule broken, or {@code null}. */
    public String rfcSection() {
        return rfcSection;
    }
}
