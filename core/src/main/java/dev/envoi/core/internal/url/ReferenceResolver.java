package dev.envoi.core.internal.url;

import dev.envoi.core.InvalidSyntaxException;

/**
 * Reference resolution of RFC 3986 §5.2 on strings, for any scheme: components are split as
 * Appendix B does (with the scheme held to its §3.1 grammar), transformed by §5.2.2 (the strict parser: a reference with a scheme keeps it,
 * so {@code "http:g"} stays {@code "http:g"}), merged by §5.2.3 and recomposed by §5.3.
 */
public final class ReferenceResolver {

    /** The five components of RFC 3986 Appendix B; an undefined component is null. */
    record Parts(String scheme, String authority, String path, String query, String fragment) {

        static Parts split(String s) {
            int n = s.length();
            int i = 0;
            String scheme = null;
            int colon = schemeEnd(s);
            if (colon > 0) {
                scheme = s.substring(0, colon);
                i = colon + 1;
            }
            String authority = null;
            if (s.startsWith("//", i)) {
                int end = indexOfAny(s, i + 2, "/?#");
                authority = s.substring(i + 2, end);
                i = end;
            }
            int pathEnd = indexOfAny(s, i, "?#");
            String path = s.substring(i, pathEnd);
            i = pathEnd;
            String query = null;
            if (i < n && s.charAt(i) == '?') {
                int end = indexOfAny(s, i + 1, "#");
                query = s.substring(i + 1, end);
                i = end;
            }
            String fragment = i < n ? s.substring(i + 1) : null;
            return new Parts(scheme, authority, path, query, fragment);
        }

        /**
         * The index of the ':' ending {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}
         * (RFC 3986 §3.1), or -1. Stricter than Appendix B's {@code [^:/?#]+}, so that a reference
         * such as {@code "1a:b"} or {@code "a b:c"}, which no scheme can spell, stays a relative path
         * as in the WHATWG URL Standard.
         */
        private static int schemeEnd(String s) {
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == ':') {
                    return k;
                }
                boolean alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
                if (!alpha && (k == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
                    return -1;
                }
            }
            return -1;
        }

        /** RFC 3986 §5.3 component recomposition. */
        String recompose() {
            StringBuilder out = new StringBuilder();
            if (scheme != null) {
                out.append(scheme).append(':');
            }
            if (authority != null) {
                out.append("//").append(authority);
            }
            out.append(path);
            if (query != null) {
                out.append('?').append(query);
            }
            if (fragment != null) {
                out.append('#').append(fragment);
            }
            return out.toString();
        }
    }

    private ReferenceResolver() {
    }

    /** RFC 3986 §5.2: resolves {@code reference} against the absolute URI {@code base}. */
    public static String resolve(String base, String reference) {
        Parts b = Parts.split(base);
        if (b.scheme() == null) {
            throw new InvalidSyntaxException("base URI has no scheme", base, 0, "RFC 3986 §5.2.1");
        }
        Parts r = Parts.split(reference);
        String scheme;
        String authority;
        String path;
        String query;
        if (r.scheme() != null) {
            scheme = r.scheme();
            authority = r.authority();
            path = DotSegments.remove(r.path());
            query = r.query();
        } else {
            scheme = b.scheme();
            if (r.authority() != null) {
                authority = r.authority();
                path = DotSegments.remove(r.path());
                query = r.query();
            } else {
                authority = b.authority();
                if (r.path().isEmpty()) {
                    path = b.path();
                    query = r.query() != null ? r.query() : b.query();
                } else {
                    path = DotSegments.remove(r.path().startsWith("/") ? r.path() : merge(b, r.path()));
                    query = r.query();
                }
            }
        }
        return new Parts(scheme, authority, path, query, r.fragment()).recompose();
    }

    /** RFC 3986 §5.2.3. */
    private static String merge(Parts base, String referencePath) {
        if (base.authority() != null && base.path().isEmpty()) {
            return "/" + referencePath;
        }
        int slash = base.path().lastIndexOf('/');
        return slash < 0 ? referencePath : base.path().substring(0, slash + 1) + referencePath;
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
