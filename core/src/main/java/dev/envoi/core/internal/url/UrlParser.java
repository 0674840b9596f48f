package dev.envoi.core.internal.url;

import dev.envoi.core.InvalidSyntaxException;

/**
 * Parses an absolute {@code http}/{@code https} URL by index scanning (no regex, no split):
 *
 * <pre>
 * http-URI  = "http"  "://" authority path-abempty [ "?" query ] [ "#" fragment ]   RFC 9110 §4.2.1
 * https-URI = "https" "://" authority path-abempty [ "?" query ] [ "#" fragment ]   RFC 9110 §4.2.2
 * authority = [ userinfo "@" ] host [ ":" port ]                                    RFC 3986 §3.2
 * </pre>
 *
 * <p>The authority is checked strictly (see {@link HostParser}); path, query and fragment are
 * percent-encoded where they hold characters their grammar does not allow.
 */
public final class UrlParser {

    private final String input;
    private int pos;

    private UrlParser(String input) {
        this.input = input;
    }

    /** Parses {@code input} into normalized components or throws {@link InvalidSyntaxException}. */
    public static UrlParts parse(String input) {
        return new UrlParser(input).parse();
    }

    private UrlParts parse() {
        checkEnds();
        String scheme = scheme();
        int authorityEnd = authorityEnd();
        int at = userInfoEnd(authorityEnd);
        String userInfo = null;
        if (at >= 0) {
            userInfo = UrlChars.encode(input, pos, at, UrlChars.USERINFO, true, false);
            pos = at + 1;
        }
        int portColon = portColon(authorityEnd);
        HostParser.Host host = HostParser.parse(input, pos, portColon < 0 ? authorityEnd : portColon);
        int port = UrlParts.defaultPort(scheme);
        boolean portExplicit = false;
        if (portColon >= 0 && portColon + 1 < authorityEnd) {
            port = parsePort(input, portColon + 1, authorityEnd);
            portExplicit = true;
        }
        pos = authorityEnd;
        int pathEnd = indexOf2('?', '#', pos);
        String path = pathEnd == pos ? "/"
                : DotSegments.removeWithEncodedDots(UrlChars.encode(input, pos, pathEnd, UrlChars.PATH, true, false));
        pos = pathEnd;
        String query = null;
        if (pos < input.length() && input.charAt(pos) == '?') {
            int queryEnd = indexOf2('#', '#', pos + 1);
            query = UrlChars.encode(input, pos + 1, queryEnd, UrlChars.QUERY, true, false);
            pos = queryEnd;
        }
        String fragment = null;
        if (pos < input.length()) {
            fragment = UrlChars.encode(input, pos + 1, input.length(), UrlChars.QUERY, true, false);
        }
        return new UrlParts(scheme, userInfo, host.name(), host.ipv6(), port, portExplicit, path, query, fragment);
    }

    /** Leading or trailing space or C0 control is refused rather than trimmed: the caller should see it. */
    private void checkEnds() {
        int n = input.length();
        if (n == 0) {
            throw new InvalidSyntaxException("empty URL", input, 0, "RFC 3986 §3");
        }
        if (input.charAt(0) <= 0x20) {
            throw new InvalidSyntaxException("leading space or control character", input, 0, "RFC 3986 Appendix C");
        }
        if (input.charAt(n - 1) <= 0x20) {
            throw new InvalidSyntaxException("trailing space or control character", input, n - 1,
                    "RFC 3986 Appendix C");
        }
    }

    /** {@code scheme ":" "//"}; only http and https, compared case-insensitively (RFC 3986 §3.1). */
    private String scheme() {
        int n = input.length();
        int colon = -1;
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            if (c == ':') {
                colon = i;
                break;
            }
            boolean alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            if (!alpha && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
                break;
            }
        }
        if (colon <= 0) {
            throw new InvalidSyntaxException("URL has no scheme (expected http:// or https://)", input, 0,
                    "RFC 3986 §3.1");
        }
        String scheme;
        if (input.regionMatches(true, 0, "http", 0, 4) && colon == 4) {
            scheme = "http";
        } else if (input.regionMatches(true, 0, "https", 0, 5) && colon == 5) {
            scheme = "https";
        } else {
            throw new InvalidSyntaxException("scheme is not http or https", input, 0, "RFC 9110 §4.2");
        }
        if (!input.startsWith("//", colon + 1)) {
            throw new InvalidSyntaxException("expected \"//\" and an authority after \"" + scheme + ":\"",
                    input, colon + 1, "RFC 9110 §4.2.1");
        }
        pos = colon + 3;
        return scheme;
    }

    /** The end of the authority: the first '/', '?' or '#'. Backslash and controls are refused on the way. */
    private int authorityEnd() {
        int n = input.length();
        for (int i = pos; i < n; i++) {
            char c = input.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
            if (c == '\\') {
                throw new InvalidSyntaxException("backslash in authority (browsers read it as '/', other parsers "
                        + "do not)", input, i, "RFC 3986 §3.2");
            }
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidSyntaxException("control character in authority", input, i, "RFC 3986 §3.2");
            }
        }
        return n;
    }

    /** The index of the one '@' ending the userinfo, or -1; a second '@' is refused (RFC 3986 §3.2.1, §7.6). */
    private int userInfoEnd(int authorityEnd) {
        int at = input.indexOf('@', pos);
        if (at < 0 || at >= authorityEnd) {
            return -1;
        }
        int second = input.indexOf('@', at + 1);
        if (second >= 0 && second < authorityEnd) {
            throw new InvalidSyntaxException("more than one '@' in authority: which part is the host is ambiguous",
                    input, second, "RFC 3986 §3.2.1");
        }
        return at;
    }

    /** The ':' before the port, or -1. An unbracketed host with several ':' is refused. */
    private int portColon(int authorityEnd) {
        int from = pos;
        if (from < authorityEnd && input.charAt(from) == '[') {
            int close = input.indexOf(']', from);
            if (close < 0 || close >= authorityEnd) {
                throw new InvalidSyntaxException("unbalanced '[' in IPv6 literal host", input, from, "RFC 3986 §3.2.2");
            }
            if (close + 1 == authorityEnd) {
                return -1;
            }
            if (input.charAt(close + 1) != ':') {
                throw new InvalidSyntaxException("expected ':' or end of authority after ']'", input, close + 1,
                        "RFC 3986 §3.2.2");
            }
            return close + 1;
        }
        int colon = input.indexOf(':', from);
        if (colon < 0 || colon >= authorityEnd) {
            return -1;
        }
        int second = input.indexOf(':', colon + 1);
        if (second >= 0 && second < authorityEnd) {
            throw new InvalidSyntaxException("more than one ':' in host and port (an IPv6 address must be in "
                    + "brackets)", input, second, "RFC 3986 §3.2.2");
        }
        return colon;
    }

    /** {@code port = *DIGIT} (RFC 3986 §3.2.3): digits only, 1-65535, no sign, overflow checked. */
    public static int parsePort(String input, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = input.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidSyntaxException("port must be decimal digits", input, i, "RFC 3986 §3.2.3");
            }
            value = value * 10 + (c - '0');
            if (value > 65535) {
                throw new InvalidSyntaxException("port greater than 65535", input, from, "RFC 3986 §3.2.3");
            }
        }
        if (value == 0) {
            throw new InvalidSyntaxException("port 0 cannot be connected to", input, from, "RFC 6335 §6");
        }
        return value;
    }

    private int indexOf2(char a, char b, int from) {
        int n = input.length();
        for (int i = from; i < n; i++) {
            char c = input.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return n;
    }
}
