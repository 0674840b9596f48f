package dev.envoi.client;

import java.io.IOException;

/**
 * One-liners on a shared default {@link Client}, like {@code requests.get}: each call sends a
 * request and reads the body into memory.
 *
 * <pre>{@code
 * Response r = Envoi.get("https://api.example.com/items?id=7");
 * System.out.println(r.status() + " " + r.text());
 * Envoi.post("https://httpbin.org/post", RequestBody.json(Map.of("key", "value")));
 * }</pre>
 * The shared client has the defaults of {@link Client}, is created on first use, and lives as long
 * as the JVM (its idle connections close after 60 s). For configuration, build your own client.
 */
public final class Envoi {
    private Envoi() {
    }

    private static final class Holder {
        static final Client CLIENT = Client.builder().build();
    }

    /** The shared default client. */
    public static Client client() {
        return Holder.CLIENT;
    }

    /** {@code GET url}. */
    public static Response get(String url) throws IOException {
        return send(Request.get(url).build());
    }

    /** {@code HEAD url}. */
    public static Response head(String url) throws IOException {
        return send(Request.head(url).build());
    }

    /** {@code DELETE url}. */
    public static Response delete(String url) throws IOException {
        return send(Request.delete(url).build());
    }

    /** {@code POST url} with {@code body}. */
    public static Response post(String url, RequestBody body) throws IOException {
        return send(Request.post(url).body(body).build());
    }

    /** {@code PUT url} with {@code body}. */
    public static Response put(String url, RequestBody body) throws IOException {
        return send(Request.put(url).body(body).build());
    }

    /** {@code PATCH url} with {@code body}. */
    public static Response patch(String url, RequestBody body) throws IOException {
        return send(Request.patch(url).body(body).build());
    }

    /** Sends {@code request} with the shared client. */
    public static Response send(Request request) throws IOException {
        return Holder.CLIENT.send(request);
    }
}
