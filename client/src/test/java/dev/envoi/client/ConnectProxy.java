package dev.envoi.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A small HTTP CONNECT proxy on 127.0.0.1 (RFC 9110 §9.3.6) for tests: records each CONNECT head,
 * answers 407 unless the expected {@code Proxy-Authorization} came, and otherwise opens the tunnel
 * to the requested port on 127.0.0.1 only, piping bytes both ways.
 */
final class ConnectProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String expectedAuthorization;
    final List<String> heads = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

    /** When set, Proxy-Authorization is checked as RFC 7616 Digest by this server instead. */
    private final DigestAuthFlowTest.Server digest;

    ConnectProxy(String expectedAuthorization) throws IOException {
        this(expectedAuthorization, null);
    }

    ConnectProxy(DigestAuthFlowTest.Server digest) throws IOException {
        this(null, digest);
    }

    private ConnectProxy(String expectedAuthorization, DigestAuthFlowTest.Server digest) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        this.digest = digest;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "connect-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "connect-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            heads.add(head);
            String auth = proxyAuthorization(head);
            while (digest != null) {
                java.util.Optional<String> challenge;
                synchronized (digest) {
                    challenge = digest.handle(dev.envoi.core.Method.CONNECT, head.substring(8, head.indexOf(' ', 8)), auth);
                }
                if (challenge.isEmpty()) {
                    break;
                }
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: " + challenge.get()
                        + "\r\nContent-Length: 5\r\n\r\nlogin").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                head = readHead(in);
                heads.add(head);
                auth = proxyAuthorization(head);
            }
            if (expectedAuthorization != null && !expectedAuthorization.equals(auth)) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                client.close();
                return;
            }
            String target = head.substring(8, head.indexOf(' ', 8)); // CONNECT host:port
            int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port);
            sockets.add(upstream);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            pipe(upstream.getInputStream(), out, client);
            pipe(in, upstream.getOutputStream(), upstream);
        } catch (Exception e) {
            try {
                client.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static String proxyAuthorization(String head) {
        int i = head.toLowerCase(Locale.ROOT).indexOf("\r\nproxy-authorization:");
        return i < 0 ? null : head.substring(i + 22, head.indexOf("\r\n", i + 2)).trim();
    }

    private static void pipe(InputStream from, OutputStream to, Socket closeAtEnd) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try {
                    closeAtEnd.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "connect-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed inside the CONNECT head");
            }
            buf.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
