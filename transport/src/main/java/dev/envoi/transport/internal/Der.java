package dev.envoi.transport.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * The few DER encodings (ITU-T X.690 §10) envoi writes: wrapping a PKCS#1 RSA key into PKCS#8
 * (RFC 5208 §5), and, in tests, test certificates (RFC 5280 §4.1).
 */
public final class Der {
    private Der() {
    }

    /** A TLV with the given tag and content. */
    public static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        byte[] c = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(c.length + 6);
        out.write(tag);
        int len = c.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(c);
        return out.toByteArray();
    }

    /** SEQUENCE. */
    public static byte[] sequence(byte[]... parts) {
        return tlv(0x30, parts);
    }

    /** INTEGER. */
    public static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    /** OCTET STRING. */
    public static byte[] octets(byte[] value) {
        return tlv(0x04, value);
    }

    /** NULL. */
    public static byte[] nul() {
        return new byte[] {0x05, 0x00};
    }

    /** OBJECT IDENTIFIER from dotted text, e.g. {@code "1.2.840.113549.1.1.1"}. */
    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long v = Long.parseLong(arcs[i]);
            int groups = 1;
            for (long t = v >>> 7; t != 0; t >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int b = (int) ((v >>> (7 * g)) & 0x7f);
                out.write(g == 0 ? b : b | 0x80);
            }
        }
        return tlv(0x06, out.toByteArray());
    }
}
