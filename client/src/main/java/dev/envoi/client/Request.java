package dev.envoi.client;

import dev.envoi.core.Headers;
import dev.envoi.core.Method;
import dev.envoi.core.QueryParameter;
import dev.envoi.core.Url;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the caller describes it (RFC 9110 §9 methods, §6 message): method, URL,
 * header fields and an optional {@link RequestBody}. Immutable and reusable; send it with
 * {@link Client#send} or {@link Client#stream}.
 *
 * <pre>{@code
 * Request r = Request.post("https://httpbin.org/post")
 *         .json(Map.of("key", "value"))
 *         .header("X-Trace", "1")
 *         .query("q", "café & crème")          // percent-encoded into the URL's query
 *         .build();
 * }</pre>
 *
 * <p>What the client adds when sending, unless the request sets it: {@code Host} (always derived
 * from the URL, RFC 9112 §3.2), {@code User-Agent: envoi/0.1}, {@code Accept: *}{@code /*},
 * {@code Accept-Encoding} (see {@link ContentDecoding}), {@code Content-Type} from the body,
 * {@code Content-Length} or {@code Transfer-Encoding: chunked} (RFC 9112 §6), cookies from the jar
 * and credentials from the URL's userinfo or {@code .netrc}. Userinfo in the URL is never sent as
 * part of the request-target (RFC 9110 §4.2.4).
 */
public final class Request {
    private final Method method;
    private final Url url;
    private final Headers headers;
    private final RequestBody body;

    private Request(Builder b) {
        this.method = b.method;
        Url u = b.url;
        if (!b.query.isEmpty()) {
            Url.Builder ub = u.newBuilder();
            for (QueryParameter p : b.query) {
                ub.addQueryParameter(p.name(), p.value());
            }
            u = ub.build();
        }
        this.url = u;
        this.headers = b.headers.build();
        this.body = b.body;
    }

    /** A builder for a GET of {@code url}. */
    public static Builder builder(String url) {
        return new Builder(Method.GET, Url.parse(Objects.requireNonNull(url, "url")));
    }

    /** A GET request builder. */
    public static Builder get(String url) {
        return builder(url);
    }

    /** A GET request builder. */
    public static Builder get(Url url) {
        return new Builder(Method.GET, url);
    }

    /** A HEAD request builder (RFC 9110 §9.3.2): the response never has a body. */
    public static Builder head(String url) {
        return builder(url).method(Method.HEAD);
    }

    /** A POST request builder. */
    public static Builder post(String url) {
        return builder(url).method(Method.POST);
    }

    /** A POST request builder. */
    public static Builder post(Url url) {
        return new Builder(Method.POST, url);
    }

    /** A PUT request builder. */
    public static Builder put(String url) {
        return builder(url).method(Method.PUT);
    }

    /** A PATCH request builder (RFC 5789). */
    public static Builder patch(String url) {
        return builder(url).method(Method.PATCH);
    }

    /** A DELETE request builder. */
    public static Builder delete(String url) {
        return builder(url).method(Method.DELETE);
    }

    /** An OPTIONS request builder. */
    public static Builder options(String url) {
        return builder(url).method(Method.OPTIONS);
    }

    /** The method. */
    public Method method() {
        return method;
    }

    /** The URL, query parameters included; it may carry userinfo (used for credentials, never sent). */
    public Url url() {
        return url;
    }

    /** The header fields the caller set (not those the client adds). */
    public Headers headers() {
        return headers;
    }

    /** The first value of the field named {@code name}, case-insensitively. */
    public Optional<String> header(String name) {
        return headers.get(name);
    }

    /** The body, if any. */
    public Optional<RequestBody> body() {
        return Optional.ofNullable(body);
    }

    /** A builder holding this request's values. */
    public Builder newBuilder() {
        Builder b = new Builder(method, url);
        b.headers = headers.newBuilder();
        b.body = body;
        return b;
    }

    /** {@code GET https://host/path}, without userinfo or sensitive query values. */
    @Override
    public String toString() {
        return method + " " + dev.envoi.client.internal.exchange.Redaction.url(url);
    }

    /** Builds a {@link Request}; not thread-safe. */
    public static final class Builder {
        private Method method;
        private Url url;
        private Headers.Builder headers = Headers.builder();
        private final List<QueryParameter> query = new ArrayList<>();
        private RequestBody body;

        private Builder(Method method, Url url) {
            this.method = Objects.requireNonNull(method, "method");
            this.url = Objects.requireNonNull(url, "url");
        }

        /** The method, e.g. {@code "PROPFIND"}; a token (RFC 9110 §9.1). */
        public Builder method(String method) {
            return method(Method.of(Objects.requireNonNull(method, "method")));
        }

        /** The method. */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The URL (parsed per RFC 3986). */
        public Builder url(String url) {
            return url(Url.parse(Objects.requireNonNull(url, "url")));
        }

        /** The URL. */
        public Builder url(Url url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Adds a field line; earlier ones with the same name stay (RFC 9110 §5.3). */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** Replaces every field named {@code name} with one line. */
        public Builder setHeader(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /** Removes every field named {@code name}. */
        public Builder removeHeader(String name) {
            headers.remove(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** Replaces all fields with {@code headers}. */
        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers").newBuilder();
            return this;
        }

        /** Appends a query parameter, percent-encoded as a form value ({@code café & crème}). */
        public Builder query(String name, String value) {
            query.add(new QueryParameter(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /** The body; {@code null} for none. */
        public Builder body(RequestBody body) {
            this.body = body;
            return this;
        }

        /** Bytes as {@code application/octet-stream}. */
        public Builder body(byte[] bytes) {
            return body(RequestBody.of(bytes));
        }

        /** Text as {@code text/plain; charset=UTF-8}. */
        public Builder body(String text) {
            return body(RequestBody.of(text));
        }

        /** A JSON body (RFC 8259) written by {@link Json}. */
        public Builder json(Object value) {
            return body(RequestBody.json(value));
        }

        /** An {@code application/x-www-form-urlencoded} body, in the map's iteration order. */
        public Builder form(Map<String, String> fields) {
            return body(RequestBody.form(fields));
        }

        /** An {@code application/x-www-form-urlencoded} body. */
        public Builder form(List<QueryParameter> fields) {
            return body(RequestBody.form(fields));
        }

        /** A {@code multipart/form-data} body (RFC 7578). */
        public Builder multipart(Multipart multipart) {
            return body(RequestBody.multipart(multipart));
        }

        /** The request. */
        public Request build() {
            return new Request(this);
        }
    }
}
