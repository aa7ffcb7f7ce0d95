package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorEnvironmentTest {
    private static final Map<String, String> AGENT = Map.of(
            "MESOS_SANDBOX", "/var/sandbox",
            "MESOS_AGENT_ENDPOINT", "10.0.0.5:5051",
            "NODE_API_TOKEN", "t0k",
            "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "30secs");

    @Test
    void readsTheAgentContractWithDefaults() {
        ExecutorEnvironment env = ExecutorEnvironment.fromEnvironment(AGENT);

        assertThat(env.sandbox()).isEqualTo(Path.of("/var/sandbox"));
        assertThat(env.cassandraHome()).isEqualTo(Path.of("/var/sandbox/cassandra"));
        assertThat(env.ip()).isEqualTo("10.0.0.5");
        assertThat(env.shutdownGrace()).isEqualTo(Duration.ofSeconds(28));
        assertThat(env.toString()).doesNotContain("t0k");
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
    void refusesToRunWithoutANodeApiToken() {
        Map<String, String> vars = new java.util.HashMap<>(AGENT);
        vars.remove("NODE_API_TOKEN");

        assertThatThrownBy(() -> ExecutorEnvironment.fromEnvironment(vars)).hasMessageContaining("NODE_API_TOKEN is not set");
    }

    @Test
    void carriesTheCqlPasswordWhenGivenAndNeverShowsASecret() {
        Map<String, String> vars = new java.util.HashMap<>(AGENT);
        vars.put("CQL_PASSWORD", "pa55");

        ExecutorEnvironment env = ExecutorEnvironment.fromEnvironment(vars);

        assertThat(env.secrets().nodeApiToken()).isEqualTo("t0k");
        assertThat(env.secrets().cqlPassword()).contains("pa55");
        assertThat(env.toString() + env.secrets()).doesNotContain("t0k").doesNotContain("pa55");
        assertThat(ExecutorEnvironment.fromEnvironment(AGENT).secrets().cqlPassword()).isEmpty();
    }
}
