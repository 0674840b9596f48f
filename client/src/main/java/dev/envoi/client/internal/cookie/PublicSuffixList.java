package dev.envoi.client.internal.cookie;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Public Suffix List (https://publicsuffix.org/list/), used by RFC 6265 §5.3 step 5 to refuse a
 * {@code Domain} attribute such as {@code com} or {@code co.uk} that would let one site set cookies
 * for thousands of others.
 *
 * <p>The list ships as the resource {@code public_suffix_list.dat} beside this class, an unchanged
 * copy under the Mozilla Public License 2.0 (see {@code public_suffix_list.NOTICE.md}). It is read
 * once per JVM, on first use (the holder idiom makes that lazy and thread-safe), into three sorted
 * {@code String[]} arrays searched by binary search: about 10,000 strings in total, shared by every
 * cookie jar. Rules written in Unicode are converted to their A-label ({@code xn--}) form, the form
 * {@link dev.envoi.core.Url#host()} produces, by {@link Punycode}. Loading takes a few tens of
 * milliseconds. Both the ICANN and the PRIVATE sections are used, as
 * browsers do.
 *
 * <p>The algorithm is the list's own (https://publicsuffix.org/list/ "Formal algorithm"): a matching
 * exception rule prevails; otherwise the matching rule with the most labels; otherwise the implicit
 * rule {@code *}, so an unlisted top-level label is a public suffix by itself.
 */
public final class PublicSuffixList {
    static final String RESOURCE = "public_suffix_list.dat";

    private final String[] rules;
    private final String[] wildcards;
    private final String[] exceptions;

    private PublicSuffixList(String[] rules, String[] wildcards, String[] exceptions) {
        this.rules = rules;
        this.wildcards = wildcards;
        this.exceptions = exceptions;
    }

    /** Lazy, thread-safe, once per JVM: the JVM runs this class's initializer on first access. */
    private static final class Holder {
        static final PublicSuffixList INSTANCE = load();
    }

    /** The list shipped with envoi, loaded on the first call. */
    public static PublicSuffixList get() {
        return Holder.INSTANCE;
    }

    /** Number of rules of each kind, for tests: {@code [normal, wildcard, exception]}. */
    int[] ruleCounts() {
        return new int[] {rules.length, wildcards.length, exceptions.length};
    }

    /**
     * The public suffix of {@code host}, a lower-case ASCII domain name without a trailing dot, e.g.
     * {@code "co.uk"} for {@code "www.example.co.uk"}; {@code null} if {@code host} is empty or has an
     * empty label (a leading, trailing or doubled dot).
     */
    public String publicSuffix(String host) {
        if (host.isEmpty() || host.charAt(0) == '.' || host.charAt(host.length() - 1) == '.'
                || host.contains("..")) {
            return null;
        }
        // Walk the suffixes from longest to shortest; the first match is the one with most labels.
        int best = -1;
        for (int start = 0; start >= 0; start = nextLabel(host, start)) {
            String suffix = start == 0 ? host : host.substring(start);
            if (Arrays.binarySearch(exceptions, suffix) >= 0) {
                // An exception rule prevails over all others; its leftmost label is not part of the suffix.
                return suffix.substring(suffix.indexOf('.') + 1);
            }
            if (best < 0 && matchesRule(suffix)) {
                best = start;
            }
        }
        if (best < 0) {
            int lastDot = host.lastIndexOf('.');
            best = lastDot + 1;  // the implicit rule "*"
        }
        return best == 0 ? host : host.substring(best);
    }

    /**
     * The registrable domain of {@code host} (its public suffix plus one label, "eTLD+1"), or
     * {@code null} when {@code host} is itself a public suffix or not a valid domain name.
     */
    public String registrableDomain(String host) {
        String suffix = publicSuffix(host);
        if (suffix == null || suffix.length() == host.length()) {
            return null;
        }
        int end = host.length() - suffix.length() - 1;  // the dot before the suffix
        int start = host.lastIndexOf('.', end - 1) + 1;
        return host.substring(start);
    }

    /** Whether {@code domain} is a public suffix (including the implicit {@code *} rule). */
    public boolean isPublicSuffix(String domain) {
        String suffix = publicSuffix(domain);
        return suffix != null && suffix.length() == domain.length();
    }

    /** Whether a normal rule equals {@code suffix}, or a wildcard rule covers it ({@code *.rest}). */
    private boolean matchesRule(String suffix) {
        if (Arrays.binarySearch(rules, suffix) >= 0) {
            return true;
        }
        int dot = suffix.indexOf('.');
        return dot > 0 && Arrays.binarySearch(wildcards, suffix.substring(dot + 1)) >= 0;
    }

    private static int nextLabel(String host, int start) {
        int dot = host.indexOf('.', start);
        return dot < 0 ? -1 : dot + 1;
    }

    private static PublicSuffixList load() {
        try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from dev.envoi.client");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public suffix list " + RESOURCE, e);
        }
    }

    /**
     * Parses the list format (UTF-8): one rule per line, read up to the first whitespace; lines
     * starting with {@code //} are comments. Works on the bytes: all but a few hundred lines are
     * ASCII and become strings without a decoder.
     */
    static PublicSuffixList parse(byte[] data) {
        List<String> rules = new ArrayList<>(10_000);
        List<String> wildcards = new ArrayList<>(128);
        List<String> exceptions = new ArrayList<>(16);
        int i = 0;
        while (i < data.length) {
            int start = i;
            int end = start;
            boolean ascii = true;
            while (end < data.length && data[end] != ' ' && data[end] != '\t' && data[end] != '\r'
                    && data[end] != '\n') {
                ascii &= data[end] >= 0;
                end++;
            }
            while (i < data.length && data[i] != '\n') {
                i++;
            }
            i++;
            if (end == start || (data[start] == '/' && end > start + 1 && data[start + 1] == '/')) {
                continue;
            }
            String rule = ascii ? new String(data, start, end - start, StandardCharsets.ISO_8859_1)
                    : Punycode.toAscii(new String(data, start, end - start, StandardCharsets.UTF_8));
            if (rule.startsWith("!")) {
                exceptions.add(rule.substring(1));
            } else if (rule.startsWith("*.")) {
                wildcards.add(rule.substring(2));
            } else {
                rules.add(rule);
            }
        }
        return new PublicSuffixList(sorted(rules), sorted(wildcards), sorted(exceptions));
    }

    private static String[] sorted(List<String> list) {
        String[] array = list.toArray(new String[0]);
        Arrays.sort(array);
        return array;
    }
}
