package dev.envoi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void keepsOrderAndOriginalCaseAndMatchesNamesCaseInsensitively() {
        Headers h = Headers.builder()
                .add("Content-Type", "text/plain")
                .add("set-cookie", "a=1")
                .add("SET-COOKIE", "b=2")
                .build();
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.name(1)).isEqualTo("set-cookie");
        assertThat(h.name(2)).isEqualTo("SET-COOKIE");
        assertThat(h.get("content-type")).contains("text/plain");
        assertThat(h.all("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(h.combined("set-cookie")).contains("a=1, b=2");
        assertThat(h.contains("CONTENT-TYPE")).isTrue();
        assertThat(h.contains("Content-Length")).isFalse();
        assertThat(h.get("Content-Length")).isEmpty();
        assertThat(h.all("Content-Length")).isEmpty();
        assertThat(h.names()).containsExactly("Content-Type", "set-cookie");
    }

    @Test
    void setReplacesAllLinesAtThePositionOfTheFirst() {
        Headers h = Headers.of("A", "1", "B", "2", "a", "3", "C", "4");
        Headers changed = h.newBuilder().set("A", "x").build();
        assertThat(changed).isEqualTo(Headers.of("A", "x", "B", "2", "C", "4"));
        assertThat(h.newBuilder().set("D", "5").build().name(4)).isEqualTo("D");
        assertThat(h).isEqualTo(Headers.of("A", "1", "B", "2", "a", "3", "C", "4")); // unchanged
    }

    @Test
    void removeDropsEveryLineOfTheName() {
        Headers h = Headers.of("A", "1", "B", "2", "a", "3").newBuilder().remove("A").build();
        assertThat(h).isEqualTo(Headers.of("B", "2"));
        assertThat(Headers.of("A", "1").newBuilder().remove("a").build()).isSameAs(Headers.EMPTY);
    }

    @Test
    void equalityIgnoresNameCaseButNotValueCaseOrOrder() {
        assertThat(Headers.of("Accept", "x")).isEqualTo(Headers.of("accept", "x"));
        assertThat(Headers.of("Accept", "x").hashCode()).isEqualTo(Headers.of("ACCEPT", "x").hashCode());
        assertThat(Headers.of("Accept", "x")).isNotEqualTo(Headers.of("Accept", "X"));
        assertThat(Headers.of("A", "1", "B", "2")).isNotEqualTo(Headers.of("B", "2", "A", "1"));
    }

    @Test
    void trimsWhitespaceAroundValues() {
        assertThat(Headers.of("A", " \t 1 2 \t").value(0)).isEqualTo("1 2");
        assertThat(Headers.of("A", "").value(0)).isEmpty();
    }

    @Test
    void refusesCrLfNulAndOtherControlsInValues() {
        for (String bad : new String[] {"a\r\nX-Injected: 1", "a\nb", "a\rb", "a\0b", "a\u0001b", "a\u007fb"}) {
            assertThatThrownBy(() -> Headers.builder().add("X", bad))
                    .isInstanceOf(InvalidSyntaxException.class)
                    .hasMessageContaining("RFC 9110 §5.5")
                    .hasMessageContaining("at index 1")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\0"));
        }
        assertThatThrownBy(() -> Headers.builder().add("X", "caf\u20ac"))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageContaining("ISO-8859-1");
        assertThat(Headers.of("X", "caf\u00e9").value(0)).isEqualTo("caf\u00e9"); // obs-text is allowed
    }

    @Test
    void refusesNamesThatAreNotTokens() {
        for (String bad : new String[] {"", "Content Length", "A:B", "A\r\n", "Ü", "a\"b", "(x)"}) {
            assertThatThrownBy(() -> Headers.builder().add(bad, "v"))
                    .isInstanceOf(InvalidSyntaxException.class).hasMessageContaining("RFC 9110 §5.1");
        }
        assertThatThrownBy(() -> Headers.builder().set("A B", "v")).isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void rejectsNullsAndOddArguments() {
        assertThatThrownBy(() -> Headers.builder().add(null, "v")).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> Headers.builder().add("n", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> Headers.of("A")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderGrowsAndBuildsIndependentCopies() {
        Headers.Builder b = Headers.builder();
        for (int i = 0; i < 100; i++) {
            b.add("X-" + i, Integer.toString(i));
        }
        Headers first = b.build();
        b.add("Y", "y");
        assertThat(first.size()).isEqualTo(100);
        assertThat(b.build().size()).isEqualTo(101);
        assertThat(first.value(99)).isEqualTo("99");
        assertThat(first.toString()).startsWith("X-0: 0\nX-1: 1\n");
    }

    @Test
    void builtHeadersNeverChangeWhenTheirBuilderGoesOn() {
        Headers.Builder exact = Headers.builder(2).add("A", "1").add("B", "2");
        Headers built = exact.build();
        exact.set("A", "x").remove("B").add("C", "3");
        assertThat(built).isEqualTo(Headers.of("A", "1", "B", "2"));
        assertThat(exact.build()).isEqualTo(Headers.of("A", "x", "C", "3"));

        Headers original = Headers.of("A", "1", "B", "2");
        Headers.Builder derived = original.newBuilder();
        derived.set("B", "changed");
        derived.remove("A");
        assertThat(original).isEqualTo(Headers.of("A", "1", "B", "2"));
        assertThat(derived.build()).isEqualTo(Headers.of("B", "changed"));
        assertThat(Headers.builder(0).add("A", "1").build()).isEqualTo(Headers.of("A", "1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Headers.builder(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
