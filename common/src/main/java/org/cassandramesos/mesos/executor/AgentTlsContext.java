package org.cassandramesos.mesos.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.cassandramesos.tls.Pem;

/** The TLS client context for the agent's executor API, from {@link AgentTls}: whom to trust, whom to present. */
public final class AgentTlsContext {
    private AgentTlsContext() {}

    /**
     * Trusts the CAs the environment names (file and directory) and only them, or the JDK's default roots when it
     * names none; presents {@code CERT_FILE}/{@code KEY_FILE} when given. A named file that cannot be read, or
     * names that yield no CA certificate, fail here, before the first connection (libprocess exits on the first,
     * {@code openssl.cpp:677-686}).
     */
    public static SSLContext create(AgentTls tls) {
        if (!tls.enabled()) {
            throw new IllegalArgumentException("the agent API is plain http: no TLS context");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keyManagers(tls),
                    new TrustManager[] {new AgentCertificateCheck(chainCheck(tls), tls.hostnameValidation())},
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS to the agent: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager chainCheck(AgentTls tls) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls.caFile().isEmpty() && tls.caDir().isEmpty()) {
            factory.init((KeyStore) null); // the JDK's default roots
        } else {
            List<X509Certificate> anchors = new ArrayList<>();
            if (tls.caFile().isPresent()) {
                anchors.addAll(Pem.certificates(read(tls.caFile().get(), "LIBPROCESS_SSL_CA_FILE")));
            }
            if (tls.caDir().isPresent()) {
                anchors.addAll(certificatesIn(tls.caDir().get()));
            }
            if (anchors.isEmpty()) {
                throw new IllegalStateException(
                        "LIBPROCESS_SSL_CA_DIR " + tls.caDir().get() + " holds no PEM CA certificate");
            }
            KeyStore store = emptyStore();
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("ca-" + i, anchors.get(i));
            }
            factory.init(store);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager in this JVM");
    }

    private static KeyManager[] keyManagers(AgentTls tls) throws GeneralSecurityException {
        if (tls.certFile().isEmpty()) {
            return null;
        }
        List<X509Certificate> chain = Pem.certificates(read(tls.certFile().get(), "LIBPROCESS_SSL_CERT_FILE"));
        char[] password = new char[0];
        KeyStore store = emptyStore();
        store.setKeyEntry(
                "executor",
                Pem.privateKey(read(tls.keyFile().get(), "LIBPROCESS_SSL_KEY_FILE")),
                password,
                chain.toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    /** Every PEM certificate in the directory's regular files (OpenSSL's {@code <hash>.0} links included). */
    private static List<X509Certificate> certificatesIn(Path dir) {
        List<X509Certificate> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    out.addAll(Pem.certificates(Files.readString(file)));
                } catch (IllegalArgumentException | IOException e) {
                    // not a certificate (OpenSSL ignores such files in a CA directory too)
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read LIBPROCESS_SSL_CA_DIR " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String read(Path file, String variable) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + variable + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }
}
