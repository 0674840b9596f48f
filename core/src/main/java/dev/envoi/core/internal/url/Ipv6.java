package dev.envoi.core.internal.url;

import dev.envoi.core.InvalidSyntaxException;

/**
 * IPv6 literals inside {@code [ ]} (RFC 3986 §3.2.2), parsed to eight 16-bit pieces and written back
 * in the canonical text form of RFC 5952 §4: lower-case hex without leading zeros, the first longest
 * run of two or more zero pieces written {@code ::}. An embedded IPv4 tail ({@code ::ffff:1.2.3.4})
 * is written in hex ({@code ::ffff:102:304}) as the WHATWG URL Standard does, so each address has
 * exactly one spelling and equal addresses compare equal.
 *
 * <pre>
 * IPv6address =                            6( h16 ":" ) ls32
 *             /                       "::" 5( h16 ":" ) ls32
 *             / [               h16 ] "::" 4( h16 ":" ) ls32
 *             ...
 *             / [ *6( h16 ":" ) h16 ] "::"
 * ls32        = ( h16 ":" h16 ) / IPv4address
 * h16         = 1*4HEXDIG
 * </pre>
 */
final class Ipv6 {

    private static final String RFC = "RFC 3986 §3.2.2";

    private Ipv6() {
    }

    /** Parses {@code input[from, to)} (inside the brackets) and returns the canonical text. */
    static String parse(String input, int from, int to) {
        checkNotZoneOrFuture(input, from, to);
        int[] pieces = new int[8];
        int n = 0;
        int compress = -1;
        int i = from;
        if (i < to && input.charAt(i) == ':') {
            if (i + 1 >= to || input.charAt(i + 1) != ':') {
                throw error("IPv6 address starts with a single ':'", input, i);
            }
            i += 2;
            compress = 0;
        }
        while (i < to) {
            if (input.charAt(i) == ':') {
                if (compress >= 0) {
                    throw error("IPv6 address has more than one '::'", input, i - 1);
                }
                compress = n;
                i++;
                continue;
            }
            if (n == 8) {
                throw error("IPv6 address has more than eight pieces", input, i);
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 4 && UrlChars.hexValue(input.charAt(i)) >= 0) {
                value = value << 4 | UrlChars.hexValue(input.charAt(i));
                i++;
            }
            if (i < to && input.charAt(i) == '.') {
                n = ipv4Tail(input, start, to, pieces, n);
                i = to;
                break;
            }
            if (i == start) {
                throw error("expected a hex piece in IPv6 address", input, i);
            }
            pieces[n++] = value;
            if (i < to) {
                if (input.charAt(i) != ':') {
                    throw error("expected ':' in IPv6 address", input, i);
                }
                i++;
                if (i == to) {
                    throw error("IPv6 address ends with a single ':'", input, i - 1);
                }
            }
        }
        return canonical(expand(pieces, n, compress, input, from));
    }

    private static void checkNotZoneOrFuture(String input, int from, int to) {
        if (from == to) {
            throw error("empty IPv6 literal", input, from);
        }
        char first = input.charAt(from);
        if (first == 'v' || first == 'V') {
            throw error("IPvFuture literals are not supported", input, from);
        }
        int percent = input.indexOf('%', from);
        if (percent >= 0 && percent < to) {
            throw new InvalidSyntaxException("IPv6 zone identifiers are not supported: a zone names an interface "
                    + "of this machine and has no meaning in a request", input, percent, "RFC 6874 §2");
        }
    }

    private static int ipv4Tail(String input, int start, int to, int[] pieces, int n) {
        if (n > 6) {
            throw error("IPv4 tail leaves no room in IPv6 address", input, start);
        }
        long address = Ipv4.parse(input, start, to);
        if (address < 0) {
            throw error("invalid IPv4 tail in IPv6 address", input, start);
        }
        pieces[n] = (int) (address >>> 16);
        pieces[n + 1] = (int) (address & 0xFFFF);
        return n + 2;
    }

    private static int[] expand(int[] pieces, int n, int compress, String input, int from) {
        if (compress < 0) {
            if (n != 8) {
                throw error("IPv6 address has fewer than eight pieces and no '::'", input, from);
            }
            return pieces;
        }
        if (n == 8) {
            throw error("'::' in an IPv6 address that already has eight pieces", input, from);
        }
        int[] full = new int[8];
        System.arraycopy(pieces, 0, full, 0, compress);
        int tail = n - compress;
        System.arraycopy(pieces, compress, full, 8 - tail, tail);
        return full;
    }

    /** RFC 5952 §4 text form. */
    static String canonical(int[] pieces) {
        int bestStart = -1;
        int bestLength = 1; // a single zero piece is never compressed (RFC 5952 §4.2.2)
        for (int i = 0; i < 8; ) {
            if (pieces[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && pieces[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(pieces[i]));
        }
        return out.toString();
    }

    private static InvalidSyntaxException error(String reason, String input, int index) {
        return new InvalidSyntaxException(reason, input, index, RFC);
    }
}
