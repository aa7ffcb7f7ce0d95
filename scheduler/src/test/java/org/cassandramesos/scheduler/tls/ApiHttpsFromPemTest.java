package org.cassandramesos.scheduler.tls;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.api.ApiApp;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API_TLS_CERT (PEM text, as a DC/OS environment secret) + API_TLS_KEY (a PEM file): the API serves HTTPS with them. */
class ApiHttpsFromPemTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("api test CA", Duration.ofDays(1));
    private static final TlsMaterial API_KEY = CA.issue("scheduler API", List.of("127.0.0.1"), Duration.ofDays(1));

    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(
            ZK,
            ConfigOverride.config("tls.api_cert", API_KEY.certificateChainPem()),
            ConfigOverride.config("tls.api_key", keyFile().toString()));

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    @Test
    void aClientTrustingTheCaGetsAnswersOverHttps() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(TlsMaterial.trusting(CA.certificatePem()))
                .build();

        HttpResponse<String> config = client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + APP.getLocalPort() + "/v1/config/target"))
                        .header("Authorization", "token=" + API.token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(config.statusCode()).isEqualTo(200);
    }

    private static Path keyFile() {
        try {
            Path file = Files.createTempDirectory("api-tls").resolve("api.key.pem");
            Files.writeString(file, API_KEY.privateKeyPem());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
