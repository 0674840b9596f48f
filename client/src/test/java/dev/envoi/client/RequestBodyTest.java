package dev.envoi.client;

import dev.envoi.core.MediaType;
import dev.envoi.core.QueryParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodyTest {

    static byte[] bytesOf(RequestBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    static String textOf(RequestBody body) throws IOException {
        return new String(bytesOf(body), StandardCharsets.UTF_8);
    }

    @Test
    void bytesAreCopiedAndReplayable() throws Exception {
        byte[] b = {1, 2, 3};
        RequestBody body = RequestBody.of(b, MediaType.parse("image/png"));
        b[0] = 9;
        assertThat(bytesOf(body)).containsExactly(1, 2, 3);
        assertThat(bytesOf(body)).containsExactly(1, 2, 3);
        assertThat(body.contentLength()).isEqualTo(OptionalLong.of(3));
        assertThat(body.contentType()).contains(MediaType.parse("image/png"));
        assertThat(body.isReplayable()).isTrue();
        assertThat(RequestBody.of(new byte[0]).contentType()).contains(MediaType.APPLICATION_OCTET_STREAM);
    }

    @Test
    void emptyBody() throws Exception {
        assertThat(RequestBody.empty().contentLength()).isEqualTo(OptionalLong.of(0));
        assertThat(RequestBody.empty().contentType()).isEmpty();
        assertThat(bytesOf(RequestBody.empty())).isEmpty();
    }

    @Test
    void textUsesTheCharsetOfTheMediaType() throws Exception {
        RequestBody utf8 = RequestBody.of("café");
        assertThat(utf8.contentType()).map(MediaType::toString).contains("text/plain; charset=UTF-8");
        assertThat(bytesOf(utf8)).isEqualTo("café".getBytes(StandardCharsets.UTF_8));
        assertThat(utf8.contentLength()).isEqualTo(OptionalLong.of(5));

        RequestBody latin = RequestBody.of("café", MediaType.parse("text/plain; charset=ISO-8859-1"));
        assertThat(bytesOf(latin)).containsExactly('c', 'a', 'f', 0xE9 - 256);
        assertThat(latin.contentType()).map(MediaType::toString).contains("text/plain; charset=ISO-8859-1");
    }

    @Test
    void textTypesWithoutCharsetGetUtf8Declared() throws Exception {
        assertThat(RequestBody.of("<p>", MediaType.TEXT_HTML).contentType()).map(MediaType::toString)
                .contains("text/html; charset=UTF-8");
        // Non-text types are left as given: application/json has no charset parameter (RFC 8259 §11).
        RequestBody json = RequestBody.of("{\"é\":1}", MediaType.APPLICATION_JSON);
        assertThat(json.contentType()).contains(MediaType.APPLICATION_JSON);
        assertThat(bytesOf(json)).isEqualTo("{\"é\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unencodableTextIsRefusedNotReplaced() {
        assertThatThrownBy(() -> RequestBody.of("5 €", MediaType.parse("text/plain; charset=ISO-8859-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 2");
        assertThatThrownBy(() -> RequestBody.of("x", MediaType.parse("text/plain; charset=no-such-charset")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported charset");
    }

    @Test
    void formIsUrlEncodedUtf8() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("q", "café & crème");
        fields.put("a+b", "1=2");
        RequestBody form = RequestBody.form(fields);
        assertThat(textOf(form)).isEqualTo("q=caf%C3%A9+%26+cr%C3%A8me&a%2Bb=1%3D2");
        assertThat(form.contentType()).contains(MediaType.APPLICATION_FORM_URLENCODED);
        assertThat(form.contentLength()).isEqualTo(OptionalLong.of(38));
        assertThat(textOf(RequestBody.form(List.of(new QueryParameter("x", "1"), new QueryParameter("x", "")))))
                .isEqualTo("x=1&x=");
        assertThat(textOf(RequestBody.form(Map.of()))).isEmpty();
    }

    @Test
    void jsonIsWrittenEagerly() throws Exception {
        RequestBody json = RequestBody.json(Map.of("key", "value"));
        assertThat(textOf(json)).isEqualTo("{\"key\":\"value\"}");
        assertThat(json.contentType()).contains(MediaType.APPLICATION_JSON);
        assertThat(json.contentLength()).isEqualTo(OptionalLong.of(15));
        assertThat(json.isReplayable()).isTrue();
        assertThatThrownBy(() -> RequestBody.json(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(textOf(RequestBody.json(null))).isEqualTo("null");
    }

    @Test
    void fileIsStreamedWithItsLength(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("data.json");
        byte[] content = new byte[100_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Files.write(f, content);
        RequestBody body = RequestBody.ofFile(f);
        assertThat(body.contentLength()).isEqualTo(OptionalLong.of(100_000));
        assertThat(body.contentType()).contains(MediaType.APPLICATION_JSON);
        assertThat(body.isReplayable()).isTrue();
        assertThat(bytesOf(body)).isEqualTo(content);
        assertThat(bytesOf(body)).isEqualTo(content);
        assertThat(RequestBody.ofFile(f, MediaType.TEXT_PLAIN).contentType()).contains(MediaType.TEXT_PLAIN);
        Path unknown = Files.write(dir.resolve("blob.xyz"), new byte[0]);
        assertThat(RequestBody.ofFile(unknown).contentType()).contains(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(bytesOf(RequestBody.ofFile(unknown))).isEmpty();
    }

    @Test
    void fileProblemsAreReported(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> RequestBody.ofFile(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> RequestBody.ofFile(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void fileThatChangesSizeFailsTheWrite(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("a.txt"), new byte[10]);
        RequestBody body = RequestBody.ofFile(f);
        Files.write(f, new byte[5]);
        assertThatThrownBy(() -> bytesOf(body)).isInstanceOf(IOException.class).hasMessageContaining("ended after 5");
        Files.write(f, new byte[11]);
        assertThatThrownBy(() -> bytesOf(body)).isInstanceOf(IOException.class).hasMessageContaining("more than");
    }

    @Test
    void streamIsOneShotAndClosed() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new FilterInputStream(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII))) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        RequestBody body = RequestBody.ofStream(in);
        assertThat(body.contentLength()).isEmpty();
        assertThat(body.isReplayable()).isFalse();
        assertThat(body.contentType()).contains(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(textOf(body)).isEqualTo("abc");
        assertThat(closed).isTrue();
        assertThatThrownBy(() -> bytesOf(body)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already written").hasMessageContaining("cannot be sent again");
    }

    @Test
    void streamOfKnownLengthIsChecked() throws Exception {
        RequestBody ok = RequestBody.ofStream(new ByteArrayInputStream(new byte[4]), MediaType.TEXT_PLAIN, 4);
        assertThat(ok.contentLength()).isEqualTo(OptionalLong.of(4));
        assertThat(bytesOf(ok)).hasSize(4);
        RequestBody shorter = RequestBody.ofStream(new ByteArrayInputStream(new byte[3]), MediaType.TEXT_PLAIN, 4);
        assertThatThrownBy(() -> bytesOf(shorter)).isInstanceOf(IOException.class);
        RequestBody longer = RequestBody.ofStream(new ByteArrayInputStream(new byte[5]), MediaType.TEXT_PLAIN, 4);
        assertThatThrownBy(() -> bytesOf(longer)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RequestBody.ofStream(InputStream.nullInputStream(), MediaType.TEXT_PLAIN, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customBodiesAreNotReplayableByDefault() {
        RequestBody custom = new RequestBody() {
            @Override
            public Optional<MediaType> contentType() {
                return Optional.empty();
            }

            @Override
            public OptionalLong contentLength() {
                return OptionalLong.empty();
            }

            @Override
            public void writeTo(OutputStream out) {
            }
        };
        assertThat(custom.isReplayable()).isFalse();
    }

    @Test
    void nullsAreRefusedByName() {
        assertThatThrownBy(() -> RequestBody.of((byte[]) null)).hasMessage("bytes");
        assertThatThrownBy(() -> RequestBody.of("x", null)).hasMessage("contentType");
        assertThatThrownBy(() -> RequestBody.form((Map<String, String>) null)).hasMessage("fields");
        assertThatThrownBy(() -> RequestBody.ofStream(null)).hasMessage("in");
        assertThatThrownBy(() -> RequestBody.ofFile(null)).hasMessage("file");
        assertThatThrownBy(() -> RequestBody.multipart(null)).hasMessage("multipart");
    }
}
