package org.cassandramesos.scheduler.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCertificatesTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("cassandra CA", Duration.ofDays(30));

    @Test
    void aNodesCertificateNamesItsAgentIpAndHostAndChainsToTheCa() throws Exception {
        NodeCertificates certificates = new NodeCertificates(CA, Duration.ofDays(10));

        TlsMaterial node = certificates.issue("node-0", "10.0.1.7", List.of("agent-7.example", ""));

        X509Certificate leaf = node.chain().get(0);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=node-0");
        assertThat(leaf.getSubjectAlternativeNames().stream()
                        .map(san -> (Object) san.get(1))
                        .toList())
                .containsExactly("10.0.1.7", "agent-7.example");
        assertThat(Duration.between(
                        leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(10), Duration.ofDays(10).plusMinutes(6));
        assertThat(node.caPem()).isEqualTo(CA.certificatePem());
        assertThat(node.asSecrets()).containsOnlyKeys("tls_key", "tls_cert", "tls_ca");
        trust(CA.certificatePem()).checkServerTrusted(node.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
        assertThat(certificates.issue("node-0", "10.0.1.7", List.of()).privateKeyPem())
                .as("a fresh key at every issue")
                .isNotEqualTo(node.privateKeyPem());
    }

    @Test
    void settingsTakeTheCaAsPemFilesOrAsPemTextFoldedByYaml(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("ca.crt"), CA.certificatePem());
        Path key = Files.writeString(dir.resolve("ca.key"), CA.keyPem());
        String folded = CA.keyPem().replace("\n", " ");

        TlsSettings fromFiles = new TlsSettings(null, null, null, null, cert.toString(), key.toString(), null, 5);
        TlsSettings fromText =
                new TlsSettings(null, null, null, null, CA.certificatePem().replace("\n", " "), folded, null, null);

        for (TlsSettings settings : List.of(fromFiles, fromText)) {
            assertThat(settings.nodeTls()).isTrue();
            TlsMaterial node = settings.nodeCertificates().orElseThrow().issue("node-1", "10.0.0.2", List.of());
            trust(CA.certificatePem()).checkServerTrusted(node.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
            assertThat(settings.nodeApiTls().scheme()).isEqualTo("https");
            assertThat(settings.toString()).doesNotContain("PRIVATE").doesNotContain(dir.toString() + "/ca.key");
        }
    }

    @Test
    void duringACaRotationNodesTrustTheOldAndTheNewCa() throws Exception {
        CertificateAuthority next = CertificateAuthority.create("next CA", Duration.ofDays(30));
        String both = CA.certificatePem() + next.certificatePem();
        TlsSettings rotating =
                new TlsSettings(null, null, null, null, next.certificatePem(), next.keyPem(), both, null);

        TlsMaterial node = rotating.nodeCertificates().orElseThrow().issue("node-2", "10.0.0.3", List.of());

        assertThat(node.caPem()).isEqualTo(both);
        trust(node.caPem())
                .checkServerTrusted(
                        CA.issue("old", List.of("10.0.0.4"), Duration.ofDays(1))
                                .chain()
                                .toArray(new X509Certificate[0]),
                        "ECDHE_ECDSA");
        trust(node.caPem()).checkServerTrusted(node.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
        assertThat(rotating.nodeApiTls().caPem()).contains(both);
    }

    @Test
    void withoutSettingsEverythingStaysPlainAndHalfSettingsAreRefused() {
        TlsSettings none = new TlsSettings("", "", "", "", "", "", "", null);

        assertThat(none.nodeTls()).isFalse();
        assertThat(none.nodeCertificates()).isEmpty();
        assertThat(none.nodeApiTls().scheme()).isEqualTo("http");
        assertThat(none.apiKeystorePath()).isEmpty();
        assertThatThrownBy(() -> new TlsSettings(null, null, null, null, CA.certificatePem(), null, null, null))
                .hasMessageContaining("TLS_CA_CERT and TLS_CA_KEY go together");
        assertThatThrownBy(() -> new TlsSettings("/x.p12", null, null, null, null, null, null, null))
                .hasMessageContaining("API_TLS_KEYSTORE_PASSWORD");
        assertThatThrownBy(() -> new TlsSettings(null, null, null, null, null, null, CA.certificatePem(), null))
                .hasMessageContaining("NODE_TLS_CA needs");
        assertThatThrownBy(() -> new TlsSettings(null, null, CA.certificatePem(), null, null, null, null, null))
                .hasMessageContaining("API_TLS_CERT and API_TLS_KEY go together");
        assertThatThrownBy(
                        () -> new TlsSettings("/x.p12", "pw", CA.certificatePem(), CA.keyPem(), null, null, null, null))
                .hasMessageContaining("not both");
    }

    private static X509TrustManager trust(String caPem) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(TlsMaterial.trustStore(caPem));
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
