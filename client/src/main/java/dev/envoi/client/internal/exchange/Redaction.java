package dev.envoi.client.internal.exchange;

import dev.envoi.core.Url;

import java.util.Locale;
import java.util.Set;

/**
 * URLs as they may appear in messages and logs: without userinfo (RFC 9110 §4.2.4 forbids sending
 * it, and it is a password) and without the values of query parameters that commonly carry secrets
 * ({@code token}, {@code access_token}, {@code api_key}, {@code password}, {@code sig}, AWS
 * pre-signed URL fields, ...), which become {@code REDACTED}. The fragment is dropped too.
 */
public final class Redaction {
    /** The replacement for a redacted value. */
    public static final String MASK = "REDACTED";

    private static final Set<String> SENSITIVE = Set.of("token", "access_token", "refresh_token", "id_token",
            "api_key", "apikey", "api-key", "key", "password", "passwd", "pwd", "pass", "secret", "client_secret",
            "auth", "authorization", "code", "sig", "signature", "session", "sessionid", "session_id", "jwt",
            "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature",
            "x-goog-credential", "credential", "private_token");

    private Redaction() {
    }

    /** The redacted serialization of {@code url}. */
    public static String url(Url url) {
        String q = url.encodedQuery();
        Url base = url.withoutUserInfo().withoutFragment();
        if (q == null || q.isEmpty()) {
            return base.toString();
        }
        String s = base.toString();
        int qi = s.indexOf('?');
        return s.substring(0, qi + 1) + query(q);
    }

    /** Whether a query parameter (or form field) named {@code name} is treated as secret. */
    public static boolean isSensitive(String name) {
        return SENSITIVE.contains(name.toLowerCase(Locale.ROOT));
    }

    private static String query(String q) {
        StringBuilder out = new StringBuilder(q.length());
        int start = 0;
        while (start <= q.length()) {
            int amp = q.indexOf('&', start);
            int end = amp < 0 ? q.length() : amp;
            String pair = q.substring(start, end);
            int eq = pair.indexOf('=');
            if (eq > 0 && isSensitive(pair.substring(0, eq))) {
                out.append(pair, 0, eq + 1).append(MASK);
            } else {
                out.append(pair);
            }
            if (amp < 0) {
                break;
            }
            out.append('&');
            start = amp + 1;
        }
        return out.toString();
    }
}
