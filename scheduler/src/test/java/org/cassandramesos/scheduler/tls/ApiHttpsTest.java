package org.cassandramesos.scheduler.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.api.ApiApp;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What local mode --tls hands the scheduler: API_TLS_KEYSTORE (the bundled scheduler.yml's API connector then serves
 * HTTPS with that key, on the same port) and the CA as PEM files (node TLS: node certificates and https node calls).
 */
class ApiHttpsTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("api test CA", Duration.ofDays(1));
    private static final Path KEYSTORE = keystore();

    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(
            ZK,
            ConfigOverride.config("tls.api_keystore", KEYSTORE.toString()),
            ConfigOverride.config("tls.api_keystore_password", "keystore-secret"),
            ConfigOverride.config(
                    "tls.ca_cert", KEYSTORE.resolveSibling("ca.crt.pem").toString()),
            ConfigOverride.config(
                    "tls.ca_key", KEYSTORE.resolveSibling("ca.key.pem").toString()));

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    @Test
    void aClientTrustingTheCaGetsAnswersOverHttpsWithHostNameVerification() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(TlsMaterial.trusting(CA.certificatePem()))
                .build();

        HttpResponse<String> docs =
                client.send(HttpRequest.newBuilder(https("/docs")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unauthorized =
                client.send(HttpRequest.newBuilder(https("/v1/plan")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> config = client.send(
                HttpRequest.newBuilder(https("/v1/config/target"))
                        .header("Authorization", "token=" + API.token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(config.statusCode()).isEqualTo(200);
    }

    @Test
    void aClientTrustingAnotherCaIsRefusedAndPlainHttpGetsNoAnswer() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("other CA", Duration.ofDays(1));
        HttpClient stranger = HttpClient.newBuilder()
                .sslContext(TlsMaterial.trusting(other.certificatePem()))
                .build();
        HttpClient plain = HttpClient.newHttpClient();

        assertThatThrownBy(() -> stranger.send(
                        HttpRequest.newBuilder(https("/docs")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        URI http = URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/docs");
        int plainStatus;
        try {
            plainStatus = plain.send(HttpRequest.newBuilder(http).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (IOException e) {
            plainStatus = -1; // the TLS connector closed the plain connection
        }
        assertThat(plainStatus).isNotEqualTo(200);
    }

    @Test
    void withTheCaTheSchedulerIssuesNodeCertificatesAndCallsNodeApisOverHttps() throws Exception {
        java.util.Optional<NodeCertificates> certificates = API.extension
                .<org.cassandramesos.scheduler.SchedulerApplication>getApplication()
                .injector()
                .getInstance(com.google.inject.Key.get(
                        new com.google.inject.TypeLiteral<java.util.Optional<NodeCertificates>>() {}));

        TlsMaterial node = certificates.orElseThrow().issue("node-0", "10.0.0.9", List.of());
        assertThat(node.caPem()).isEqualTo(CA.certificatePem());
        assertThat(API.get(org.cassandramesos.scheduler.tls.NodeApiTls.class).scheme())
                .isEqualTo("https");
    }

    private static URI https(String path) {
        return URI.create("https://127.0.0.1:" + APP.getLocalPort() + path);
    }

    private static Path keystore() {
        try {
            Path file = Files.createTempDirectory("api-tls").resolve("api.p12");
            CA.issue("scheduler API", List.of("127.0.0.1", "localhost"), Duration.ofDays(1))
                    .writeKeyStore(file, "keystore-secret".toCharArray());
            file.toFile().deleteOnExit();
            Files.writeString(file.resolveSibling("ca.crt.pem"), CA.certificatePem())
                    .toFile()
                    .deleteOnExit();
            Files.writeString(file.resolveSibling("ca.key.pem"), CA.keyPem())
                    .toFile()
                    .deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
