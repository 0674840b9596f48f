package dev.envoi.client.reliability;

import dev.envoi.client.Client;
import dev.envoi.client.Request;
import dev.envoi.client.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * One ordinary exchange before the first scenario of a JVM, so that what the runtime opens once
 * and keeps (jar files of classes loaded on first use, the client's timer threads) is part of every
 * baseline instead of looking like a leak of whichever scenario came first.
 */
final class Warmup {
    private static boolean done;

    private Warmup() {
    }

    static synchronized void once() throws Exception {
        if (done) {
            return;
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("warm".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        byte[] body = gz.toByteArray();
        try (HostileServer server = HostileServer.start((peer, i) -> {
            while (peer.readRequest() != null) {
                peer.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + body.length + "\r\n\r\n");
                peer.write(body);
            }
        }); Client client = Client.builder().build()) {
            Response r = client.send(Request.get(server.url("/")).build());
            if (!r.text().equals("warm")) {
                throw new IOException("warm-up exchange failed: " + r);
            }
            Baseline.assertClientReleased(client);
        }
        done = true;
    }
}
