package dev.envoi.core.internal.url;

import dev.envoi.core.InvalidSyntaxException;

import java.net.IDN;
import java.util.Locale;

/**
 * Turns the {@code host} of an authority (RFC 3986 §3.2.2) into the one ASCII form envoi sends,
 * refusing every form whose meaning differs between parsers.
 *
 * <ol>
 *   <li>{@code [...]} is an IPv6 literal, written back in the RFC 5952 canonical form
 *       ({@code [0:0::1]} becomes {@code ::1}). IPvFuture and zone identifiers (RFC 6874) are refused:
 *       a zone names an interface of the local machine and means nothing to the server, and the
 *       WHATWG URL Standard refuses it too.</li>
 *   <li>Otherwise {@code %XX} escapes are decoded (they must form UTF-8), a non-ASCII name is turned
 *       into its {@code xn--} form with {@link IDN#toASCII(String, int)} under
 *       {@link IDN#USE_STD3_ASCII_RULES} without {@link IDN#ALLOW_UNASSIGNED} (IDNA2003, RFC 3490
 *       §4.1, "stored strings"), and the result is lower-cased.</li>
 *   <li>A name whose last label is a number ({@code 1.2.3.4}, {@code 127.1}, {@code 0x7f.1},
 *       {@code 2130706433}) is an IPv4 address and must be exactly four decimal octets 0–255
 *       without leading zeros. The shortened, octal and hex forms that {@code inet_aton} and
 *       WHATWG accept are refused (RFC 3986 §7.4: their meaning varies between resolvers).</li>
 *   <li>Any other name may hold only letters, digits, {@code -}, {@code _} and {@code .}, in labels
 *       of 1 to 63 characters, 253 at most in all (RFC 1034 §3.1); one trailing dot is kept.</li>
 * </ol>
 */
public final class HostParser {

    /** A parsed host: its ASCII text without brackets, and whether it is an IPv6 literal. */
    public record Host(String name, boolean ipv6) {
    }

    private static final String RFC_HOST = "RFC 3986 §3.2.2";

    private HostParser() {
    }

    /** Parses {@code input[from, to)}; errors carry indexes into {@code input}. */
    public static Host parse(String input, int from, int to) {
        if (from == to) {
            throw new InvalidSyntaxException("empty host", input, from, "RFC 9110 §4.2.1");
        }
        if (input.charAt(from) == '[') {
            if (input.charAt(to - 1) != ']') {
                throw new InvalidSyntaxException("unbalanced '[' in IPv6 literal host", input, from, RFC_HOST);
            }
            return new Host(Ipv6.parse(input, from + 1, to - 1), true);
        }
        for (int i = from; i < to; i++) {
            char c = input.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                throw new InvalidSyntaxException("space or control character in host", input, i, RFC_HOST);
            }
            if (c == '[' || c == ']') {
                throw new InvalidSyntaxException("'" + c + "' outside an IPv6 literal host", input, i, RFC_HOST);
            }
        }
        String name = decode(input, from, to);
        // When the host needed no decoding or IDN conversion, errors can point at the exact character.
        int indexBase = name.length() == to - from && isAscii(name) ? from : -1;
        if (!isAscii(name)) {
            name = toAscii(name, input, from);
        }
        name = name.toLowerCase(Locale.ROOT);
        if (endsInNumber(name)) {
            if (!Ipv4.isStrict(name, 0, name.length())) {
                throw new InvalidSyntaxException("numeric host is not a dotted-decimal IPv4 address "
                        + "(four numbers 0-255 without leading zeros)", input, from, "RFC 3986 §7.4");
            }
            return new Host(name, false);
        }
        checkRegName(name, input, from, indexBase);
        return new Host(name, false);
    }

    private static String decode(String input, int from, int to) {
        for (int i = from; i < to; i++) {
            if (input.charAt(i) == '%' && !UrlChars.isEscape(input, i, to)) {
                throw new InvalidSyntaxException("'%' not followed by two hex digits in host", input, i, "RFC 3986 §2.1");
            }
        }
        String name = UrlChars.decodeStrict(input, from, to);
        if (name == null) {
            throw new InvalidSyntaxException("percent-encoded host is not UTF-8", input, from, "RFC 3986 §3.2.2");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c == 0x7F || c == '%') {
                throw new InvalidSyntaxException("percent-encoded space, control character or '%' in host",
                        input, from, RFC_HOST);
            }
        }
        return name;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String toAscii(String name, String input, int from) {
        try {
            return IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidSyntaxException("internationalized host cannot be converted to ASCII ("
                    + e.getMessage() + ")", input, from, "RFC 3490 §4.1");
        }
    }

    /** WHATWG's "ends in a number": the last label (before an optional final dot) is numeric. */
    private static boolean endsInNumber(String name) {
        int end = name.length();
        if (end > 1 && name.charAt(end - 1) == '.') {
            end--;
        }
        int start = name.lastIndexOf('.', end - 1) + 1;
        if (start == end) {
            return false;
        }
        boolean digits = true;
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            digits &= c >= '0' && c <= '9';
        }
        if (digits) {
            return true;
        }
        if (end - start >= 2 && name.charAt(start) == '0' && name.charAt(start + 1) == 'x') {
            for (int i = start + 2; i < end; i++) {
                if (UrlChars.hexValue(name.charAt(i)) < 0) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** reg-name restricted to what DNS can carry: LDH labels plus '_' (RFC 1034 §3.1, RFC 3986 §3.2.2). */
    private static void checkRegName(String name, String input, int from, int indexBase) {
        int end = name.length();
        if (name.charAt(end - 1) == '.' && end > 1) {
            end--; // an absolute name "example.com." keeps its root dot
        }
        if (end > 253) {
            throw new InvalidSyntaxException("host longer than 253 characters", input, from, "RFC 1034 §3.1");
        }
        int labelStart = 0;
        for (int i = 0; i <= end; i++) {
            char c = i == end ? '.' : name.charAt(i);
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63) {
                    throw new InvalidSyntaxException(length == 0 ? "empty label in host" : "host label longer than 63",
                            input, from, "RFC 1034 §3.1");
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new InvalidSyntaxException("character '" + c + "' not allowed in host name",
                        input, indexBase < 0 ? from : indexBase + i, RFC_HOST);
            }
        }
    }
}
