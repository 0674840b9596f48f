/**
 * HTTP/1.x message parsing and encoding (RFC 9112): incremental request and response parsers,
 * body framing, chunked coding, and encoders. Bytes in, messages out: no I/O.
 */
module dev.envoi.codec {
    requires transitive dev.envoi.core;

    exports dev.envoi.codec;
}
