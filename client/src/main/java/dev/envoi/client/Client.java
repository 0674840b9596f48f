package dev.envoi.client;

import dev.envoi.client.internal.exchange.AsyncExecutor;
import dev.envoi.client.internal.exchange.EngineConfig;
import dev.envoi.client.internal.exchange.SharedPool;
import dev.envoi.client.internal.exchange.TunnelConnect;
import dev.envoi.codec.ParserConfig;
import dev.envoi.transport.ConnectionPool;
import dev.envoi.transport.Dialer;
import dev.envoi.transport.Resolver;
import dev.envoi.transport.ProxyConfig;
import dev.envoi.transport.TlsSettings;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The envoi HTTP/1.1 client: what {@code requests} calls a {@code Session} and OkHttp an
 * {@code OkHttpClient}. Immutable configuration, thread-safe, one {@link ConnectionPool} (RFC 9112
 * §9.3 persistent connections) and one {@link CookieJar} shared by every call. Named {@code Client}
 * so it never clashes with {@code java.net.http.HttpClient} in a user's imports.
 *
 * <pre>{@code
 * Client client = Client.builder()
 *     .timeouts(Timeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(30)))
 *     .build();
 * Response r = client.send(Request.post("https://httpbin.org/post").json(Map.of("key", "value")).build());
 * try (Response s = client.stream(Request.get(bigUrl).build())) { s.body().transferTo(out); }
 * Client strict = client.newBuilder().followRedirects(false).build();   // shares pool and jar
 * }</pre>
 *
 * <p>Defaults: timeouts of {@link Timeouts#defaults()}; redirects followed, at most
 * {@value #DEFAULT_MAX_REDIRECTS} (as {@code requests}); an in-memory RFC 6265 cookie jar; gzip and
 * deflate decoding with bomb limits ({@link ContentDecoding#defaults()}); {@code User-Agent:
 * envoi/0.1}; {@code send} buffers at most {@value #DEFAULT_MAX_BODY_BYTES} bytes; no proxy unless
 * configured ({@link ProxyConfig#system()} reads {@code HTTP_PROXY}/{@code NO_PROXY}, as the JDK's
 * client also needs to be told); {@code .netrc} not read unless asked; connections: up to
 * {@value ConnectionPool#DEFAULT_MAX_TOTAL} in total, any route may use all of them, at most
 * {@value ConnectionPool#DEFAULT_MAX_IDLE_PER_ROUTE} kept idle per route, for 60 s.
 *
 * <p>Why no small per-route cap: with one, a few requests that stall at an origin (a slow endpoint, a
 * long poll) hold every connection to it and the fast requests queue behind them until the pool's
 * acquire timeout. So, as {@code requests}/urllib3 (which open connections beyond {@code pool_maxsize}
 * and keep only that many idle) and the JDK's client (no per-host cap), a busy origin gets the
 * connections it needs, and only the idle limit's worth stays open afterwards. The total guards the
 * process's file descriptors; {@link Builder#maxConnections} sets tighter limits for a polite crawler.
 *
 * <p>Lifecycle: build once and share. Clients derived with {@link #newBuilder()} share the pool as
 * long as they keep the same timeouts and pool limits (otherwise they get a pool of their own), and
 * always the cookie jar; the pool closes when the last client using it is {@linkplain #close() closed}.
 */
public final class Client implements AutoCloseable {
    /** Default maximum number of redirects followed. */
    public static final int DEFAULT_MAX_REDIRECTS = 30;
    /** Default cap on a body read into memory by {@link #send}: 64 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
    /** The default {@code User-Agent}. */
    public static final String DEFAULT_USER_AGENT = "envoi/0.1";

    private final Builder config;
    private final ConnectionPool pool;
    private final SharedPool shared;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EngineConfig engine;

    private Client(Builder b, SharedPool shared) {
        this.config = b.copy();
        this.shared = shared;
        this.pool = shared.pool();
        shared.retain();
        this.engine = new EngineConfig(pool, b.cookieJar, b.contentDecoding, b.timeouts, b.userAgent,
                b.followRedirects, b.maxRedirects, b.authenticator, b.netrc, b.proxies, b.tls, b.parserConfig,
                b.statusRetries, b.maxRetryDelay, b.expectContinueTimeout, shared.usedConnections());
    }

    /** A builder with the defaults of the class comment. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this client's configuration, sharing its pool and cookie jar. */
    public Builder newBuilder() {
        Builder b = config.copy();
        b.sharedPool = shared;
        return b;
    }

    /**
     * Sends {@code request}, follows redirects and challenges, reads the body into memory (at most
     * {@link #maxBodyBytes()}) and returns the connection to the pool.
     */
    public Response send(Request request) throws IOException {
        return newCall(request).execute();
    }

    /**
     * Sends {@code request} and returns once the response head is read. The returned response
     * <b>must be closed</b>; its connection returns to the pool after the body was read to its end.
     */
    public Response stream(Request request) throws IOException {
        return newCall(request).stream();
    }

    /** A call for {@code request} that can be canceled from another thread. */
    public Call newCall(Request request) {
        return new Call(this, Objects.requireNonNull(request, "request"));
    }

    /**
     * Sends {@code request} on another thread (a virtual thread on JDK 21+, detected at run time;
     * otherwise a bounded pool of daemon threads) and completes with the buffered response, or
     * exceptionally with the {@link IOException} (wrapped in a {@link CompletionException}).
     * Canceling the future cancels the call.
     */
    public CompletableFuture<Response> sendAsync(Request request) {
        Call call = newCall(request);
        CompletableFuture<Response> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean canceled = super.cancel(mayInterruptIfRunning); // first, so the call's failure cannot win
                call.cancel();
                return canceled;
            }
        };
        AsyncExecutor.get().execute(() -> {
            try {
                future.complete(call.execute());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    /** The timeouts. */
    public Timeouts timeouts() {
        return config.timeouts;
    }

    /** The cookie jar shared by every call. */
    public CookieJar cookieJar() {
        return config.cookieJar;
    }

    /** How response bodies are decoded. */
    public ContentDecoding contentDecoding() {
        return config.contentDecoding;
    }

    /** Whether redirects are followed. */
    public boolean followRedirects() {
        return config.followRedirects;
    }

    /** The most redirects followed in one call. */
    public int maxRedirects() {
        return config.maxRedirects;
    }

    /** The cap on a body read into memory. */
    public long maxBodyBytes() {
        return config.maxBodyBytes;
    }

    /** The {@code User-Agent} sent, or {@code null} for none. */
    public String userAgent() {
        return config.userAgent;
    }

    /** The application interceptors, in order. */
    public List<Interceptor> interceptors() {
        return config.interceptors;
    }

    /** The event listener ({@link EventListener#NONE} unless set). */
    public EventListener eventListener() {
        return config.eventListener;
    }

    /** Open connections (idle and in use) of the pool. */
    public int connectionCount() {
        return pool.connectionCount();
    }

    /** Idle connections kept by the pool. */
    public int idleConnectionCount() {
        return pool.idleCount();
    }

    /** Connections in use by calls now. */
    public int leasedConnectionCount() {
        return pool.leasedCount();
    }

    /** Closes every idle connection; calls in progress are not affected. */
    public void evictIdleConnections() {
        pool.evictAll();
    }

    EngineConfig engineConfig() {
        return engine;
    }

    /**
     * Releases this client's use of the connection pool; the pool (shared with clients derived by
     * {@link #newBuilder()}) closes with its connections when the last client using it is closed.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shared.release();
        }
    }

    @Override
    public String toString() {
        return "Client[" + config.timeouts + ", redirects=" + (config.followRedirects ? config.maxRedirects : 0)
                + ", userAgent=" + config.userAgent + "]";
    }

    /** Builds a {@link Client}; not thread-safe. */
    public static final class Builder {
        private static final Resolver SYSTEM_RESOLVER = Resolver.system();

        private Timeouts timeouts = Timeouts.defaults();
        private CookieJar cookieJar;
        private ContentDecoding contentDecoding = ContentDecoding.defaults();
        private String userAgent = DEFAULT_USER_AGENT;
        private boolean followRedirects = true;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Authenticator authenticator;
        private EventListener eventListener = EventListener.NONE;
        private List<Interceptor> interceptors = List.of();
        private Netrc netrc;
        private ProxyConfig proxies = ProxyConfig.direct();
        private TlsSettings tls = TlsSettings.defaults();
        private ParserConfig parserConfig = ParserConfig.DEFAULT;
        private int statusRetries;
        private Duration expectContinueTimeout = Duration.ofSeconds(1);
        private Duration maxRetryDelay = Duration.ofSeconds(30);
        private int maxPerRoute = ConnectionPool.DEFAULT_MAX_TOTAL;
        private int maxTotal = ConnectionPool.DEFAULT_MAX_TOTAL;
        private Duration maxIdle = Duration.ofSeconds(60);
        private Resolver resolver = SYSTEM_RESOLVER;
        private SharedPool sharedPool;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.timeouts = timeouts;
            b.cookieJar = cookieJar;
            b.contentDecoding = contentDecoding;
            b.userAgent = userAgent;
            b.followRedirects = followRedirects;
            b.maxRedirects = maxRedirects;
            b.maxBodyBytes = maxBodyBytes;
            b.authenticator = authenticator;
            b.eventListener = eventListener;
            b.interceptors = interceptors;
            b.netrc = netrc;
            b.proxies = proxies;
            b.tls = tls;
            b.parserConfig = parserConfig;
            b.statusRetries = statusRetries;
            b.expectContinueTimeout = expectContinueTimeout;
            b.maxRetryDelay = maxRetryDelay;
            b.maxPerRoute = maxPerRoute;
            b.maxTotal = maxTotal;
            b.maxIdle = maxIdle;
            b.resolver = resolver;
            return b;
        }

        /** The time limits (default {@link Timeouts#defaults()}). */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /** The cookie jar (default: a new in-memory jar); {@code CookieJar.builder()} for limits. */
        public Builder cookieJar(CookieJar jar) {
            this.cookieJar = Objects.requireNonNull(jar, "jar");
            return this;
        }

        /** Response decoding (default {@link ContentDecoding#defaults()}; {@code disabled()} to keep bodies encoded). */
        public Builder contentDecoding(ContentDecoding decoding) {
            this.contentDecoding = Objects.requireNonNull(decoding, "decoding");
            return this;
        }

        /** The {@code User-Agent} value, or {@code null} to send none (default {@value #DEFAULT_USER_AGENT}). */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Whether to follow redirects (default true). */
        public Builder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        /** The most redirects followed in one call (default {@value #DEFAULT_MAX_REDIRECTS}). */
        public Builder maxRedirects(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative: " + max);
            }
            this.maxRedirects = max;
            return this;
        }

        /** The cap on a body read into memory by {@code send} (default 64 MiB). */
        public Builder maxBodyBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive: " + max);
            }
            this.maxBodyBytes = max;
            return this;
        }

        /**
         * The authenticator for the origin of each call's first request (never sent to another
         * origin after a redirect); default none. URL userinfo takes precedence.
         */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /** Adds an application interceptor (see {@link Interceptor}); they run in the order added. */
        public Builder addInterceptor(Interceptor interceptor) {
            List<Interceptor> list = new ArrayList<>(interceptors);
            list.add(Objects.requireNonNull(interceptor, "interceptor"));
            this.interceptors = List.copyOf(list);
            return this;
        }

        /** Observes every call (default {@link EventListener#NONE}). */
        public Builder eventListener(EventListener listener) {
            this.eventListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Credentials by host for Basic authentication, as curl {@code -n} and {@code requests} use them. */
        public Builder netrc(Netrc netrc) {
            this.netrc = netrc;
            return this;
        }

        /** Reads {@code ~/.netrc} (or {@code $NETRC}) now and uses it; see {@link Netrc#loadDefault()}. */
        public Builder useDefaultNetrc() {
            this.netrc = Netrc.loadDefault();
            return this;
        }

        /** Proxy selection (default {@link ProxyConfig#direct()}). */
        public Builder proxies(ProxyConfig proxies) {
            this.proxies = Objects.requireNonNull(proxies, "proxies");
            return this;
        }

        /** TLS settings for https (default {@link TlsSettings#defaults()}: the JDK's trust store). */
        public Builder tls(TlsSettings tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Response parser limits and leniencies (default {@link ParserConfig#DEFAULT}, strict). */
        public Builder parserConfig(ParserConfig config) {
            this.parserConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Opt-in: retry a {@code 429 Too Many Requests} (RFC 6585 §4) or {@code 503 Service Unavailable}
         * (RFC 9110 §15.6.4) answer to an idempotent request (RFC 9110 §9.2.2) with a replayable body up
         * to {@code maxRetries} times, waiting as {@code Retry-After} says (seconds or HTTP-date, RFC
         * 9110 §10.2.3) or, without it, 0.5 s, 1 s, 2 s, ... capped at {@code maxDelay}. A Retry-After
         * longer than {@code maxDelay} (or than the call deadline left) is not waited for: the
         * response is returned. Default: no retries.
         */
        public Builder retryOnStatus(int maxRetries, Duration maxDelay) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
            }
            this.statusRetries = maxRetries;
            this.maxRetryDelay = Objects.requireNonNull(maxDelay, "maxDelay");
            return this;
        }

        /**
         * How long a request with {@code Expect: 100-continue} waits for {@code 100 Continue} before
         * sending its body anyway (RFC 9110 §10.1.1; default 1 s, as curl). A {@code 417 Expectation
         * Failed} answer is retried once without the expectation when the body can be replayed.
         */
        public Builder expectContinueTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("expectContinueTimeout must be positive: " + timeout);
            }
            this.expectContinueTimeout = timeout;
            return this;
        }

        /**
         * Pool limits: connections (in use, idle or being opened) per route and in total; default
         * {@value ConnectionPool#DEFAULT_MAX_TOTAL} for both, so a route is bounded by the total only (see
         * the class comment for why). Idle connections kept per route stay at most
         * {@value ConnectionPool#DEFAULT_MAX_IDLE_PER_ROUTE} whatever these are. When a limit is reached, a
         * call waits for a free connection up to 30 s (or its call deadline), then fails with an
         * {@link HttpTimeoutException}.
         */
        public Builder maxConnections(int perRoute, int total) {
            if (perRoute < 1 || total < perRoute) {
                throw new IllegalArgumentException("need 1 <= perRoute <= total, got " + perRoute + ", " + total);
            }
            this.maxPerRoute = perRoute;
            this.maxTotal = total;
            return this;
        }

        /**
         * How host names become addresses (default {@link Resolver#system()}); e.g.
         * {@link Resolver#overriding} for what curl's {@code --resolve} does. Every address returned is
         * tried, racing per RFC 8305. A derived client with another resolver gets its own pool.
         */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** How long an idle connection is kept (default 60 s). */
        public Builder maxIdleTime(Duration d) {
            this.maxIdle = Objects.requireNonNull(d, "d");
            return this;
        }

        /** The resolver's identity for the pool key: a pool is shared only by clients with the same resolver object. */
        private String resolverKey() {
            return resolver == SYSTEM_RESOLVER ? "system" : resolver.getClass().getName() + "@"
                    + Integer.toHexString(System.identityHashCode(resolver));
        }

        /** The client. */
        public Client build() {
            if (cookieJar == null) {
                cookieJar = CookieJar.inMemory();
            }
            String key = timeouts.connect() + "|" + timeouts.read() + "|" + timeouts.write() + "|" + userAgent + "|"
                    + maxPerRoute + "|" + maxTotal + "|" + maxIdle + "|" + resolverKey();
            SharedPool pool;
            if (sharedPool != null && sharedPool.fits(key)) {
                pool = sharedPool;
            } else {
                Dialer dialer = Dialer.newBuilder().resolver(resolver).connectTimeout(timeouts.connect())
                        .readTimeout(timeouts.read())
                        .writeTimeout(timeouts.write()).tunnelHandshake(new TunnelConnect(userAgent)).build();
                pool = new SharedPool(ConnectionPool.newBuilder().dialer(dialer).maxPerRoute(maxPerRoute)
                        .maxTotal(maxTotal).maxIdleTime(maxIdle).build(), key);
            }
            sharedPool = null;
            return new Client(this, pool);
        }
    }
}
