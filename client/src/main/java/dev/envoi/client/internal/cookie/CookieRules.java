package dev.envoi.client.internal.cookie;

import dev.envoi.core.Url;

/**
 * The matching rules of RFC 6265 §5.1.3 (domain matching) and §5.1.4 (paths and path matching),
 * and the jar's notion of a secure origin.
 */
public final class CookieRules {
    private CookieRules() {
    }

    /**
     * §5.1.3: {@code host} domain-matches {@code domain} when they are identical, or when
     * {@code domain} is a suffix of {@code host} preceded there by a dot and {@code host} is a host
     * name, not an IP address. Both are lower-case already.
     */
    public static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        int hostLength = host.length();
        int domainLength = domain.length();
        return hostLength > domainLength
                && host.endsWith(domain)
                && host.charAt(hostLength - domainLength - 1) == '.'
                && !isIpAddress(host);
    }

    /**
     * §5.1.4: the cookie path {@code cookiePath} matches {@code requestPath} when they are identical,
     * or when it is a prefix that ends with {@code /} or is followed in {@code requestPath} by
     * {@code /}.
     */
    public static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        if (!requestPath.startsWith(cookiePath)) {
            return false;
        }
        return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/';
    }

    /**
     * §5.1.4 default-path: the request path up to, not including, its last {@code /}; {@code /} when
     * that would be empty or the path does not start with {@code /}.
     */
    public static String defaultPath(String requestPath) {
        if (requestPath.isEmpty() || requestPath.charAt(0) != '/') {
            return "/";
        }
        int last = requestPath.lastIndexOf('/');
        return last == 0 ? "/" : requestPath.substring(0, last);
    }

    /**
     * Whether {@code url} is a "secure" protocol for cookies (RFC 6265 §5.4 step 1, 6265bis §5.7):
     * {@code https}, or plain {@code http} to a loopback host ({@code localhost}, {@code *.localhost},
     * {@code 127.0.0.0/8}, {@code ::1}), which the W3C Secure Contexts specification counts as
     * potentially trustworthy and browsers and curl treat as secure, so local development servers
     * that set {@code Secure} cookies work.
     */
    public static boolean isSecure(Url url) {
        if (url.isHttps()) {
            return true;
        }
        String host = url.host();
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || (host.startsWith("127.") && isIpv4(host));
    }

    /** Whether {@code host} (as {@link Url#host()} gives it) is an IPv4 or IPv6 address. */
    public static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || isIpv4(host);
    }

    private static boolean isIpv4(String host) {
        // Url only admits four plain decimal octets as a numeric host, so digits and dots suffice.
        int n = host.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
