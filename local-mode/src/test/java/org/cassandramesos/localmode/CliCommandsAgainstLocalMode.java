package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every command of the packaged {@code dcos-cassandra} executable against the scheduler local mode runs (real
 * ZooKeeper, local Mesos, real executors and Cassandra nodes, S3Proxy): its output and exit code, including 401, 404
 * and 409. Replace and destroy are left out here (on three agents with three nodes there is no agent to replace onto,
 * and Cassandra refuses to decommission below the keyspace's replication factor); the scheduler's component tests
 * cover them.
 */
final class CliCommandsAgainstLocalMode {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repo;
    private final String url;
    private final String token;

    private final String cqlPassword;

    CliCommandsAgainstLocalMode(Path repo, String url, String token, String cqlPassword) {
        this.cqlPassword = cqlPassword;
        this.repo = repo;
        this.url = url;
        this.token = token;
    }

    record Result(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    void runAll() throws Exception {
        awaitDeployComplete(); // the walkthrough ends restarting nodes
        metadata();
        plans();
        connectionSeedsAndNodes();
        describeEndpointsAndUpdate();
        errors();
        repairCleanupUpgradeSSTables();
        backupRestoreAndBackups();
        nodeLifecycle();
        assertThat(ok("plan", "show").out()).startsWith("deploy: COMPLETE");
    }

    private void metadata() throws Exception {
        assertThat(ok("--version").out()).isNotBlank();
        assertThat(ok("--info").out()).containsIgnoringCase("cassandra");
        assertThat(ok("--config-schema").json().path("properties").isObject()).isTrue();
    }

    private void plans() throws Exception {
        assertThat(ok("plan", "list").out()).contains("deploy");
        assertThat(ok("plan", "show").out()).startsWith("deploy: COMPLETE");
        assertThat(ok("plan", "interrupt").out()).isEqualTo("plan deploy interrupted\n");
        assertThat(ok("plan", "continue").out()).contains("deploy");
        ok("plan", "force", "--phase", "nodes", "--step", "node-2");
        ok("plan", "restart", "--phase", "nodes", "--step", "node-2");
        awaitDeployComplete();
    }

    private void connectionSeedsAndNodes() throws Exception {
        // three nodes on three of the four agents (127.0.0.2-5: one spare, local mode's default)
        assertThat(ok("connection", "--address").out().lines())
                .hasSize(3)
                .doesNotHaveDuplicates()
                .allMatch(address -> address.matches("127\\.0\\.0\\.[2-5]:9042"));
        assertThat(ok("connection").out()).contains("address").contains("dns");
        assertThat(ok("connection", "--dns").out().lines()).hasSize(3);
        assertThat(ok("seeds").out()).containsPattern("seeds +127\\.0\\.0\\.[2-5], 127\\.0\\.0\\.[2-5]\n");
        assertThat(ok("node", "list").out()).isEqualTo("node-0\nnode-1\nnode-2\n");
        assertThat(ok("node", "describe", "node-0").out()).contains("node-0").contains("active");
        assertThat(ok("node", "status", "0").out()).contains("NORMAL");
    }

    private void describeEndpointsAndUpdate() throws Exception {
        assertThat(ok("describe").json().path("nodes").isObject()).isTrue();
        assertThat(ok("endpoints").json().toString()).isEqualTo("[\"native-client\"]");
        JsonNode nativeClient = ok("endpoints", "native-client").json();
        assertThat(nativeClient.path("address")).hasSize(3);
        assertThat(nativeClient.path("dns")).hasSize(3);
        assertThat(ok("update", "status").out())
                .as("the update plan if the scheduler has one, else deploy")
                .containsPattern("^(update|deploy): COMPLETE\n");
        Result noCosmos = cli("update", "start", "--package-version", "0.2.0");
        assertThat(noCosmos.exitCode())
                .as("local mode has no Cosmos: " + noCosmos.err())
                .isEqualTo(9);
        assertThat(ok("completion", "zsh").out()).contains("bashcompinit");
    }

    private void errors() throws Exception {
        Result unauthorized = cliWithToken("not-the-token", "plan", "show");
        assertThat(unauthorized.exitCode()).as(unauthorized.err()).isEqualTo(3);
        assertThat(unauthorized.err()).startsWith("error: not authorized (401)").doesNotContain("not-the-token");
        Result unknownNode = cli("node", "describe", "node-9");
        assertThat(unknownNode.exitCode()).as(unknownNode.err()).isEqualTo(4);
        Result alreadyRunning = cli("node", "start", "node-0");
        assertThat(alreadyRunning.exitCode()).as(alreadyRunning.err()).isEqualTo(5);
        assertThat(alreadyRunning.err()).startsWith("error: conflict (409)");
        Result nothingToStop = cli("repair", "stop");
        assertThat(nothingToStop.exitCode()).as(nothingToStop.err()).isEqualTo(5);
        Result badNodes = cli("cleanup", "start", "--nodes", "node-7");
        assertThat(badNodes.exitCode()).as(badNodes.err()).isEqualTo(6);
        assertThat(badNodes.err()).contains("400").contains("node-7");
        Result unconfirmed = cli("node", "destroy", "node-2");
        assertThat(unconfirmed.exitCode())
                .as("destroy without --yes is refused before any request")
                .isEqualTo(2);
    }

    private void repairCleanupUpgradeSSTables() throws Exception {
        assertThat(ok("repair", "start", "--nodes", "node-0,node-1", "--keyspaces", "demo")
                        .out())
                .isEqualTo("repair started\n");
        awaitOperation("repair");
        JsonNode repair = ok("repair", "status", "--json").json();
        assertThat(repair.path("nodes").has("node-2"))
                .as("node-2 was not asked")
                .isFalse();
        assertThat(repair.path("nodes").path("node-1").path("job_state").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(ok("repair", "status").out()).contains("COMPLETE");

        assertThat(ok("cleanup", "start").out()).isEqualTo("cleanup started\n");
        awaitOperation("cleanup");
        assertThat(ok("upgradesstables", "start", "--keyspaces", "demo", "--column-families", "kv")
                        .out())
                .isEqualTo("upgradesstables started\n");
        awaitOperation("upgradesstables");
        assertThat(ok("plan", "show", "upgradesstables").out()).contains("COMPLETE");
    }

    private void backupRestoreAndBackups() throws Exception {
        assertThat(ok("backup", "start", "--name", "walkthrough-1").out()).isEqualTo("backup walkthrough-1 started\n");
        Result second = cli("backup", "start", "--name", "walkthrough-2");
        assertThat(second.exitCode())
                .as("one operation at a time: " + second.err())
                .isEqualTo(5);
        assertThat(second.err()).contains("backup");
        awaitOperation("backup");
        assertThat(ok("backup", "status", "--json")
                        .json()
                        .path("nodes")
                        .path("node-0")
                        .path("progress")
                        .path("files_total")
                        .asLong())
                .isPositive();
        assertThat(ok("backups", "list").out()).contains("walkthrough-1");
        assertThat(ok("backups", "describe", "walkthrough-1", "--json").json().toString())
                .contains("node-2");
        assertThat(ok("backup", "start", "--name", "walkthrough-2").out()).contains("started");
        awaitOperation("backup");

        cql("TRUNCATE demo.kv");
        assertThat(cql("SELECT k, v FROM demo.kv")).doesNotContain("k=hello");
        Result unconfirmed = cli("restore", "start", "--backup-name", "walkthrough-1");
        assertThat(unconfirmed.exitCode())
                .as("restore without a terminal or --yes is refused")
                .isEqualTo(2);
        assertThat(ok("restore", "start", "--name", "walkthrough-1", "--yes").out())
                .isEqualTo("restore walkthrough-1 started\n");
        awaitOperation("restore");
        assertThat(ok("restore", "status").out()).contains("COMPLETE");
        assertThat(cql("SELECT k, v FROM demo.kv")).contains("k=hello  v=world");

        assertThat(ok("backups", "delete", "walkthrough-2", "--yes").out()).isEqualTo("backup walkthrough-2 deleted\n");
        assertThat(ok("backups", "list").out()).contains("walkthrough-1").doesNotContain("walkthrough-2");
        assertThat(cli("backups", "describe", "walkthrough-2").exitCode()).isEqualTo(4);
        assertThat(ok("backups", "describe", "walkthrough-1").out()).contains("node-0");
    }

    private void nodeLifecycle() throws Exception {
        assertThat(ok("node", "stop", "node-1").out()).isEqualTo("node-1 stopping\n");
        awaitNodeStatus("node-1", "stopped");
        assertThat(ok("node", "start", "node-1").out()).isEqualTo("node-1 starting\n");
        awaitNodeStatus("node-1", "active");
        assertThat(ok("node", "shutdown", "node-2").out()).isEqualTo("node-2 shutting down\n");
        awaitNodeStatus("node-2", "stopped");
        ok("node", "start", "node-2");
        awaitNodeStatus("node-2", "active");
        assertThat(ok("node", "reset", "node-0").out()).isEqualTo("node-0 reset\n");
        awaitNodeStatus("node-0", "active");
        assertThat(ok("node", "set", "node-0", "tags=rack-a ssd").out()).contains("node-0");
        assertThat(ok("node", "describe", "node-0", "--json")
                        .json()
                        .path("settings")
                        .path("tags")
                        .asText())
                .isEqualTo("rack-a ssd");
        assertThat(cql("SELECT k, v FROM demo.kv")).contains("k=hello  v=world");
        awaitDeployComplete();
    }

    private void awaitOperation(String operation) {
        await(operation + " COMPLETE")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonNode status = ok(operation, "status", "--json").json();
                    String state = status.path("state").asText();
                    if (!state.equals("COMPLETE") && !state.equals("RUNNING")) {
                        throw new IllegalStateException(operation + " ended " + state + ": " + status.toPrettyString());
                    }
                    assertThat(state).isEqualTo("COMPLETE");
                });
    }

    private void awaitNodeStatus(String node, String status) {
        await(node + " " + status)
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(ok("node", "describe", node, "--json")
                                .json()
                                .path("status")
                                .asText())
                        .isEqualTo(status));
    }

    private void awaitDeployComplete() {
        await("deploy COMPLETE")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(cli("plan", "show").out()).startsWith("deploy: COMPLETE"));
    }

    private Result ok(String... args) throws Exception {
        Result result = cli(args);
        assertThat(result.exitCode())
                .as("dcos-cassandra " + String.join(" ", args) + "\n" + result.err() + result.out())
                .isZero();
        return result;
    }

    private Result cli(String... args) throws Exception {
        return cliWithToken(token, args);
    }

    private Result cliWithToken(String apiToken, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(repo.resolve("cli/target/dcos-cassandra").toString(), "--url", url));
        if (args.length > 0 && args[0].startsWith("--") && !args[0].equals("--json")) {
            command = new ArrayList<>(
                    List.of(repo.resolve("cli/target/dcos-cassandra").toString()));
        }
        command.addAll(List.of(args));
        return run(command, apiToken);
    }

    private String cql(String statement) throws Exception {
        Result result = run(List.of(repo.resolve("cassandra-mesos").toString(), "cql", "--url", url, statement), token);
        assertThat(result.exitCode())
                .as(statement + "\n" + result.err() + result.out())
                .isZero();
        return result.out();
    }

    private Result run(List<String> command, String apiToken) throws Exception {
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repo.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().put("CASSANDRA_MESOS_TOKEN", apiToken);
            builder.environment().put("CASSANDRA_MESOS_CQL_USER", LocalModeSettings.CQL_SUPERUSER);
            builder.environment().put("CASSANDRA_MESOS_CQL_PASSWORD", cqlPassword);
            builder.environment().remove("DCOS_URL");
            Process process = builder.start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES))
                    .as(String.join(" ", command))
                    .isTrue();
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
