package dev.envoi.client.internal.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.junit.jupiter.api.Test;

class PublicSuffixListTest {
    private final PublicSuffixList list = PublicSuffixList.get();

    /** The list's own vectors, tests/test_psl.txt: every active {@code checkPublicSuffix} line. */
    @Test
    void upstreamVectors() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (BufferedReader reader = resource("/cookies/public_suffix_tests.txt")) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("checkPublicSuffix(")) {
                    continue;  // comments, including the vectors commented out upstream
                }
                String args = line.substring("checkPublicSuffix(".length(), line.lastIndexOf(')'));
                int comma = args.indexOf(", ");
                String input = unquote(args.substring(0, comma));
                String expected = unquote(args.substring(comma + 2));
                String actual = registrable(input);
                String expectedAscii = expected == null ? null : IDN.toASCII(expected);
                if (!Objects.equals(expectedAscii, actual)) {
                    failures.add(line + " gave " + actual);
                }
                checked++;
            }
        }
        System.out.println("public suffix list: " + (checked - failures.size()) + "/" + checked + " vectors pass");
        assertThat(checked).isEqualTo(78);
        assertThat(failures).isEmpty();
    }

    /** What a caller does with a raw input: null stays null, to-ASCII and lower-case, then look up. */
    private String registrable(String input) {
        if (input == null) {
            return null;
        }
        // as Url.host() would give it: IDNA to-ASCII for non-ASCII names, lower case
        String lower = input.toLowerCase(Locale.ROOT);
        return list.registrableDomain(lower.chars().allMatch(c -> c < 0x80) ? lower : IDN.toASCII(lower));
    }

    @Test
    void publicSuffixes() {
        assertThat(list.publicSuffix("www.example.co.uk")).isEqualTo("co.uk");
        assertThat(list.publicSuffix("example.com")).isEqualTo("com");
        assertThat(list.publicSuffix("localhost")).isEqualTo("localhost");  // implicit "*" rule
        assertThat(list.publicSuffix("a.b.c.kobe.jp")).isEqualTo("c.kobe.jp");  // *.kobe.jp
        assertThat(list.publicSuffix("www.city.kobe.jp")).isEqualTo("kobe.jp");  // !city.kobe.jp
        assertThat(list.publicSuffix("foo.github.io")).isEqualTo("github.io");  // PRIVATE section
        assertThat(list.isPublicSuffix("github.io")).isTrue();
        assertThat(list.isPublicSuffix("co.uk")).isTrue();
        assertThat(list.isPublicSuffix("example.org")).isFalse();
        assertThat(list.isPublicSuffix("org")).isTrue();
    }

    @Test
    void invalidNamesHaveNoSuffix() {
        assertThat(list.publicSuffix("")).isNull();
        assertThat(list.publicSuffix(".com")).isNull();
        assertThat(list.publicSuffix("example.com.")).isNull();
        assertThat(list.publicSuffix("a..com")).isNull();
        assertThat(list.registrableDomain("com")).isNull();
        assertThat(list.registrableDomain("a..com")).isNull();
    }

    @Test
    void unicodeRulesAreStoredAsALabels() {
        // "公司.cn" is a rule written in Unicode; hosts come from Url as xn-- names.
        assertThat(list.isPublicSuffix("xn--55qx5d.cn")).isTrue();
        assertThat(list.registrableDomain("www.xn--85x722f.xn--55qx5d.cn")).isEqualTo("xn--85x722f.xn--55qx5d.cn");
    }

    @Test
    void loadedOncePerJvmIntoSortedArrays() {
        assertThat(PublicSuffixList.get()).isSameAs(list);
        int[] counts = list.ruleCounts();
        // 10,248 rules in the file: normal + wildcard + exception, none lost in the A-label conversion
        assertThat(counts[0] + counts[1] + counts[2]).isEqualTo(10_248);
        assertThat(counts[2]).isEqualTo(8);
    }

    @Test
    void resourceIsTheUnchangedUpstreamFile() throws IOException, NoSuchAlgorithmException {
        try (InputStream in = PublicSuffixList.class.getResourceAsStream(PublicSuffixList.RESOURCE)) {
            byte[] bytes = Objects.requireNonNull(in).readAllBytes();
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(sha256).isEqualTo("df6306ec61971424ad259757b399911f4d414486629a5a00e299a2b6c7957089");
            assertThat(new String(bytes, 0, 120, StandardCharsets.UTF_8))
                    .startsWith("// This Source Code Form is subject to the terms of the Mozilla Public\n");
        }
    }

    @Test
    void parsesTheListFormat() throws IOException {
        PublicSuffixList small = PublicSuffixList.parse(("// comment\n\ncom\r\n*.ck\n!www.ck\n"
                + "example.com   trailing words are ignored\n\u516c\u53f8.cn").getBytes(StandardCharsets.UTF_8));
        assertThat(small.ruleCounts()).containsExactly(3, 1, 1);
        assertThat(small.isPublicSuffix("xn--55qx5d.cn")).isTrue();
        assertThat(small.publicSuffix("a.example.com")).isEqualTo("example.com");
        assertThat(small.publicSuffix("a.b.ck")).isEqualTo("b.ck");
        assertThat(small.publicSuffix("www.ck")).isEqualTo("ck");
        assertThat(small.publicSuffix("x.y.unlisted")).isEqualTo("unlisted");
    }

    /** Punycode (used at load time instead of IDN, which is slow to start) agrees with IDN on the list. */
    @Test
    void punycodeAgreesWithIdnOnEveryUnicodeRule() throws IOException {
        assertThat(Punycode.toAscii("B\u00fccher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(Punycode.toAscii("m\u00fcnchen")).isEqualTo("xn--mnchen-3ya");
        assertThat(Punycode.toAscii("\u98df\u72ee.\u4e2d\u56fd")).isEqualTo("xn--85x722f.xn--fiqs8s");
        int unicodeRules = 0;
        try (InputStream in = PublicSuffixList.class.getResourceAsStream(PublicSuffixList.RESOURCE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(in),
                        StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("//") || line.isBlank() || line.chars().allMatch(c -> c < 0x80)) {
                    continue;
                }
                String rule = line.strip().replaceFirst("^[!]|^[*][.]", "");
                assertThat(Punycode.toAscii(rule)).as(rule).isEqualTo(IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED));
                unicodeRules++;
            }
        }
        assertThat(unicodeRules).isEqualTo(459);
    }

    private static String unquote(String arg) {
        return arg.equals("null") ? null : arg.substring(1, arg.length() - 1);
    }

    private static BufferedReader resource(String name) {
        InputStream in = PublicSuffixListTest.class.getResourceAsStream(name);
        return new BufferedReader(new InputStreamReader(Objects.requireNonNull(in, name), StandardCharsets.UTF_8));
    }
}
