package dev.envoi.client.reliability;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The soak's server on 127.0.0.1: cheap (a small hand parser, every response encoded once up front),
 * thread per connection, and faulty on purpose. After reading a request, a seeded random draw on
 * the connection decides whether this exchange ends the connection with a {@link Fault}: about one
 * request in {@link #FAULT_PER_MILLE}/1000. It records the id of every POST whose head it read, so
 * the soak can prove no non-idempotent request arrived twice.
 *
 * <p>Requests: {@code GET|POST /s/<k><m>} where {@code k} indexes {@link SoakBodies#BODIES} and
 * {@code m} is {@code l} (Content-Length) or {@code c} (chunked); a POST carries
 * {@code X-Request-Id: <n>} and the body {@link SoakBodies#postBody(int)}, which is checked (a 400
 * if it differs).
 */
final class SoakServer implements AutoCloseable {
    /** Faults per 1000 requests. */
    static final int FAULT_PER_MILLE = 100;
    private static final int MAX_HEAD = 8192;

    /** How a faulty exchange ends its connection. */
    enum Fault {
        /** The request was read, then a TCP reset, no response. */
        RESET_BEFORE_RESPONSE,
        /** Half the response, then a close (FIN). */
        CLOSE_MID_RESPONSE,
        /** Half the response, then a reset. */
        RESET_MID_RESPONSE,
        /** The whole response, then a close while the connection is idle. */
        CLOSE_AFTER_RESPONSE,
        /** The whole response, then a reset when the next request starts or after 20 ms idle. */
        RESET_AFTER_RESPONSE
    }

    private final ServerSocket server;
    private final long seed;
    private final Thread acceptor;
    private final byte[][] responses;
    private final byte[] badRequest = ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    private final AtomicIntegerArray postsSeen;
    private final AtomicLongArray faults = new AtomicLongArray(Fault.values().length);
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong badPosts = new AtomicLong();
    private final ConcurrentHashMap.KeySetView<Socket, Boolean> open = ConcurrentHashMap.newKeySet();

    SoakServer(long seed, int maxRequestId) throws IOException {
        this.seed = seed;
        this.postsSeen = new AtomicIntegerArray(maxRequestId);
        this.responses = new byte[SoakBodies.BODIES.length * 2][];
        for (int k = 0; k < SoakBodies.BODIES.length; k++) {
            responses[2 * k] = SoakBodies.contentLengthResponse(k);
            responses[2 * k + 1] = SoakBodies.chunkedResponse(k);
        }
        this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "soak-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    long connections() {
        return connections.get();
    }

    long requests() {
        return requests.get();
    }

    long badPosts() {
        return badPosts.get();
    }

    /** How many times the head of POST {@code id} was read. */
    int postsSeen(int id) {
        return postsSeen.get(id);
    }

    Map<Fault, Long> faults() {
        Map<Fault, Long> out = new EnumMap<>(Fault.class);
        for (Fault f : Fault.values()) {
            out.put(f, faults.get(f.ordinal()));
        }
        return out;
    }

    long faultCount() {
        long n = 0;
        for (int i = 0; i < faults.length(); i++) {
            n += faults.get(i);
        }
        return n;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                long index = connections.getAndIncrement();
                open.add(s);
                Thread t = new Thread(() -> serve(s, new Random(seed * 31 + index)), "soak-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, Random random) {
        try (s) {
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            OutputStream out = s.getOutputStream();
            byte[] head = new byte[MAX_HEAD];
            for (;;) {
                int n = readHead(in, head);
                if (n < 0) {
                    return;
                }
                requests.incrementAndGet();
                byte[] response = handle(head, n, in);
                int draw = random.nextInt(1000);
                if (draw >= FAULT_PER_MILLE) {
                    out.write(response);
                    continue;
                }
                Fault fault = Fault.values()[draw % Fault.values().length];
                faults.incrementAndGet(fault.ordinal());
                inject(fault, s, in, out, response);
                return;
            }
        } catch (IOException e) {
            // the client closed or reset: part of the soak
        } finally {
            open.remove(s);
        }
    }

    private static void inject(Fault fault, Socket s, InputStream in, OutputStream out, byte[] response)
            throws IOException {
        switch (fault) {
            case RESET_BEFORE_RESPONSE -> s.setSoLinger(true, 0);
            case CLOSE_MID_RESPONSE -> out.write(response, 0, response.length / 2);
            case RESET_MID_RESPONSE -> {
                out.write(response, 0, response.length / 2);
                s.setSoLinger(true, 0);
            }
            case CLOSE_AFTER_RESPONSE -> out.write(response);
            case RESET_AFTER_RESPONSE -> {
                out.write(response);
                s.setSoTimeout(20);
                try {
                    in.read(); // the next request starts (or the client closes): reset it then
                } catch (SocketTimeoutException idle) {
                    // 20 ms idle: reset an idle pooled connection
                }
                s.setSoLinger(true, 0);
            }
        }
    }

    /** Reads a head into {@code buf} up to and including CRLF CRLF; its length, or -1 at end of input. */
    private static int readHead(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        for (;;) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (n == buf.length) {
                throw new IOException("request head longer than " + buf.length);
            }
            buf[n++] = (byte) b;
            if (b == '\n' && n >= 4 && buf[n - 2] == '\r' && buf[n - 3] == '\n' && buf[n - 4] == '\r') {
                return n;
            }
        }
    }

    /** The encoded response to the request whose head is {@code head[0, n)}; reads and checks a POST body. */
    private byte[] handle(byte[] head, int n, InputStream in) throws IOException {
        boolean post = head[0] == 'P';
        int path = post ? 5 : 4; // after "POST " or "GET "
        int k = head[path + 3] - '0'; // "/s/<k><m>"
        boolean chunked = head[path + 4] == 'c';
        if (!post) {
            return responses[2 * k + (chunked ? 1 : 0)];
        }
        int id = (int) fieldValue(head, n, "x-request-id:");
        long length = fieldValue(head, n, "content-length:");
        postsSeen.incrementAndGet(id);
        byte[] expected = SoakBodies.postBody(id);
        boolean same = length == expected.length;
        for (int i = 0; i < length; i++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request body cut short");
            }
            same &= i < expected.length && (byte) b == expected[i];
        }
        if (!same) {
            badPosts.incrementAndGet();
            return badRequest;
        }
        return responses[2 * k + (chunked ? 1 : 0)];
    }

    /** The decimal value of the field {@code lowerName} (with its colon), or -1; field names are case-insensitive. */
    static long fieldValue(byte[] head, int n, String lowerName) {
        int len = lowerName.length();
        for (int line = 0; line < n; line++) {
            if (head[line] != '\n' || line + 1 + len > n) {
                continue;
            }
            int i = 0;
            while (i < len && (head[line + 1 + i] | 0x20) == lowerName.charAt(i)) {
                i++;
            }
            if (i < len) {
                continue;
            }
            long v = 0;
            for (int p = line + 1 + len; p < n && head[p] != '\r'; p++) {
                if (head[p] >= '0' && head[p] <= '9') {
                    v = v * 10 + (head[p] - '0');
                }
            }
            return v;
        }
        return -1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
