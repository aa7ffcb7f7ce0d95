package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.PemFiles;
import org.cassandramesos.tls.TlsMaterial;

/**
 * {@code cassandra-mesos local --tls}: a throwaway CA kept in the data directory (so a restart on the same data keeps
 * trusting the same CA), a certificate for the scheduler's API on 127.0.0.1 in a PKCS#12 keystore with a fresh
 * password each run, and the scheduler settings that turn TLS on: API_TLS_KEYSTORE(+_PASSWORD) for the API and
 * TLS_CA_CERT/TLS_CA_KEY so the scheduler issues each node its certificate. Every file is owner-only.
 *
 * @param caCert   the CA certificate (PEM) clients trust: {@code --ca-cert}, {@code curl --cacert}
 * @param caKey    the CA's key (PEM; secret: only the scheduler reads it)
 * @param keystore the API's PKCS#12 keystore
 */
public record LocalTls(Path caCert, Path caKey, Path keystore, String keystorePassword) {
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration API_VALIDITY = Duration.ofDays(365);

    /** The CA under {@code dir} (created on the first run) and a new API certificate for 127.0.0.1 and localhost. */
    public static LocalTls in(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path caCert = dir.resolve("ca.crt.pem");
        Path caKey = dir.resolve("ca.key.pem");
        CertificateAuthority ca;
        if (Files.exists(caCert) && Files.exists(caKey)) {
            ca = CertificateAuthority.fromPem(Files.readString(caCert), Files.readString(caKey));
        } else {
            ca = CertificateAuthority.create("cassandra-mesos local mode CA", CA_VALIDITY);
            PemFiles.writePrivate(caKey, ca.keyPem());
            PemFiles.writePrivate(caCert, ca.certificatePem());
        }
        TlsMaterial api = ca.issue("cassandra-mesos scheduler API", List.of("127.0.0.1", "localhost"), API_VALIDITY);
        Path keystore = dir.resolve("api.p12");
        String password = randomPassword();
        api.writeKeyStore(keystore, password.toCharArray());
        return new LocalTls(caCert, caKey, keystore, password);
    }

    /** What the scheduler needs to serve HTTPS and issue node certificates (docs/tls.md). */
    public Map<String, String> schedulerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("API_TLS_KEYSTORE", keystore.toString());
        env.put("API_TLS_KEYSTORE_PASSWORD", keystorePassword);
        env.put("TLS_CA_CERT", caCert.toString());
        env.put("TLS_CA_KEY", caKey.toString());
        return env;
    }

    /** A client context trusting only this CA (local mode's own calls to the API). */
    public SSLContext clientContext() throws IOException {
        return TlsMaterial.trusting(Files.readString(caCert));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "LocalTls[CA " + caCert + "]";
    }
}
