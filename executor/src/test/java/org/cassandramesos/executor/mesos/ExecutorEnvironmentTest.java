package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.junit.jupiter.api.Test;

class ExecutorEnvironmentTest {
    private static final Map<String, String> AGENT = Map.of(
            "MESOS_SANDBOX", "/var/sandbox",
            "MESOS_AGENT_ENDPOINT", "10.0.0.5:5051",
            "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "30secs");

    @Test
    void readsTheAgentContractWithDefaults() {
        ExecutorEnvironment env = ExecutorEnvironment.fromEnvironment(AGENT);

        assertThat(env.sandbox()).isEqualTo(Path.of("/var/sandbox"));
        assertThat(env.cassandraHome()).isEqualTo(Path.of("/var/sandbox/cassandra"));
        assertThat(env.ip()).isEqualTo("10.0.0.5");
        assertThat(env.shutdownGrace()).isEqualTo(Duration.ofSeconds(28));
        assertThat(env.environmentSecrets())
                .as("secrets come by message unless SECRETS_DELIVERY says otherwise")
                .isEmpty();
    }

    @Test
    void withTheSecretStoreTheTokenComesFromTheEnvironmentAndIsNeverPrinted() {
        Map<String, String> vars = new java.util.HashMap<>(AGENT);
        vars.put("SECRETS_DELIVERY", "secret-store");
        vars.put("NODE_API_TOKEN", "t0k-from-the-store");

        ExecutorEnvironment env = ExecutorEnvironment.fromEnvironment(vars);

        assertThat(env.environmentSecrets().orElseThrow().require(SecretBundle.NODE_API_TOKEN))
                .isEqualTo("t0k-from-the-store");
        assertThat(env.toString()).doesNotContain("t0k-from-the-store");
    }

    @Test
    void messageDeliveryIgnoresATokenInTheEnvironmentAndUnknownModesAreRefused() {
        Map<String, String> vars = new java.util.HashMap<>(AGENT);
        vars.put("SECRETS_DELIVERY", "message");
        vars.put("NODE_API_TOKEN", "stray");
        assertThat(ExecutorEnvironment.fromEnvironment(vars).environmentSecrets())
                .isEmpty();

        vars.put("SECRETS_DELIVERY", "env");
        assertThatThrownBy(() -> ExecutorEnvironment.fromEnvironment(vars)).hasMessageContaining("SECRETS_DELIVERY");
    }

    @Test
    void prefersLibprocessIpAndAnExplicitCassandraHome() {
        Map<String, String> vars = new java.util.HashMap<>(AGENT);
        vars.put("LIBPROCESS_IP", "10.0.0.9");
        vars.put("CASSANDRA_HOME", "/opt/cassandra");

        ExecutorEnvironment env = ExecutorEnvironment.fromEnvironment(vars);

        assertThat(env.ip()).isEqualTo("10.0.0.9");
        assertThat(env.cassandraHome()).isEqualTo(Path.of("/opt/cassandra"));
    }

    @Test
    void theSecretStoreModeRefusesToRunWithoutANodeApiToken() {
        Map<String, String> vars = new java.util.HashMap<>(AGENT);
        vars.put("SECRETS_DELIVERY", "secret-store");

        assertThatThrownBy(() -> ExecutorEnvironment.fromEnvironment(vars))
                .hasMessageContaining("NODE_API_TOKEN is not set");
    }

    @Test
    void theSecretStoreModeCarriesTheCqlPasswordWhenGivenAndNeverShowsASecret() {
        Map<String, String> vars = new java.util.HashMap<>(AGENT);
        vars.put("SECRETS_DELIVERY", "secret-store");
        vars.put("NODE_API_TOKEN", "t0k");
        vars.put("CQL_PASSWORD", "pa55");

        ExecutorEnvironment env = ExecutorEnvironment.fromEnvironment(vars);

        SecretBundle secrets = env.environmentSecrets().orElseThrow();
        assertThat(secrets.require(SecretBundle.NODE_API_TOKEN)).isEqualTo("t0k");
        assertThat(secrets.get(SecretBundle.CQL_PASSWORD)).contains("pa55");
        assertThat(env.toString() + secrets).doesNotContain("t0k").doesNotContain("pa55");
        vars.remove("CQL_PASSWORD");
        assertThat(ExecutorEnvironment.fromEnvironment(vars)
                        .environmentSecrets()
                        .orElseThrow()
                        .get(SecretBundle.CQL_PASSWORD))
                .isEmpty();
    }
}
