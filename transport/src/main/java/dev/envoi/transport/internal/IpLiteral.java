package dev.envoi.transport.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals without any DNS lookup: dotted-quad IPv4 (RFC 3986 §3.2.2 {@code IPv4address},
 * four decimal octets, no octal or hex shorthand) and IPv6 (RFC 4291 §2.2 text forms, parsed by the JDK
 * only after the text is known to hold nothing but hex digits, colons and dots, so no lookup can happen).
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /** The address bytes (4 or 16) of an IPv4 or IPv6 literal (brackets allowed), or {@code null}. */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text;
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        return s.indexOf(':') >= 0 ? parseIpv6(s) : parseIpv4(s);
    }

    /** The four bytes of a strict dotted-quad IPv4 literal, or {@code null}. */
    public static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                if (value == 0) {
                    return null; // leading zero: would be octal in inet_aton, ambiguous
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseIpv6(String s) {
        if (s.length() > 45) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        try {
            byte[] raw = InetAddress.getByName("[" + s + "]").getAddress();
            if (raw.length == 16) {
                return raw;
            }
            // the JDK folds IPv4-mapped ::ffff:a.b.c.d to 4 bytes; keep the 16-byte form
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The text of an address: dotted quad, or IPv6 in the RFC 5952 canonical form ({@code ::1}). */
    public static String format(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 4) {
            return address.getHostAddress();
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && a[2 * j] == 0 && a[2 * j + 1] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) { // RFC 5952 §4.2.2: never compress a single group
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString((a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff)));
        }
        return sb.toString();
    }

    /** Whether the first {@code bits} bits of {@code address} and {@code network} agree (RFC 4632 §3.1). */
    public static boolean inPrefix(byte[] address, byte[] network, int bits) {
        if (address.length != network.length || bits < 0 || bits > address.length * 8) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }
}
