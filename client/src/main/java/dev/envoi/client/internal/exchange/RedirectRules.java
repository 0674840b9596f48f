package dev.envoi.client.internal.exchange;

import dev.envoi.client.Redirect;
import dev.envoi.client.RedirectException;
import dev.envoi.client.Request;
import dev.envoi.client.RequestBody;
import dev.envoi.core.HeaderName;
import dev.envoi.core.Headers;
import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Method;
import dev.envoi.core.Status;
import dev.envoi.core.Url;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how a redirect (RFC 9110 §15.4) is followed: the next request, and a {@link Redirect}
 * record saying what changed and why. Pure: no I/O, no state.
 * <ul>
 *   <li>Only 301, 302, 303, 307 and 308 with a {@code Location} are followed (300 and 305 are not).</li>
 *   <li>{@code Location} is resolved against the request URL (RFC 3986 §5.2); if it has no fragment
 *       the request's fragment is kept (RFC 9110 §10.2.2). Raw non-ASCII octets in it are read as
 *       {@link LocationOctets} says. A {@code Location} with userinfo is refused (RFC 9110 §4.2.4).</li>
 *   <li>301 and 302 turn POST into GET (RFC 9110 §15.4.2, §15.4.3 note: what every user agent does);
 *       303 turns every method but HEAD into GET (§15.4.4); either way the body and its
 *       {@code Content-*} fields are dropped (urllib3 CVE-2023-45803 kept them).</li>
 *   <li>307 and 308 keep method and body (§15.4.8, §15.4.9); a body that cannot be replayed
 *       makes the redirect fail with {@link RedirectException} rather than send it empty.</li>
 *   <li>When the origin changes (scheme, host or port, RFC 6454) {@code Authorization},
 *       {@code Cookie} and {@code Proxy-Authorization} set by the caller are dropped (curl
 *       CVE-2018-1000007, CVE-2022-27776; requests CVE-2018-18074); jar cookies are derived per hop
 *       by the engine.</li>
 * </ul>
 */
public final class RedirectRules {
    private static final List<String> CREDENTIAL_FIELDS = List.of(HeaderName.AUTHORIZATION, HeaderName.COOKIE,
            HeaderName.PROXY_AUTHORIZATION);

    /** The next request and the record of the hop. */
    public record Plan(Request next, Redirect redirect) {
    }

    private RedirectRules() {
    }

    /** Whether {@code code} is a redirect that is followed when it has a {@code Location}. */
    public static boolean isFollowable(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    /**
     * The plan for following {@code status} with {@code location} from {@code request}, or empty when
     * it is not a followable redirect.
     *
     * @throws RedirectException if the Location is not an http(s) URL, or a body must be replayed and cannot
     */
    public static Optional<Plan> plan(Request request, int status, Optional<String> location,
            List<Redirect> history) throws RedirectException {
        if (!isFollowable(status) || location.isEmpty()) {
            return Optional.empty();
        }
        Url from = request.url();
        Url to;
        try {
            to = from.resolve(LocationOctets.toReference(location.get().trim()));
        } catch (InvalidSyntaxException e) {
            throw new RedirectException(status + " redirect from " + Redaction.url(from)
                    + " has a Location that is not an http(s) URL (RFC 9110 §10.2.2): " + e.getMessage(), history);
        }
        if (to.hasUserInfo()) {
            throw new RedirectException(status + " redirect from " + Redaction.url(from) + " has a Location with"
                    + " userinfo, which a recipient treats as an error (RFC 9110 §4.2.4: it hides the authority,"
                    + " for phishing); not followed", history);
        }
        List<String> changes = new ArrayList<>();
        if (to.encodedFragment() == null && from.encodedFragment() != null) {
            to = to.newBuilder().encodedFragment(from.encodedFragment()).build();
            changes.add("fragment #" + from.encodedFragment() + " kept (RFC 9110 §10.2.2)");
        }
        Request.Builder next = request.newBuilder().url(to);
        Method method = request.method();
        boolean toGet = (status == 303 && !method.equals(Method.HEAD))
                || ((status == 301 || status == 302) && method.equals(Method.POST));
        if (toGet) {
            next.method(Method.GET);
            boolean hadBody = request.body().isPresent() || hasContentFields(request.headers());
            next.body((RequestBody) null);
            next.headers(withoutContentFields(request.headers()));
            changes.add("method " + method + " -> GET" + (hadBody ? ", body and Content-* fields dropped" : "")
                    + (status == 303 ? " (RFC 9110 §15.4.4; CVE-2023-45803)" : " (RFC 9110 §15.4.2/§15.4.3)"));
        } else if (request.body().isPresent()) {
            RequestBody body = request.body().get();
            if (!body.isReplayable()) {
                throw new RedirectException(status + " redirect from " + Redaction.url(from) + " to "
                        + Redaction.url(to) + " requires sending the " + method + " body again (RFC 9110 §15.4."
                        + (status == 307 ? "8" : status == 308 ? "9" : "2") + "), but the body can be sent only once;"
                        + " use a replayable body (bytes, text, file) to follow it", history);
            }
            changes.add("method " + method + " and body kept (" + status + ")");
        }
        if (!from.origin().equals(to.origin())) {
            Headers headers = dropCredentials(next.build().headers(), from, to, changes);
            next.headers(headers);
            changes.add("credentials of the first origin (URL userinfo, the client's authenticator) not sent to "
                    + to.origin() + "; jar cookies chosen again for the new URL (RFC 6265 §5.4)");
        }
        Request built = next.build();
        return Optional.of(new Plan(built, new Redirect(Status.of(status), method, from.withoutUserInfo(),
                built.method(), to.withoutUserInfo(), changes)));
    }

    private static Headers dropCredentials(Headers headers, Url from, Url to, List<String> changes) {
        Headers.Builder b = headers.newBuilder();
        for (String name : CREDENTIAL_FIELDS) {
            if (headers.contains(name)) {
                b.remove(name);
                changes.add(name + " set on the request dropped: origin changed from " + from.origin() + " to "
                        + to.origin() + " (curl CVE-2018-1000007, CVE-2022-27776; requests CVE-2018-18074)");
            }
        }
        if (headers.contains(HeaderName.HOST)) {
            b.remove(HeaderName.HOST);
            changes.add("Host set on the request dropped: it named the previous origin");
        }
        return b.build();
    }

    private static boolean hasContentFields(Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            if (isContentField(headers.name(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isContentField(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("content-") || n.equals("transfer-encoding") || n.equals("expect")
                || n.equals("trailer");
    }

    private static Headers withoutContentFields(Headers headers) {
        Headers.Builder b = Headers.builder();
        for (int i = 0; i < headers.size(); i++) {
            if (!isContentField(headers.name(i))) {
                b.add(headers.name(i), headers.value(i));
            }
        }
        return b.build();
    }
}
