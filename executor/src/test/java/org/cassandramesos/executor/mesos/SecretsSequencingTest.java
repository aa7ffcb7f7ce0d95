package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.secrets.ExecutorHandshake;
import org.cassandramesos.protocol.secrets.SealedBox;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With message delivery the executor starts nothing before it holds its secrets: LAUNCH sends a secrets request;
 * a refusal, an answer it cannot open or silence fail the task; a KILL while waiting ends it. No Cassandra runs here.
 */
class SecretsSequencingTest {
    private static final String IP = "127.0.0.1";
    private static final java.security.KeyPair OTHER_KEY = SealedBox.newKeyPair();

    @TempDir
    Path sandbox;

    private final RecordingDriver driver = new RecordingDriver();
    private CassandraExecutor executor;
    private TaskInfo task;

    @BeforeEach
    void launchWithMessageDelivery() throws Exception {
        Files.createDirectories(sandbox.resolve("volume"));
        CassandraNodeSpec spec = TestSpecs.spec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        task = TaskInfo.newBuilder()
                .setName("node-0")
                .setTaskId(TaskID.newBuilder().setValue("node-0__1"))
                .setAgentId(AgentID.newBuilder().setValue("agent-1"))
                .setData(TaskData.encode(spec))
                .build();
        executor = new CassandraExecutor(
                new ExecutorEnvironment(
                        sandbox,
                        IP,
                        sandbox.resolve("no-cassandra-here"),
                        Optional.empty(),
                        Duration.ofSeconds(10),
                        false),
                new ExecutorHandshake(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(3)));
    }

    @AfterEach
    void close() {
        executor.close();
    }

    private SecretsMessage.Request firstRequest() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.messages.isEmpty());
        return (SecretsMessage.Request) SecretsMessage.decode(driver.messages.get(0));
    }

    @Test
    void launchAsksForTheSecretsAndSendsNoUpdateBeforeTheyArrive() {
        executor.launch(driver, task);

        SecretsMessage.Request request = firstRequest();
        assertThat(request.taskId()).isEqualTo("node-0__1");
        assertThat(SealedBox.decodePublicKey(request.publicKey())).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.messages.size() >= 3);
        assertThat(driver.messages)
                .as("resent with the same key until answered")
                .allSatisfy(m -> assertThat(SecretsMessage.decode(m)).isEqualTo(request));
        assertThat(driver.updates).isEmpty();
    }

    @Test
    void theDecryptedSecretsStartTheNodeApiWithTheirToken() {
        executor.launch(driver, task);
        SecretsMessage.Request request = firstRequest();
        // a bundle without the node API token: the start that follows decryption fails, naming the missing secret
        SecretBundle bundle = SecretBundle.of(Map.of("cql_password", "pw-" + System.nanoTime()));

        executor.message(
                driver,
                SecretsMessage.encode(SecretsMessage.Answer.of(
                        request.taskId(),
                        SealedBox.seal(
                                SealedBox.decodePublicKey(request.publicKey()), request.taskId(), bundle.encode()))));

        assertThat(driver.states("node-0__1")).containsExactly(TaskState.TASK_FAILED);
        assertThat(driver.last("node-0__1", TaskState.TASK_FAILED).getMessage())
                .contains("could not start Cassandra", "node_api_token")
                .doesNotContain("pw-");
        int sent = driver.messages.size();
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> driver.messages.size() == sent);
    }

    @Test
    void aRefusalFailsTheTaskWithTheSchedulersReason() {
        executor.launch(driver, task);
        firstRequest();

        executor.message(
                driver, SecretsMessage.encode(new SecretsMessage.Refusal("node-0__1", "delivered once already")));

        assertThat(driver.states("node-0__1")).containsExactly(TaskState.TASK_FAILED);
        assertThat(driver.last("node-0__1", TaskState.TASK_FAILED).getMessage())
                .contains("refused", "delivered once already");
    }

    @Test
    void anAnswerSealedToAnotherKeyFailsTheTask() {
        executor.launch(driver, task);
        firstRequest();
        byte[] box = SealedBox.seal(
                OTHER_KEY.getPublic(),
                "node-0__1",
                SecretBundle.of(Map.of(SecretBundle.NODE_API_TOKEN, "x".repeat(40)))
                        .encode());

        executor.message(driver, SecretsMessage.encode(SecretsMessage.Answer.of("node-0__1", box)));

        assertThat(driver.last("node-0__1", TaskState.TASK_FAILED).getMessage())
                .contains("does not open with this executor's key", "another party");
    }

    @Test
    void noAnswerWithinTheBoundFailsTheTask() {
        executor.launch(driver, task);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> driver.states("node-0__1").contains(TaskState.TASK_FAILED));
        assertThat(driver.last("node-0__1", TaskState.TASK_FAILED).getMessage())
                .contains("no secrets from the scheduler", "SECRETS_DELIVERY");
    }

    @Test
    void aKillWhileWaitingEndsTheTaskAndStopsAsking() {
        executor.launch(driver, task);
        firstRequest();

        executor.kill(driver, task.getTaskId(), KillPolicy.getDefaultInstance());

        assertThat(driver.states("node-0__1")).containsExactly(TaskState.TASK_KILLED);
        int sent = driver.messages.size();
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> driver.messages.size() == sent
                        && driver.states("node-0__1").size() == 1);
    }
}
