package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.secrets.VolumeSecrets;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.secrets.ExecutorHandshake;
import org.cassandramesos.protocol.secrets.SealedBox;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.cassandramesos.tls.CertificateAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated cluster secrets are kept by the nodes (docs/secrets.md): an executor that got its secrets by message keeps
 * their cluster part on its volume before the node starts, and returns it, sealed to the scheduler's key, to a
 * {@code secrets-recall} for its task: from memory, or from the volume while its own request is still unanswered. No
 * Cassandra runs here (the start after the secrets fails on the missing distribution).
 */
class SecretsRecallTest {
    private static final String IP = "127.0.0.1";
    private static final String TASK = "node-0__1";
    private static final CertificateAuthority CA = CertificateAuthority.create("node CA", Duration.ofDays(1));

    @TempDir
    Path sandbox;

    private final RecordingDriver driver = new RecordingDriver();
    private final KeyPair scheduler = SealedBox.newKeyPair();
    private CassandraExecutor executor;

    @AfterEach
    void close() {
        if (executor != null) {
            executor.close();
        }
    }

    private Path volume() {
        return sandbox.resolve("volume");
    }

    private void launch(Optional<SecretBundle> environmentSecrets) throws Exception {
        launch(environmentSecrets, true);
    }

    private void launch(Optional<SecretBundle> environmentSecrets, boolean generated) throws Exception {
        Files.createDirectories(volume());
        CassandraNodeSpec spec = TestSpecs.spec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        executor = new CassandraExecutor(
                new ExecutorEnvironment(
                        sandbox,
                        IP,
                        sandbox.resolve("no-cassandra-here"),
                        environmentSecrets,
                        Duration.ofSeconds(10),
                        generated),
                new ExecutorHandshake(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(30)));
        executor.launch(
                driver,
                TaskInfo.newBuilder()
                        .setName("node-0")
                        .setTaskId(TaskID.newBuilder().setValue(TASK))
                        .setAgentId(AgentID.newBuilder().setValue("agent-1"))
                        .setData(TaskData.encode(spec))
                        .build());
    }

    private static SecretBundle delivered(String token) {
        Map<String, String> values = new HashMap<>(
                CA.issue("node-0", List.of(IP), Duration.ofDays(1)).asSecrets());
        values.put(SecretBundle.NODE_API_TOKEN, token);
        values.put(SecretBundle.CQL_PASSWORD, "cql-" + "p".repeat(30));
        return SecretBundle.of(values);
    }

    private static String token() {
        return "token-" + System.nanoTime() + "-" + "t".repeat(32);
    }

