package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * URLs that are refused, with the index and rule the exception names. Tabs and newlines in the CSV
 * are Java escapes; other control characters are tested in {@link #controlCharactersInTheAuthority}.
 */
class MalformedUrlTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // whole input
        "''                              | 0  | RFC 3986 §3",
        "' http://a/'                    | 0  | RFC 3986 Appendix C",
        "'http://a/ '                    | 9  | RFC 3986 Appendix C",
        "'http://a/\n'                   | 9  | RFC 3986 Appendix C",
        "'\thttp://a/'                   | 0  | RFC 3986 Appendix C",
        // scheme and "//"
        "example.com/                    | 0  | RFC 3986 §3.1",
        "//example.com/                  | 0  | RFC 3986 §3.1",
        ":http://a/                      | 0  | RFC 3986 §3.1",
        "ftp://a/                        | 0  | RFC 9110 §4.2",
        "httpx://a/                      | 0  | RFC 9110 §4.2",
        "ws://a/                         | 0  | RFC 9110 §4.2",
        "javascript:alert(1)             | 0  | RFC 9110 §4.2",
        "http:example.com                | 5  | RFC 9110 §4.2.1",
        "http:/example.com               | 5  | RFC 9110 §4.2.1",
        "'http:\\\\example.com'          | 5  | RFC 9110 §4.2.1",
        // userinfo: one '@' at most (RFC 3986 §3.2.1; semantic attacks §7.6)
        "http://a@b@c/                   | 10 | RFC 3986 §3.2.1",
        "http://user:p@ss@example.com/   | 16 | RFC 3986 §3.2.1",
        // backslash and controls in the authority
        "'http://evil.com\\@good.com/'   | 15 | RFC 3986 §3.2",
        "'http://a\\b/'                  | 8  | RFC 3986 §3.2",
        "'http://u\\ser@a/'              | 8  | RFC 3986 §3.2",
        "'http://a\tb/'                  | 8  | RFC 3986 §3.2",
        // host
        "http:///path                    | 7  | RFC 9110 §4.2.1",
        "http://                         | 7  | RFC 9110 §4.2.1",
        "http://user@/                   | 12 | RFC 9110 §4.2.1",
        "http://:80/                     | 7  | RFC 9110 §4.2.1",
        "'http://exa mple.com/'          | 10 | RFC 3986 §3.2.2",
        "http://a%00b/                   | 7  | RFC 3986 §3.2.2",
        "http://a%20b/                   | 7  | RFC 3986 §3.2.2",
        "http://a%0Ab/                   | 7  | RFC 3986 §3.2.2",
        "http://a%25b/                   | 7  | RFC 3986 §3.2.2",
        "http://a%2Fb/                   | 7  | RFC 3986 §3.2.2",
        "http://a%zzb/                   | 8  | RFC 3986 §2.1",
        "http://a%FFb/                   | 7  | RFC 3986 §3.2.2",
        "http://a<b/                     | 8  | RFC 3986 §3.2.2",
        "http://a^b/                     | 8  | RFC 3986 §3.2.2",
        "'http://a|b/'                    | 8  | RFC 3986 §3.2.2",
        "http://a!b/                     | 8  | RFC 3986 §3.2.2",
        "http://a..b/                    | 7  | RFC 1034 §3.1",
        "http://.a/                      | 7  | RFC 1034 §3.1",
        "http://a]/                      | 8  | RFC 3986 §3.2.2",
        "http://a[b/                     | 8  | RFC 3986 §3.2.2",
        "http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/ | 7 | RFC 1034 §3.1",
        "http://xn--a.ex😀ample/           | 7  | RFC 3490 §4.1",
        // IPv4-looking hosts (RFC 3986 §7.4)
        "http://1.2.3.256/               | 7  | RFC 3986 §7.4",
        "http://1.2.3/                   | 7  | RFC 3986 §7.4",
        "http://1.2.3.4.5/               | 7  | RFC 3986 §7.4",
        "http://127.1/                   | 7  | RFC 3986 §7.4",
        "http://0x7f.1/                  | 7  | RFC 3986 §7.4",
        "http://0x7f000001/              | 7  | RFC 3986 §7.4",
        "http://2130706433/              | 7  | RFC 3986 §7.4",
        "http://010.0.0.1/               | 7  | RFC 3986 §7.4",
        "http://1.2.3.4./                | 7  | RFC 3986 §7.4",
        "http://example.123/             | 7  | RFC 3986 §7.4",
        "http://１２７.０.０.１.１/          | 7  | RFC 3986 §7.4",
        // port
        "http://a:b/                     | 9  | RFC 3986 §3.2.3",
        "http://a:+80/                   | 9  | RFC 3986 §3.2.3",
        "http://a:-80/                   | 9  | RFC 3986 §3.2.3",
        "'http://a: 80/'                 | 9  | RFC 3986 §3.2.3",
        "http://a:65536/                 | 9  | RFC 3986 §3.2.3",
        "http://a:99999999999999999999/  | 9  | RFC 3986 §3.2.3",
        "http://a:0/                     | 9  | RFC 6335 §6",
        "http://a:8080:80/               | 13 | RFC 3986 §3.2.2",
        "http://::1/                     | 8  | RFC 3986 §3.2.2",
        // IPv6 literals
        "http://[::1/                    | 7  | RFC 3986 §3.2.2",
        "http://[::1]x/                  | 12 | RFC 3986 §3.2.2",
        "http://[::1]:x/                  | 13 | RFC 3986 §3.2.3",
        "http://::1]/                    | 8  | RFC 3986 §3.2.2",
        "http://[]/                      | 8  | RFC 3986 §3.2.2",
        "http://[fe80::1%25eth0]/        | 15 | RFC 6874 §2",
        "http://[fe80::1%eth0]/          | 15 | RFC 6874 §2",
        "http://[v1.fe80::a]/            | 8  | RFC 3986 §3.2.2",
        "http://[1:2:3:4:5:6:7:8:9]/     | 24 | RFC 3986 §3.2.2",
        "http://[1:2:3:4:5:6:7]/         | 8  | RFC 3986 §3.2.2",
        "http://[1::2::3]/               | 12 | RFC 3986 §3.2.2",
        "http://[:1]/                    | 8  | RFC 3986 §3.2.2",
        "http://[1:]/                    | 9  | RFC 3986 §3.2.2",
        "http://[12345::]/               | 12 | RFC 3986 §3.2.2",
        "http://[g::1]/                  | 8  | RFC 3986 §3.2.2",
        "http://[1:2:3:4:5:6:7:8::]/     | 8  | RFC 3986 §3.2.2",
        "http://[::1.2.3.256]/           | 10 | RFC 3986 §3.2.2",
        "http://[1:2:3:4:5:6:7:1.2.3.4]/ | 22 | RFC 3986 §3.2.2",
        "http://[::01.2.3.4]/            | 10 | RFC 3986 §3.2.2",
        "http://[::1]]/                  | 12 | RFC 3986 §3.2.2",
        "http://[[::1]/                  | 8  | RFC 3986 §3.2.2",
        "http://[::1%]/                  | 11 | RFC 6874 §2",
    })
    void refusedWithIndexAndRule(String input, int index, String rfcSection) {
        InvalidSyntaxException e = catchThrowableOfType(InvalidSyntaxException.class, () -> Url.parse(input));
        assertThat(e).as("expected %s to be refused", input).isNotNull();
        assertThat(e.rfcSection()).as(e.getMessage()).isEqualTo(rfcSection);
        assertThat(e.index()).as(e.getMessage()).isEqualTo(index);
        assertThat(e.input()).isEqualTo(input);
        assertThat(e.getMessage()).contains("[" + rfcSection + "]");
    }

    @Test
    void controlCharactersInTheAuthority() {
        for (char c = 0; c < 0x20; c++) {
            assertRefused("http://a" + c + "b/", 8, "RFC 3986 §3.2");
            assertRefused("http://u" + c + "@b/", 8, "RFC 3986 §3.2");
            assertRefused("http://b:8" + c + "0/", 10, "RFC 3986 §3.2");
        }
        assertRefused("http://a\u007Fb/", 8, "RFC 3986 §3.2");
        assertRefused("http://a%7Fb/", 7, "RFC 3986 §3.2.2");
        assertRefused("http://a%01b/", 7, "RFC 3986 §3.2.2");
    }

    @Test
    void messagesEscapeControlCharacters() {
        InvalidSyntaxException e = catchThrowableOfType(InvalidSyntaxException.class,
                () -> Url.parse("http://a\r\nHost: evil/"));
        assertThat(e.getMessage()).doesNotContain("\r").doesNotContain("\n");
    }

    private static void assertRefused(String input, int index, String rfcSection) {
        InvalidSyntaxException e = catchThrowableOfType(InvalidSyntaxException.class, () -> Url.parse(input));
        assertThat(e).as("expected %s to be refused", input).isNotNull();
        assertThat(e.rfcSection()).as(e.getMessage()).isEqualTo(rfcSection);
        assertThat(e.index()).as(e.getMessage()).isEqualTo(index);
    }
}
