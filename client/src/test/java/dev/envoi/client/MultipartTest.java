package dev.envoi.client;

import dev.envoi.core.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static dev.envoi.client.RequestBodyTest.bytesOf;
import static dev.envoi.client.RequestBodyTest.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** multipart/form-data (RFC 7578) byte for byte, with a fixed boundary. */
class MultipartTest {
    private static final String B = "XyZ";

    @Test
    void fieldsAndFilesByteForByte(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "line 1\nline 2\n");
        Multipart m = Multipart.builder().boundary(B)
                .field("title", "Holiday")
                .file("upload", file)
                .part("meta", RequestBody.json(Map.of("k", 1)))
                .part("raw", RequestBody.of(new byte[] {0, 1}), "a.bin")
                .build();
        String expected = ""
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n"
                + "\r\n"
                + "Holiday\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "line 1\nline 2\n\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"meta\"\r\n"
                + "Content-Type: application/json\r\n"
                + "\r\n"
                + "{\"k\":1}\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"raw\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "\r\n"
                + "\u0000\u0001\r\n"
                + "--XyZ--\r\n";
        RequestBody body = RequestBody.multipart(m);
        assertThat(textOf(body)).isEqualTo(expected);
        assertThat(body.contentLength()).isEqualTo(OptionalLong.of(expected.length()));
        assertThat(body.contentType()).map(MediaType::toString).contains("multipart/form-data; boundary=XyZ");
        assertThat(body.isReplayable()).isTrue();
        assertThat(textOf(body)).isEqualTo(expected);
        assertThat(m.size()).isEqualTo(4);
    }

    @Test
    void namesAndFilenamesAreEscapedAsBrowsersDo() throws Exception {
        Multipart m = Multipart.builder().boundary(B)
                .part("a\"b\r\nc\\d", RequestBody.of(new byte[0], MediaType.TEXT_PLAIN), "résumé \"final\"\n.pdf")
                .build();
        byte[] expected = ("--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"a%22b%0D%0Ac\\d\"; filename=\"résumé %22final%22%0A.pdf\"\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "\r\n"
                + "--XyZ--\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(bytesOf(RequestBody.multipart(m))).isEqualTo(expected);
        assertThat(new String(expected, StandardCharsets.UTF_8)).doesNotContain("filename*");
    }

    @Test
    void fieldValuesAreUtf8WithoutContentType() throws Exception {
        Multipart m = Multipart.builder().boundary(B).field("q", "café\r\n").build();
        assertThat(bytesOf(RequestBody.multipart(m))).isEqualTo(("--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"q\"\r\n\r\n"
                + "café\r\n\r\n--XyZ--\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fileWithExplicitNameAndType(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("x"), new byte[] {'z'});
        Multipart m = Multipart.builder().boundary(B)
                .file("f", file, "日本.png", MediaType.parse("image/png")).build();
        assertThat(textOf(RequestBody.multipart(m))).isEqualTo("--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"f\"; filename=\"日本.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nz\r\n--XyZ--\r\n");
    }

    @Test
    void streamPartsMakeTheLengthUnknownAndTheBodyOneShot() throws Exception {
        Multipart m = Multipart.builder().boundary(B)
                .field("a", "1")
                .part("s", RequestBody.ofStream(new ByteArrayInputStream("data".getBytes(StandardCharsets.US_ASCII))), "s.bin")
                .build();
        RequestBody body = RequestBody.multipart(m);
        assertThat(body.contentLength()).isEmpty();
        assertThat(body.isReplayable()).isFalse();
        assertThat(textOf(body)).endsWith("\r\n\r\ndata\r\n--XyZ--\r\n");
        assertThatThrownBy(() -> bytesOf(body)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPartThatMisstatesItsLengthFailsTheWrite() {
        RequestBody liar = new RequestBody() {
            @Override
            public java.util.Optional<MediaType> contentType() {
                return java.util.Optional.empty();
            }

            @Override
            public OptionalLong contentLength() {
                return OptionalLong.of(10);
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(new byte[3]);
            }
        };
        RequestBody body = RequestBody.multipart(Multipart.builder().boundary(B).part("l", liar).build());
        assertThatThrownBy(() -> bytesOf(body)).isInstanceOf(IOException.class)
                .hasMessageContaining("wrote 3 bytes but declared 10");
    }

    @Test
    void randomBoundariesAreLongRandomAndValid() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String b = Multipart.builder().field("a", "b").build().boundary();
            assertThat(b).hasSize(38).startsWith("envoi-").matches("[0-9A-Za-z-]+");
            assertThat(Multipart.isValidBoundary(b)).isTrue();
            seen.add(b);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void boundaryNeverAppearsInInMemoryParts() {
        assertThatThrownBy(() -> Multipart.builder().boundary(B).field("a", "abc--XyZ--").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("occurs in a part");
        Multipart m = Multipart.builder().field("a", "x").build();
        String used = m.boundary();
        // A new form whose content holds that boundary gets another one.
        Multipart again = m.newBuilder().field("b", "--" + used).build();
        assertThat(again.boundary()).isNotEqualTo(used);
        assertThat(again.size()).isEqualTo(2);
    }

    @Test
    void invalidFormsAreRefused() {
        assertThatThrownBy(() -> Multipart.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one part");
        assertThatThrownBy(() -> Multipart.builder().boundary("a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multipart.builder().boundary("x".repeat(71))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multipart.builder().boundary("ends ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multipart.builder().field(null, "v")).hasMessage("name");
        assertThatThrownBy(() -> Multipart.builder().file("f", Path.of("/no/such/file"))).isInstanceOf(IOException.class);
    }

    @Test
    void quotedBoundaryInContentType() {
        Multipart m = Multipart.builder().boundary("a b:c").field("x", "y").build();
        assertThat(m.contentType().toString()).isEqualTo("multipart/form-data; boundary=\"a b:c\"");
        assertThat(m.contentType().parameter("boundary")).contains("a b:c");
    }

    @Test
    void newBuilderKeepsAFixedBoundary() throws Exception {
        Multipart m = Multipart.builder().boundary(B).field("a", "1").build();
        Multipart more = m.newBuilder().field("b", "2").build();
        assertThat(more.boundary()).isEqualTo(B);
        assertThat(textOf(RequestBody.multipart(more))).isEqualTo("--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n"
                + "--XyZ--\r\n");
    }

    @Test
    void largeFilePartIsStreamedNotLoaded(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.bin");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(64L * 1024 * 1024 - 1);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {7}));
        }
        RequestBody body = RequestBody.multipart(Multipart.builder().boundary(B).file("f", big).build());
        long heads = ("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").length() + 2 + "--XyZ--\r\n".length();
        assertThat(body.contentLength()).isEqualTo(OptionalLong.of(64L * 1024 * 1024 + heads));
        long[] count = {0};
        int[] last = {-1};
        body.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
                // No single write is anywhere near the file's size: it is copied in small chunks.
                assertThat(len).isLessThanOrEqualTo(64 * 1024);
                last[0] = len;
            }
        });
        assertThat(count[0]).isEqualTo(body.contentLength().getAsLong());
    }
}
