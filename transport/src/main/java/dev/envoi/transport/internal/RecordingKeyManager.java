package dev.envoi.transport.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client's key manager (or none), recording which sockets the server sent a CertificateRequest on
 * (RFC 8446 §4.3.2, RFC 5246 §7.4.4). A server that requires a client certificate often just closes the
 * connection after a refusal, and with TLS 1.2 our side may see only "Broken pipe"; knowing that a
 * certificate was asked for lets the error say what really happened.
 */
public final class RecordingKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;
    private final Set<Socket> asked = ConcurrentHashMap.newKeySet();

    /** @param delegate the configured key manager, or {@code null} for "no client certificate" */
    public RecordingKeyManager(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    /** Whether the server asked {@code socket} for a client certificate; forgets the socket. */
    public boolean forget(Socket socket) {
        return asked.remove(socket);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        if (socket != null) {
            asked.add(socket);
        }
        return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return delegate == null ? null : delegate.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate == null ? null : delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate == null ? null : delegate.getPrivateKey(alias);
    }
}
