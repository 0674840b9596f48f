package dev.envoi.core;

/**
 * An HTTP protocol version as written on an HTTP/1.x start line: {@code HTTP/1.0}, {@code HTTP/1.1}
 * (RFC 9112 §2.3, RFC 9110 §2.5).
 *
 * <p>The version is {@code "HTTP/" DIGIT "." DIGIT}. A recipient of a higher minor version of the same
 * major version treats the message as if it were the highest minor version it implements (RFC 9110
 * §2.5), so {@code HTTP/1.2} is represented, and {@link #isAtLeast11()} is true for it.
 */
public final class HttpVersion implements Comparable<HttpVersion> {
    public static final HttpVersion HTTP_1_0 = new HttpVersion(1, 0);
    public static final HttpVersion HTTP_1_1 = new HttpVersion(1, 1);

    private final int major;
    private final int minor;

    private HttpVersion(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    /**
     * The version {@code major.minor}; each a single digit (RFC 9112 §2.3).
     *
     * @throws IllegalArgumentException if either is outside 0..9
     */
    public static HttpVersion of(int major, int minor) {
        if (major < 0 || major > 9 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("HTTP version digits must be 0-9, got " + major + "." + minor);
        }
        if (major == 1) {
            if (minor == 1) {
                return HTTP_1_1;
            }
            if (minor == 0) {
                return HTTP_1_0;
            }
        }
        return new HttpVersion(major, minor);
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    /** Whether this is HTTP/1.1 or a later 1.x, whose defaults (persistent connections) apply. */
    public boolean isAtLeast11() {
        return major > 1 || (major == 1 && minor >= 1);
    }

    @Override
    public int compareTo(HttpVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpVersion v && v.major == major && v.minor == minor;
    }

    @Override
    public int hashCode() {
        return major * 10 + minor;
    }

    /** {@code "HTTP/1.1"}. */
    @Override
    public String toString() {
        return "HTTP/" + major + "." + minor;
    }
}
