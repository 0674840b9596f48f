package dev.envoi.transport;

import dev.envoi.transport.internal.IpLiteral;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which hosts bypass the proxy, in one of two conventions.
 *
 * <p>{@link #parse(String)}: the {@code NO_PROXY} environment variable as curl (7.86+) and
 * {@code requests} read it. Entries are separated by commas or blanks and matched case-insensitively:
 * <ul>
 *   <li>{@code *} alone matches every host;</li>
 *   <li>{@code example.com}, {@code .example.com} and {@code *.example.com} all match {@code example.com}
 *       and every name under it, never {@code notexample.com}; trailing dots are ignored;</li>
 *   <li>an IPv4 or IPv6 address (brackets optional) matches that address; with {@code /bits} it is a
 *       CIDR block (RFC 4632) such as {@code 10.0.0.0/8} or {@code fd00::/8}; addresses match only
 *       hosts given as addresses (no DNS lookups);</li>
 *   <li>{@code host:port} (or {@code [v6]:port}) matches that host on that port only, as Go and
 *       {@code requests} do (curl ignores such entries).</li>
 * </ul>
 *
 * <p>{@link #fromJavaNonProxyHosts(String)}: the JDK's {@code http.nonProxyHosts} system property:
 * patterns separated by {@code |}, {@code *} as a wildcard, IPv6 in brackets.
 *
 * <pre>{@code
 * NoProxy.parse("localhost,.internal.example,10.0.0.0/8,[::1]").matches("db.internal.example", 5432); // true
 * }</pre>
 */
public final class NoProxy {
    private static final NoProxy NONE = new NoProxy(List.of(), false, "");

    private record Entry(String domain, byte[] network, int bits, int port, String glob) {
    }

    private final List<Entry> entries;
    private final boolean all;
    private final String source;

    private NoProxy(List<Entry> entries, boolean all, String source) {
        this.entries = entries;
        this.all = all;
        this.source = source;
    }

    /** Bypasses nothing. */
    public static NoProxy none() {
        return NONE;
    }

    /** Parses a curl/requests {@code NO_PROXY} value; {@code null} or blank bypasses nothing. */
    public static NoProxy parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Entry> out = new ArrayList<>();
        boolean all = false;
        int i = 0;
        int n = list.length();
        while (i < n) {
            while (i < n && (list.charAt(i) == ',' || Character.isWhitespace(list.charAt(i)))) {
                i++;
            }
            int start = i;
            while (i < n && list.charAt(i) != ',' && !Character.isWhitespace(list.charAt(i))) {
                i++;
            }
            if (start == i) {
                continue;
            }
            String token = list.substring(start, i);
            if (token.equals("*")) {
                all = true;
            } else {
                Entry e = entry(token);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return new NoProxy(List.copyOf(out), all, list);
    }

    /** Parses the JDK's {@code http.nonProxyHosts} ({@code localhost|127.*|[::1]}); {@code null} bypasses nothing. */
    public static NoProxy fromJavaNonProxyHosts(String patterns) {
        if (patterns == null || patterns.isBlank()) {
            return NONE;
        }
        List<Entry> out = new ArrayList<>();
        int from = 0;
        while (from <= patterns.length()) {
            int bar = patterns.indexOf('|', from);
            int end = bar < 0 ? patterns.length() : bar;
            String p = patterns.substring(from, end).trim().toLowerCase(Locale.ROOT);
            if (!p.isEmpty()) {
                out.add(new Entry(null, null, 0, -1, p));
            }
            from = end + 1;
        }
        return new NoProxy(List.copyOf(out), false, patterns);
    }

    /**
     * Whether a request to {@code host:port} bypasses the proxy.
     *
     * @param host an ASCII host name or IP literal (brackets optional)
     */
    public boolean matches(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (all) {
            return true;
        }
        if (entries.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        byte[] address = IpLiteral.parse(h);
        for (Entry e : entries) {
            if (e.port() >= 0 && e.port() != port) {
                continue;
            }
            if (e.glob() != null) {
                String bracketed = h.indexOf(':') >= 0 ? "[" + h + "]" : h;
                if (glob(e.glob(), bracketed) || glob(e.glob(), h)) {
                    return true;
                }
            } else if (e.network() != null) {
                if (address != null && IpLiteral.inPrefix(address, e.network(), e.bits())) {
                    return true;
                }
            } else if (address == null && (h.equals(e.domain()) || h.endsWith("." + e.domain()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether this is the {@code *} wildcard: nothing goes through a proxy. */
    public boolean matchesAll() {
        return all;
    }

    @Override
    public String toString() {
        return "NoProxy[" + source + "]";
    }

    private static Entry entry(String raw) {
        String t = raw.toLowerCase(Locale.ROOT);
        int port = -1;
        // host:port or [v6]:port; a bare IPv6 literal has several colons and no port
        int close = t.lastIndexOf(']');
        int colon = t.lastIndexOf(':');
        if (t.startsWith("[") && close > 0) {
            if (colon > close) {
                port = port(t.substring(colon + 1));
                if (port < 0) {
                    return null;
                }
            }
            t = t.substring(1, close) + (t.indexOf('/', close) > 0 ? t.substring(t.indexOf('/', close)) : "");
        } else if (colon > 0 && t.indexOf(':') == colon) {
            port = port(t.substring(colon + 1));
            if (port < 0) {
                return null;
            }
            t = t.substring(0, colon);
        }
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] network = IpLiteral.parse(addr);
        if (network != null) {
            int bits = network.length * 8;
            if (slash >= 0) {
                bits = port(t.substring(slash + 1));
                if (bits < 0 || bits > network.length * 8) {
                    return null; // an impossible prefix matches nothing, as in curl
                }
            }
            return new Entry(null, network, bits, port, null);
        }
        if (t.startsWith("*.")) {
            t = t.substring(2);
        }
        while (t.startsWith(".")) {
            t = t.substring(1);
        }
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty()) {
            return null;
        }
        try {
            t = IDN.toASCII(t, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null; // not a valid name: can match no valid host
        }
        return new Entry(t, null, 0, port, null);
    }

    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    /** {@code *} matches any run of characters; everything else literally. */
    private static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
