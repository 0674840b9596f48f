package dev.envoi.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of a call. Every wait is bounded out of the box:
 * <ul>
 *   <li>{@link #connect()} (default {@value #DEFAULT_CONNECT_SECONDS} s): DNS, TCP connect (all
 *       addresses, RFC 8305), proxy and TLS handshakes;</li>
 *   <li>{@link #read()} (default {@value #DEFAULT_READ_SECONDS} s): each wait for response bytes,
 *       like {@code requests}' read timeout — a server that sends one byte every 29 s keeps it
 *       from firing, which is what {@link #call()} is for;</li>
 *   <li>{@link #write()} (default {@value #DEFAULT_WRITE_SECONDS} s): each wait for the server to
 *       accept request bytes;</li>
 *   <li>{@link #call()} (default {@link Duration#ZERO}, none): a deadline for the whole call —
 *       connecting, every redirect and authentication round trip, and reading the body, also when
 *       the body is streamed ({@code requests} #3099). Off by default so that a large download is
 *       not cut at an arbitrary point; set it for API calls.</li>
 * </ul>
 *
 * <pre>{@code
 * Timeouts t = Timeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(30)).withCall(Duration.ofMinutes(1));
 * }</pre>
 * Immutable. A zero or negative duration is refused except for {@code call}, where zero means none.
 */
public final class Timeouts {
    /** Default connect timeout in seconds. */
    public static final int DEFAULT_CONNECT_SECONDS = 10;
    /** Default read timeout in seconds. */
    public static final int DEFAULT_READ_SECONDS = 30;
    /** Default write timeout in seconds. */
    public static final int DEFAULT_WRITE_SECONDS = 30;

    private static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(DEFAULT_CONNECT_SECONDS),
            Duration.ofSeconds(DEFAULT_READ_SECONDS), Duration.ofSeconds(DEFAULT_WRITE_SECONDS), Duration.ZERO);

    private final Duration connect;
    private final Duration read;
    private final Duration write;
    private final Duration call;

    private Timeouts(Duration connect, Duration read, Duration write, Duration call) {
        this.connect = positive(connect, "connect");
        this.read = positive(read, "read");
        this.write = positive(write, "write");
        Objects.requireNonNull(call, "call");
        if (call.isNegative()) {
            throw new IllegalArgumentException("call timeout must not be negative: " + call);
        }
        this.call = call;
    }

    /** Connect 10 s, read 30 s, write 30 s, no call deadline. */
    public static Timeouts defaults() {
        return DEFAULTS;
    }

    /** The given connect and read timeouts; write as the default, no call deadline. */
    public static Timeouts of(Duration connect, Duration read) {
        return new Timeouts(connect, read, DEFAULTS.write, Duration.ZERO);
    }

    /** All four; {@code call} zero means no deadline. */
    public static Timeouts of(Duration connect, Duration read, Duration write, Duration call) {
        return new Timeouts(connect, read, write, call);
    }

    /** A copy with this connect timeout. */
    public Timeouts withConnect(Duration d) {
        return new Timeouts(d, read, write, call);
    }

    /** A copy with this read timeout. */
    public Timeouts withRead(Duration d) {
        return new Timeouts(connect, d, write, call);
    }

    /** A copy with this write timeout. */
    public Timeouts withWrite(Duration d) {
        return new Timeouts(connect, read, d, call);
    }

    /** A copy with this call deadline; zero for none. */
    public Timeouts withCall(Duration d) {
        return new Timeouts(connect, read, write, d);
    }

    /** The connect timeout. */
    public Duration connect() {
        return connect;
    }

    /** The read timeout (per wait). */
    public Duration read() {
        return read;
    }

    /** The write timeout (per wait). */
    public Duration write() {
        return write;
    }

    /** The call deadline, or {@link Duration#ZERO} for none. */
    public Duration call() {
        return call;
    }

    /** Whether a call deadline is set. */
    public boolean hasCallDeadline() {
        return !call.isZero();
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive: " + d);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeouts t && connect.equals(t.connect) && read.equals(t.read)
                && write.equals(t.write) && call.equals(t.call);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connect, read, write, call);
    }

    @Override
    public String toString() {
        return "Timeouts[connect=" + connect + ", read=" + read + ", write=" + write
                + ", call=" + (call.isZero() ? "none" : call) + "]";
    }
}
