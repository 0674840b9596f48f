package dev.envoi.core.internal.url;

/**
 * {@code remove_dot_segments} of RFC 3986 §5.2.4, step by step as the RFC writes it, over an index
 * into the input instead of a mutable buffer.
 */
public final class DotSegments {

    private DotSegments() {
    }

    /**
     * RFC 3986 §5.2.4 exactly: only the literal segments {@code .} and {@code ..} are dot segments.
     * {@code "/a/b/c/./../../g"} gives {@code "/a/g"}; {@code "mid/content=5/../6"} gives
     * {@code "mid/6"}.
     */
    public static String remove(String path) {
        if (!mayHaveDotSegments(path)) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        int n = path.length();
        while (i < n) {
            if (path.startsWith("../", i)) {                        // A
                i += 3;
            } else if (path.startsWith("./", i)) {                  // A
                i += 2;
            } else if (path.startsWith("/./", i)) {                 // B: "/./" becomes "/"
                i += 2;
            } else if (i + 2 == n && path.startsWith("/.", i)) {    // B: final "/." becomes "/"
                out.append('/');
                i = n;
            } else if (path.startsWith("/../", i)) {                // C: "/../" becomes "/", pop
                i += 3;
                removeLastSegment(out);
            } else if (i + 3 == n && path.startsWith("/..", i)) {   // C: final "/.." becomes "/", pop
                removeLastSegment(out);
                out.append('/');
                i = n;
            } else if ((i + 1 == n && path.charAt(i) == '.')
                    || (i + 2 == n && path.startsWith("..", i))) {  // D
                i = n;
            } else {                                                // E: move the first segment
                int end = path.indexOf('/', path.charAt(i) == '/' ? i + 1 : i);
                end = end < 0 ? n : end;
                out.append(path, i, end);
                i = end;
            }
        }
        return out.toString();
    }

    /**
     * Dot-segment removal for a parsed path, where {@code %2e} (either case) also spells a dot, as
     * RFC 3986 §6.2.2.2 equivalence and the WHATWG URL Standard's "single-dot/double-dot segment"
     * say: {@code /a/%2e%2E/b} gives {@code /b}. Servers that decode before resolving dots would
     * otherwise see a different path than the one we normalized.
     */
    public static String removeWithEncodedDots(String path) {
        if (path.indexOf('%') >= 0) {
            path = decodeDotSegments(path);
        }
        return remove(path);
    }

    private static boolean mayHaveDotSegments(String path) {
        return path.startsWith(".") || path.contains("/.");
    }

    private static void removeLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
    }

    private static String decodeDotSegments(String path) {
        StringBuilder out = null;
        int start = 0;
        int n = path.length();
        while (start <= n) {
            int end = path.indexOf('/', start);
            end = end < 0 ? n : end;
            String replacement = dotAlias(path, start, end);
            if (replacement != null && out == null) {
                out = new StringBuilder(n).append(path, 0, start);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : path.substring(start, end));
                if (end < n) {
                    out.append('/');
                }
            }
            start = end + 1;
        }
        return out == null ? path : out.toString();
    }

    /** "." or ".." when {@code path[from, to)} spells one with {@code %2e}, else null. */
    private static String dotAlias(String path, int from, int to) {
        int dots = 0;
        int i = from;
        boolean encoded = false;
        while (i < to && dots < 3) {
            if (path.charAt(i) == '.') {
                i++;
            } else if (path.regionMatches(true, i, "%2e", 0, 3)) {
                i += 3;
                encoded = true;
            } else {
                return null;
            }
            dots++;
        }
        if (!encoded || i != to) {
            return null;
        }
        return dots == 1 ? "." : dots == 2 ? ".." : null;
    }
}
