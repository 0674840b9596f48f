package dev.envoi.core.internal.url;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading and editing a query as {@code application/x-www-form-urlencoded} name/value pairs
 * (WHATWG URL Standard §5.1 parsing; {@code +} is a space, empty pairs are skipped, a pair without
 * {@code =} has the empty value).
 */
public final class FormQuery {

    private FormQuery() {
    }

    /** Calls {@code sink.accept(name, value)} for each decoded pair of the encoded {@code query}, in order. */
    public static void forEach(String query, PairSink sink) {
        int n = query.length();
        int start = 0;
        while (start <= n) {
            int end = query.indexOf('&', start);
            end = end < 0 ? n : end;
            if (end > start) {
                int eq = query.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                String name = UrlChars.decode(query, start, nameEnd, true);
                String value = nameEnd == end ? "" : UrlChars.decode(query, nameEnd + 1, end, true);
                if (!sink.accept(name, value)) {
                    return;
                }
            }
            start = end + 1;
        }
    }

    /** Receives one pair; returns false to stop. */
    @FunctionalInterface
    public interface PairSink {
        boolean accept(String name, String value);
    }

    /** One encoded {@code name=value} pair, form-encoded as {@code requests}' {@code urlencode} does. */
    public static String encodePair(String name, String value) {
        return encode(name) + "=" + encode(value);
    }

    /** Form encoding: RFC 3986 {@code unreserved} stays, space becomes {@code +}, the rest {@code %XX} of UTF-8. */
    public static String encode(String s) {
        return UrlChars.encode(s, 0, s.length(), UrlChars.UNRESERVED, false, true);
    }

    /** Appends an encoded pair to an encoded query that may be null (absent) or empty. */
    public static String append(String query, String pair) {
        return query == null || query.isEmpty() ? pair : query + "&" + pair;
    }

    /**
     * The encoded query without the pairs whose decoded name is {@code name}; other pairs keep their
     * exact encoding. Returns null when no pair is left.
     */
    public static String remove(String query, String name) {
        if (query == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        int n = query.length();
        int start = 0;
        while (start <= n) {
            int end = query.indexOf('&', start);
            end = end < 0 ? n : end;
            if (end > start) {
                int eq = query.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                if (!UrlChars.decode(query, start, nameEnd, true).equals(name)) {
                    kept.add(query.substring(start, end));
                }
            }
            start = end + 1;
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }
}
