package dev.envoi.transport;

import static dev.envoi.transport.DialerTest.LOOPBACK;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Small raw-socket proxies on 127.0.0.1 for tests; every onward connection goes to 127.0.0.1 only. */
final class TestProxies {
    private TestProxies() {
    }

    /** What a proxy was asked for. */
    record Request(int addressType, String host, int port) {
    }

    /** A SOCKS5 server (RFC 1928, RFC 1929) that maps names through {@code names} and relays to 127.0.0.1. */
    static final class Socks5Server implements AutoCloseable {
        final ServerSocket server;
        final List<Request> requests = new CopyOnWriteArrayList<>();
        private final String user;
        private final String password;
        private final Map<String, Integer> refuse;

        /**
         * @param user required user name, or {@code null} for no authentication
         * @param refuse host names to answer with the given reply code instead of connecting
         */
        Socks5Server(String user, String password, Map<String, Integer> refuse) throws IOException {
            this.user = user;
            this.password = password;
            this.refuse = refuse;
            server = new ServerSocket(0, 50, LOOPBACK);
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        daemon(() -> handle(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private void handle(Socket client) {
            try (client) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                OutputStream out = client.getOutputStream();
                if (in.read() != 5) {
                    return;
                }
                byte[] methods = new byte[in.read()];
                in.readFully(methods);
                int wanted = user == null ? 0 : 2;
                boolean offered = false;
                for (byte m : methods) {
                    offered |= m == wanted;
                }
                if (!offered) {
                    out.write(new byte[] {5, (byte) 0xff});
                    return;
                }
                out.write(new byte[] {5, (byte) wanted});
                if (wanted == 2) {
                    in.read(); // sub-negotiation version 1
                    byte[] u = new byte[in.read()];
                    in.readFully(u);
                    byte[] p = new byte[in.read()];
                    in.readFully(p);
                    boolean ok = user.equals(new String(u, StandardCharsets.UTF_8))
                            && password.equals(new String(p, StandardCharsets.UTF_8));
                    out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
                    if (!ok) {
                        return;
                    }
                }
                in.read();
                in.read(); // CMD (CONNECT)
                in.read(); // RSV
                int atyp = in.read();
                String host;
                if (atyp == 3) {
                    byte[] name = new byte[in.read()];
                    in.readFully(name);
                    host = new String(name, StandardCharsets.US_ASCII);
                } else {
                    byte[] a = new byte[atyp == 1 ? 4 : 16];
                    in.readFully(a);
                    host = InetAddress.getByAddress(a).getHostAddress();
                }
                int port = in.readUnsignedShort();
                requests.add(new Request(atyp, host, port));
                Integer code = refuse.get(host);
                if (code != null) {
                    out.write(new byte[] {5, code.byteValue(), 0, 1, 0, 0, 0, 0, 0, 0});
                    return;
                }
                try (Socket target = new Socket()) {
                    target.connect(new InetSocketAddress(LOOPBACK, port), 2000); // the "remote DNS": all to loopback
                    out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, (byte) (port >> 8), (byte) port});
                    out.flush();
                    relay(client, target);
                }
            } catch (IOException ignored) {
                // a test client went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * A proxy speaking a trivial line protocol in place of HTTP CONNECT: it reads {@code OPEN host:port\n},
     * answers {@code OK\n} (or {@code DENIED\n} for host {@code denied.test}) and relays to 127.0.0.1:port.
     */
    static final class LineTunnelServer implements AutoCloseable {
        final ServerSocket server;
        final List<String> opened = new CopyOnWriteArrayList<>();

        LineTunnelServer() throws IOException {
            server = new ServerSocket(0, 50, LOOPBACK);
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        daemon(() -> handle(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private void handle(Socket client) {
            try (client) {
                String line = readLine(client.getInputStream());
                opened.add(line);
                OutputStream out = client.getOutputStream();
                if (!line.startsWith("OPEN ") || line.startsWith("OPEN denied.test")) {
                    out.write("DENIED\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
                try (Socket target = new Socket()) {
                    target.connect(new InetSocketAddress(LOOPBACK, port), 2000);
                    out.write("OK\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    relay(client, target);
                }
            } catch (IOException ignored) {
                // a test client went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Reads one {@code \n}-terminated line byte by byte, never past it. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            int b = in.read();
            if (b < 0 || b == '\n') {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** Copies both ways until either side closes. */
    static void relay(Socket a, Socket b) throws IOException {
        Thread back = daemon(() -> copy(b, a));
        copy(a, b);
        try {
            back.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException ignored) {
            // one side closed
        }
    }

    /**
     * Runs {@code task} on a new daemon thread. Tests block in these tasks, so they never use the
     * common pool, which may have a single worker on a 2-core machine.
     */
    static <T> java.util.concurrent.CompletableFuture<T> async(java.util.function.Supplier<T> task) {
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        daemon(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "test-proxy");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
