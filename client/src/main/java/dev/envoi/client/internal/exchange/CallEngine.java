package dev.envoi.client.internal.exchange;

import dev.envoi.client.AuthContext;
import dev.envoi.client.Authenticator;
import dev.envoi.client.Challenge;
import dev.envoi.client.Redirect;
import dev.envoi.client.RedirectException;
import dev.envoi.client.Request;
import dev.envoi.client.TooManyRedirectsException;
import dev.envoi.codec.ResponseHead;
import dev.envoi.core.EnvoiException;
import dev.envoi.core.HeaderName;
import dev.envoi.core.InvalidSyntaxException;
import dev.envoi.core.Url;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one call: the follow-up loop over exchanges. Each turn:
 * <ol>
 *   <li>the request is prepared for its URL ({@link RequestPreparer}: Host, defaults, jar cookies,
 *       credentials for that origin only);</li>
 *   <li>{@link ExchangeRunner} sends it and reads the response head, retrying only when safe;</li>
 *   <li>{@code Set-Cookie} fields go to the jar (RFC 6265 §5.3, every hop);</li>
 *   <li>a 401 answered by the origin's authenticator (RFC 9110 §11.6.1) repeats the request with the
 *       answer; a followable redirect ({@link RedirectRules}) moves to the next hop, recorded in the
 *       history; loops (the same method, URL and cookies again) and more than the maximum fail;</li>
 *   <li>otherwise the response is handed over as an {@link Outcome}, its body decoded
 *       ({@link BodyDecoding}).</li>
 * </ol>
 */
public final class CallEngine {
    /** Redirect and challenge bodies up to this size are read and dropped so the connection is reused. */
    private static final long DISCARD_LIMIT = 64 * 1024;
    /** A bound on challenge answers per request, whatever an authenticator does. */
    private static final int MAX_AUTH_ANSWERS = 4;

    private final EngineConfig config;
    private final CallState state;
    private final RequestPreparer preparer;
    private final ExchangeRunner runner;

    public CallEngine(EngineConfig config, CallState state) {
        this.config = config;
        this.state = state;
        this.preparer = new RequestPreparer(config);
        this.runner = new ExchangeRunner(config, state);
    }

    /** Sends {@code request}, following redirects and challenges; the caller must consume or close the body. */
    public Outcome execute(Request request) throws IOException {
        FollowUps follow = new FollowUps(request);
        Request current = request;
        for (;;) {
            state.check();
            state.url(current.url());
            RequestPreparer.Prepared prepared = preparer.prepare(current, follow.firstUrl);
            follow.authSent = follow.authSent || prepared.authorization() != null;
            Exchange exchange = runner.run(prepared);
            Request next;
            try {
                next = nextRequest(current, prepared, exchange, follow);
            } catch (RedirectException e) {
                discard(exchange); // a well-formed response that is not followed: its connection may be reused
                throw e;
            } catch (IOException | RuntimeException | Error e) {
                // every way out of the loop releases: a failing jar or authenticator, a refused field
                exchange.abandon();
                throw e;
            }
            if (next == null) {
                return BodyDecoding.outcome(current, exchange, config.contentDecoding(), state, follow.history);
            }
            discard(exchange);
            if (follow.retryWait != null) {
                Duration wait = follow.retryWait;
                follow.retryWait = null;
                state.sleep(wait);
            }
            current = next;
        }
    }

    /**
     * What follows the response of {@code exchange}: the next request (the exchange is then discarded), or
     * {@code null} when this response is the answer. Reads only the response head, so the caller can release
     * the connection on any exception. A {@code Location}, challenge or {@code Retry-After} the URL and field
     * parsers refuse came from the server: it surfaces as an {@link EnvoiException}, never as the parsers'
     * unchecked {@link InvalidSyntaxException}.
     */
    private Request nextRequest(Request current, RequestPreparer.Prepared prepared, Exchange exchange,
            FollowUps follow) throws IOException {
        try {
            return decide(current, prepared, exchange.head(), follow);
        } catch (InvalidSyntaxException e) {
            throw new EnvoiException("the " + exchange.head().status() + " response from "
                    + Redaction.url(current.url()) + " could not be followed: " + e.getMessage(), e);
        }
    }

