package dev.envoi.core.internal.url;

/**
 * The one IPv4 form envoi accepts in a host (RFC 3986 §3.2.2):
 *
 * <pre>
 * IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet
 * dec-octet   = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35
 * </pre>
 */
final class Ipv4 {

    private Ipv4() {
    }

    /** Whether {@code s[from, to)} is exactly an {@code IPv4address}. */
    static boolean isStrict(String s, int from, int to) {
        return parse(s, from, to) >= 0;
    }

    /** The address as an unsigned 32-bit value in a long, or -1 when {@code s[from, to)} is not one. */
    static long parse(String s, int from, int to) {
        long address = 0;
        int i = from;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int length = i - start;
            if (length == 0 || value > 255 || (length > 1 && s.charAt(start) == '0')) {
                return -1; // a leading zero means octal to inet_aton: ambiguous, refused
            }
            address = address << 8 | value;
        }
        return i == to ? address : -1;
    }
}
