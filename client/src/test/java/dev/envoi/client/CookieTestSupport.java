package dev.envoi.client;

/** Helpers shared by the cookie tests. */
final class CookieTestSupport {
    private CookieTestSupport() {
    }

    /** The fields a cookies.txt line keeps (not SameSite, not the times). */
    static String persisted(Cookie c) {
        return String.join("|", c.name(), c.value(), c.domain(), Boolean.toString(c.hostOnly()), c.path(),
                Boolean.toString(c.secure()), Boolean.toString(c.httpOnly()),
                c.expiresAt().map(t -> Long.toString(t.getEpochSecond())).orElse("session"));
    }
}
