package dev.envoi.client.internal.cookie;

import dev.envoi.client.Cookie;
import dev.envoi.core.InvalidSyntaxException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Netscape {@code cookies.txt} format that curl ({@code --cookie}, {@code --cookie-jar}) and
 * wget ({@code --load-cookies}, {@code --save-cookies}) share. One cookie per line, seven fields
 * separated by TAB:
 *
 * <pre>
 * [#HttpOnly_]domain  includeSubdomains  path  secure  expires  name  value
 * .example.com        TRUE               /     FALSE   0        id    1
 * </pre>
 *
 * <ul>
 *   <li>{@code includeSubdomains} is {@code TRUE} for a domain cookie (curl writes its domain with
 *       a leading dot) and {@code FALSE} for a host-only one. A leading dot on the domain also
 *       makes a domain cookie when reading, since older writers relied on it alone.</li>
 *   <li>{@code expires} is seconds since the epoch; {@code 0} is a session cookie.</li>
 *   <li>Lines starting with {@code #} are comments, except the {@code #HttpOnly_} prefix curl
 *       writes before the domain of an HttpOnly cookie. Blank lines are skipped; lines may end in LF, CR LF or CR.</li>
 *   <li>curl accepts a line of six fields as a cookie with an empty value, and so does this
 *       reader. The value is everything after the sixth TAB, so a value containing TAB survives.</li>
 * </ul>
 */
public final class NetscapeCookieFile {
    private static final String HTTP_ONLY_PREFIX = "#HttpOnly_";
    private static final String FORMAT = "Netscape cookies.txt (curl docs/HTTP-COOKIES.md)";

    private NetscapeCookieFile() {
    }

    /**
     * Every cookie in {@code reader}, in file order, session cookies included and expired ones
     * included (the jar drops those).
     *
     * @throws InvalidSyntaxException for a line that is neither blank, a comment nor a cookie; the
     *     message names the line number, and the exception's input is the line
     */
    public static List<Cookie> read(Reader reader) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Cookie> cookies = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            Cookie cookie = parseLine(line, number);
            if (cookie != null) {
                cookies.add(cookie);
            }
        }
        return cookies;
    }

    /** One line: a cookie, or {@code null} for a blank or comment line. */
    static Cookie parseLine(String line, int number) {
        boolean httpOnly = false;
        int from = 0;
        if (line.startsWith(HTTP_ONLY_PREFIX)) {
            httpOnly = true;
            from = HTTP_ONLY_PREFIX.length();
        } else if (line.isEmpty() || line.charAt(0) == '#' || line.isBlank()) {
            return null;
        }
        String[] fields = new String[7];
        int count = 0;
        int start = from;
        while (count < 6) {
            int tab = line.indexOf('\t', start);
            if (tab < 0) {
                break;
            }
            fields[count++] = line.substring(start, tab);
            start = tab + 1;
        }
        fields[count++] = line.substring(start);
        if (count == 6) {
            fields[6] = "";  // curl: a cookie without value
        } else if (count != 7) {
            throw syntax("expected 7 TAB-separated fields but found " + count, line, number, line.length());
        }
        String domain = fields[0];
        boolean leadingDot = domain.startsWith(".");
        if (leadingDot) {
            domain = domain.substring(1);
        }
        boolean includeSubdomains = flag(fields[1], "includeSubdomains", line, number) || leadingDot;
        boolean secure = flag(fields[3], "secure", line, number);
        long expires = epochSeconds(fields[4], line, number);
        Cookie.Builder builder = Cookie.builder()
                .domain(domain).hostOnly(!includeSubdomains).path(fields[2])
                .secure(secure).httpOnly(httpOnly)
                .name(fields[5]).value(fields[6]);
        if (expires != 0) {
            builder.expiresAt(Instant.ofEpochSecond(expires));
        }
        try {
            return builder.build();
        } catch (InvalidSyntaxException e) {
            throw syntax("line " + number + " is not a valid cookie: " + e.getMessage(), line, number, -1);
        }
    }

    /** Writes {@code cookies} with curl's header comment, one line each. */
    public static void write(List<Cookie> cookies, Writer out) throws IOException {
        out.write("# Netscape HTTP Cookie File\n");
        out.write("# https://curl.se/docs/http-cookies.html\n");
        out.write("# Written by envoi. TAB-separated: domain, includeSubdomains, path, secure, expires"
                + " (epoch seconds, 0 = session), name, value.\n\n");
        StringBuilder sb = new StringBuilder(128);
        for (Cookie c : cookies) {
            sb.setLength(0);
            if (c.httpOnly()) {
                sb.append(HTTP_ONLY_PREFIX);
            }
            if (!c.hostOnly()) {
                sb.append('.');
            }
            sb.append(c.domain()).append('\t')
                    .append(c.hostOnly() ? "FALSE" : "TRUE").append('\t')
                    .append(c.path()).append('\t')
                    .append(c.secure() ? "TRUE" : "FALSE").append('\t')
                    .append(c.expiresAt().map(t -> Math.max(1L, t.getEpochSecond())).orElse(0L)).append('\t')
                    .append(c.name()).append('\t')
                    .append(c.value()).append('\n');
            out.write(sb.toString());
        }
    }

    private static boolean flag(String field, String what, String line, int number) {
        if (field.equalsIgnoreCase("TRUE")) {
            return true;
        }
        if (field.equalsIgnoreCase("FALSE")) {
            return false;
        }
        throw syntax(what + " must be TRUE or FALSE but was \"" + field + "\"", line, number, -1);
    }

    private static long epochSeconds(String field, String line, int number) {
        if (field.isEmpty() || field.length() > 18) {
            throw syntax("expires must be 1 to 18 digits but was \"" + field + "\"", line, number, -1);
        }
        long value = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') {
                throw syntax("expires must be digits but was \"" + field + "\"", line, number, -1);
            }
            value = value * 10 + (c - '0');
        }
        return Math.min(value, Instant.MAX.getEpochSecond());
    }

    private static InvalidSyntaxException syntax(String reason, String line, int number, int index) {
        return new InvalidSyntaxException("cookies.txt line " + number + ": " + reason, line, index, FORMAT);
    }
}
