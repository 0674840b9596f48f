package dev.envoi.client;

import dev.envoi.core.Method;
import dev.envoi.core.Status;
import dev.envoi.core.Url;

import java.util.List;
import java.util.Objects;

/**
 * One redirect the client followed (RFC 9110 §15.4), as recorded in {@link Response#history()}:
 * the response that redirected, where it pointed, and every change made to the request on the way,
 * each with its reason. No peer explains its redirects; this does, e.g.
 * <pre>
 * 303 See Other: POST http://a.example/form -> GET http://b.example/done
 *   method POST -> GET, body and Content-* fields dropped (RFC 9110 §15.4.4)
 *   Authorization dropped: origin changed from http://a.example to http://b.example (CVE-2018-1000007)
 * </pre>
 * URLs are kept without userinfo.
 *
 * @param status the redirect status (301, 302, 303, 307 or 308)
 * @param fromMethod the method of the request that was redirected
 * @param from the URL that answered with the redirect
 * @param toMethod the method of the next request
 * @param to the resolved {@code Location}
 * @param changes what was changed or dropped, and why; empty when the request went on unchanged
 */
public record Redirect(Status status, Method fromMethod, Url from, Method toMethod, Url to, List<String> changes) {

    /** Checks for nulls and copies {@code changes}. */
    public Redirect {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fromMethod, "fromMethod");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toMethod, "toMethod");
        Objects.requireNonNull(to, "to");
        changes = List.copyOf(changes);
    }

    /** Whether the redirect went to another origin (scheme, host or port, RFC 6454). */
    public boolean crossOrigin() {
        return !from.origin().equals(to.origin());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(status.code()).append(' ').append(status.reason()).append(": ")
                .append(fromMethod).append(' ').append(dev.envoi.client.internal.exchange.Redaction.url(from))
                .append(" -> ").append(toMethod).append(' ').append(dev.envoi.client.internal.exchange.Redaction.url(to));
        for (String c : changes) {
            sb.append("\n  ").append(c);
        }
        return sb.toString();
    }
}
