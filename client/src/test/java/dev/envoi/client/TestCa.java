package dev.envoi.client;

import dev.envoi.transport.TlsSettings;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test CA and a server certificate for {@code localhost} / {@code 127.0.0.1}, made at test time with
 * the JDK's {@code keytool} (run from {@code java.home}), so no key is checked in and nothing
 * expires in the repository. Made once per JVM.
 */
final class TestCa {
    private static final String PASS = "changeit";
    private static TestCa instance;

    final Path caPem;
    final SSLContext serverContext;

    private TestCa(Path caPem, SSLContext serverContext) {
        this.caPem = caPem;
        this.serverContext = serverContext;
    }

    static synchronized TestCa get() throws Exception {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    TlsSettings trust() throws IOException {
        return TlsSettings.newBuilder().trustPem(caPem).build();
    }

    private static TestCa create() throws Exception {
        Path dir = Files.createTempDirectory("envoi-test-ca");
        dir.toFile().deleteOnExit();
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=envoi test CA", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12",
                "-storetype", "PKCS12", "-storepass", PASS);
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-keystore", "server.p12", "-storetype", "PKCS12",
                "-storepass", PASS);
        keytool(dir, "-certreq", "-alias", "server", "-keystore", "server.p12", "-storepass", PASS, "-file", "server.csr");
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASS, "-infile", "server.csr",
                "-outfile", "server.crt", "-rfc", "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-ext", "eku=serverAuth");
        keytool(dir, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASS, "-rfc", "-file", "ca.crt");
        keytool(dir, "-importcert", "-alias", "ca", "-keystore", "server.p12", "-storepass", PASS, "-file", "ca.crt",
                "-noprompt");
        keytool(dir, "-importcert", "-alias", "server", "-keystore", "server.p12", "-storepass", PASS,
                "-file", "server.crt", "-noprompt");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        for (String f : new String[] {"ca.p12", "server.p12", "server.csr", "server.crt", "ca.crt"}) {
            dir.resolve(f).toFile().deleteOnExit();
        }
        return new TestCa(dir.resolve("ca.crt"), ctx);
    }

    private static void keytool(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + new String(out));
        }
    }
}
