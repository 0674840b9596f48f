package dev.envoi.client;

import dev.envoi.client.internal.exchange.RetryAfter;
import dev.envoi.core.Headers;
import dev.envoi.core.HttpDate;
import dev.envoi.core.HttpVersion;
import dev.envoi.core.Method;
import dev.envoi.core.Status;
import dev.envoi.core.Url;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Application interceptors, opt-in 429/503 retries with Retry-After, and the event listener. */
class InterceptorRetryEventTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void interceptorRewritesTheRequestAndObservesTheResponse() throws Exception {
        List<String> seen = new ArrayList<>();
        try (RawServer server = new RawServer(RawServer.Reply.keep(OK));
             Client c = Client.builder().addInterceptor(chain -> {
                 Response r = chain.proceed(chain.request().newBuilder().header("X-Trace", "42").build());
                 seen.add(r.code() + " " + chain.request().method());
                 return r;
             }).build()) {
            assertThat(c.send(Request.get(server.url("/")).build()).text()).isEqualTo("ok");
            assertThat(server.request(0)).contains("\r\nX-Trace: 42\r\n");
            assertThat(seen).containsExactly("200 GET");
        }
    }

    @Test
    void interceptorCanShortCircuit() throws Exception {
        try (Client c = Client.builder().addInterceptor(chain -> Response.of(chain.request(), Status.OK,
                Headers.of("Content-Type", "text/plain; charset=utf-8"), "cached".getBytes(StandardCharsets.UTF_8))).build()) {
            Response r = c.send(Request.get("http://127.0.0.1:1/never").build());
            assertThat(r.text()).isEqualTo("cached");
            assertThat(r.url().toString()).isEqualTo("http://127.0.0.1:1/never");
            assertThat(c.connectionCount()).isZero();
        }
    }

    @Test
    void retryOn429And503HonoursRetryAfterBothForms() throws Exception {
        String date = HttpDate.format(Instant.now().minusSeconds(5)); // in the past: retry now
        try (RawServer server = new RawServer(
                RawServer.Reply.keep("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nContent-Length: 4\r\n\r\nslow"),
                RawServer.Reply.keep("HTTP/1.1 503 Service Unavailable\r\nRetry-After: " + date + "\r\nContent-Length: 0\r\n\r\n"),
                RawServer.Reply.keep(OK));
             Client c = Client.builder().retryOnStatus(2, Duration.ofSeconds(1)).build()) {
            assertThat(c.send(Request.get(server.url("/")).build()).text()).isEqualTo("ok");
            assertThat(server.requests()).hasSize(3);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void noStatusRetryForPostOrTooLongRetryAfterOrByDefault() throws Exception {
        String tooMany = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nContent-Length: 0\r\n\r\n";
        String busy = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n";
        try (RawServer server = new RawServer(RawServer.Reply.keep(busy), RawServer.Reply.keep(tooMany),
                RawServer.Reply.keep(busy), RawServer.Reply.keep(OK));
             Client c = Client.builder().retryOnStatus(3, Duration.ofSeconds(5)).build();
             Client plain = Client.builder().build()) {
            assertThat(c.send(Request.post(server.url("/")).body("x").build()).code()).isEqualTo(503);
            assertThat(c.send(Request.get(server.url("/")).build()).code()).isEqualTo(429);
            assertThat(plain.send(Request.get(server.url("/")).build()).code()).isEqualTo(503);
        }
    }

    @Test
    void retryAfterParsing() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryAfter.delay("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.delay("Thu, 01 Jan 2026 00:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.delay("Wed, 31 Dec 2025 23:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.delay("-1", now)).isEmpty();
        assertThat(RetryAfter.delay("soon", now)).isEmpty();
        assertThat(RetryAfter.delay("99999999999999999999", now)).isPresent();
    }

    @Test
    void eventListenerSeesEachStepInOrderWithTimings() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        EventListener listener = new EventListener() {
            @Override
            public void callStart(Request request) {
                events.add("start " + request.method());
            }

            @Override
            public void connectionAcquired(Url url, String peer, boolean reused, long nanos) {
                events.add("connection reused=" + reused);
                times.add(nanos);
            }

            @Override
            public void requestSent(Url url, Method method, String target, Headers headers, long nanos) {
                events.add("sent " + target);
                times.add(nanos);
            }

            @Override
            public void responseHeadReceived(Url url, HttpVersion v, Status status, Headers headers, long nanos) {
                events.add("head " + status.code());
                times.add(nanos);
            }

            @Override
            public void redirect(Redirect redirect, long nanos) {
                events.add("redirect " + redirect.status().code());
            }

            @Override
            public void callEnd(Url url, long nanos) {
                events.add("end");
                times.add(nanos);
            }

            @Override
            public void callFailed(Url url, IOException failure, long nanos) {
                events.add("failed");
            }
        };
        try (RawServer server = new RawServer(
                RawServer.Reply.keep("HTTP/1.1 302 Found\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n"),
                RawServer.Reply.keep(OK));
             Client c = Client.builder().eventListener(listener).build()) {
            c.send(Request.get(server.url("/a")).build());
            assertThat(events).containsExactly("start GET", "connection reused=false", "sent /a", "head 302",
                    "redirect 302", "connection reused=true", "sent /b", "head 200", "end");
            assertThat(times).isSorted();
            c.newCall(Request.get("http://127.0.0.1:1/").build());
            events.clear();
            try {
                c.send(Request.get("http://127.0.0.1:1/").build());
                fail("a connection to port 1 must be refused");
            } catch (ConnectException expected) {
                assertThat(events).containsExactly("start GET", "failed");
            }
        }
    }
}
