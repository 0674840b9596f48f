package dev.envoi.transport.internal;

import dev.envoi.transport.ProxyException;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client side of SOCKS version 5 (RFC 1928) with the username/password method (RFC 1929): method
 * negotiation, optional authentication, then a CONNECT request whose reply must say "succeeded".
 * After {@link #connect} returns, the stream carries the origin's bytes.
 */
public final class Socks5 {
    private static final int VERSION = 5;
    private static final int NO_AUTH = 0x00;
    private static final int USER_PASS = 0x02;
    private static final int NO_ACCEPTABLE = 0xff;
    private static final int CMD_CONNECT = 0x01;
    private static final int ATYP_IPV4 = 0x01;
    private static final int ATYP_DOMAIN = 0x03;
    private static final int ATYP_IPV6 = 0x04;

    private Socks5() {
    }

    /**
     * Asks the proxy to connect to {@code host:port}.
     *
     * @param proxy the proxy as {@code host:port}, for messages
     * @param username RFC 1929 user, or {@code null} to offer only "no authentication"
     * @param password RFC 1929 password when {@code username} is set
     * @param host an IP literal (sent as an address) or a name (sent as DOMAINNAME, resolved by the proxy)
     */
    public static void connect(InputStream in, OutputStream out, String proxy, String username, String password,
            String host, int port) throws IOException {
        byte[] address = IpLiteral.parse(host);
        byte[] name = address == null ? host.getBytes(StandardCharsets.US_ASCII) : null;
        if (name != null && (name.length == 0 || name.length > 255)) {
            throw new ProxyException(proxy, "host name of " + name.length + " bytes cannot be sent;"
                    + " SOCKS5 allows 1-255 [RFC 1928 §5]");
        }
        // RFC 1928 §3: VER, NMETHODS, METHODS
        out.write(username == null ? new byte[] {VERSION, 1, NO_AUTH} : new byte[] {VERSION, 2, NO_AUTH, USER_PASS});
        out.flush();
        int ver = readByte(in, proxy);
        int method = readByte(in, proxy);
        if (ver != VERSION) {
            throw new ProxyException(proxy, "expected SOCKS version 5 but the proxy answered version " + ver
                    + "; is this a SOCKS5 proxy? [RFC 1928 §3]");
        }
        if (method == USER_PASS && username != null) {
            authenticate(in, out, proxy, username, password);
        } else if (method == NO_ACCEPTABLE) {
            throw new ProxyException(proxy, "no acceptable authentication method"
                    + (username == null ? "; the proxy probably requires a user name and password" : "")
                    + " [RFC 1928 §3]");
        } else if (method != NO_AUTH) {
            throw new ProxyException(proxy, "the proxy chose authentication method 0x" + Integer.toHexString(method)
                    + ", which was not offered [RFC 1928 §3]");
        }
        sendRequest(out, address, name, port);
        readReply(in, proxy, host, port);
    }

    private static void authenticate(InputStream in, OutputStream out, String proxy, String username,
            String password) throws IOException {
        byte[] u = username.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        if (u.length == 0 || u.length > 255 || p.length > 255) {
            throw new ProxyException(proxy, "user name and password must be 1-255 and 0-255 bytes [RFC 1929 §2]");
        }
        ByteArrayOutputStream req = new ByteArrayOutputStream(3 + u.length + p.length);
        req.write(1); // sub-negotiation version
        req.write(u.length);
        req.writeBytes(u);
        req.write(p.length);
        req.writeBytes(p);
        out.write(req.toByteArray());
        out.flush();
        readByte(in, proxy);
        int status = readByte(in, proxy);
        if (status != 0) {
            throw new ProxyException(proxy, "user name or password rejected (status " + status
                    + "); check the proxy credentials [RFC 1929 §2]");
        }
    }

    private static void sendRequest(OutputStream out, byte[] address, byte[] name, int port) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream(22 + (name == null ? 0 : name.length));
        req.write(VERSION);
        req.write(CMD_CONNECT);
        req.write(0); // RSV
        if (address == null) {
            req.write(ATYP_DOMAIN);
            req.write(name.length);
            req.writeBytes(name);
        } else {
            req.write(address.length == 4 ? ATYP_IPV4 : ATYP_IPV6);
            req.writeBytes(address);
        }
        req.write(port >>> 8);
        req.write(port & 0xff);
        out.write(req.toByteArray());
        out.flush();
    }

    private static void readReply(InputStream in, String proxy, String host, int port) throws IOException {
        int ver = readByte(in, proxy);
        int rep = readByte(in, proxy);
        readByte(in, proxy); // RSV
        int atyp = readByte(in, proxy);
        if (ver != VERSION) {
            throw new ProxyException(proxy, "expected reply version 5 but was " + ver + " [RFC 1928 §6]");
        }
        if (rep != 0) {
            throw new ProxyException(proxy, "cannot reach " + host + ":" + port + ": " + replyText(rep)
                    + " (reply " + rep + ") [RFC 1928 §6]");
        }
        int skip = switch (atyp) {
            case ATYP_IPV4 -> 4;
            case ATYP_IPV6 -> 16;
            case ATYP_DOMAIN -> readByte(in, proxy);
            default -> throw new ProxyException(proxy, "unknown address type " + atyp + " in reply [RFC 1928 §6]");
        };
        for (int i = 0; i < skip + 2; i++) { // BND.ADDR and BND.PORT, unused for CONNECT
            readByte(in, proxy);
        }
    }

    private static String replyText(int rep) {
        return switch (rep) {
            case 1 -> "general SOCKS server failure";
            case 2 -> "connection not allowed by ruleset";
            case 3 -> "network unreachable";
            case 4 -> "host unreachable";
            case 5 -> "connection refused";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            default -> "unassigned failure code";
        };
    }

    private static int readByte(InputStream in, String proxy) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new ProxyException(proxy, "closed the connection during the SOCKS5 handshake",
                    new EOFException("end of stream"));
        }
        return b;
    }
}