    private Request decide(Request current, RequestPreparer.Prepared prepared, ResponseHead head, FollowUps follow)
            throws IOException {
        receiveCookies(current.url(), head);
        int code = head.status().code();
        if (code == 401 && follow.authAnswers < MAX_AUTH_ANSWERS) {
            Optional<String> answer = answer(prepared, head, follow.authAnswers, follow.authSent);
            if (answer.isPresent()) {
                follow.authAnswers++;
                follow.authSent = true;
                return current.newBuilder().setHeader(HeaderName.AUTHORIZATION, answer.get()).build();
            }
        }
        if (code == 417 && prepared.expectContinue() && prepared.body().isReplayable() && !follow.expectRetried) {
            follow.expectRetried = true; // RFC 9110 §10.1.1: repeat without the expectation
            return current.newBuilder().removeHeader(HeaderName.EXPECT).build();
        }
        if (code == 407 && prepared.route().isForwardProxy() && (prepared.body() == null
                || prepared.body().isReplayable())) {
            Optional<String> answer = ProxyAuth.answer(prepared.route().proxy(), prepared.head().method(),
                    prepared.head().target(), head.headers(), follow.proxyAnswers,
                    prepared.head().headers().contains(HeaderName.PROXY_AUTHORIZATION));
            if (answer.isPresent()) {
                follow.proxyAnswers++;
                return current.newBuilder().setHeader(HeaderName.PROXY_AUTHORIZATION, answer.get()).build();
            }
        }
        Optional<Duration> wait = statusRetryDelay(prepared, head, follow.statusRetries);
        if (wait.isPresent()) {
            follow.statusRetries++;
            follow.retryWait = wait.get();
            state.listener().retry(current.url(), new EnvoiException(head.status() + " from "
                    + Redaction.url(current.url()) + "; retrying after " + wait.get().toMillis() + " ms"),
                    follow.statusRetries, state.elapsedNanos());
            return current;
        }
        if (config.followRedirects() && RedirectRules.isFollowable(code)) {
            Optional<RedirectRules.Plan> plan = RedirectRules.plan(current, code,
                    head.headers().get(HeaderName.LOCATION), follow.history);
            if (plan.isPresent()) {
                return follow.redirect(plan.get());
            }
        }
        return null;
    }

    /** The follow-up state of one call: history, loop detection and the counters that bound each kind. */
    private final class FollowUps {
        final Url firstUrl;
        final List<Redirect> history = new ArrayList<>();
        /** Loop keys; the first request's is taken before its response can change the jar. */
        final Set<String> seen = new HashSet<>();
        int authAnswers;
        int statusRetries;
        int proxyAnswers;
        boolean expectRetried;
        boolean authSent;
        /** Set when the next request is a status retry, which waits once the exchange is discarded. */
        Duration retryWait;
        FollowUps(Request first) {
            this.firstUrl = first.url();
            seen.add(loopKey(first));
        }

        Request redirect(RedirectRules.Plan plan) throws IOException {
            Request next = plan.next();
            if (history.size() >= config.maxRedirects()) {
                throw new TooManyRedirectsException(config.maxRedirects(), Redaction.url(next.url()), history);
            }
            history.add(plan.redirect());
            state.listener().redirect(plan.redirect(), state.elapsedNanos());
            if (Diagnostics.DEBUG) {
                Diagnostics.debug("following " + plan.redirect());
            }
            if (!seen.add(loopKey(next))) {
                throw new RedirectException("redirect loop: " + next.method() + " "
                        + Redaction.url(next.url()) + " was already requested with the same cookies", history);
            }
            authAnswers = 0;
            authSent = false;
            return next;
        }
    }

    /** The wait before retrying a 429/503, when the opt-in policy allows a retry (see Client.Builder#retryOnStatus). */
    private Optional<Duration> statusRetryDelay(RequestPreparer.Prepared p, ResponseHead head, int done) {
        int code = head.status().code();
        if ((code != 429 && code != 503) || done >= config.statusRetries() || !p.head().method().isIdempotent()
                || (p.body() != null && !p.body().isReplayable())) {
            return Optional.empty();
        }
        Optional<String> header = head.headers().get(HeaderName.RETRY_AFTER);
        Duration d = header.flatMap(v -> RetryAfter.delay(v, Instant.now()))
                .orElse(RetryAfter.backoff(done + 1, config.maxRetryDelay()));
        if (d.compareTo(config.maxRetryDelay()) > 0 || state.wouldPassDeadline(d)) {
            return Optional.empty();
        }
        return Optional.of(d);
    }

    private String loopKey(Request r) {
        String cookies = config.cookieJar().cookieHeaderFor(r.url()).orElse("");
        return r.method() + " " + r.url() + "\n" + cookies + "\n" + r.headers();
    }

    private void receiveCookies(Url url, ResponseHead head) {
        if (head.headers().contains(HeaderName.SET_COOKIE)) {
            config.cookieJar().receive(url, head.headers());
        }
    }

    private Optional<String> answer(RequestPreparer.Prepared prepared, ResponseHead head, int attempts,
            boolean credentialsSent) throws IOException {
        Authenticator auth = prepared.authenticator();
        if (auth == null) {
            return Optional.empty();
        }
        if (prepared.body() != null && !prepared.body().isReplayable()) {
            return Optional.empty(); // the request cannot be repeated: the 401 is the answer
        }
        List<Challenge> challenges = Challenge.fromHeaders(head.headers(), false);
        if (challenges.isEmpty()) {
            return Optional.empty();
        }
        AuthContext.Builder ctx = AuthContext.builder().url(prepared.request().url())
                .requestTarget(prepared.head().target()).method(prepared.request().method())
                .challenges(challenges).attempts(attempts).credentialsSent(credentialsSent);
        byte[] body = RequestPreparer.replayableBytes(prepared.body());
        if (body != null) {
            ctx.body(body);
        }
        return auth.authenticate(ctx.build());
    }

    private void discard(Exchange exchange) {
        if (exchange.hasNoBody()) {
            exchange.body().discard(0);
            return;
        }
        exchange.body().discard(DISCARD_LIMIT);
    }
}
