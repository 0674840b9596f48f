package dev.envoi.transport;

import dev.envoi.transport.internal.IpLiteral;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a host name into the addresses to dial (RFC 1034/1035 name resolution, or anything else a
 * caller plugs in). The {@link Dialer} tries every address returned, in the order RFC 8305 §4 gives
 * them (families interleaved, starting with the family of the first address).
 *
 * <pre>{@code
 * // like curl --resolve example.com:443:127.0.0.1
 * Resolver r = Resolver.overriding(Map.of("example.com:443", List.of(InetAddress.getByName("127.0.0.1"))),
 *         Resolver.system());
 * }</pre>
 */
@FunctionalInterface
public interface Resolver {
    /**
     * The addresses for a host, most preferred first; never empty.
     *
     * @param host an ASCII host name or an IP literal (without brackets)
     * @param port the port that will be dialed (lets overrides be per port, like curl's)
     * @throws IOException if the name does not resolve
     */
    List<InetAddress> resolve(String host, int port) throws IOException;

    /**
     * The platform resolver ({@link InetAddress#getAllByName}), which honours {@code /etc/hosts}, the
     * JDK's address cache ({@code networkaddress.cache.ttl}) and {@code java.net.preferIPv6Addresses}.
     * IP literals are parsed, never looked up.
     */
    static Resolver system() {
        return (host, port) -> {
            byte[] literal = IpLiteral.parse(host);
            if (literal != null) {
                return List.of(InetAddress.getByAddress(literal));
            }
            return Arrays.asList(InetAddress.getAllByName(host));
        };
    }

    /**
     * A static override map in front of another resolver, like curl's {@code --resolve}: keys are
     * {@code host:port} (used for that port only) or a bare {@code host} (any port); a {@code host:port}
     * entry wins over a bare one; names not in the map go to {@code fallback}. Keys are case-insensitive
     * and IDN hosts are given in ASCII form.
     */
    static Resolver overriding(Map<String, List<InetAddress>> overrides, Resolver fallback) {
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(fallback, "fallback");
        Map<String, List<InetAddress>> copy = new HashMap<>();
        overrides.forEach((k, v) -> {
            Objects.requireNonNull(k, "override key");
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("no addresses for override " + k);
            }
            copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
        });
        return (host, port) -> {
            String h = host.toLowerCase(Locale.ROOT);
            List<InetAddress> hit = copy.get((h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port);
            if (hit == null) {
                hit = copy.get(h);
            }
            return hit != null ? hit : fallback.resolve(host, port);
        };
    }
}
