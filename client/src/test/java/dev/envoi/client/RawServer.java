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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted raw-socket HTTP server on 127.0.0.1: records the exact bytes of each request and answers
 * each, in order, with scripted bytes, then keeps the connection, closes it, resets it (RST) or
 * hangs. Like OkHttp's MockWebServer, minus everything but bytes. Every wait is bounded.
 */
final class RawServer implements AutoCloseable {
    /** What to do after writing a reply. */
    enum After { KEEP, CLOSE, RESET }

    /** A reply: parts are byte[] / String (written, ISO-8859-1) or Integer (sleep ms). */
    record Reply(List<Object> parts, After after) {
        static Reply of(After after, Object... parts) {
            return new Reply(List.of(parts), after);
        }

        static Reply keep(String bytes) {
            return of(After.KEEP, bytes);
        }

        static Reply close(String bytes) {
            return of(After.CLOSE, bytes);
        }
    }

    private final ServerSocket server;
    private final List<Reply> replies;
    private final List<byte[]> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;
    /** Written after a request head, before its body is read (e.g. "HTTP/1.1 100 Continue\r\n\r\n"). */
    volatile String afterHead;
    /** Answer the first request after its head, without reading its body. */
    volatile boolean answerFirstBeforeBody;

    RawServer(Reply... replies) throws IOException {
        this(InetAddress.getLoopbackAddress(), replies);
    }

    RawServer(InetAddress address, Reply... replies) throws IOException {
        this.server = new ServerSocket(0, 50, address);
        this.replies = List.of(replies);
        this.acceptor = new Thread(this::acceptLoop, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String path) {
        String host = server.getInetAddress() instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1";
        return "http://" + host + ":" + port() + path;
    }

    /** The exact bytes of each request received, in order. */
    List<byte[]> requests() {
        return requests;
    }

    String request(int i) {
        return new String(requests.get(i), StandardCharsets.ISO_8859_1);
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "raw-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                byte[] request = readRequest(in, out);
                if (request == null) {
                    return;
                }
                requests.add(request);
                int i = next.getAndIncrement();
                if (i >= replies.size()) {
                    return;
                }
                Reply reply = replies.get(i);
                for (Object part : reply.parts()) {
                    if (part instanceof Integer ms) {
                        out.flush();
                        Thread.sleep(ms);
                    } else {
                        out.write(part instanceof byte[] b ? b : ((String) part).getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                out.flush();
                if (reply.after() == After.CLOSE) {
                    return;
                }
                if (reply.after() == After.RESET) {
                    s.setSoLinger(true, 0);
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended
        }
    }

    /** Reads one request: head up to CRLF CRLF, then a Content-Length or chunked body. Null at EOF. */
    private byte[] readRequest(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            buf.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : (b == '\r' ? 1 : 0);
        }
        String head = buf.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (answerFirstBeforeBody) {
            answerFirstBeforeBody = false;
            return buf.toByteArray();
        }
        String interim = afterHead;
        if (interim != null) {
            out.write(interim.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        int cl = head.indexOf("\r\ncontent-length:");
        if (cl >= 0) {
            int end = head.indexOf("\r\n", cl + 2);
            long n = Long.parseLong(head.substring(cl + 17, end).trim());
            for (long i = 0; i < n; i++) {
                int b = in.read();
                if (b < 0) {
                    return buf.toByteArray();
                }
                buf.write(b);
            }
        } else if (head.contains("\r\ntransfer-encoding: chunked")) {
            String tail = "";
            while (!tail.endsWith("\r\n0\r\n\r\n") && !(buf.size() > 0 && tail.equals("0\r\n\r\n"))) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                buf.write(b);
                tail = (tail + (char) b);
                if (tail.length() > 7) {
                    tail = tail.substring(tail.length() - 7);
                }
            }
        }
        return buf.toByteArray();
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
