package dev.envoi.client.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliArgumentsTest {

    @Test
    void plainUrlIsAGet() throws Exception {
        CliArguments a = CliArguments.parse("https://example.com/x");
        assertThat(a.effectiveMethod()).isEqualTo("GET");
        assertThat(a.url()).isEqualTo("https://example.com/x");
        assertThat(a.headers()).isEmpty();
        assertThat(a.verbose()).isFalse();
        assertThat(a.follow()).isTrue();
    }

    @Test
    void curlSpellings() throws Exception {
        CliArguments a = CliArguments.parse("-X", "PUT", "-H", "X-A:  1 ", "--header=X-B: two words", "-HX-C:3",
                "-d", "a=b", "-v", "example.com:8080/p", "--no-follow");
        assertThat(a.effectiveMethod()).isEqualTo("PUT");
        assertThat(a.headers()).extracting(h -> h[0] + "=" + h[1]).containsExactly("X-A=1", "X-B=two words", "X-C=3");
        assertThat(a.data()).isEqualTo("a=b");
        assertThat(a.verbose()).isTrue();
        assertThat(a.follow()).isFalse();
        assertThat(a.url()).isEqualTo("http://example.com:8080/p");
        assertThat(CliArguments.parse("-XDELETE", "--request=PATCH", "h").method()).isEqualTo("PATCH");
    }

    @Test
    void dataMeansPost() throws Exception {
        assertThat(CliArguments.parse("--data", "x", "http://h/").effectiveMethod()).isEqualTo("POST");
        assertThat(CliArguments.parse("-d", "", "http://h/").effectiveMethod()).isEqualTo("POST");
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        assertThat(CliArguments.parse("--", "-weird").url()).isEqualTo("http://-weird");
    }

    @Test
    void helpAndVersionNeedNoUrl() throws Exception {
        assertThat(CliArguments.parse("-h").help()).isTrue();
        assertThat(CliArguments.parse("--version").version()).isTrue();
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> CliArguments.parse()).hasMessage("no URL given");
        assertThatThrownBy(() -> CliArguments.parse("-X")).hasMessage("-X needs a value");
        assertThatThrownBy(() -> CliArguments.parse("-X", "GE T", "u")).hasMessageContaining("not a method name");
        assertThatThrownBy(() -> CliArguments.parse("-H", "NoColon", "u")).hasMessageContaining("'Name: value'");
        assertThatThrownBy(() -> CliArguments.parse("-H", "Bad Name: v", "u")).hasMessageContaining("not a header name");
        assertThatThrownBy(() -> CliArguments.parse("-H", "X: a\rb", "u")).hasMessageContaining("index 1");
        assertThatThrownBy(() -> CliArguments.parse("--frobnicate", "u")).hasMessage("unknown option: --frobnicate");
        assertThatThrownBy(() -> CliArguments.parse("a", "b")).hasMessage("more than one URL: a and b");
        assertThatThrownBy(() -> CliArguments.parse("--verbose=yes", "u")).hasMessage("--verbose takes no value");
    }
}
