package dev.envoi.core;

import java.util.Objects;

/**
 * One decoded name/value pair of a URL query or a form body, as read and written in the
 * {@code application/x-www-form-urlencoded} style (WHATWG URL Standard §5): {@code ?q=a+b&x}
 * holds {@code ("q", "a b")} and {@code ("x", "")}.
 *
 * @param name the decoded name, never null
 * @param value the decoded value, never null; empty when the pair had no {@code =}
 * @see Url#queryParameters()
 */
public record QueryParameter(String name, String value) {

    /** Checks that neither part is null. */
    public QueryParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
