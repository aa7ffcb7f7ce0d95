package org.cassandramesos.scheduler.tls;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.cassandramesos.tls.Pem;

/**
 * Turns the API's http connectors into https ones on the same port and address when {@code API_TLS_KEYSTORE} (or
 * {@code API_TLS_CERT} + {@code API_TLS_KEY}) is set. Done in code, not in scheduler.yml, because environment substitution cannot switch a connector's type: the
 * file stays the same with and without TLS. The admin connector (health, metrics) stays as configured.
 */
public final class ApiHttps {
    private ApiHttps() {}

    /** Returns whether the API now serves HTTPS. */
    public static boolean apply(ServerFactory server, TlsSettings tls) {
        if (!tls.apiHttps()) {
            return false;
        }
        if (!(server instanceof DefaultServerFactory factory)) {
            throw new IllegalArgumentException("API_TLS_KEYSTORE needs the default server (applicationConnectors)");
        }
        Keystore keystore = keystore(tls);
        List<ConnectorFactory> connectors = new ArrayList<>();
        for (ConnectorFactory connector : factory.getApplicationConnectors()) {
            connectors.add(
                    connector instanceof HttpConnectorFactory http && !(connector instanceof HttpsConnectorFactory)
                            ? https(http, keystore)
                            : connector);
        }
        factory.setApplicationConnectors(connectors);
        return true;
    }

    private record Keystore(String path, String password) {
        @Override
        public String toString() {
            return "Keystore[" + path + "]";
        }
    }

    /**
     * The configured keystore, or one made from the PEM certificate and key: a PKCS#12 file readable by this user only,
     * encrypted with a random password that lives in memory only, deleted when the scheduler exits.
     */
    private static Keystore keystore(TlsSettings tls) {
        if (tls.apiKeystorePath().isPresent()) {
            return new Keystore(tls.apiKeystorePath().get(), tls.apiKeystoreSecret());
        }
        Map.Entry<String, String> pem = tls.apiPem().orElseThrow();
        try {
            Path file = Files.createTempFile(
                    "api-tls",
                    ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getEncoder().encodeToString(random);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    "api",
                    Pem.privateKey(pem.getValue()),
                    password.toCharArray(),
                    Pem.certificates(pem.getKey()).toArray(new X509Certificate[0]));
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return new Keystore(file.toString(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the API's TLS key: " + e.getMessage(), e);
        }
    }

    private static HttpsConnectorFactory https(HttpConnectorFactory http, Keystore keystore) {
        HttpsConnectorFactory https = new HttpsConnectorFactory();
        https.setPort(http.getPort());
        https.setBindHost(http.getBindHost());
        https.setKeyStorePath(keystore.path());
        https.setKeyStorePassword(keystore.password());
        https.setKeyStoreType("PKCS12");
        return https;
    }
}
