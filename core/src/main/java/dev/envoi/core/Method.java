package dev.envoi.core;

import java.util.Objects;

/**
 * A request method (RFC 9110 §9): a case-sensitive token, with the properties the RFC defines for
 * the standard ones. Methods are an open set, so this is a value type with constants, not an enum.
 *
 * <ul>
 *   <li>safe (RFC 9110 §9.2.1): GET, HEAD, OPTIONS, TRACE — read-only by contract;</li>
 *   <li>idempotent (RFC 9110 §9.2.2): the safe methods plus PUT and DELETE — a client may retry them
 *       automatically after a connection failure;</li>
 * </ul>
 * An unknown method is neither: nothing may be assumed about it.
 */
public final class Method {
    public static final Method GET = new Method("GET", true, true);
    public static final Method HEAD = new Method("HEAD", true, true);
    public static final Method POST = new Method("POST", false, false);
    public static final Method PUT = new Method("PUT", false, true);
    public static final Method DELETE = new Method("DELETE", false, true);
    public static final Method CONNECT = new Method("CONNECT", false, false);
    public static final Method OPTIONS = new Method("OPTIONS", true, true);
    public static final Method TRACE = new Method("TRACE", true, true);
    /** RFC 5789; neither safe nor idempotent. */
    public static final Method PATCH = new Method("PATCH", false, false);

    private static final Method[] STANDARD = {GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH};

    private final String name;
    private final boolean safe;
    private final boolean idempotent;

    private Method(String name, boolean safe, boolean idempotent) {
        this.name = name;
        this.safe = safe;
        this.idempotent = idempotent;
    }

    /**
     * The method named {@code name}, which is case-sensitive (RFC 9110 §9.1): {@code "get"} is not
     * {@link #GET}.
     *
     * @throws InvalidSyntaxException if {@code name} is not a token
     */
    public static Method of(String name) {
        Objects.requireNonNull(name, "name");
        for (Method m : STANDARD) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        if (!FieldSyntax.isToken(name)) {
            throw new InvalidSyntaxException("method must be a token", name, -1, "RFC 9110 §9.1");
        }
        return new Method(name, false, false);
    }

    /** The method token, e.g. {@code "GET"}. */
    public String name() {
        return name;
    }

    /** Whether the method is safe (RFC 9110 §9.2.1). */
    public boolean isSafe() {
        return safe;
    }

    /** Whether the method is idempotent (RFC 9110 §9.2.2). */
    public boolean isIdempotent() {
        return idempotent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Method m && m.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
