package dev.envoi.client.internal.exchange;

import dev.envoi.client.AuthContext;
import dev.envoi.client.Authenticator;
import dev.envoi.client.Credentials;
import dev.envoi.client.Request;
import dev.envoi.client.RequestBody;
import dev.envoi.codec.BodyFraming;
import dev.envoi.codec.RequestEncoder;
import dev.envoi.codec.RequestHead;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Url;
import dev.envoi.transport.Proxy;
import dev.envoi.transport.Route;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns a {@link Request} into what goes on the wire for one hop: the {@link Route} (direct, forward
 * proxy, or tunnel; TLS settings for https), the request head with the fields the client adds, and
 * the authenticator that may answer for this origin.
 * <ul>
 *   <li>request-target: origin-form, or absolute-form through a forward proxy (RFC 9112 §3.2.1, §3.2.2),
 *       never with userinfo or fragment;</li>
 *   <li>{@code Host} from the URL's authority (RFC 9112 §3.2) unless set; {@code User-Agent},
 *       {@code Accept: *}{@code /*}, {@code Accept-Encoding}, {@code Content-Type} unless set;</li>
 *   <li>{@code Cookie}: the caller's value first, then the jar's cookies for this URL, as one field
 *       (RFC 6265 §5.4);</li>
 *   <li>credentials, for this origin only: the URL's userinfo (Basic), else the client's authenticator
 *       when this is the origin of the call's first request, else {@code .netrc} by host (requests
 *       CVE-2024-47081: looked up by the parsed host); sent preemptively when the scheme allows and the
 *       request has no {@code Authorization} of its own;</li>
 *   <li>{@code Proxy-Authorization: Basic} to a forward proxy with credentials (a tunnel gets it in the
 *       CONNECT instead, {@link TunnelConnect});</li>
 *   <li>framing fields by {@link RequestEncoder#withFraming}: Content-Length when the body length is
 *       known, chunked otherwise (RFC 9112 §6).</li>
 * </ul>
 */
final class RequestPreparer {
    /** Bodies up to this size are handed to authenticators (Digest auth-int signs the body). */
    private static final long MAX_SIGNED_BODY = 1024 * 1024;

    /** One hop, ready to send. */
    record Prepared(Request request, Route route, RequestHead head, RequestBody body, Authenticator authenticator,
            String authorization) {
        /** Whether the request asks for {@code 100 Continue} before its body (RFC 9110 §10.1.1). */
        boolean expectContinue() {
            return body != null && expects100(request.headers());
        }
    }

    static boolean expects100(Headers headers) {
        for (String v : headers.all(HeaderName.EXPECT)) {
            if (v.trim().equalsIgnoreCase("100-continue")) {
                return true;
            }
        }
        return false;
    }

    private final EngineConfig config;

    RequestPreparer(EngineConfig config) {
        this.config = config;
    }

    Prepared prepare(Request request, Url firstUrl) throws IOException {
        Url url = request.url();
        Route route = route(url);
        String target = route.isForwardProxy() ? url.withoutUserInfo().withoutFragment().toString()
                : url.requestTarget();
        Headers user = request.headers();
        Headers.Builder h = Headers.builder(user.size() + 8);
        if (!user.contains(HeaderName.HOST)) {
            h.add(HeaderName.HOST, url.authority());
        }
        h.addAll(user);
        if (config.userAgent() != null && !user.contains(HeaderName.USER_AGENT)) {
            h.add(HeaderName.USER_AGENT, config.userAgent());
        }
        if (!user.contains(HeaderName.ACCEPT)) {
            h.add(HeaderName.ACCEPT, "*/*");
        }
        if (config.contentDecoding().enabled() && !user.contains(HeaderName.ACCEPT_ENCODING)) {
            h.add(HeaderName.ACCEPT_ENCODING, config.contentDecoding().acceptEncoding());
        }
        RequestBody body = request.body().orElse(null);
        if (body != null && !user.contains(HeaderName.CONTENT_TYPE) && body.contentType().isPresent()) {
            h.add(HeaderName.CONTENT_TYPE, body.contentType().get().toString());
        }
        cookies(url, user, h);
        Authenticator auth = authenticatorFor(url, firstUrl);
        String authorization = user.get(HeaderName.AUTHORIZATION).orElse(null);
        if (auth != null && authorization == null) {
            AuthContext ctx = AuthContext.builder().url(url).requestTarget(target).method(request.method()).build();
            Optional<String> pre = auth.preemptive(ctx);
            if (pre.isPresent()) {
                authorization = pre.get();
                h.add(HeaderName.AUTHORIZATION, authorization);
            }
        }
        Proxy proxy = route.proxy();
        if (route.isForwardProxy() && proxy.hasCredentials() && !user.contains(HeaderName.PROXY_AUTHORIZATION)) {
            h.add(HeaderName.PROXY_AUTHORIZATION, TunnelConnect.basic(proxy.username(), proxy.password()));
        }
        RequestHead head = new RequestHead(request.method(), target, HttpVersion.HTTP_1_1, h.build());
        head = body == null ? RequestEncoder.withFraming(head, BodyFraming.NO_BODY)
                : RequestEncoder.withFraming(head, body.contentLength());
        return new Prepared(request, route, head, body, auth, authorization);
    }

    private void cookies(Url url, Headers user, Headers.Builder h) {
        Optional<String> jar = config.cookieJar().cookieHeaderFor(url);
        if (jar.isEmpty()) {
            return;
        }
        Optional<String> own = user.combined(HeaderName.COOKIE);
        h.set(HeaderName.COOKIE, own.map(v -> v + "; " + jar.get()).orElse(jar.get()));
    }

    private Authenticator authenticatorFor(Url url, Url firstUrl) {
        Optional<Credentials> fromUrl = Credentials.fromUrl(url);
        if (fromUrl.isEmpty() && url.origin().equals(firstUrl.origin())) {
            fromUrl = Credentials.fromUrl(firstUrl); // the call's userinfo stays with its origin across redirects
        }
        if (fromUrl.isPresent()) {
            return Authenticator.basic(fromUrl.get());
        }
        if (config.authenticator() != null && url.origin().equals(firstUrl.origin())) {
            return config.authenticator();
        }
        if (config.netrc() != null) {
            Optional<Credentials> c = config.netrc().credentialsFor(url);
            if (c.isPresent()) {
                return Authenticator.basic(c.get());
            }
        }
        return null;
    }

    Route route(Url url) {
        Route.Builder b = Route.newBuilder().scheme(url.scheme()).host(url.host()).port(url.port());
        if (url.isHttps()) {
            b.tls(config.tls());
        }
        Proxy proxy = config.proxies().select(url.scheme(), url.host(), url.port());
        if (proxy != null) {
            b.proxy(proxy);
        }
        return b.build();
    }

    /** The body's bytes when it can be replayed and is small enough to sign; empty for no body; else null. */
    static byte[] replayableBytes(RequestBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        if (!body.isReplayable() || body.contentLength().isEmpty()
                || body.contentLength().getAsLong() > MAX_SIGNED_BODY) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) body.contentLength().getAsLong());
        body.writeTo(out);
        return out.toByteArray();
    }
}
