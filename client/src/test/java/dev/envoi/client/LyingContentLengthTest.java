package dev.envoi.client;

import dev.envoi.client.RawServer.Reply;
import dev.envoi.core.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 7.2: {@code Client.send} sized its buffer from the declared {@code Content-Length} (up to 8 MiB) before a
 * byte arrived, so 40 calls to servers that declare 4 EiB and send one byte ran a 256 MiB heap out of memory. The
 * buffer now grows with the bytes that arrive. Allocation is measured on the calling thread, which does all the
 * reading of {@code send}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LyingContentLengthTest {
    /** The calling thread's allocation counter (HotSpot's {@code com.sun.management}), read reflectively. */
    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Method m = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            return (long) m.invoke(bean);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    @Test
    void aHugeDeclaredLengthWithOneByteAllocatesLittle() throws Exception {
        assumeTrue(allocatedBytes() >= 0, "thread allocation counter not available");
        Reply lie = Reply.of(RawServer.After.KEEP, "HTTP/1.1 200 OK\r\nContent-Length: 4611686018427387904\r\n\r\nx",
                3_000);
        try (RawServer server = new RawServer(lie, lie);
                Client client = Client.builder()
                        .timeouts(Timeouts.of(Duration.ofSeconds(5), Duration.ofMillis(300))).build()) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/warm")).build())) // classes load here
                    .isInstanceOf(HttpTimeoutException.class);
            long before = allocatedBytes();
            assertThatThrownBy(() -> client.send(Request.get(server.url("/")).build()))
                    .isInstanceOf(HttpTimeoutException.class);
            long allocated = allocatedBytes() - before;
            // the whole call, connection and exception included; the bug alone allocated 8 MiB here
            assertThat(allocated).as("bytes allocated by the call").isLessThan(1024 * 1024);
            assertThat(client.leasedConnectionCount()).isZero();
        }
    }

    @Test
    void anHonestLengthIsReadExactlyWithoutDoublingPastIt() throws Exception {
        assumeTrue(allocatedBytes() >= 0, "thread allocation counter not available");
        int size = 3 * 1024 * 1024 + 17;
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (i * 31 + 7);
        }
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawServer server = new RawServer(Reply.of(RawServer.After.KEEP, head, body));
                Client client = Client.builder().build()) {
            client.send(Request.get(server.url("/warm")).build()); // not counted: classes load here
        }
        try (RawServer server = new RawServer(Reply.of(RawServer.After.KEEP, head, body));
                Client client = Client.builder().build()) {
            long before = allocatedBytes();
            Response r = client.send(Request.get(server.url("/")).build());
            long allocated = allocatedBytes() - before;
            assertThat(Arrays.equals(r.bytes(), body)).isTrue();
            // 64 KiB, then 8x, capped at the declared length: 64 KiB + 512 KiB + the body (it was 4x the body)
            assertThat(allocated).as("bytes allocated for a %d-byte body", size).isLessThan(size * 3L / 2 + 512 * 1024);
        }
    }

    @Test
    void aBodyOfUnknownLengthIsReadWhole() throws Exception {
        StringBuilder chunked = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String piece = "chunk " + i + " " + "z".repeat(i) + "\n";
            chunked.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
            expected.append(piece);
        }
        chunked.append("0\r\n\r\n");
        try (RawServer server = new RawServer(Reply.keep(chunked.toString()));
                Client client = Client.builder().build()) {
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo(expected.toString());
        }
    }

    @Test
    void theBodyLimitNamesTheWayOut() throws Exception {
        try (RawServer server = new RawServer(Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"));
                Client client = Client.builder().maxBodyBytes(9).build()) {
            assertThatThrownBy(() -> client.send(Request.get(server.url("/")).build()))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("maxBodyBytes").hasMessageContaining("Client.stream");
            assertThat(client.leasedConnectionCount()).isZero();
        }
        try (RawServer server = new RawServer(Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n012345678"));
                Client client = Client.builder().maxBodyBytes(9).build()) {
            assertThat(client.send(Request.get(server.url("/")).build()).text()).isEqualTo("012345678");
        }
    }
}
