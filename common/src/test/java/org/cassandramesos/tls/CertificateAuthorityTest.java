package org.cassandramesos.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("test CA", Duration.ofDays(1));

    @Test
    void anIssuedCertificateChainsToTheCaAndNamesItsAddresses() throws Exception {
        TlsMaterial node = CA.issue("node-0", List.of("127.0.0.13", "node-0.cassandra.mesos"), Duration.ofDays(1));

        trustManager(CA.certificatePem())
                .checkServerTrusted(node.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
        X509Certificate leaf = node.chain().get(0);
        assertThat(leaf.getSubjectAlternativeNames().stream()
                        .map(san -> (Object) san.get(1))
                        .toList())
                .containsExactly((Object) "127.0.0.13", "node-0.cassandra.mesos");
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(node.caPem()).isEqualTo(CA.certificatePem());
    }

    @Test
    void aCertificateOfAnotherCaOrAnExpiredOneIsRefused() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("other CA", Duration.ofDays(1));
        TlsMaterial foreign = other.issue("node-0", List.of("127.0.0.13"), Duration.ofDays(1));
        TlsMaterial expired = CA.issue(
                "node-0",
                List.of("127.0.0.13"),
                Instant.now().minus(Duration.ofDays(2)),
                Instant.now().minus(Duration.ofDays(1)));
        X509TrustManager trust = trustManager(CA.certificatePem());

        assertThatThrownBy(
                        () -> trust.checkServerTrusted(foreign.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(
                        () -> trust.checkServerTrusted(expired.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void theCaReadBackFromItsPemIssuesCertificatesTheOriginalCertificateTrusts() throws Exception {
        CertificateAuthority reread = CertificateAuthority.fromPem(CA.certificatePem(), CA.keyPem());
        TlsMaterial node = reread.issue("node-1", List.of("10.0.0.5"), Duration.ofHours(1));

        trustManager(CA.certificatePem())
                .checkServerTrusted(node.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
    }

    @Test
    void aCaKeyThatIsNotTheCertificatesOrALeafCertificateIsRefusedAsCa() {
        CertificateAuthority other = CertificateAuthority.create("other CA", Duration.ofDays(1));
        TlsMaterial leaf = CA.issue("node-0", List.of("127.0.0.1"), Duration.ofDays(1));

        assertThatThrownBy(() -> CertificateAuthority.fromPem(CA.certificatePem(), other.keyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> CertificateAuthority.fromPem(leaf.certificateChainPem(), leaf.privateKeyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a CA");
        assertThatThrownBy(() -> CA.issue("x", List.of("not a host!"), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientTrustingTheCaCompletesAHandshakeOnlyWithTheAddressTheCertificateNames() throws Exception {
        TlsMaterial named = CA.issue("server", List.of("127.0.0.1"), Duration.ofDays(1));
        TlsMaterial otherAddress = CA.issue("server", List.of("127.0.0.9"), Duration.ofDays(1));

        assertThat(handshake(named.sslContext(), TlsMaterial.trusting(CA.certificatePem())))
                .isEqualTo("pong");
        assertThatThrownBy(() -> handshake(otherAddress.sslContext(), TlsMaterial.trusting(CA.certificatePem())))
                .isInstanceOf(SSLHandshakeException.class);
        CertificateAuthority other = CertificateAuthority.create("other CA", Duration.ofDays(1));
        assertThatThrownBy(() -> handshake(named.sslContext(), TlsMaterial.trusting(other.certificatePem())))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void materialWrittenToADirectoryIsOwnerOnlyAndReadsBackTheSame(@TempDir Path dir) throws Exception {
        TlsMaterial node = CA.issue("node-0", List.of("127.0.0.13"), Duration.ofDays(1));
        node.writeTo(dir);

        assertThat(TlsMaterial.readFrom(dir)).isEqualTo(node);
        for (String file : List.of(TlsMaterial.KEY_FILE, TlsMaterial.CERT_FILE, TlsMaterial.CA_FILE)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
                    .isEqualTo("rw-------");
        }
        assertThat(node.toString()).doesNotContain("PRIVATE").contains("CN=node-0");
        assertThat(CA.toString()).doesNotContain("PRIVATE");
        assertThat(TlsMaterial.fromSecrets(node.asSecrets())).contains(node);
        assertThat(TlsMaterial.fromSecrets(java.util.Map.of("node_api_token", "x")))
                .isEmpty();
        assertThatThrownBy(() -> TlsMaterial.fromSecrets(java.util.Map.of(TlsMaterial.CA, node.caPem())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPkcs12KeyStoreFileHoldsTheKeyAndChain(@TempDir Path dir) throws Exception {
        TlsMaterial server = CA.issue("api", List.of("127.0.0.1"), Duration.ofDays(1));
        Path file = dir.resolve("api.p12");
        server.writeKeyStore(file, "secret".toCharArray());

        KeyStore read = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            read.load(in, "secret".toCharArray());
        }
        assertThat(read.getCertificateChain("key")).hasSize(1);
        assertThat(read.getKey("key", "secret".toCharArray())).isEqualTo(server.privateKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    /** A one-message TLS exchange on 127.0.0.1 with host name verification on the client, as HTTPS does it. */
    private static String handshake(SSLContext server, SSLContext client) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket)
                server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.getInputStream().read();
                    accepted.getOutputStream().write("pong".getBytes());
                } catch (IOException e) {
                    // the client refused the handshake: nothing to answer
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), 5000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                OutputStream out = socket.getOutputStream();
                out.write('p');
                out.flush();
                String answer = new String(socket.getInputStream().readNBytes(4));
                served.get(5, TimeUnit.SECONDS);
                return answer;
            }
        }
    }

    private static X509TrustManager trustManager(String caPem) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(TlsMaterial.trustStore(caPem));
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
