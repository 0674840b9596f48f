package dev.envoi.client.interop;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the interop servers listen, from the system properties scripts/interop/run.sh passes: a missing
 * property fails the test (the suite never skips silently under {@code -Pinterop}).
 */
final class InteropServers {
    private InteropServers() {
    }

    /** nginx over HTTP, e.g. {@code http://127.0.0.1:40123} (no trailing slash). */
    static String nginx() {
        return property("envoi.interop.nginx");
    }

    /** nginx over HTTPS with the run-time certificate for 127.0.0.1. */
    static String nginxTls() {
        return property("envoi.interop.nginxTls");
    }

    /** nginx over HTTPS with a certificate from the same CA for {@code other.invalid} only. */
    static String nginxWrongHost() {
        return property("envoi.interop.nginxWrongHost");
    }

    /** The PEM file of the CA that signed nginx's certificate. */
    static Path caPem() {
        return existing(property("envoi.interop.ca"));
    }

    /** nginx's document root, to compare bodies with the files byte for byte. */
    static Path docroot() {
        return existing(property("envoi.interop.docroot"));
    }

    /** httpbin (gunicorn), e.g. {@code http://127.0.0.1:40125}. */
    static String httpbin() {
        return property("envoi.interop.httpbin");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("system property " + name
                    + " is not set: run the interop suite with scripts/interop/run.sh");
        }
        return value;
    }

    private static Path existing(String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " does not exist");
        }
        return p;
    }
}
