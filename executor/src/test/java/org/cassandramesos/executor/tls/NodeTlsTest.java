package org.cassandramesos.executor.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.api.NodeApiServer;
import org.cassandramesos.executor.config.CassandraYaml;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.mesos.NodeJobKinds;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's TLS without Cassandra running: its cassandra.yaml, its PEM files and its node API over HTTPS. */
class NodeTlsTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("node CA", Duration.ofDays(1));
    private static final String TOKEN = "node-token";

    @TempDir
    Path dir;

    @Test
    void withTlsCqlAndInternodeTrafficAreEncryptedFromThePemFilesAndNoSpecSettingTurnsThatOff() {
        CassandraNodeSpec spec = TestSpecs.spec(
                List.of("10.0.0.1"),
                TestSpecs.fixedPorts(),
                Map.of("client_encryption_options", Map.of("enabled", false)));
        NodeLayout layout =
                new NodeLayout(Path.of("/opt/cassandra"), Path.of("/sandbox/volume"), Path.of("/sandbox/run"));

        Map<String, Object> yaml =
                CassandraYaml.render(spec, "10.0.0.7", layout, Optional.of(NodeTlsFiles.in(layout.tlsDir())));

        assertThat(yaml.get("client_encryption_options"))
                .isEqualTo(Map.of(
                        "enabled",
                        true,
                        "optional",
                        false,
                        "ssl_context_factory",
                        Map.of("class_name", "org.apache.cassandra.security.PEMBasedSslContextFactory"),
                        "keystore",
                        "/sandbox/run/tls/node-keystore.pem",
                        "truststore",
                        "/sandbox/run/tls/ca-truststore.pem",
                        "require_client_auth",
                        false));
        assertThat(yaml.get("server_encryption_options"))
                .isEqualTo(Map.of(
                        "internode_encryption",
                        "all",
                        "optional",
                        false,
                        "ssl_context_factory",
                        Map.of("class_name", "org.apache.cassandra.security.PEMBasedSslContextFactory"),
                        "keystore",
                        "/sandbox/run/tls/node-keystore.pem",
                        "truststore",
                        "/sandbox/run/tls/ca-truststore.pem",
                        "require_client_auth",
                        true));
        assertThat(CassandraYaml.render(
                        TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of()), "10.0.0.7", layout))
                .as("without TLS, as before")
                .doesNotContainKeys("client_encryption_options", "server_encryption_options");
    }

    @Test
    void thePemFilesAreOwnerOnlyWithTheKeyAndChainInTheKeystore() throws Exception {
        TlsMaterial material = CA.issue("node-0", List.of("127.0.0.13"), Duration.ofDays(1));

        NodeTlsFiles files = NodeTlsFiles.in(dir.resolve("tls")).write(material);

        assertThat(Files.readString(files.keystore()))
                .isEqualTo(material.privateKeyPem() + material.certificateChainPem());
        assertThat(Files.readString(files.truststore())).isEqualTo(CA.certificatePem());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.keystore())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.truststore())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls"))))
                .isEqualTo("rwx------");
    }

    @Test
    void theNodeApiServesHttpsOnlyWithTheNodesCertificate() throws Exception {
        TlsMaterial material = CA.issue("node-0", List.of("127.0.0.1"), Duration.ofDays(1));
        CassandraNode node = new CassandraNode(
                TestSpecs.spec(List.of("127.0.0.1"), TestSpecs.fixedPorts(), Map.of()),
                "127.0.0.1",
                new NodeLayout(dir.resolve("home"), dir.resolve("volume"), dir.resolve("run")),
                exit -> {},
                Optional.of(material));
        NodeJobs jobs = new NodeJobs(node, NodeJobKinds.all());
        NodeApiServer server = NodeApiServer.start(
                new CassandraVerbs(node, Duration.ofSeconds(5), ProcessCounters.system()),
                jobs,
                "127.0.0.1",
                0,
                TOKEN,
                Optional.of(material));
        try {
            URI docs = server.uri().resolve("/docs");
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(TlsMaterial.trusting(CA.certificatePem()))
                    .build();
            HttpResponse<String> answer = trusting.send(
                    HttpRequest.newBuilder(docs)
                            .header("Authorization", "token=" + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            CertificateAuthority other = CertificateAuthority.create("other CA", Duration.ofDays(1));
            HttpClient stranger = HttpClient.newBuilder()
                    .sslContext(TlsMaterial.trusting(other.certificatePem()))
                    .build();

            assertThat(server.uri().getScheme()).isEqualTo("https");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThatThrownBy(() ->
                            stranger.send(HttpRequest.newBuilder(docs).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(plainStatus(URI.create("http://127.0.0.1:" + server.uri().getPort() + "/docs")))
                    .isNotEqualTo(200);
        } finally {
            server.close();
            jobs.close();
            node.close();
        }
    }

    private static int plainStatus(URI uri) throws InterruptedException {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri)
                                    .header("Authorization", "token=" + TOKEN)
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (IOException e) {
            return -1; // the TLS connector closed the plain connection
        }
    }
}
