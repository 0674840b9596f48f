package dev.envoi.core;

/** ASCII-only case handling: HTTP names are case-insensitive in ASCII only, never by locale. */
final class Ascii {
    private Ascii() {
    }

    static int toLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** A hash of {@code s} that ignores ASCII case, consistent with {@link String#equalsIgnoreCase}
     * for the token characters that names are made of. */
    static int lowerCaseHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + toLower(s.charAt(i));
        }
        return h;
    }
}
