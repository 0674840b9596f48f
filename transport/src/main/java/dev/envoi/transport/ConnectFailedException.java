package dev.envoi.transport;

import dev.envoi.core.EnvoiException;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * No TCP (or Unix domain socket) connection could be made to a peer. The message lists every address
 * that was tried, in the order of the attempts (RFC 8305 §4 interleaving), and why each one failed:
 *
 * <pre>
 * cannot connect to example.com:443 (2 addresses tried):
 *   [2001:db8::1]:443 -> Network is unreachable
 *   93.184.216.34:443 -> connect timed out after 10000 ms
 * </pre>
 */
public class ConnectFailedException extends EnvoiException {
    private static final long serialVersionUID = 1L;

    /** One connection attempt and its outcome. */
    public record Attempt(InetSocketAddress address, String failure) {
        /**
         * @param address the address dialed
         * @param failure why the attempt failed, in words
         */
        public Attempt {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(failure, "failure");
        }
    }

    private final String host;
    private final int port;
    private final transient List<Attempt> attempts;

    /**
     * @param host the host name (or literal, or socket path) that was dialed
     * @param port the port dialed, or -1 for a Unix domain socket
     * @param attempts every attempt made, in order (may be empty)
     * @param cause the failure of the last attempt, or {@code null}
     */
    public ConnectFailedException(String host, int port, List<Attempt> attempts, Throwable cause) {
        super(describe(host, port, attempts, cause), cause);
        this.host = host;
        this.port = port;
        this.attempts = List.copyOf(attempts);
    }

    /** The host (or socket path) that was dialed. */
    public String host() {
        return host;
    }

    /** The port dialed, or -1 for a Unix domain socket. */
    public int port() {
        return port;
    }

    /** Every attempt, in the order made. */
    public List<Attempt> attempts() {
        return attempts == null ? List.of() : attempts;
    }

    private static String describe(String host, int port, List<Attempt> attempts, Throwable cause) {
        StringBuilder sb = new StringBuilder("cannot connect to ").append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        if (attempts.isEmpty()) {
            return cause == null || cause.getMessage() == null ? sb.toString() : sb.append(": ").append(cause.getMessage()).toString();
        }
        sb.append(" (").append(attempts.size()).append(attempts.size() == 1 ? " address" : " addresses")
                .append(" tried):");
        for (Attempt a : attempts) {
            sb.append("\n  ").append(Route.formatAddress(a.address())).append(" -> ").append(a.failure());
        }
        return sb.toString();
    }
}
