package dev.envoi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The fast path is taken: in the steady state a parser allocates nothing per message when only the
 * status code, the field count and the body views are used (STYLE.md: prove fast paths are taken).
 */
class AllocationTest {
    private static final String TYPICAL = "HTTP/1.1 200 OK\r\n"
            + "Date: Mon, 23 Nov 2026 19:30:00 GMT\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n"
            + "Content-Length: 16\r\n"
            + "Connection: keep-alive\r\n"
            + "Cache-Control: private, max-age=0\r\n"
            + "ETag: W/\"10-abc\"\r\n"
            + "Vary: Accept-Encoding\r\n"
            + "X-Unknown-Field: with a value\r\n"
            + "set-cookie: a=b; Path=/\r\n"
            + "\r\n"
            + "{\"hello\":\"you\"}\n";
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Checksum: 1\r\n\r\n";

    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Method m = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            return (long) m.invoke(bean);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return -1;
        }
    }

    private static long parseMany(ResponseParser p, ByteBuffer in, int times) throws Exception {
        long sum = 0;
        for (int i = 0; i < times; i++) {
            in.clear();
            ParseEvent e;
            while ((e = p.parse(in)) != ParseEvent.MESSAGE_COMPLETE) {
                if (e == ParseEvent.HEAD) {
                    sum += p.statusCode() + p.fieldCount();
                } else if (e == ParseEvent.BODY) {
                    sum += p.body().remaining();
                }
            }
        }
        return sum;
    }

    @Test
    void steadyStateParsingAllocatesNothing() throws Exception {
        assumeTrue(allocatedBytes() >= 0, "thread allocation counter not available");
        for (String message : new String[] {TYPICAL, CHUNKED}) {
            ResponseParser p = new ResponseParser();
            ByteBuffer in = ByteBuffer.wrap(Feed.bytes(message));
            parseMany(p, in, 20_000); // warm up: buffers grown, views made, code compiled
            long before = allocatedBytes();
            parseMany(p, in, 10_000);
            long perMessage = (allocatedBytes() - before) / 10_000;
            assertThat(perMessage).as("bytes allocated per message").isZero();
        }
    }

    @Test
    void wellKnownNamesDoNotAllocate() throws Exception {
        assumeTrue(allocatedBytes() >= 0, "thread allocation counter not available");
        ResponseParser p = new ResponseParser();
        ByteBuffer in = ByteBuffer.wrap(Feed.bytes(TYPICAL));
        parseMany(p, in, 1);
        in.clear();
        p.parse(in);
        long sum = 0;
        for (int k = 0; k < 20_000; k++) {
            for (int i = 0; i < 8; i++) {
                sum += p.fieldName(i).length();
            }
        }
        long before = allocatedBytes();
        for (int k = 0; k < 10_000; k++) {
            for (int i = 0; i < 8; i++) { // the known names, canonical or lower case; not X-Unknown-Field
                sum += p.fieldName(i == 7 ? 8 : i).length();
            }
        }
        assertThat((allocatedBytes() - before) / 10_000).isZero();
        assertThat(sum).isPositive();
    }

    /** A typical response head with 15 field lines, 12 of them well-known names. */
    static final String FIFTEEN_FIELDS = "HTTP/1.1 200 OK\r\n"
            + "Date: Mon, 23 Nov 2026 19:30:00 GMT\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n"
            + "Content-Length: 16\r\n"
            + "Connection: keep-alive\r\n"
            + "Cache-Control: private, max-age=0\r\n"
            + "ETag: W/\"10-abc\"\r\n"
            + "Vary: Accept-Encoding\r\n"
            + "Server: envoi-test\r\n"
            + "Last-Modified: Mon, 23 Nov 2026 19:00:00 GMT\r\n"
            + "Accept-Ranges: bytes\r\n"
            + "Strict-Transport-Security: max-age=31536000\r\n"
            + "X-Content-Type-Options: nosniff\r\n"
            + "X-Request-Id: 4f2a9c\r\n"
            + "set-cookie: a=b; Path=/\r\n"
            + "Expires: -1\r\n"
            + "\r\n"
            + "{\"hello\":\"you\"}\n";

    /**
     * head() on a 15-field response allocates the 15 value strings (unavoidable: Headers holds
     * Strings) and a fixed overhead: the builder, its storage handed to the Headers without a copy
     * ({@code Headers.builder(fieldCount())}), the Headers and the ResponseHead. Well-known names and
     * the registered reason phrase ("OK") are shared constants. Measured on JDK 17 (compressed oops):
     * 1344 bytes before the exact-size builder and the shared reason, about 1050-1070 after, of which
     * 216 are not the value strings.
     */
    @Test
    void headAllocatesTheValuesAndAFixedOverhead() throws Exception {
        assumeTrue(allocatedBytes() >= 0, "thread allocation counter not available");
        ResponseParser p = new ResponseParser();
        ByteBuffer in = ByteBuffer.wrap(Feed.bytes(FIFTEEN_FIELDS));
        assertThat(p.parse(in)).isEqualTo(ParseEvent.HEAD);
        assertThat(p.fieldCount()).isEqualTo(15);
        long sum = 0;
        for (int k = 0; k < 50_000; k++) {
            sum += p.head().headers().size() + values(p);
        }
        long before = allocatedBytes();
        for (int k = 0; k < 10_000; k++) {
            sum += values(p);
        }
        long perValues = (allocatedBytes() - before) / 10_000;
        before = allocatedBytes();
        for (int k = 0; k < 10_000; k++) {
            sum += p.head().headers().size();
        }
        long perHead = (allocatedBytes() - before) / 10_000;
        System.out.println("AllocationTest: head() on a 15-field response allocates " + perHead
                + " bytes, of which " + perValues + " are the 15 values");
        assertThat(sum).isPositive();
        // builder ~24 + String[30] ~136 + Headers ~24 + ResponseHead ~32; a second array (a copy) would not fit
        assertThat(perHead - perValues).as("bytes per head() besides the values").isLessThanOrEqualTo(256);
    }

    private static int values(ResponseParser p) {
        int n = 0;
        for (int i = 0; i < p.fieldCount(); i++) {
            n += p.fieldValue(i).length();
        }
        return n;
    }
}
