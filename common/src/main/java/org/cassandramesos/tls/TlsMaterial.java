package org.cassandramesos.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One party's TLS identity and whom it trusts, as PEM text: its private key (a secret), its certificate chain (leaf
 * first) and the CA certificate(s) it trusts peers by. This is what a node gets from the scheduler (secret bundle
 * entries {@link #KEY}, {@link #CERT}, {@link #CA}) and what local mode writes. {@link #toString()} never shows the key.
 */
public record TlsMaterial(String privateKeyPem, String certificateChainPem, String caPem) {
    /** The names of the entries in the scheduler's secret bundle for a node. */
    public static final String KEY = "tls_key";

    public static final String CERT = "tls_cert";
    public static final String CA = "tls_ca";

    /** File names when the material is kept in a directory (local mode, tests). */
    public static final String KEY_FILE = "node.key.pem";

    public static final String CERT_FILE = "node.crt.pem";
    public static final String CA_FILE = "ca.crt.pem";

    public TlsMaterial {
        // parse once so a broken PEM fails here, where it is handed over, and not at the first handshake
        Pem.privateKey(privateKeyPem);
        Pem.certificates(certificateChainPem);
        Pem.certificates(caPem);
    }

    /** From the secret bundle's entries, when all three are there; none of them means no TLS. */
    public static Optional<TlsMaterial> fromSecrets(Map<String, String> secrets) {
        if (!secrets.containsKey(KEY) && !secrets.containsKey(CERT) && !secrets.containsKey(CA)) {
            return Optional.empty();
        }
        if (!secrets.containsKey(KEY) || !secrets.containsKey(CERT) || !secrets.containsKey(CA)) {
            throw new IllegalArgumentException("TLS needs all of " + KEY + ", " + CERT + " and " + CA);
        }
        return Optional.of(new TlsMaterial(secrets.get(KEY), secrets.get(CERT), secrets.get(CA)));
    }

    /** As the secret bundle's entries. */
    public Map<String, String> asSecrets() {
        return Map.of(KEY, privateKeyPem, CERT, certificateChainPem, CA, caPem);
    }

    /** From {@link #KEY_FILE}, {@link #CERT_FILE} and {@link #CA_FILE} in the directory. */
    public static TlsMaterial readFrom(Path dir) throws IOException {
        return new TlsMaterial(
                Files.readString(dir.resolve(KEY_FILE)),
                Files.readString(dir.resolve(CERT_FILE)),
                Files.readString(dir.resolve(CA_FILE)));
    }

    /** Writes the three files, each readable by the owner only (the key is a secret). */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        PemFiles.writePrivate(dir.resolve(KEY_FILE), privateKeyPem);
        PemFiles.writePrivate(dir.resolve(CERT_FILE), certificateChainPem);
        PemFiles.writePrivate(dir.resolve(CA_FILE), caPem);
    }

    public PrivateKey privateKey() {
        return Pem.privateKey(privateKeyPem);
    }

    public List<X509Certificate> chain() {
        return Pem.certificates(certificateChainPem);
    }

    /** The key and its chain in an in-memory PKCS#12 store, under alias {@code key}, protected by {@code password}. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", privateKey(), password, chain().toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a key store: " + e.getMessage(), e);
        }
    }

    /** Writes {@link #keyStore} as a PKCS#12 file readable by the owner only (what Dropwizard's https connector reads). */
    public void writeKeyStore(Path file, char[] password) throws IOException {
        PemFiles.createPrivate(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore(password).store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the key store: " + e.getMessage(), e);
        }
    }

    /** Serves with this identity and trusts peers (client certificates, servers it calls) issued by the CA. */
    public SSLContext sslContext() {
        try {
            char[] password = new char[0];
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trustManagers(caPem).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A client context that trusts exactly the CA certificate(s) in {@code caPem} (not the JVM's public CAs). */
    public static SSLContext trusting(String caPem) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(caPem).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A trust store holding the CA certificate(s). */
    public static KeyStore trustStore(String caPem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : Pem.certificates(caPem)) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(String caPem) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore(caPem));
        return trust;
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + chain().get(0).getSubjectX500Principal().getName() + ", key redacted]";
    }
}
