package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentEncodingTest {

    /** Every printable ASCII character that the path keeps raw, and every one it encodes. */
    @Test
    void pathEncodeSetIsExactlyTheComplementOfRfc3986Path() {
        StringBuilder raw = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (char c = 0x21; c < 0x7F; c++) {
            if (c == '%') {
                continue;
            }
            String e = PercentEncoding.encodePath(String.valueOf(c));
            (e.equals(String.valueOf(c)) ? raw : encoded).append(c);
        }
        assertThat(raw).hasToString("!$&'()*+,-./0123456789:;=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~");
        assertThat(encoded).hasToString("\"#<>?[\\]^`{|}");
    }

    @Test
    void queryEncodeSetIsExactlyTheComplementOfRfc3986Query() {
        StringBuilder encoded = new StringBuilder();
        for (char c = 0x21; c < 0x7F; c++) {
            if (c != '%' && !PercentEncoding.encodeQuery(String.valueOf(c)).equals(String.valueOf(c))) {
                encoded.append(c);
            }
        }
        assertThat(encoded).hasToString("\"#<>[\\]^`{|}");
        assertThat(PercentEncoding.encodeFragment("a#b c?d/e")).isEqualTo("a%23b%20c?d/e");
    }

    @Test
    void formEncodeSetLeavesOnlyUnreserved() {
        StringBuilder raw = new StringBuilder();
        for (char c = 0x21; c < 0x7F; c++) {
            if (PercentEncoding.encodeFormComponent(String.valueOf(c)).equals(String.valueOf(c))) {
                raw.append(c);
            }
        }
        assertThat(raw).hasToString("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'/a b'          | /a%20b",
        "/%41%4a%4A      | /%41%4a%4A",
        "/100%           | /100%25",
        "/%              | /%25",
        "/%4             | /%254",
        "/%zz%20         | /%25zz%20",
        "/%%41           | /%25%41",
        "/ü              | /%C3%BC",
        "/€              | /%E2%82%AC",
        "/😀              | /%F0%9F%98%80",
        "/a:b@c;d=e      | /a:b@c;d=e",
        "'/\"<>'         | /%22%3C%3E",
    })
    void encodePathKeepsValidEscapesAndEncodesInvalidPercent(String input, String expected) {
        assertThat(PercentEncoding.encodePath(input)).isEqualTo(expected);
    }

    @Test
    void controlCharactersAreEncoded() {
        assertThat(PercentEncoding.encodePath("/\u0000\t\r\n\u007F")).isEqualTo("/%00%09%0D%0A%7F");
        assertThat(PercentEncoding.encodeQuery("a\r\nb")).isEqualTo("a%0D%0Ab");
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacter() {
        assertThat(PercentEncoding.encodePath("/\uD83D")).isEqualTo("/%EF%BF%BD");
        assertThat(PercentEncoding.encodePath("/\uDE00x")).isEqualTo("/%EF%BF%BDx");
    }

    @Test
    void plainEncodersTreatPercentAsData() {
        assertThat(PercentEncoding.encodePathSegment("a/b%41?#")).isEqualTo("a%2Fb%2541%3F%23");
        assertThat(PercentEncoding.encodeUserInfo("us:er@x%")).isEqualTo("us%3Aer%40x%25");
        assertThat(PercentEncoding.encodeFormComponent("100%")).isEqualTo("100%25");
    }

    @Test
    void formEncodingMatchesRequests() {
        // urllib.parse.quote_plus("a&b=c d+é#%~*") == "a%26b%3Dc+d%2B%C3%A9%23%25~%2A"
        assertThat(PercentEncoding.encodeFormComponent("a&b=c d+é#%~*")).isEqualTo("a%26b%3Dc+d%2B%C3%A9%23%25~%2A");
        assertThat(PercentEncoding.encodeForm(List.of(new QueryParameter("q", "x y"), new QueryParameter("a&b", ""))))
                .isEqualTo("q=x+y&a%26b=");
        assertThat(PercentEncoding.encodeForm(List.of())).isEmpty();
    }

    @Test
    void decoding() {
        assertThat(PercentEncoding.decode("caf%C3%A9")).isEqualTo("café");
        assertThat(PercentEncoding.decode("a+b%20c")).isEqualTo("a+b c");
        assertThat(PercentEncoding.decodeFormComponent("a+b%20c%2B")).isEqualTo("a b c+");
        assertThat(PercentEncoding.decode("100%")).isEqualTo("100%");
        assertThat(PercentEncoding.decode("%zz%4")).isEqualTo("%zz%4");
        assertThat(PercentEncoding.decode("%FF")).isEqualTo("\uFFFD");
        assertThat(PercentEncoding.decode("%C3")).isEqualTo("\uFFFD");
        assertThat(PercentEncoding.decode("ü%C3%BC")).isEqualTo("üü");
        assertThat(PercentEncoding.decode("plain")).isEqualTo("plain");
    }

    @Test
    void encodeThenDecodeRoundTrips() {
        String[] values = {"", "plain", "a b+c&d=e#f%g", "ü€😀", "\u0000\u001F\u007F", "%41", "/?:@"};
        for (String v : values) {
            assertThat(PercentEncoding.decodeFormComponent(PercentEncoding.encodeFormComponent(v))).isEqualTo(v);
            assertThat(PercentEncoding.decode(PercentEncoding.encodePathSegment(v))).isEqualTo(v);
            assertThat(PercentEncoding.decode(PercentEncoding.encodeUserInfo(v))).isEqualTo(v);
        }
    }

    @Test
    void normalizingIsIdempotent() {
        String[] inputs = {"/a b/%zz/%41/ü", "/100%/%", "/\"<>\\^`{|}"};
        for (String in : inputs) {
            String once = PercentEncoding.encodePath(in);
            assertThat(PercentEncoding.encodePath(once)).isEqualTo(once);
        }
    }

    @Test
    void urlParsingUsesTheSameSets() {
        Url url = Url.parse("http://a/p a|t\\h[1]^?q=\"x\" y|{z}'s#f r`ag");
        assertThat(url.encodedPath()).isEqualTo("/p%20a%7Ct%5Ch%5B1%5D%5E");
        assertThat(url.encodedQuery()).isEqualTo("q=%22x%22%20y%7C%7Bz%7D's");
        assertThat(url.encodedFragment()).isEqualTo("f%20r%60ag");
        assertThat(Url.parse("http://a/%41%zz?%%3d#%").toString()).isEqualTo("http://a/%41%25zz?%25%3d#%25");
    }
}
