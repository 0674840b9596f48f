package dev.envoi.client;

import dev.envoi.core.Url;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetrcTest {

    private static Credentials creds(String user, String password) {
        return Credentials.of(user, password);
    }

    @Test
    void machinesAndDefault() {
        Netrc n = Netrc.parse("""
                machine example.com login daniel password qwerty
                machine api.example.com
                    login alice
                    password "s3cret with spaces"
                    account acct
                default login anonymous password guest@
                """);
        assertThat(n.credentialsFor(Url.parse("https://example.com/x"))).hasValue(creds("daniel", "qwerty"));
        assertThat(n.credentialsFor(Url.parse("http://API.Example.COM:8080/")))
                .hasValue(creds("alice", "s3cret with spaces"));
        assertThat(n.credentialsFor("other.org")).hasValue(creds("anonymous", "guest@"));
        assertThat(n.machines()).containsExactly("example.com", "api.example.com");
        assertThat(n.warnings()).isEmpty();
    }

    @Test
    void lookupUsesTheParsedHostCve202447081() {
        Netrc n = Netrc.parse("machine example.com login victim password hunter2\n");
        // requests split this badly and sent example.com's credentials to evil.com.
        Url url = Url.parse("http://example.com:@evil.com/");
        assertThat(url.host()).isEqualTo("evil.com");
        assertThat(n.credentialsFor(url)).isEmpty();
        assertThat(n.credentialsFor(Url.parse("http://evil.com/?example.com"))).isEmpty();
        assertThat(n.credentialsFor(Url.parse("http://example.com.evil.com/"))).isEmpty();
        assertThat(n.credentialsFor(Url.parse("http://evil.com#@example.com"))).isEmpty();
    }

    @Test
    void exactHostMatchOnlyAndIdnAndIpv6() {
        Netrc n = Netrc.parse("machine sub.example.com login a password b\n"
                + "machine xn--bcher-kva.example login c password d\n"
                + "machine B\u00dcCHER.example login uc password ud\n"
                + "machine [::1] login e password f\nmachine 127.0.0.1 login g password h\n");
        assertThat(n.credentialsFor("example.com")).isEmpty();
        assertThat(n.credentialsFor("a.sub.example.com")).isEmpty();
        assertThat(n.credentialsFor(Url.parse("http://b\u00fccher.example/"))).hasValue(creds("c", "d"));
        Netrc unicode = Netrc.parse("machine b\u00fccher.example login uc password ud\n");
        assertThat(unicode.credentialsFor(Url.parse("http://B\u00dcCHER.example/"))).hasValue(creds("uc", "ud"));
        assertThat(n.credentialsFor(Url.parse("http://[::1]:8080/"))).hasValue(creds("e", "f"));
        assertThat(n.credentialsFor(Url.parse("http://127.0.0.1/"))).hasValue(creds("g", "h"));
    }

    @Test
    void firstEntryWinsAndDefaultAnywhere() {
        Netrc n = Netrc.parse("default login d password dp\nmachine h login first password 1\n"
                + "machine H login second password 2\ndefault login d2 password x\n");
        assertThat(n.credentialsFor("h")).hasValue(creds("first", "1"));
        assertThat(n.credentialsFor("x")).hasValue(creds("d", "dp"));
        assertThat(n.warnings()).containsExactly("line 3: second entry for the same machine ignored",
                "line 4: second 'default' entry ignored");
    }

    @Test
    void commentsAsCurlReadsThem() {
        Netrc n = Netrc.parse("""
                # a comment line
                machine h # trailing comment login nope
                  login u   # another
                  password pass#word
                    #password ignored
                """);
        assertThat(n.credentialsFor("h")).hasValue(creds("u", "pass#word"));
        assertThat(n.warnings()).isEmpty();
        // Where a value is due, '#' starts the value (a password may begin with it).
        assertThat(Netrc.parse("machine h login #u password #p # comment\n").credentialsFor("h"))
                .hasValue(creds("#u", "#p"));
    }

    @Test
    void quotedTokensWithEscapes() {
        Netrc n = Netrc.parse("machine h login \"us er\" password \"a\\\"b\\\\c\\nd\\te\\x\"\n"
                + "machine \"q\" login \"\" password p\"q\n");
        assertThat(n.credentialsFor("h")).hasValue(creds("us er", "a\"b\\c\nd\tex"));
        assertThat(n.credentialsFor("q")).hasValue(creds("", "p\"q"));
    }

    @Test
    void macdefBodyIsSkipped() {
        Netrc n = Netrc.parse("machine a login la password pa\n"
                + "macdef init\ncd /pub\nmachine evil login x password y\nbinary\n\n"
                + "machine b login lb password pb\n");
        assertThat(n.credentialsFor("a")).hasValue(creds("la", "pa"));
        assertThat(n.credentialsFor("b")).hasValue(creds("lb", "pb"));
        assertThat(n.credentialsFor("evil")).isEmpty();
        assertThat(n.machines()).containsExactly("a", "b");
        // CRLF files: "\r\n" alone is an empty line too.
        Netrc crlf = Netrc.parse("macdef m\r\nmachine evil login x\r\n\r\nmachine c login lc password pc\r\n");
        assertThat(crlf.machines()).containsExactly("c");
        assertThat(crlf.credentialsFor("c")).hasValue(creds("lc", "pc"));
    }

    @Test
    void keywordsIgnoreCaseAndValuesMayLookLikeKeywords() {
        Netrc n = Netrc.parse("MACHINE h LOGIN machine PASSWORD default\nmachine j login x\n");
        assertThat(n.credentialsFor("h")).hasValue(creds("machine", "default"));
        assertThat(n.credentialsFor("j")).hasValue(creds("x", ""));
    }

    @Test
    void malformedFilesGiveWhatParsedAndWarnings() {
        Netrc n = Netrc.parse("login early\nbogus\nmachine a login la password PWA1 extra\n"
                + "machine b login \"unterminated\nmachine c login lc password PWC3\nmachine d password");
        assertThat(n.credentialsFor("a")).hasValue(creds("la", "PWA1"));
        assertThat(n.credentialsFor("b")).isEmpty();
        assertThat(n.credentialsFor("c")).hasValue(creds("lc", "PWC3"));
        assertThat(n.credentialsFor("d")).hasValue(creds("", ""));
        assertThat(n.warnings()).containsExactly(
                "line 1: 'login' before any 'machine' ignored",
                "line 2: unknown token ignored",
                "line 3: unknown token in an entry ignored",
                "line 4: entry dropped: it has an unterminated quoted token",
                "line 6: 'password' without a value at the end of the file");
        assertThat(String.join("\n", n.warnings())).doesNotContain("PWA1").doesNotContain("PWC3");
        assertThat(Netrc.parse("machine").warnings()).containsExactly(
                "line 1: 'machine' without a name at the end of the file");
        assertThat(Netrc.parse("").credentialsFor("x")).isEmpty();
        assertThat(Netrc.parse("\"\"\"\\\n\u0000 # \"").machines()).isEmpty();
    }

    @Test
    void neverThrowsOnAnyPrefix() {
        String text = "machine a login \"x y\" password p # c\nmacdef m\nbody\n\ndefault login d password e\n";
        for (int i = 0; i <= text.length(); i++) {
            assertThat(Netrc.parse(text.substring(0, i))).isNotNull();
            assertThat(Netrc.parse(text.substring(i))).isNotNull();
        }
    }

    @Test
    void locateAndLoad(@TempDir Path home) throws IOException {
        assertThat(Netrc.locate(Map.of(), home, false)).isEmpty();
        assertThat(Netrc.loadDefault(Map.of(), home, false).credentialsFor("h")).isEmpty();
        Files.writeString(home.resolve("_netrc"), "machine h login win password w\n");
        assertThat(Netrc.locate(Map.of(), home, false)).isEmpty();
        assertThat(Netrc.locate(Map.of(), home, true)).hasValue(home.resolve("_netrc"));
        assertThat(Netrc.loadDefault(Map.of(), home, true).credentialsFor("h")).hasValue(creds("win", "w"));
        Files.writeString(home.resolve(".netrc"), "machine h login dot password d\n");
        assertThat(Netrc.locate(Map.of(), home, true)).hasValue(home.resolve(".netrc"));
        assertThat(Netrc.loadDefault(Map.of(), home, false).credentialsFor("h")).hasValue(creds("dot", "d"));

        Path custom = home.resolve("custom");
        Files.writeString(custom, "machine h login env password e\n");
        assertThat(Netrc.locate(Map.of("NETRC", custom.toString()), home, false)).hasValue(custom);
        assertThat(Netrc.loadDefault(Map.of("NETRC", custom.toString()), home, false).credentialsFor("h"))
                .hasValue(creds("env", "e"));
        assertThat(Netrc.locate(Map.of("NETRC", ""), home, false)).hasValue(home.resolve(".netrc"));

        // A NETRC that names a missing file: empty, with a warning; load() itself throws.
        Path missing = home.resolve("missing");
        Netrc none = Netrc.loadDefault(Map.of("NETRC", missing.toString()), home, false);
        assertThat(none.credentialsFor("h")).isEmpty();
        assertThat(none.warnings()).singleElement().asString().startsWith("cannot read " + missing);
        assertThatThrownBy(() -> Netrc.load(missing)).isInstanceOf(IOException.class);
        assertThat(Netrc.loadDefault(Map.of("NETRC", home.toString()), home, false).warnings()).hasSize(1);
    }

    @Test
    void loadReadsUtf8AndToleratesBadBytes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("n");
        Files.writeString(f, "machine h login j\u00e4s password p\u00e4ss\n", StandardCharsets.UTF_8);
        assertThat(Netrc.load(f).credentialsFor("h")).hasValue(creds("j\u00e4s", "p\u00e4ss"));
        Files.write(f, new byte[] {'m', 'a', 'c', 'h', 'i', 'n', 'e', ' ', 'h', ' ', 'l', 'o', 'g', 'i', 'n', ' ',
            (byte) 0xff, '\n'});
        Netrc n = Netrc.load(f);
        assertThat(n.credentialsFor("h")).hasValue(creds("\ufffd", ""));
        assertThat(n.warnings()).singleElement().asString().contains("not valid UTF-8");
        Files.write(f, new byte[Netrc.MAX_FILE_SIZE + 1]);
        assertThatThrownBy(() -> Netrc.load(f)).isInstanceOf(IOException.class).hasMessageContaining("larger");
    }

    @Test
    void toStringHasNoSecrets() {
        Netrc n = Netrc.parse("machine h login u password secret\ndefault login d password other\n");
        assertThat(n.toString()).isEqualTo("Netrc[machines=[h], default, warnings=0]");
        assertThat(Netrc.empty().credentialsFor("h")).isEmpty();
    }
}
