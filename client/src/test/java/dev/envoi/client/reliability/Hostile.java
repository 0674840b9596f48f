package dev.envoi.client.reliability;

import dev.envoi.client.Client;
import dev.envoi.client.Request;
import dev.envoi.client.Response;
import dev.envoi.client.Timeouts;
import dev.envoi.core.EnvoiException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plays one hostile scenario and checks that it gave everything back. A scenario is a server
 * {@link HostileServer.Script}, a client configuration and what the client does; the result is
 * the {@link Outcome} to assert on. Around it: descriptors and threads are counted before, the
 * client must hold no connection afterwards, and once client and server are closed the process
 * must be back to its baseline. A regression scenario for a new defect is a few lines:
 *
 * <pre>{@code
 * Outcome o = Hostile.play(Hostile.client(), (peer, i) -> { peer.readRequest(); peer.write("HTTP/1.1 ..."); },
 *         Hostile.GET);
 * o.failure(MalformedMessageException.class, "expected words");
 * }</pre>
 * With {@code -Dhostile.print=true} each asserted failure is printed, to read its exact message.
 */
public final class Hostile {
    /** What the client does in a scenario. */
    @FunctionalInterface
    public interface Action {
        Response run(Client client, HostileServer server) throws Exception;
    }

    /** {@code client.send(GET /)}: the body read into memory. */
    public static final Action GET = (client, server) -> client.send(Request.get(server.url("/")).build());

    private Hostile() {
    }

    /** The default client, as a new user builds it. */
    public static Client.Builder client() {
        return Client.builder();
    }

    /** The default client with a smaller read timeout, for scenarios where a server goes quiet. */
    public static Client.Builder readTimeout(Duration read) {
        return Client.builder().timeouts(Timeouts.defaults().withRead(read));
    }

    /** Plays {@code script} against a client built from {@code builder} doing {@code action}. */
    public static Outcome play(Client.Builder builder, HostileServer.Script script, Action action) throws Exception {
        Baseline before = Baseline.take();
        Outcome outcome;
        HostileServer server = HostileServer.start(script);
        try (server; Client client = builder.build()) {
            long start = System.nanoTime();
            Response response = null;
            Throwable error = null;
            try {
                response = action.run(client, server);
            } catch (Exception e) {
                error = e;
            }
            outcome = new Outcome(response, error, server, Duration.ofNanos(System.nanoTime() - start));
            Baseline.assertClientReleased(client);
        }
        before.assertRestored();
        assertThat(server.scriptErrors()).as("the server's script failed (a broken scenario)").isEmpty();
        return outcome;
    }

    /** The result of a scenario: a response or a failure, and the server that played it. */
    public record Outcome(Response response, Throwable error, HostileServer server, Duration elapsed) {
        /**
         * Asserts the call failed with exactly {@code type} (a documented {@link EnvoiException}
         * subtype) whose message contains every one of {@code words}; returns it.
         */
        public <T extends Throwable> T failure(Class<T> type, String... words) {
            if (error == null) {
                fail("expected " + type.getSimpleName() + " but the call returned " + response);
            }
            assertThat(error).as("the failure (stack trace below)").isInstanceOf(EnvoiException.class);
            assertThat(error.getClass()).as("type of %s", error).isEqualTo(type);
            for (String w : words) {
                assertThat(error.getMessage()).as("message of %s", error.getClass().getSimpleName()).contains(w);
            }
            if (Boolean.getBoolean("hostile.print")) {
                System.out.println("OUTCOME " + error);
            }
            return type.cast(error);
        }

        /** Asserts the call returned a response and returns it. */
        public Response success() {
            if (error != null) {
                throw new AssertionError("expected a response but the call failed with " + error, error);
            }
            return response;
        }
    }
}
