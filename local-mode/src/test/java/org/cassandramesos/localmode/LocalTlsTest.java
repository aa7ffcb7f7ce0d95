package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.cassandramesos.tls.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code local --tls}: the throwaway CA, the API keystore and the scheduler settings they become. */
class LocalTlsTest {
    @TempDir
    Path dir;

    @Test
    void theCaIsMadeOnceAndTheApiKeystoreChainsToItForLoopback() throws Exception {
        LocalTls first = LocalTls.in(dir);
        String ca = Files.readString(first.caCert());
        LocalTls again = LocalTls.in(dir);

        assertThat(Files.readString(again.caCert()))
                .as("a restart on the same data keeps the CA")
                .isEqualTo(ca);
        assertThat(again.keystorePassword()).isNotEqualTo(first.keystorePassword());
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(again.keystore())) {
            keystore.load(in, again.keystorePassword().toCharArray());
        }
        X509Certificate[] chain = Arrays.stream(keystore.getCertificateChain("key"))
                .map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(TlsMaterial.trustStore(ca));
        ((X509TrustManager) trust.getTrustManagers()[0]).checkServerTrusted(chain, "ECDHE_ECDSA");
        assertThat(chain[0].getSubjectAlternativeNames().stream()
                        .map(san -> (Object) san.get(1))
                        .toList())
                .containsExactly("127.0.0.1", "localhost");
        for (Path file : new Path[] {again.caCert(), again.caKey(), again.keystore()}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void theSchedulerGetsTheApiKeystoreAndTheCaAsSettings() throws Exception {
        LocalTls tls = LocalTls.in(dir);

        assertThat(tls.schedulerEnvironment())
                .containsEntry("API_TLS_KEYSTORE", tls.keystore().toString())
                .containsEntry("API_TLS_KEYSTORE_PASSWORD", tls.keystorePassword())
                .containsEntry("TLS_CA_CERT", tls.caCert().toString())
                .containsEntry("TLS_CA_KEY", tls.caKey().toString());
        assertThat(tls.toString()).doesNotContain(tls.keystorePassword());
    }
}
