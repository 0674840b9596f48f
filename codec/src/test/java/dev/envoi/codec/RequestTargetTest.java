package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.codec.RequestTarget.Form;
import dev.envoi.core.InvalidSyntaxException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetTest {

    private static void assertRefused(Runnable r, String input, int index, String rfc, String reasonPart) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                    assertThat(e.input()).isEqualTo(input);
                    assertThat(e.index()).isEqualTo(index);
                    assertThat(e.rfcSection()).isEqualTo(rfc);
                })
                .hasMessageContaining(reasonPart);
    }

    @Nested
    class OriginForm {
        @ParameterizedTest
        @ValueSource(strings = {"/", "/where?q=now", "/pub/WWW/TheProject.html", "/a%20b%2F?x=%e2%82%ac&y",
            "/:@!$&'()*+,;=-._~", "/?", "/a?b?c/d", "//double"})
        void valid(String text) {
            RequestTarget t = RequestTarget.origin(text);
            assertThat(t.form()).isEqualTo(Form.ORIGIN);
            assertThat(t.toString()).isEqualTo(text);
            assertThat(t.authority()).isEmpty();
            assertThat(RequestTarget.parse(text)).isEqualTo(t);
        }

        @Test
        void mustStartWithSlash() {
            assertRefused(() -> RequestTarget.origin(""), "", 0, "RFC 9112 §3.2.1", "must start with '/'");
            assertRefused(() -> RequestTarget.origin("where"), "where", 0, "RFC 9112 §3.2.1", "must start with '/'");
            assertRefused(() -> RequestTarget.origin("?q"), "?q", 0, "RFC 9112 §3.2.1", "must start with '/'");
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
            "/a b ~ 2 ~ SP",
            "/a\tb ~ 2 ~ control character 0x09",
            "/a\u007fb ~ 2 ~ control character 0x7f",
            "/caf\u00e9 ~ 4 ~ non-ASCII character U+00E9",
            "/a%2 ~ 2 ~ pct-encoded",
            "/a%zz ~ 2 ~ pct-encoded",
            "/a% ~ 2 ~ pct-encoded",
            "/a{b} ~ 2 ~ '{'",
            "/a|b ~ 2 ~ '|'",
            "/a\\b ~ 2 ~ '\\'",
            "/a\"b ~ 2 ~ '\"'",
            "/a<b ~ 2 ~ '<'",
            "/[::1] ~ 1 ~ '['"})
        void refusesCharactersOutsideRfc3986(String text, int index, String reason) {
            assertRefused(() -> RequestTarget.origin(text), text, index, "RFC 9112 §3.2.1", reason);
        }

        @Test
        void refusesFragment() {
            assertRefused(() -> RequestTarget.origin("/page#section"), "/page#section", 5, "RFC 9112 §3.2.1",
                    "a fragment is never part of a request-target");
        }

        @Test
        void refusesLineBreakAndNulInjection() {
            String crlf = "/a HTTP/1.1\r\nHost: evil\r\n\r\n";
            assertRefused(() -> RequestTarget.origin(crlf), crlf, 2, "RFC 9112 §3.2.1", "SP");
            assertRefused(() -> RequestTarget.origin("/a\r\nX: y"), "/a\r\nX: y", 2, "RFC 9112 §3.2.1",
                    "control character 0x0d");
            assertRefused(() -> RequestTarget.origin("/a\nX: y"), "/a\nX: y", 2, "RFC 9112 §3.2.1",
                    "control character 0x0a");
            assertRefused(() -> RequestTarget.origin("/a\0"), "/a\0", 2, "RFC 9112 §3.2.1", "control character 0x00");
        }
    }

    @Nested
    class AbsoluteForm {
        @ParameterizedTest
        @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
            "http://www.example.org/pub/WWW/TheProject.html ~ www.example.org",
            "http://www.example.org:8001 ~ www.example.org:8001",
            "https://example.com?q=1 ~ example.com",
            "http://[::1]:8080/x ~ [::1]:8080",
            "http://[fe80::1%25eth0]/ ~ [fe80::1%25eth0]",
            "http://127.0.0.1/ ~ 127.0.0.1",
            "http://xn--bcher-kva.example/ ~ xn--bcher-kva.example",
            "http://a%2Db.example/ ~ a%2Db.example",
            "HTTP+x.y-z://host/ ~ host"})
        void valid(String text, String authority) {
            RequestTarget t = RequestTarget.absolute(text);
            assertThat(t.form()).isEqualTo(Form.ABSOLUTE);
            assertThat(t.toString()).isEqualTo(text);
            assertThat(t.authority()).isEqualTo(authority);
            assertThat(RequestTarget.parse(text)).isEqualTo(t);
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
            "http:/x ~ 4 ~ scheme",
            "//host/x ~ 0 ~ scheme",
            "1http://h/ ~ 0 ~ scheme",
            "`` ~ 0 ~ scheme",
            "http:// ~ 7 ~ empty host",
            "http:///path ~ 7 ~ empty host",
            "http://host:/ ~ 12 ~ port must be 1-65535",
            "http://host:99999/ ~ 12 ~ port must be 1-65535",
            "http://host:123456/ ~ 17 ~ port must be 1 to 5 digits",
            "http://host:8a/ ~ 13 ~ port must be 1 to 5 digits",
            "http://user@host/ ~ 11 ~ userinfo",
            "http://user:pw@host/ ~ 14 ~ userinfo",
            "http://host/a#f ~ 13 ~ fragment",
            "http://ho st/ ~ 9 ~ SP",
            "http://h\u00f6st/ ~ 8 ~ non-ASCII",
            "http://[::1/ ~ 11 ~ missing its closing ']'",
            "http://[::1]x/ ~ 12 ~ expected ':' port",
            "http://[1.2.3.4]/ ~ 7 ~ IPv6",
            "http://[::g]/ ~ 10 ~ 'g'",
            "http://[fe80::1%eth0]/ ~ 15 ~ '%'",
            "http://[fe80::1%25]/ ~ 15 ~ '%'"})
        void refused(String text, int index, String reason) {
            assertRefused(() -> RequestTarget.absolute(text), text, index, "RFC 9112 §3.2.2", reason);
        }
    }

    @Nested
    class AuthorityForm {
        @Test
        void hostAndPort() {
            RequestTarget t = RequestTarget.authority("server.example.com", 80);
            assertThat(t.form()).isEqualTo(Form.AUTHORITY);
            assertThat(t.toString()).isEqualTo("server.example.com:80");
            assertThat(t.authority()).isEqualTo("server.example.com:80");
            assertThat(RequestTarget.parse("server.example.com:80")).isEqualTo(t);
        }

        @Test
        void ipv6IsBracketed() {
            assertThat(RequestTarget.authority("::1", 8443).toString()).isEqualTo("[::1]:8443");
            assertThat(RequestTarget.authority("[::1]", 8443).toString()).isEqualTo("[::1]:8443");
            assertThat(RequestTarget.authority("2001:db8::7", 443).toString()).isEqualTo("[2001:db8::7]:443");
            assertThat(RequestTarget.parse("[2001:db8::7]:443").form()).isEqualTo(Form.AUTHORITY);
        }

        @Test
        void ipv4() {
            assertThat(RequestTarget.authority("127.0.0.1", 65535).toString()).isEqualTo("127.0.0.1:65535");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 65536})
        void portOutOfRange(int port) {
            assertThatThrownBy(() -> RequestTarget.authority("example.com", port))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("port must be 1-65535");
        }

        @Test
        void refusesBadHosts() {
            assertRefused(() -> RequestTarget.authority("", 443), ":443", 0, "RFC 9112 §3.2.3", "empty host");
            assertRefused(() -> RequestTarget.authority("a b", 443), "a b:443", 1, "RFC 9112 §3.2.3", "SP");
            assertRefused(() -> RequestTarget.authority("a/b", 443), "a/b:443", 1, "RFC 9112 §3.2.3", "'/'");
            assertRefused(() -> RequestTarget.authority("u@h", 443), "u@h:443", 1, "RFC 9112 §3.2.3", "userinfo");
            assertRefused(() -> RequestTarget.authority("h\r\nX", 443), "h\r\nX:443", 1, "RFC 9112 §3.2.3",
                    "control character 0x0d");
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
            "example.com ~ 11 ~ needs \":\" port",
            "example.com: ~ 12 ~ port must be 1-65535",
            "example.com:0 ~ 12 ~ port must be 1-65535",
            "a:b:443 ~ 2 ~ port must be 1 to 5 digits",
            "[::1] ~ 5 ~ needs \":\" port",
            "::1:443 ~ 0 ~ empty host"})
        void parseRefused(String text, int index, String reason) {
            assertRefused(() -> RequestTarget.parse(text), text, index, "RFC 9112 §3.2.3", reason);
        }
    }

    @Test
    void asterisk() {
        assertThat(RequestTarget.asterisk().form()).isEqualTo(Form.ASTERISK);
        assertThat(RequestTarget.asterisk().toString()).isEqualTo("*");
        assertThat(RequestTarget.parse("*")).isSameAs(RequestTarget.asterisk());
    }

    @Test
    void parseRefusesEmptyAndDecidesByFirstCharacter() {
        assertRefused(() -> RequestTarget.parse(""), "", 0, "RFC 9112 §3.2", "empty request-target");
        // "localhost:8080" has a scheme-like prefix but no "//": it is authority-form
        assertThat(RequestTarget.parse("localhost:8080").form()).isEqualTo(Form.AUTHORITY);
    }

    @Test
    void equalityIsByText() {
        assertThat(RequestTarget.origin("/a")).isEqualTo(RequestTarget.parse("/a"))
                .hasSameHashCodeAs(RequestTarget.origin("/a"))
                .isNotEqualTo(RequestTarget.origin("/A"));
    }

    @Test
    void nullArguments() {
        assertThatThrownBy(() -> RequestTarget.origin(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("pathAndQuery");
        assertThatThrownBy(() -> RequestTarget.parse(null)).hasMessage("text");
    }
}
