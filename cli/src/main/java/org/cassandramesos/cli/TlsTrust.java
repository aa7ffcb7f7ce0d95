package org.cassandramesos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates the CLI trusts, as the DC/OS CLI decides it: the JVM's CAs by default, the cluster's
 * CA from a PEM file ({@code ssl_verify = "/path/ca.crt"}, DCOS_TLS_CA_PATH), or nothing checked
 * ({@code ssl_verify = "false"}, DCOS_TLS_INSECURE) — the DC/OS CLI's own opt-out, kept for parity.
 */
public sealed interface TlsTrust {
    record JvmDefault() implements TlsTrust {}

    record CaFile(Path pem) implements TlsTrust {}

    record Insecure() implements TlsTrust {}

    /** DCOS_TLS_INSECURE / DCOS_TLS_CA_PATH (what the DC/OS CLI hands its plugins), else the config's ssl_verify. */
    static TlsTrust resolve(CliEnvironment environment, Optional<String> sslVerify) {
        if (environment
                .get("DCOS_TLS_INSECURE")
                .filter(v -> v.equals("1") || v.equalsIgnoreCase("true"))
                .isPresent()) {
            return new Insecure();
        }
        Optional<String> caPath = environment.get("DCOS_TLS_CA_PATH");
        if (caPath.isPresent()) {
            return new CaFile(Path.of(caPath.get()));
        }
        return sslVerify.map(TlsTrust::fromSslVerify).orElse(new JvmDefault());
    }

    private static TlsTrust fromSslVerify(String sslVerify) {
        if (sslVerify.equalsIgnoreCase("false")) {
            return new Insecure();
        } else if (sslVerify.equalsIgnoreCase("true") || sslVerify.isBlank()) {
            return new JvmDefault();
        }
        return new CaFile(Path.of(sslVerify));
    }

    default SSLContext sslContext() {
        try {
            if (this instanceof JvmDefault) {
                return SSLContext.getDefault();
            }
            TrustManager[] trustManagers;
            if (this instanceof CaFile caFile) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(caFile.pem())) {
                    int i = 0;
                    for (Certificate certificate :
                            CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, certificate);
                    }
                }
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trustManagers = factory.getTrustManagers();
            } else {
                trustManagers = new TrustManager[] {new TrustEverything()};
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers, null);
            return context;
        } catch (IOException e) {
            throw new CliFailure(ExitCode.NOT_CONFIGURED, "cannot read the CA certificate: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new CliFailure(ExitCode.NOT_CONFIGURED, "cannot set up TLS: " + e.getMessage());
        }
    }

    /** No certificate or host name checks (an extended trust manager, so the JDK does not add its own). */
    final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
