package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.executor.Protos.Call;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.Stepwise;
import org.cassandramesos.mesos.MesosHttp;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.secrets.SealedBox;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets handshake between the real scheduler and executors on stock local Mesos agents (no secret store): each
 * executor gets the node API token sealed to its own key; a second request for a task is refused; a request that does
 * not come from the task's own executor is ignored; neither master state nor the executor's environment holds the
 * token. The "attacker" is a caller of the agent's executor API that names a running executor, as anybody who can
 * reach an agent without executor authentication can.
 */
@Stepwise
class ExecutorSecretsTest {
    private static final String SERVICE = "secrets";

    @TempDir
    static Path workDir;

    static TestingServer zookeeper;
    static LocalMesos mesos;
    static InProcessScheduler scheduler;
    private final MesosHttp http = new MesosHttp(Duration.ofSeconds(5), Duration.ofSeconds(10));

    @BeforeAll
    static void deploy() throws Exception {
        zookeeper = new TestingServer(true);
        mesos = MesosTestSupport.mesos(workDir, 2);
        scheduler = InProcessScheduler.start(
                MesosTestSupport.service(SERVICE, zookeeper.getConnectString(), 2, 1), mesos.masterUri());
        await().atMost(Duration.ofSeconds(90))
                .until(() -> scheduler.plans().deploy().isComplete());
    }

    @AfterAll
    static void stop() throws Exception {
        if (scheduler != null) scheduler.close();
        if (mesos != null) mesos.close();
        if (zookeeper != null) zookeeper.close();
    }

    private static JsonNode seen(String node) {
        return TaskData.decode(scheduler.status(node).orElseThrow().getData(), JsonNode.class);
    }

    private static int agentOf(String node) {
        return MesosTestSupport.agentIndex(scheduler.record(node).agent().ip());
    }

    /** The framework messages {@code node}'s executor noted, one line each. */
    private static List<String> messagesSeenBy(String node) throws Exception {
        Path sandboxes = mesos.agentWorkDir(agentOf(node)).resolve("slaves");
        try (Stream<Path> files = Files.walk(sandboxes)) {
            Optional<Path> notes = files.filter(p -> p.getFileName().toString().equals(TestCassandraExecutor.MESSAGES)
                            && p.toString().contains("/executors/" + node + "-executor/"))
                    .findFirst();
            return notes.isPresent() ? Files.readAllLines(notes.get()) : List.of();
        }
    }

    /** An executor MESSAGE call to {@code node}'s agent, naming {@code executor}: the agent accepts it (202). */
    private void requestAs(String node, String executor, String taskId) throws Exception {
        Call call = Call.newBuilder()
                .setType(Call.Type.MESSAGE)
                .setFrameworkId(scheduler.frameworks().get().orElseThrow())
                .setExecutorId(ExecutorID.newBuilder().setValue(executor))
                .setMessage(Call.Message.newBuilder()
                        .setData(com.google.protobuf.ByteString.copyFrom(
                                SecretsMessage.encode(new SecretsMessage.Request(
                                        taskId,
                                        SealedBox.encodePublicKey(
                                                SealedBox.newKeyPair().getPublic()))))))
                .build();
        assertThat(http.call(mesos.executorEndpoint(agentOf(node)), call, Map.of())
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    @Order(1)
    void everyExecutorGetsTheTokenByMessageAndItIsNowhereInMasterStateOrTheExecutorsEnvironment() throws Exception {
        for (String node : List.of("node-0", "node-1")) {
            assertThat(seen(node).get("node_api_token").asText()).isEqualTo(MesosTestSupport.NODE_API_TOKEN);
            assertThat(seen(node).get("token_in_environment").asBoolean()).isFalse();
            TaskInfo task = scheduler.task(node).orElseThrow();
            assertThat(task.toString())
                    .doesNotContain(MesosTestSupport.NODE_API_TOKEN)
                    .doesNotContain("node-api-token");
            assertThat(messagesSeenBy(node))
                    .containsExactly("Answer " + task.getTaskId().getValue());
        }
        assertThat(mesos.masterState().toString())
                .doesNotContain(MesosTestSupport.NODE_API_TOKEN)
                .doesNotContain("node-api-token")
                .contains("SECRETS_DELIVERY");
    }

    @Test
    @Order(2)
    void aSecondRequestForAnAnsweredTaskIsRefusedAndARequestFromAnotherExecutorIsIgnored() throws Exception {
        String node0Task = scheduler.task("node-0").orElseThrow().getTaskId().getValue();
        String node1Task = scheduler.task("node-1").orElseThrow().getTaskId().getValue();

        // node-0's executor named by a caller that is not it: the task was answered once, so this is refused
        requestAs("node-0", "node-0-executor", node0Task);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> messagesSeenBy("node-0").contains("Refusal " + node0Task));
        assertThat(messagesSeenBy("node-0")).containsExactly("Answer " + node0Task, "Refusal " + node0Task);

        // node-1's executor asking for node-0's task: not the executor that task was launched with, nothing answers;
        // a later request naming node-1's own executor and task shows the messages to node-1 flow (refusal, answered)
        requestAs("node-1", "node-1-executor", node0Task);
        requestAs("node-1", "node-1-executor", node1Task);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> messagesSeenBy("node-1").contains("Refusal " + node1Task));
        assertThat(messagesSeenBy("node-1")).containsExactly("Answer " + node1Task, "Refusal " + node1Task);
        assertThat(seen("node-0").get("node_api_token").asText()).isEqualTo(MesosTestSupport.NODE_API_TOKEN);
    }
}
