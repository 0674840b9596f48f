package dev.envoi.client.internal.exchange;

import dev.envoi.codec.BodyFraming;
import dev.envoi.codec.ParseEvent;
import dev.envoi.codec.RequestEncoder;
import dev.envoi.codec.RequestHead;
import dev.envoi.codec.ResponseHead;
import dev.envoi.codec.ResponseParser;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import dev.envoi.transport.Proxy;
import dev.envoi.transport.ProxyException;
import dev.envoi.transport.Route;
import dev.envoi.transport.TunnelHandshake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The CONNECT exchange (RFC 9110 §9.3.6) run through transport's tunnel hook, before TLS with the
 * origin: {@code CONNECT host:port HTTP/1.1} with {@code Host} and, when the proxy has credentials,
 * {@code Proxy-Authorization: Basic} (RFC 7617) — sent here, to the proxy, and never inside the
 * tunnel (requests CVE-2023-32681). The response head is read one byte at a time, so not a byte of
 * the origin's TLS stream is consumed. 2xx opens the tunnel. A 407 asking for Digest (RFC 7616) is
 * answered on the same connection when its body can be skipped ({@link ProxyAuth}); a 407 that
 * cannot be answered, and any other status, is a {@link ProxyException} saying so plainly.
 */
public final class TunnelConnect implements TunnelHandshake {
    private final String userAgent;

    /** @param userAgent the {@code User-Agent} to send to the proxy, or {@code null} */
    public TunnelConnect(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public void establish(Route route, InputStream in, OutputStream out) throws IOException {
        Proxy proxy = route.proxy();
        String target = authority(route);
        String answer = proxy.hasCredentials() ? basic(proxy.username(), proxy.password()) : null;
        for (int attempt = 0; ; attempt++) {
            Headers.Builder h = Headers.builder().add(HeaderName.HOST, target);
            if (userAgent != null) {
                h.add(HeaderName.USER_AGENT, userAgent);
            }
            if (answer != null) {
                h.add(HeaderName.PROXY_AUTHORIZATION, answer);
            }
            out.write(RequestEncoder.encode(new RequestHead(Method.CONNECT, target, HttpVersion.HTTP_1_1, h.build())));
            out.flush();
            ResponseParser parser = new ResponseParser();
            ResponseHead head = readHead(parser, in, proxy);
            int code = head.status().code();
            if (code / 100 == 2) {
                return;
            }
            if (code != 407) {
                throw ProxyException.tunnelRefused(proxy.authority(), target, code, head.reasonPhrase());
            }
            Optional<String> next = ProxyAuth.answer(proxy, Method.CONNECT, target, head.headers(), attempt,
                    answer != null);
            if (next.isEmpty() || !skipBody(parser, head, in)) {
                throw ProxyException.authenticationRequired(proxy.authority(), answer != null,
                        String.join(", ", head.headers().all(HeaderName.PROXY_AUTHENTICATE)));
            }
            answer = next.get(); // Digest (RFC 7616) asked for: answer on the same connection
        }
    }

    /** Reads a 407's body so the connection can carry the next CONNECT; false when it cannot be reused. */
    private static boolean skipBody(ResponseParser parser, ResponseHead head, InputStream in) throws IOException {
        if (!head.version().isAtLeast11() || head.headers().all(HeaderName.CONNECTION).stream()
                .anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("close"))) {
            return false;
        }
        BodyFraming framing = parser.framing();
        if (framing instanceof BodyFraming.NoBody) {
            return true;
        }
        if (!(framing instanceof BodyFraming.FixedLength fixed) || fixed.length() > 64 * 1024) {
            return false;
        }
        for (long left = fixed.length(); left > 0; left--) {
            if (in.read() < 0) {
                return false;
            }
        }
        return true;
    }

    private static String authority(Route route) {
        String host = route.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + route.port();
    }

    static String basic(String user, String password) {
        byte[] raw = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(raw);
    }

    private static ResponseHead readHead(ResponseParser parser, InputStream in, Proxy proxy) throws IOException {
        parser.expectResponseTo(Method.CONNECT);
        ByteBuffer one = ByteBuffer.allocate(1).flip();
        for (;;) {
            ParseEvent e = parser.parse(one);
            if (e == ParseEvent.HEAD) {
                return parser.head();
            }
            if (e == ParseEvent.NEED_INPUT) {
                int b = in.read();
                if (b < 0) {
                    throw new EnvoiException("proxy " + proxy.authority()
                            + " closed the connection before answering CONNECT");
                }
                one.clear();
                one.put((byte) b).flip();
            }
        }
    }
}
