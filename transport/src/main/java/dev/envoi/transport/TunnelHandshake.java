package dev.envoi.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The hook between "TCP connected to the HTTP proxy" and "TLS handshake with the origin", where the
 * client runs its CONNECT exchange (RFC 9110 §9.3.6). {@code transport} knows no HTTP messages, so the
 * client writes {@code CONNECT host:port HTTP/1.1} (with {@code Proxy-Authorization}, RFC 9110 §11.7.1,
 * sent here to the proxy and never inside the tunnel: CVE-2023-32681 in {@code requests}), reads the
 * proxy's response head and returns normally on 2xx. On any other status it throws, typically a
 * {@link ProxyException} naming the status ({@code 407 Proxy Authentication Required} said plainly).
 *
 * <p>The streams are the raw, unbuffered socket streams: read exactly up to the end of the response
 * head and no further (the origin's TLS bytes follow only after our ClientHello, so a careful reader
 * never sees them). The read timeout is the dialer's remaining connect budget.
 *
 * <pre>{@code
 * TunnelHandshake connect = (route, in, out) -> {
 *     out.write(("CONNECT " + route.authority() + " HTTP/1.1\r\nHost: " + route.authority() + "\r\n\r\n")
 *             .getBytes(StandardCharsets.US_ASCII));
 *     out.flush();
 *     ... read the status line and fields up to CRLF CRLF with codec's response parser ...
 * };
 * Dialer dialer = Dialer.newBuilder().tunnelHandshake(connect).build();
 * }</pre>
 */
@FunctionalInterface
public interface TunnelHandshake {
    /**
     * Establishes the tunnel to {@code route.authority()} through {@code route.proxy()}.
     *
     * @param route the route being dialed (its proxy carries the credentials)
     * @param in bytes from the proxy
     * @param out bytes to the proxy (flush before reading)
     * @throws IOException if the proxy refuses; the dialer closes the socket
     */
    void establish(Route route, InputStream in, OutputStream out) throws IOException;
}
