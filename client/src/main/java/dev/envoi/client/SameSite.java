package dev.envoi.client;

/**
 * The {@code SameSite} attribute of a cookie (RFC 6265bis, draft-ietf-httpbis-rfc6265bis §4.1.2.7
 * and §5.6.7): whether a browser may send the cookie with cross-site requests.
 *
 * <p>envoi stores the value and reports it, and enforces the one rule that does not depend on a
 * browsing context: a {@code SameSite=None} cookie must also be {@code Secure} (6265bis §5.7). A
 * client without pages, frames or navigations has no "site for cookies", so every request it makes
 * is treated as same-site, as curl and OkHttp do.
 */
public enum SameSite {
    /** {@code SameSite=Strict}: only same-site requests. */
    STRICT("Strict"),
    /** {@code SameSite=Lax}: same-site requests and cross-site top-level navigations. */
    LAX("Lax"),
    /** {@code SameSite=None}: all requests; such a cookie must be {@code Secure}. */
    NONE("None"),
    /** No attribute, or a value other than the three above: what 6265bis calls "Default". */
    UNSPECIFIED("");

    private final String attributeValue;

    SameSite(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The attribute value as servers write it ({@code "Strict"}, ...), empty for {@link #UNSPECIFIED}. */
    public String attributeValue() {
        return attributeValue;
    }

    /**
     * Reads an attribute value case-insensitively; anything unrecognised is {@link #UNSPECIFIED}
     * (6265bis §5.6.7).
     */
    public static SameSite fromAttribute(String value) {
        if (value.equalsIgnoreCase("Strict")) {
            return STRICT;
        }
        if (value.equalsIgnoreCase("Lax")) {
            return LAX;
        }
        if (value.equalsIgnoreCase("None")) {
            return NONE;
        }
        return UNSPECIFIED;
    }
}