    /** Answers the executor's first request with {@code bundle}, as the scheduler does. */
    private void answerHandshake(SecretBundle bundle) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.messages.isEmpty());
        SecretsMessage.Request request = (SecretsMessage.Request) SecretsMessage.decode(driver.messages.get(0));
        executor.message(
                driver,
                SecretsMessage.encode(SecretsMessage.Answer.of(
                        request.taskId(),
                        SealedBox.seal(
                                SealedBox.decodePublicKey(request.publicKey()), request.taskId(), bundle.encode()))));
    }

    private void recall(String taskId, String publicKey) {
        executor.message(driver, SecretsMessage.encode(new SecretsMessage.Recall(taskId, publicKey)));
    }

    private void recall() {
        recall(TASK, SealedBox.encodePublicKey(scheduler.getPublic()));
    }

    private List<SecretsMessage.Return> returns() {
        return driver.messages.stream()
                .map(SecretsMessage::decode)
                .filter(SecretsMessage.Return.class::isInstance)
                .map(SecretsMessage.Return.class::cast)
                .toList();
    }

    private SecretBundle opened(SecretsMessage.Return returned, KeyPair keys) {
        return SecretBundle.decode(
                SealedBox.open(keys, SecretsMessage.returnContext(returned.taskId()), returned.box()));
    }

    @Test
    void secretsDeliveredByMessageAreKeptOnTheVolumeOwnerOnlyWithoutTheTlsMaterialBeforeTheNodeStarts()
            throws Exception {
        String token = token();
        SecretBundle bundle = delivered(token);
        launch(Optional.empty());

        answerHandshake(bundle);

        // the start that followed failed (no Cassandra here): the secrets were on the volume before it
        assertThat(driver.last(TASK, TaskState.TASK_FAILED).getMessage()).contains("could not start Cassandra");
        Path file = volume().resolve(".cluster-secrets/cluster-secrets.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(SecretBundle.decode(Files.readAllBytes(file))).isEqualTo(bundle.clusterPart());
        assertThat(Files.readString(file)).contains(token).doesNotContain("PRIVATE KEY", "CERTIFICATE");
    }

    @Test
    void aNodeThatCannotKeepItsSecretsOnItsVolumeDoesNotStart() throws Exception {
        Files.createDirectories(volume());
        Files.writeString(volume().resolve(".cluster-secrets"), "a file where the directory belongs");
        launch(Optional.empty());

        answerHandshake(delivered(token()));

        assertThat(driver.states(TASK)).containsExactly(TaskState.TASK_FAILED);
        assertThat(driver.last(TASK, TaskState.TASK_FAILED).getMessage())
                .contains("could not keep the cluster secrets on the persistent volume", ".cluster-secrets")
                .doesNotContain("could not start Cassandra", "token-");
    }

    @Test
    void aRecallGetsTheClusterPartSealedToTheSchedulersKeyForTheReturnContextEveryTime() throws Exception {
        SecretBundle bundle = delivered(token());
        launch(Optional.empty());
        answerHandshake(bundle);

        recall();
        KeyPair another = SealedBox.newKeyPair(); // a scheduler restarted once more
        recall(TASK, SealedBox.encodePublicKey(another.getPublic()));

        assertThat(returns()).hasSize(2).allSatisfy(r -> assertThat(r.taskId()).isEqualTo(TASK));
        assertThat(opened(returns().get(0), scheduler)).isEqualTo(bundle.clusterPart());
        assertThat(opened(returns().get(1), another)).isEqualTo(bundle.clusterPart());
        assertThatThrownBy(
                        () -> SealedBox.open(scheduler, TASK, returns().get(0).box()))
                .as("a return box is not an answer box")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> opened(returns().get(1), scheduler)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecallWhileTheExecutorStillWaitsForItsSecretsIsAnsweredFromTheVolume() throws Exception {
        // an earlier task on this volume kept them; the restarted scheduler lost them and recalls them
        SecretBundle kept = delivered(token());
        Files.createDirectories(volume());
        VolumeSecrets.on(volume()).write(kept);
        launch(Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.messages.isEmpty());

        recall();

        assertThat(returns()).hasSize(1);
        assertThat(opened(returns().get(0), scheduler)).isEqualTo(kept.clusterPart());
        assertThat(driver.updates).as("the task still waits for its own answer").isEmpty();
    }

    @Test
    void aRecallToAnExecutorThatHoldsNothingGetsNothing() throws Exception {
        launch(Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.messages.isEmpty());

        recall();

        assertThat(returns()).isEmpty();
        assertThat(volume().resolve(".cluster-secrets")).doesNotExist();
    }

    @Test
    void aRecallForAnotherTaskOrWithABadKeyGetsNothing() throws Exception {
        launch(Optional.empty());
        answerHandshake(delivered(token()));

        recall("node-0__0", SealedBox.encodePublicKey(scheduler.getPublic()));
        recall("node-1__1", SealedBox.encodePublicKey(scheduler.getPublic()));
        recall(TASK, "bm90IGEga2V5");

        assertThat(returns()).isEmpty();
    }

    @Test
    void secretsFromTheEnvironmentAreNotWrittenButAreReturnedFromMemory() throws Exception {
        SecretBundle environment = SecretBundle.of(Map.of(SecretBundle.NODE_API_TOKEN, token()));
        launch(Optional.of(environment));

        recall();

        assertThat(volume().resolve(".cluster-secrets")).doesNotExist();
        assertThat(returns()).hasSize(1);
        assertThat(opened(returns().get(0), scheduler)).isEqualTo(environment);
    }

    @Test
    void operatorSecretsDeliveredByMessageAreHeldInMemoryOnly() throws Exception {
        SecretBundle bundle = delivered(token());
        launch(Optional.empty(), false);

        answerHandshake(bundle);
        recall();

        assertThat(volume().resolve(".cluster-secrets")).doesNotExist();
        assertThat(returns()).hasSize(1);
        assertThat(opened(returns().get(0), scheduler)).isEqualTo(bundle.clusterPart());
    }
}
