package dev.envoi.client;

import dev.envoi.core.Url;

import java.util.Objects;
import java.util.Optional;

/**
 * A user name and password, as given by the caller, a URL's userinfo or a {@link Netrc} file.
 * Schemes decide what they accept: Basic refuses a user name containing {@code ':'} (RFC 7617 §2),
 * Digest accepts any (non-ASCII names are sent as {@code username*}, RFC 7616 §3.4.4).
 *
 * <p>{@link #toString()} never shows the password, so a {@code Credentials} that reaches a log or
 * an exception message leaks nothing but the user name. Immutable.
 *
 * <pre>{@code
 * Credentials c = Credentials.of("Aladdin", "open sesame");
 * c.toString();                                     // Credentials[username=Aladdin, password=<redacted>]
 * Credentials.fromUrl(Url.parse("https://u:p@example.com/")); // Optional[Credentials[username=u, ...]]
 * }</pre>
 */
public final class Credentials {
    private final String username;
    private final String password;

    private Credentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** Credentials from a user name and a password (either may be empty, neither null). */
    public static Credentials of(String username, String password) {
        return new Credentials(Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password"));
    }

    /**
     * The credentials in {@code url}'s userinfo, percent-decoded ({@code https://a%40b:p@host/} gives
     * user {@code a@b}), or empty when the URL has none. A URL with a user name and no password
     * gives an empty password, as curl and {@code requests} read it.
     */
    public static Optional<Credentials> fromUrl(Url url) {
        Objects.requireNonNull(url, "url");
        if (!url.hasUserInfo()) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(url.username(), url.password()));
    }

    /** The user name. */
    public String username() {
        return username;
    }

    /** The password. Handle with care: never log it. */
    public String password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && username.equals(c.username) && password.equals(c.password);
    }

    @Override
    public int hashCode() {
        return 31 * username.hashCode() + password.hashCode();
    }

    /** The user name and a placeholder for the password, which is never shown. */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=<redacted>]";
    }
}
