package dev.envoi.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envoi.core.HeaderName;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KnownFieldsTest {
    private static int lookup(String name) {
        byte[] b = ("xx" + name).getBytes(StandardCharsets.ISO_8859_1);
        return KnownFields.lookup(b, 2, b.length);
    }

    @Test
    void framingFieldsHaveFixedIdsInAnyCase() {
        assertThat(lookup("Content-Length")).isEqualTo(KnownFields.CONTENT_LENGTH);
        assertThat(lookup("CONTENT-LENGTH")).isEqualTo(KnownFields.CONTENT_LENGTH);
        assertThat(lookup("transfer-encoding")).isEqualTo(KnownFields.TRANSFER_ENCODING);
        assertThat(lookup("cOnNeCtIoN")).isEqualTo(KnownFields.CONNECTION);
    }

    @Test
    void nearMissesAreUnknown() {
        for (String s : new String[] {"Content-Lengt", "Content-Length2", "Content_Length", "Transfer-Encodinf",
                "Connection~", "Connectio^", "X", "", "A-Very-Long-Field-Name-That-Is-Not-Known-At-All"}) {
            assertThat(lookup(s)).as(s).isEqualTo(KnownFields.UNKNOWN);
        }
        // '^' | 0x20 is '~', so the comparison must not fold non-letters
        assertThat(lookup("Vary")).isNotEqualTo(KnownFields.UNKNOWN);
    }

    @Test
    void everyKnownNameIsFoundInEveryCase() throws Exception {
        java.lang.reflect.Field f = KnownFields.class.getDeclaredField("NAMES");
        f.setAccessible(true);
        String[] names = (String[]) f.get(null);
        for (int id = 0; id < names.length; id++) {
            assertThat(lookup(names[id])).as(names[id]).isEqualTo(id);
            assertThat(lookup(names[id].toUpperCase(java.util.Locale.ROOT))).isEqualTo(id);
            assertThat(lookup(names[id].toLowerCase(java.util.Locale.ROOT))).isEqualTo(id);
        }
    }

    @Test
    void namesAreInternedWhenSpelledCanonicallyOrInLowerCase() {
        byte[] canonical = "Content-Type".getBytes(StandardCharsets.ISO_8859_1);
        int id = lookup("Content-Type");
        assertThat(KnownFields.name(id, canonical, 0, canonical.length)).isSameAs(HeaderName.CONTENT_TYPE);
        byte[] lower = "content-type".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(KnownFields.name(id, lower, 0, lower.length)).isSameAs(KnownFields.name(id, lower, 0, lower.length));
        byte[] odd = "Content-TYPE".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(KnownFields.name(id, odd, 0, odd.length)).isEqualTo("Content-TYPE");
    }
}
