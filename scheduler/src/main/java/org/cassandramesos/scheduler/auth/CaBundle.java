package org.cassandramesos.scheduler.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts exactly the certificates of a PEM bundle, e.g. a DC/OS cluster's CA ({@code DCOS_JWKS_CA_PATH}):
 * every https call to the DC/OS IAM (its JWKS, the service-account login) trusts it.
 */
public final class CaBundle {
    private CaBundle() {}

    static SSLSocketFactory socketFactory(Path pem) {
        return sslContext(pem).getSocketFactory();
    }

    public static SSLContext sslContext(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalArgumentException("DCOS_JWKS_CA_PATH " + pem + " holds no PEM certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read DCOS_JWKS_CA_PATH " + pem + ": " + e.getMessage(), e);
        }
    }
}
