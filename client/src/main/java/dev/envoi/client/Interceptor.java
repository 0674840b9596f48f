package dev.envoi.client;

import java.io.IOException;

/**
 * An application interceptor: sees each call once, around everything the client does for it
 * (redirects, authentication, retries), and may observe, rewrite the request or response, or answer
 * by itself without the network (short-circuit, with {@link Response#of}). Interceptors run in the
 * order they were added; the last one's {@link Chain#proceed} sends.
 *
 * <pre>{@code
 * Interceptor trace = chain -> chain.proceed(chain.request().newBuilder().header("X-Trace", id()).build());
 * Interceptor offline = chain -> Response.of(chain.request(), Status.SERVICE_UNAVAILABLE, Headers.EMPTY, new byte[0]);
 * Client client = Client.builder().addInterceptor(trace).build();
 * }</pre>
 * The response from {@code proceed} has a streamed body: an interceptor that replaces it must close
 * it. Implementations must be thread-safe. Calling {@code proceed} more than once is allowed (each
 * sends again) but the call deadline and cancellation are those of the one call.
 */
@FunctionalInterface
public interface Interceptor {

    /** Handles the call: usually {@code chain.proceed(chain.request())}, possibly changed. */
    Response intercept(Chain chain) throws IOException;

    /** The rest of the chain, for one call. */
    interface Chain {
        /** The request as the previous interceptor passed it. */
        Request request();

        /** Runs the next interceptors and then sends {@code request}. */
        Response proceed(Request request) throws IOException;

        /** The call, e.g. to cancel it. */
        Call call();
    }
}
