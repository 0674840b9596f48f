/**
 * The shared vocabulary of envoi: header fields, methods, status codes, protocol versions, URLs,
 * HTTP dates, media types, the field syntax of RFC 9110 §5.6 and the exception hierarchy. No I/O.
 */
module dev.envoi.core {
    exports dev.envoi.core;
}
