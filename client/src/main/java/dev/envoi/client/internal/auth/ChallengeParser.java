package dev.envoi.client.internal.auth;

import dev.envoi.client.Challenge;
import dev.envoi.core.FieldSyntax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the challenges of a {@code WWW-Authenticate} or {@code Proxy-Authenticate} field value
 * (RFC 9110 §11.2, §11.6.1, §11.7.1), tolerantly: a challenge a peer got wrong is dropped and the
 * parser resumes at the next comma, so one bad challenge never hides the good ones and never
 * throws.
 *
 * <pre>
 * WWW-Authenticate = #challenge
 * challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * auth-scheme = token
 * auth-param  = token BWS "=" BWS ( token / quoted-string )
 * token68     = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 * </pre>
 *
 * Commas separate both challenges and the parameters of one challenge. After a comma, a token
 * followed by optional whitespace and {@code =} continues the current challenge's parameters;
 * any other token starts a new challenge. A challenge is dropped when a parameter is malformed,
 * a quoted-string is unterminated, or a parameter name repeats (RFC 9110 §11.2: "each parameter
 * name MUST only occur once per challenge"; taking the first or the last would let a peer or an
 * intermediary choose which realm or algorithm the client sees).
 */
public final class ChallengeParser {
    private static final boolean[] TOKEN68 = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            TOKEN68[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        for (char c : "-._~+/".toCharArray()) {
            TOKEN68[c] = true;
        }
    }

    private final String s;
    private final int n;
    private final List<Challenge> out = new ArrayList<>(2);

    private ChallengeParser(String s) {
        this.s = s;
        this.n = s.length();
    }

    /** The challenges of one field value, in order; malformed ones left out. Never throws. */
    public static List<Challenge> parse(String fieldValue) {
        ChallengeParser p = new ChallengeParser(fieldValue);
        p.run();
        return Collections.unmodifiableList(p.out);
    }

    private void run() {
        int i = 0;
        while (true) {
            i = skipSeparators(i);
            if (i >= n) {
                return;
            }
            int schemeEnd = tokenEnd(i);
            int j = skipWhitespace(schemeEnd);
            if (schemeEnd == i || j < n && s.charAt(j) == '=') {
                // Not a scheme: garbage, or a parameter left over from a dropped challenge.
                i = elementEnd(i);
                continue;
            }
            String scheme = s.substring(i, schemeEnd);
            if (j >= n || s.charAt(j) == ',') {
                out.add(Challenge.of(scheme, Map.of()));
                i = j;
            } else if (j == schemeEnd) {
                i = elementEnd(j); // e.g. Basic"x": no space after the scheme
            } else {
                i = afterScheme(scheme, j);
            }
        }
    }

    /** Parses what follows {@code scheme 1*SP} at {@code i}; returns where to continue. */
    private int afterScheme(String scheme, int i) {
        int t = i;
        while (t < n && s.charAt(t) < 128 && TOKEN68[s.charAt(t)]) {
            t++;
        }
        if (t > i) {
            int end = t;
            while (end < n && s.charAt(end) == '=') {
                end++;
            }
            int k = skipWhitespace(end);
            if (k >= n || s.charAt(k) == ',') {
                out.add(Challenge.ofToken68(scheme, s.substring(i, end)));
                return k;
            }
        }
        return params(scheme, i);
    }

    /** Parses {@code #auth-param} from {@code i}; returns where the next challenge may start. */
    private int params(String scheme, int i) {
        Map<String, String> params = new LinkedHashMap<>();
        boolean valid = true;
        StringBuilder value = new StringBuilder();
        while (true) {
            int nameEnd = tokenEnd(i);
            int k = skipWhitespace(nameEnd);
            if (nameEnd == i || k >= n || s.charAt(k) != '=') {
                return elementEnd(i); // challenge dropped
            }
            String name = lowerAscii(s.substring(i, nameEnd));
            k = skipWhitespace(k + 1);
            value.setLength(0);
            int valueEnd = k < n && s.charAt(k) == '"' ? quotedEnd(k, value) : tokenValueEnd(k, value);
            if (valueEnd < 0) {
                return valueEnd == -1 ? elementEnd(k) : n;
            }
            if (params.putIfAbsent(name, value.toString()) != null) {
                valid = false;
            }
            k = skipWhitespace(valueEnd);
            if (k < n && s.charAt(k) != ',') {
                return elementEnd(k);
            }
            int next = skipSeparators(k);
            if (next >= n || !startsParameter(next)) {
                if (valid) {
                    out.add(Challenge.of(scheme, params));
                }
                return next;
            }
            i = next;
        }
    }

    private boolean startsParameter(int i) {
        int end = tokenEnd(i);
        int k = skipWhitespace(end);
        return end > i && k < n && s.charAt(k) == '=';
    }

    /** Appends a token value; returns its end, or -1 if there is none. */
    private int tokenValueEnd(int i, StringBuilder value) {
        int end = tokenEnd(i);
        if (end == i) {
            return -1;
        }
        value.append(s, i, end);
        return end;
    }

    /**
     * Appends the unescaped content of the quoted-string at {@code i} (RFC 9110 §5.6.4); returns
     * the index after the closing quote, -1 for a character not allowed, -2 when unterminated.
     */
    private int quotedEnd(int i, StringBuilder value) {
        for (int k = i + 1; k < n; k++) {
            char c = s.charAt(k);
            if (c == '"') {
                return k + 1;
            }
            if (c == '\\') {
                if (++k == n) {
                    return -2;
                }
                c = s.charAt(k);
            }
            if (c > 0xff || !FieldSyntax.isFieldValueChar(c)) {
                return -1;
            }
            value.append(c);
        }
        return -2;
    }

    private int tokenEnd(int i) {
        while (i < n && FieldSyntax.isTchar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private int skipWhitespace(int i) {
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private int skipSeparators(int i) {
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == ',')) {
            i++;
        }
        return i;
    }

    /** The index of the next comma outside a quoted-string at or after {@code i}, or the end. */
    private int elementEnd(int i) {
        boolean quoted = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return n;
    }

    /** {@code name} with ASCII upper-case letters lowered (never by locale). */
    public static String lowerAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = name.toCharArray();
                for (int k = i; k < chars.length; k++) {
                    if (chars[k] >= 'A' && chars[k] <= 'Z') {
                        chars[k] += 32;
                    }
                }
                return new String(chars);
            }
        }
        return name;
    }
}
