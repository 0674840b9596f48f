/**
 * The shared vocabulary of envoi: header fields, methods, status codes, protocol versions, URLs,
 * HTTP dates, media types, the field syntax of RFC 9110 §5.6 and the exception hierarchy. No I/O.
 */
module dev.envoi.core {
    exports dev.envoi.core;
    // Lets the codec's parsers build Headers from lines they have validated already; not API.
    exports dev.envoi.core.internal.access to dev.envoi.codec;
}
