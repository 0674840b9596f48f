package dev.envoi.codec.internal;

import dev.envoi.core.HeaderName;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Well-known field names, recognised in received bytes without allocating: a constant-time hash of
 * the name (ignoring ASCII case, RFC 9110 §5.1) picks a slot in a small open-addressing table, and
 * the bytes are compared eight at a time. A received name
 * spelled exactly like the {@link HeaderName} constant, or exactly in lower case, is returned as
 * an interned {@code String}; only other spellings allocate, and the received case is always kept.
 */
public final class KnownFields {
    /** The names, in id order. The first four ids are the ones framing and persistence depend on. */
    private static final String[] NAMES = {
        HeaderName.CONTENT_LENGTH, HeaderName.TRANSFER_ENCODING, HeaderName.CONNECTION, HeaderName.PROXY_CONNECTION,
        HeaderName.ACCEPT, HeaderName.ACCEPT_CHARSET, HeaderName.ACCEPT_ENCODING, HeaderName.ACCEPT_LANGUAGE,
        HeaderName.ACCEPT_RANGES, HeaderName.AGE, HeaderName.ALLOW, HeaderName.AUTHORIZATION,
        HeaderName.CACHE_CONTROL, HeaderName.CONTENT_DISPOSITION, HeaderName.CONTENT_ENCODING,
        HeaderName.CONTENT_LANGUAGE, HeaderName.CONTENT_LOCATION, HeaderName.CONTENT_RANGE,
        HeaderName.CONTENT_TYPE, HeaderName.COOKIE, HeaderName.DATE, HeaderName.ETAG, HeaderName.EXPECT,
        HeaderName.EXPIRES, HeaderName.FROM, HeaderName.HOST, HeaderName.IF_MATCH, HeaderName.IF_MODIFIED_SINCE,
        HeaderName.IF_NONE_MATCH, HeaderName.IF_RANGE, HeaderName.IF_UNMODIFIED_SINCE, HeaderName.KEEP_ALIVE,
        HeaderName.LAST_MODIFIED, HeaderName.LINK, HeaderName.LOCATION, HeaderName.MAX_FORWARDS,
        HeaderName.ORIGIN, HeaderName.PRAGMA, HeaderName.PROXY_AUTHENTICATE, HeaderName.PROXY_AUTHORIZATION,
        HeaderName.RANGE, HeaderName.REFERER, HeaderName.RETRY_AFTER,
        HeaderName.SERVER, HeaderName.SET_COOKIE, HeaderName.STRICT_TRANSPORT_SECURITY, HeaderName.TE,
        HeaderName.TRAILER, HeaderName.UPGRADE, HeaderName.USER_AGENT, HeaderName.VARY, HeaderName.VIA,
        HeaderName.WWW_AUTHENTICATE,
        "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Headers",
        "Access-Control-Allow-Methods", "Access-Control-Expose-Headers", "Access-Control-Max-Age",
        "Alt-Svc", "Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options",
        "X-XSS-Protection", "X-Forwarded-For", "X-Forwarded-Proto", "X-Request-Id", "X-Powered-By",
        "Permissions-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",
        "Cross-Origin-Embedder-Policy", "Server-Timing", "Timing-Allow-Origin", "Report-To", "NEL",
        "X-Cache", "CF-Cache-Status", "CF-RAY", "Priority", "Upgrade-Insecure-Requests",
    };

    /** Id of {@code Content-Length}. */
    public static final int CONTENT_LENGTH = 0;
    /** Id of {@code Transfer-Encoding}. */
    public static final int TRANSFER_ENCODING = 1;
    /** Id of {@code Connection}. */
    public static final int CONNECTION = 2;
    /** Id of {@code Proxy-Connection}. */
    public static final int PROXY_CONNECTION = 3;
    /** Not a known name. */
    public static final int UNKNOWN = -1;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long CASE_BITS = 0x2020202020202020L;
    private static final byte[][] CANONICAL = new byte[NAMES.length][];
    private static final byte[][] LOWER = new byte[NAMES.length][];
    private static final String[] LOWER_NAMES = new String[NAMES.length];
    /** Open-addressing table from {@link #hash} to id; -1 marks an empty slot. */
    private static final int[] TABLE = new int[256];

    static {
        Arrays.fill(TABLE, UNKNOWN);
        for (int id = 0; id < NAMES.length; id++) {
            String name = NAMES[id];
            CANONICAL[id] = name.getBytes(StandardCharsets.ISO_8859_1);
            LOWER_NAMES[id] = lower(name).intern();
            LOWER[id] = LOWER_NAMES[id].getBytes(StandardCharsets.ISO_8859_1);
            int slot = mix(hash(LOWER[id], 0, LOWER[id].length));
            while (TABLE[slot] != UNKNOWN) {
                slot = (slot + 1) & (TABLE.length - 1);
            }
            TABLE[slot] = id;
        }
    }

    private KnownFields() {
    }

    /**
     * A case-insensitive hash of the name {@code b[start, end)} from its length and three of its
     * bytes: constant time, and distinct enough for a table this small (same-hash names are told
     * apart by the byte comparison).
     */
    static int hash(byte[] b, int start, int end) {
        int n = end - start;
        if (n == 0) {
            return 0;
        }
        return n * 961 + (b[start] | 0x20) * 31 + (b[start + n / 2] | 0x20) * 7 + (b[end - 1] | 0x20);
    }

    private static int mix(int h) {
        return (h ^ (h >>> 8) ^ (h >>> 16)) & (TABLE.length - 1);
    }

    /**
     * The id of the name in {@code b[start, end)} (a valid token), ignoring ASCII case, or
     * {@link #UNKNOWN}.
     */
    public static int lookup(byte[] b, int start, int end) {
        int n = end - start;
        for (int slot = mix(hash(b, start, end)); ; slot = (slot + 1) & (TABLE.length - 1)) {
            int id = TABLE[slot];
            if (id == UNKNOWN || (LOWER[id].length == n && equalsIgnoreCase(LOWER[id], b, start))) {
                return id;
            }
        }
    }

    /**
     * The name in {@code b[start, end)} as a {@code String} in its received case: an interned
     * constant when it is spelled canonically or in lower case.
     */
    public static String name(int id, byte[] b, int start, int end) {
        if (id >= 0) {
            if (equalsExactly(CANONICAL[id], b, start)) {
                return NAMES[id];
            }
            if (equalsExactly(LOWER[id], b, start)) {
                return LOWER_NAMES[id];
            }
        }
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Compares a token with a lower-case name. For the bytes of a token, {@code (b | 0x20)} equals a
     * lower-case letter only for that letter in either case, and equals {@code '-'} only for {@code '-'}
     * (the other candidate, CR, is not a tchar), so one OR per byte is an exact ASCII case-folding.
     */
    private static boolean equalsIgnoreCase(byte[] lower, byte[] b, int start) {
        int i = 0;
        for (; i + 8 <= lower.length; i += 8) {
            if ((((long) LONGS.get(b, start + i)) | CASE_BITS) != (long) LONGS.get(lower, i)) {
                return false;
            }
        }
        for (; i < lower.length; i++) {
            if ((b[start + i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsExactly(byte[] name, byte[] b, int start) {
        for (int i = 0; i < name.length; i++) {
            if (b[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static String lower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] += 32;
            }
        }
        return new String(c);
    }
}
