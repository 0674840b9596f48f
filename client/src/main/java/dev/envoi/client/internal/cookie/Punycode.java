package dev.envoi.client.internal.cookie;

/**
 * The Punycode encoder of RFC 3492 §6.3, enough to turn the Unicode rules of the Public Suffix
 * List into the A-labels ({@code xn--...}) that {@link dev.envoi.core.Url#host()} produces.
 *
 * <p>Why not {@link java.net.IDN#toASCII(String)}: its first call loads the IDNA2003 tables, which
 * took about half a second in measurements here, paid by whoever stores the first cookie. The list's
 * rules are already lower-case and normalized, so the Nameprep step IDNA adds changes nothing for
 * them; {@code PublicSuffixListTest} checks that this encoder and {@code IDN.toASCII} agree on every
 * Unicode rule in the shipped list.
 */
final class Punycode {
    private static final int BASE = 36;
    private static final int TMIN = 1;
    private static final int TMAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 128;

    private Punycode() {
    }

    /** {@code name} with every non-ASCII label replaced by its {@code xn--} form; ASCII lower-cased. */
    static String toAscii(String name) {
        StringBuilder out = new StringBuilder(name.length() + 16);
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            appendLabel(name.substring(start, end), out);
            if (dot < 0) {
                return out.toString();
            }
            out.append('.');
            start = dot + 1;
        }
    }

    private static void appendLabel(String label, StringBuilder out) {
        int[] cps = new int[label.length()];
        int count = 0;
        boolean ascii = true;
        for (int i = 0; i < label.length(); i += Character.charCount(cps[count - 1])) {
            cps[count] = label.codePointAt(i);
            ascii &= cps[count] < 0x80;
            count++;
        }
        if (count < cps.length) {
            cps = java.util.Arrays.copyOf(cps, count);
        }
        if (ascii) {
            for (int cp : cps) {
                out.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
            }
            return;
        }
        out.append("xn--");
        encode(cps, out);
    }

    /** RFC 3492 §6.3, the encoding procedure, for one label's code points. */
    private static void encode(int[] input, StringBuilder out) {
        int basic = 0;
        for (int cp : input) {
            if (cp < 0x80) {
                out.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
                basic++;
            }
        }
        int handled = basic;
        if (basic > 0) {
            out.append('-');
        }
        int n = INITIAL_N;
        int delta = 0;
        int bias = INITIAL_BIAS;
        while (handled < input.length) {
            int m = Integer.MAX_VALUE;
            for (int cp : input) {
                if (cp >= n && cp < m) {
                    m = cp;
                }
            }
            delta += (m - n) * (handled + 1);  // labels are at most 63 characters: no overflow
            n = m;
            for (int cp : input) {
                if (cp < n) {
                    delta++;
                } else if (cp == n) {
                    int q = delta;
                    for (int k = BASE; ; k += BASE) {
                        int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
                        if (q < t) {
                            break;
                        }
                        out.append(digit(t + (q - t) % (BASE - t)));
                        q = (q - t) / (BASE - t);
                    }
                    out.append(digit(q));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
    }

    /** RFC 3492 §6.1, bias adaptation. */
    private static int adapt(int delta, int numPoints, boolean firstTime) {
        delta = firstTime ? delta / DAMP : delta / 2;
        delta += delta / numPoints;
        int k = 0;
        while (delta > ((BASE - TMIN) * TMAX) / 2) {
            delta /= BASE - TMIN;
            k += BASE;
        }
        return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }
}
