package dev.envoi.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The dialer's TCP connect step, a seam for tests: a test connector can make one address slow without
 * touching any address outside the loopback range. The socket is created by the dialer so it can close
 * it to abandon the attempt (RFC 8305 §5: the losers of a race are cancelled).
 */
@FunctionalInterface
interface SocketConnector {
    /** The JDK's blocking connect. */
    SocketConnector DEFAULT = Socket::connect;

    /** Connects {@code socket} to {@code address} within {@code timeoutMillis} (always &gt; 0). */
    void connect(Socket socket, InetSocketAddress address, int timeoutMillis) throws IOException;
}
