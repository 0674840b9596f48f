package dev.envoi.transport;

import dev.envoi.transport.internal.CheckingTrustManager;
import dev.envoi.transport.internal.Pem;
import dev.envoi.transport.internal.RecordingKeyManager;
import dev.envoi.transport.internal.TrustAllManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How envoi runs TLS (RFC 8446 TLS 1.3, RFC 5246 TLS 1.2) over JSSE: which CAs it trusts, which client
 * certificate it presents, which protocol versions it offers and which public keys it pins.
 *
 * <p>Always on: SNI with the host's ASCII name (RFC 6066 §3; JSSE sends none for IP literals, as that
 * RFC requires), hostname verification against the certificate's subjectAltName (RFC 9110 §4.3.4, RFC
 * 6125; never a CN read out of the subject), ALPN offering {@code http/1.1} (RFC 7301). Defaults: the
 * JDK's trust store, no client certificate, TLS 1.3 and 1.2 only, no pins.
 *
 * <p>Immutable; {@link #equals} compares the trust anchors, the client key and chain, the pins, the
 * protocols and the insecure flag by value, so a {@link Route} holding settings that trust different
 * CAs is a different pool key (see CVE-2024-35195 in {@code requests}).
 *
 * <pre>{@code
 * TlsSettings tls = TlsSettings.newBuilder()
 *         .trustPem(Path.of("/etc/my-ca.pem"))                      // like curl --cacert
 *         .clientPem(Path.of("client.crt"), Path.of("client.key"))  // like curl --cert/--key
 *         .pin("api.example.com", "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
 *         .build();
 * }</pre>
 */
public final class TlsSettings {
    /** The protocols offered by default. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static volatile TlsSettings defaults;

    private final List<X509Certificate> trusted; // null: the JDK's default trust store
    private final String trustId;
    private final KeyManager[] keyManagers;
    private final String clientId;
    private final Map<String, Set<String>> pins;
    private final List<String> protocols;
    private final boolean insecure;
    private final RecordingKeyManager keyManager;
    private final SSLContext context;

    private TlsSettings(Builder b, boolean insecure) {
        this.trusted = b.trusted == null ? null : List.copyOf(b.trusted);
        this.trustId = insecure ? "INSECURE" : trusted == null ? "JDK" : fingerprint(trusted, null);
        this.keyManagers = b.keyManagers;
        this.clientId = b.clientId;
        this.pins = Collections.unmodifiableMap(new LinkedHashMap<>(b.pins));
        this.protocols = List.copyOf(b.protocols);
        this.insecure = insecure;
        X509ExtendedKeyManager configured = null;
        if (keyManagers != null) {
            for (KeyManager k : keyManagers) {
                if (k instanceof X509ExtendedKeyManager x) {
                    configured = x;
                }
            }
        }
        this.keyManager = new RecordingKeyManager(configured);
        this.context = createContext();
    }

    /** The defaults: JDK trust store, no client certificate, TLS 1.3 + 1.2, no pins. */
    public static TlsSettings defaults() {
        TlsSettings d = defaults;
        if (d == null) {
            d = newBuilder().build();
            defaults = d;
        }
        return d;
    }

    /**
     * <strong>Insecure: for tests only.</strong> Trusts every certificate and skips hostname
     * verification, so anyone on the path can read and change the traffic. Use a test CA with
     * {@link Builder#trustPem(Path)} instead wherever possible.
     */
    public static TlsSettings insecureTrustAllForTesting() {
        return new TlsSettings(new Builder(), true);
    }

    /** A builder starting from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The protocol versions offered, most preferred first. */
    public List<String> protocols() {
        return protocols;
    }

    /** Whether this is {@link #insecureTrustAllForTesting()}. */
    public boolean isInsecure() {
        return insecure;
    }

    /** Whether a client certificate is configured. */
    public boolean hasClientCertificate() {
        return keyManagers != null;
    }

    /** The pins by host pattern (unmodifiable). */
    public Map<String, Set<String>> pins() {
        return pins;
    }

    /** The JSSE context these settings configure (for the dialer; do not change it). */
    SSLContext sslContext() {
        return context;
    }

    /** Whether the server asked this socket for a client certificate during its handshake; forgets it. */
    boolean clientCertificateRequested(java.net.Socket socket) {
        return keyManager.forget(socket);
    }

    /** The pins that apply to an ASCII host: exact patterns, and {@code *.suffix} for any subdomain. */
    Set<String> pinsFor(String host) {
        if (pins.isEmpty() || host == null) {
            return Set.of();
        }
        String h = host.toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> e : pins.entrySet()) {
            String p = e.getKey();
            if (p.equals(h) || (p.startsWith("*.") && h.endsWith(p.substring(1)))) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsSettings t && insecure == t.insecure && trustId.equals(t.trustId)
                && Objects.equals(clientId, t.clientId) && pins.equals(t.pins) && protocols.equals(t.protocols);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trustId, clientId, pins, protocols, insecure);
    }

    @Override
    public String toString() {
        return insecure ? "TlsSettings[INSECURE trust-all, for testing only]"
                : "TlsSettings[trust=" + (trusted == null ? "JDK default" : trusted.size() + " CA certificates")
                + ", clientCertificate=" + (keyManagers != null) + ", protocols=" + protocols + ", pins="
                + pins.keySet() + "]";
    }

    private SSLContext createContext() {
        try {
            TrustManager tm;
            if (insecure) {
                tm = new TrustAllManager();
            } else {
                KeyStore store = null;
                if (trusted != null) {
                    store = KeyStore.getInstance("PKCS12");
                    store.load(null, null);
                    for (int i = 0; i < trusted.size(); i++) {
                        store.setCertificateEntry("ca-" + i, trusted.get(i));
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                X509ExtendedTrustManager pkix = null;
                for (TrustManager t : tmf.getTrustManagers()) {
                    if (t instanceof X509ExtendedTrustManager x) {
                        pkix = x;
                    }
                }
                if (pkix == null) {
                    throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
                }
                tm = new CheckingTrustManager(pkix, this::pinsFor);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {keyManager}, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot initialise TLS: " + e.getMessage(), e);
        }
    }

    static String fingerprint(List<? extends Certificate> certs, PrivateKey key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<String> each = new ArrayList<>();
            for (Certificate c : certs) {
                each.add(Base64.getEncoder().encodeToString(sha.digest(c.getEncoded())));
            }
            if (key == null) {
                Collections.sort(each); // a set of anchors: order does not matter
            } else {
                each.add(Base64.getEncoder().encodeToString(sha.digest(key.getEncoded())));
            }
            return String.join(",", each);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint certificates", e);
        }
    }

    /** Builds {@link TlsSettings}. Methods that read files read them at once and report problems then. */
    public static final class Builder {
        private List<X509Certificate> trusted;
        private KeyManager[] keyManagers;
        private String clientId;
        private final Map<String, Set<String>> pins = new LinkedHashMap<>();
        private List<String> protocols = DEFAULT_PROTOCOLS;

        private Builder() {
        }

        /**
         * Trusts the CA certificates in a PEM bundle (RFC 7468) instead of the JDK's trust store, like
         * curl's {@code --cacert}. May be called more than once; all bundles are trusted.
         */
        public Builder trustPem(Path bundle) throws IOException {
            Objects.requireNonNull(bundle, "bundle");
            return addTrusted(Pem.certificates(Files.readString(bundle, StandardCharsets.US_ASCII), bundle.toString()));
        }

        /** Trusts the CA certificates in PEM text instead of the JDK's trust store. */
        public Builder trustPemText(String pem) throws IOException {
            Objects.requireNonNull(pem, "pem");
            return addTrusted(Pem.certificates(pem, "PEM text"));
        }

        /** Trusts every certificate entry of a key store instead of the JDK's trust store. */
        public Builder trustStore(KeyStore store) throws IOException {
            Objects.requireNonNull(store, "store");
            List<X509Certificate> certs = new ArrayList<>();
            try {
                for (Enumeration<String> e = store.aliases(); e.hasMoreElements(); ) {
                    String alias = e.nextElement();
                    if (store.isCertificateEntry(alias) && store.getCertificate(alias) instanceof X509Certificate x) {
                        certs.add(x);
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read trust store: " + e.getMessage(), e);
            }
            if (certs.isEmpty()) {
                throw new IOException("the trust store has no certificate entries");
            }
            return addTrusted(certs);
        }

        /**
         * Presents a client certificate (RFC 8446 §4.4.2) from PEM files: the certificate chain, leaf
         * first, and its private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}).
         * Like curl's {@code --cert}/{@code --key}.
         */
        public Builder clientPem(Path certificateChain, Path privateKey) throws IOException {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
            List<X509Certificate> chain = Pem.certificates(
                    Files.readString(certificateChain, StandardCharsets.US_ASCII), certificateChain.toString());
            PrivateKey key = Pem.privateKey(Files.readString(privateKey, StandardCharsets.US_ASCII),
                    chain.get(0).getPublicKey().getAlgorithm(), privateKey.toString());
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] pw = new char[0];
                ks.setKeyEntry("client", key, pw, chain.toArray(new X509Certificate[0]));
                return clientKeyStore(ks, pw);
            } catch (GeneralSecurityException e) {
                throw new IOException("the private key in " + privateKey + " does not fit the certificate in "
                        + certificateChain + ": " + e.getMessage(), e);
            }
        }

        /** Presents the client certificate of a PKCS#12 file (RFC 7292), like curl's {@code --cert-type P12}. */
        public Builder clientPkcs12(Path file, char[] password) throws IOException {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
                return clientKeyStore(ks, password);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read PKCS#12 file " + file + ": " + e.getMessage(), e);
            }
        }

        /** Presents the client certificate of a key store holding one private key entry. */
        public Builder clientKeyStore(KeyStore store, char[] password) throws IOException {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(password, "password");
            try {
                StringBuilder id = new StringBuilder();
                for (Enumeration<String> e = store.aliases(); e.hasMoreElements(); ) {
                    String alias = e.nextElement();
                    if (store.isKeyEntry(alias)) {
                        Certificate[] chain = store.getCertificateChain(alias);
                        id.append(fingerprint(Arrays.asList(chain), (PrivateKey) store.getKey(alias, password)));
                    }
                }
                if (id.length() == 0) {
                    throw new IOException("the key store has no private key entry");
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, password);
                this.keyManagers = kmf.getKeyManagers();
                this.clientId = id.toString();
                return this;
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read client key: " + e.getMessage(), e);
            }
        }

        /**
         * Pins public keys for a host: the connection succeeds only if the verified chain contains a
         * certificate whose SubjectPublicKeyInfo has one of these SHA-256 hashes, written
         * {@code sha256/BASE64} as OkHttp and curl's {@code --pinnedpubkey} do. {@code hostPattern} is an
         * exact ASCII host or {@code *.example.com} for every subdomain (not the apex). Pin a backup key too.
         */
        public Builder pin(String hostPattern, String... pins) {
            Objects.requireNonNull(hostPattern, "hostPattern");
            Objects.requireNonNull(pins, "pins");
            if (pins.length == 0) {
                throw new IllegalArgumentException("no pins given for " + hostPattern);
            }
            Set<String> set = this.pins.computeIfAbsent(hostPattern.toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>());
            for (String p : pins) {
                Objects.requireNonNull(p, "pin");
                byte[] hash = null;
                if (p.startsWith("sha256/")) {
                    try {
                        hash = Base64.getDecoder().decode(p.substring(7));
                    } catch (IllegalArgumentException e) {
                        hash = null;
                    }
                }
                if (hash == null || hash.length != 32) {
                    throw new IllegalArgumentException("a pin is \"sha256/\" followed by the base64 of 32 bytes: " + p);
                }
                set.add(p);
            }
            return this;
        }

        /** The protocol versions to offer, e.g. {@code "TLSv1.3"}; default {@link #DEFAULT_PROTOCOLS}. */
        public Builder protocols(String... protocols) {
            Objects.requireNonNull(protocols, "protocols");
            if (protocols.length == 0) {
                throw new IllegalArgumentException("at least one protocol is required");
            }
            for (String p : protocols) {
                if (!p.equals("TLSv1.3") && !p.equals("TLSv1.2")) {
                    throw new IllegalArgumentException("unsupported protocol " + p + "; only TLSv1.3 and TLSv1.2");
                }
            }
            this.protocols = List.of(protocols);
            return this;
        }

        /** The settings. */
        public TlsSettings build() {
            return new TlsSettings(this, false);
        }

        private Builder addTrusted(List<X509Certificate> certs) {
            if (trusted == null) {
                trusted = new ArrayList<>();
            }
            trusted.addAll(certs);
            return this;
        }
    }
}
