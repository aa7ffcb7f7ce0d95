package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cassandramesos.localmode.LocalModeSettings;
import org.cassandramesos.localmode.SchedulerEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered app's scheduler environment differs from the app's own {@code env} only where DC/OS and Marathon supply
 * a value at run time (the master's and ZooKeeper's addresses, the IAM, the ports, the sandbox), and runs the app's
 * {@code cmd} as Mesos runs a shell command.
 */
class RenderedAppEnvironmentTest {
    private static final Set<String> REPLACED =
            Set.of("MESOS_MASTER_URL", "ZOOKEEPER", "DCOS_JWKS_URL", "DCOS_JWKS_CA_PATH");
    private static final Set<String> ADDED_BY_MARATHON_AND_MESOS =
            Set.of("PORT0", "PORT1", "PORT_API", "PORT_ADMIN", "PORTS", "MESOS_SANDBOX");

    @TempDir
    Path dir;

    @Test
    void onlyTheInfrastructureDiffersFromTheRenderedEnvironment() throws Exception {
        JsonNode app = MarathonAppRenderer.renderJson(
                UniverseFiles.template(),
                PackageOptions.effective(UniverseFiles.configSchema(), UniverseFiles.JSON.createObjectNode()),
                UniverseFiles.json(UniverseFiles.universe().resolve("resource.json")));
        Optional<Map<String, String>> store = storeFor(app);
        Map<String, String> rendered = MarathonSecrets.environment(app, store);
        SchedulerEnvironment.Infrastructure where = new SchedulerEnvironment.Infrastructure(
                URI.create("http://127.0.0.1:5050"),
                "127.0.0.1:2181",
                new LocalModeSettings.BackupStore("s3://unused", "a", "b"),
                dir.resolve("sandbox"),
                40001,
                40002,
                null);

        try (DcosIamStandIn iam = DcosIamStandIn.start(dir.resolve("ca.crt"))) {
            RenderedAppEnvironment environment = new RenderedAppEnvironment(app, store, iam, Optional.empty());
            Map<String, String> variables = environment.variables(where);

            Set<String> differing = new HashSet<>();
            variables.forEach((name, value) -> {
                if (!value.equals(rendered.get(name))) {
                    differing.add(name);
                }
            });
            Set<String> expected = new HashSet<>(REPLACED);
            expected.addAll(ADDED_BY_MARATHON_AND_MESOS);
            assertThat(differing).isEqualTo(expected);
            assertThat(variables.keySet()).containsAll(rendered.keySet());
            assertThat(variables)
                    .containsEntry("MESOS_MASTER_URL", "http://127.0.0.1:5050")
                    .containsEntry("ZOOKEEPER", "127.0.0.1:2181")
                    .containsEntry("PORT0", "40001")
                    .containsEntry("PORT1", "40002")
                    .containsEntry("DCOS_JWKS_URL", iam.jwksUrl().toString());
            assertThat(environment.command(where))
                    .containsExactly("/bin/sh", "-c", app.path("cmd").asText());
            assertThat(environment.frameworkCredentials()).isEmpty();
            assertThat(environment.agentSecretStore()).isEqualTo(store);
            assertThat(environment.apiOverTls()).isFalse();
        }
    }

    @Test
    void aTaskUserTheLocalAgentsCanRunAsReplacesTheServiceUser() throws Exception {
        JsonNode app = MarathonAppRenderer.renderJson(
                UniverseFiles.template(),
                PackageOptions.effective(UniverseFiles.configSchema(), UniverseFiles.JSON.createObjectNode()),
                UniverseFiles.json(UniverseFiles.universe().resolve("resource.json")));
        SchedulerEnvironment.Infrastructure where = new SchedulerEnvironment.Infrastructure(
                URI.create("http://127.0.0.1:5050"), "127.0.0.1:2181", null, dir, 40001, 40002, null);
        try (DcosIamStandIn iam = DcosIamStandIn.start(dir.resolve("ca.crt"))) {
            assertThat(new RenderedAppEnvironment(app, storeFor(app), iam, Optional.of("tester")).variables(where))
                    .containsEntry("FRAMEWORK_USER", "tester");
        }
    }

    /** A store holding whatever the app references (none for a package that references no secret). */
    private static Optional<Map<String, String>> storeFor(JsonNode app) {
        if (!MarathonSecrets.referencesSecrets(app)) {
            return Optional.empty();
        }
        Map<String, String> store = new HashMap<>();
        app.path("secrets")
                .forEach(secret -> store.put(
                        secret.path("source").asText(),
                        "value-of-" + secret.path("source").asText()));
        return Optional.of(store);
    }
}
