package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void parametersAreDecodedInOrder() {
        Url url = Url.parse("http://a/?a=1&b=x+y&a=%26&c&=v&d=e=f&&");
        assertThat(url.queryParameters()).containsExactly(
                new QueryParameter("a", "1"),
                new QueryParameter("b", "x y"),
                new QueryParameter("a", "&"),
                new QueryParameter("c", ""),
                new QueryParameter("", "v"),
                new QueryParameter("d", "e=f"));
        assertThat(url.queryParameter("a")).isEqualTo("1");
        assertThat(url.queryParameter("c")).isEmpty();
        assertThat(url.queryParameter("missing")).isNull();
        assertThat(url.queryParameterValues("a")).containsExactly("1", "&");
        assertThat(url.queryParameterValues("missing")).isEmpty();
    }

    @Test
    void nonAsciiAndSpacesInParsedQueryDecodeBack() {
        Url url = Url.parse("http://a/?name=Zoë Saldaña&emoji=😀");
        assertThat(url.encodedQuery()).isEqualTo("name=Zo%C3%AB%20Salda%C3%B1a&emoji=%F0%9F%98%80");
        assertThat(url.queryParameter("name")).isEqualTo("Zoë Saldaña");
        assertThat(url.queryParameter("emoji")).isEqualTo("😀");
    }

    @Test
    void absentAndEmptyQuery() {
        assertThat(Url.parse("http://a/").queryParameter("x")).isNull();
        assertThat(Url.parse("http://a/").queryParameterValues("x")).isEmpty();
        assertThat(Url.parse("http://a/?").queryParameters()).isEmpty();
    }

    @Test
    void builderEncodesReservedCharactersInNamesAndValues() {
        Url url = Url.parse("http://example.com/search").newBuilder()
                .addQueryParameter("q", "a&b=c+d #e%f")
                .addQueryParameter("na me", "ü")
                .addQueryParameter("empty", "")
                .build();
        assertThat(url.encodedQuery()).isEqualTo("q=a%26b%3Dc%2Bd+%23e%25f&na+me=%C3%BC&empty=");
        assertThat(url.queryParameter("q")).isEqualTo("a&b=c+d #e%f");
        assertThat(url.queryParameter("na me")).isEqualTo("ü");
        assertThat(url.queryParameter("empty")).isEmpty();
        assertThat(url).hasToString("http://example.com/search?q=a%26b%3Dc%2Bd+%23e%25f&na+me=%C3%BC&empty=");
    }

    @Test
    void addKeepsExistingQueryAsWritten() {
        Url url = Url.parse("http://a/?x=%7e&y").newBuilder().addQueryParameter("z", "1").build();
        assertThat(url.encodedQuery()).isEqualTo("x=%7e&y&z=1");
        Url fromEmpty = Url.parse("http://a/?").newBuilder().addQueryParameter("z", "1").build();
        assertThat(fromEmpty.encodedQuery()).isEqualTo("z=1");
    }

    @Test
    void setAndRemoveMatchDecodedNames() {
        Url url = Url.parse("http://a/?a=1&b=2&%61=3&a+b=4&c=5");
        assertThat(url.newBuilder().setQueryParameter("a", "9").build().encodedQuery())
                .isEqualTo("b=2&a+b=4&c=5&a=9");
        assertThat(url.newBuilder().removeQueryParameters("a b").build().encodedQuery())
                .isEqualTo("a=1&b=2&%61=3&c=5");
        Url emptied = Url.parse("http://a/?a=1").newBuilder().removeQueryParameters("a").build();
        assertThat(emptied.encodedQuery()).isNull();
        assertThat(emptied).hasToString("http://a/");
        assertThat(Url.parse("http://a/").newBuilder().removeQueryParameters("a").build()).hasToString("http://a/");
    }

    @Test
    void encodedQuerySetterNormalizes() {
        Url url = Url.builder().host("a").encodedQuery("x=a b&y=%41%&z=#").build();
        assertThat(url.encodedQuery()).isEqualTo("x=a%20b&y=%41%25&z=%23");
        assertThat(url.newBuilder().encodedQuery(null).build()).hasToString("http://a/");
    }
}
