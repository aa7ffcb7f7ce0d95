package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.cassandramesos.local.AgentSpec;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkSecretTest {
    @TempDir
    Path data;

    @Test
    void theFirstRunWritesAnOwnerOnlySecretThatLaterRunsReuse() throws Exception {
        Path file = data.resolve("framework-secret");

        FrameworkSecret first = FrameworkSecret.loadOrCreate(file);

        assertThat(first.principal()).isEqualTo(FrameworkSecret.PRINCIPAL);
        assertThat(first.secret()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.secret());
        assertThat(FrameworkSecret.loadOrCreate(file)).isEqualTo(first);
        assertThat(FrameworkSecret.loadOrCreate(data.resolve("other")).secret()).isNotEqualTo(first.secret());
        assertThat(first.schedulerEnvironment())
                .containsEntry("MESOS_SECRET", first.secret())
                .containsEntry("FRAMEWORK_PRINCIPAL", FrameworkSecret.PRINCIPAL);
    }

    /** As local mode configures its master: no SUBSCRIBE without the secret, and the master's state never shows it. */
    @Test
    void localModesMasterRequiresTheSecretAndDoesNotShowIt() throws Exception {
        FrameworkSecret secret = FrameworkSecret.loadOrCreate(data.resolve("framework-secret"));
        LocalMesosConfig config = LocalMesosConfig.builder(data.resolve("mesos"))
                .agents(1, AgentSpec.of(1, 1024, 1024))
                .heartbeatInterval(Duration.ofSeconds(1))
                .frameworkCredentials(secret.masterCredentials())
                .build();
        assertThat(config.toString()).doesNotContain(secret.secret());
        try (LocalMesos mesos = LocalMesos.start(config)) {
            var http = java.net.http.HttpClient.newHttpClient();
            var subscribe = java.net.http.HttpRequest.newBuilder(mesos.schedulerEndpoint())
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\",\"subscribe\":"
                            + "{\"framework_info\":{\"user\":\"u\",\"name\":\"n\",\"principal\":\"" + secret.principal()
                            + "\"}}}"))
                    .build();
            assertThat(http.send(subscribe, java.net.http.HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(401);
            assertThat(mesos.unauthenticatedSchedulerRequests()).isEqualTo(1);
            assertThat(mesos.masterState().toString()).doesNotContain(secret.secret());
        }
    }
}
