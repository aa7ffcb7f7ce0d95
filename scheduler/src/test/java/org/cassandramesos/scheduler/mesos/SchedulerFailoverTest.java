package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler as its own OS process, killed mid-deploy (no shutdown hooks run) and started again:
 * it re-subscribes as the same framework, reconciles, and finishes the deploy with one task per node
 * and every reservation accounted for.
 */
class SchedulerFailoverTest {
    static final String SERVICE = "failover";

    @TempDir
    Path workDir;

    @Test
    void aKilledSchedulerComesBackAsTheSameFrameworkAndFinishesTheDeploy() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                LocalMesos mesos = MesosTestSupport.mesos(workDir.resolve("mesos"), 3);
                CuratorFramework client = ZooKeeperClients.start(
                        zookeeper.getConnectString(),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        ZooKeeperFixture.ACCESS)) {
            TaskStore tasks = new TaskStore(new CuratorPersister(client, SERVICE));
            FrameworkStore frameworks = new FrameworkStore(new CuratorPersister(client, SERVICE));
            int apiPort = SchedulerProcess.freePort();
            Map<String, String> env =
                    SchedulerProcess.environment(SERVICE, zookeeper.getConnectString(), mesos.masterUri(), apiPort);

            Process first = SchedulerProcess.start(env, workDir.resolve("scheduler-1.log"));
            try {
                // mid-deploy: the first node is up and the second has been launched
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> tasks.taskInfo("node-1").isPresent());
            } finally {
                first.destroyForcibly().waitFor();
            }
            FrameworkID frameworkId = frameworks.get().orElseThrow();
            assertThat(tasks.taskInfo("node-2")).isEmpty();

            Process second = SchedulerProcess.start(env, workDir.resolve("scheduler-2.log"));
            try {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> SchedulerProcess.ready(apiPort) == 200);
            } finally {
                second.destroy();
                if (!second.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    second.destroyForcibly().waitFor();
                }
            }

            JsonNode state = mesos.masterState();
            assertThat(state.get("frameworks")).hasSize(1);
            JsonNode framework = state.get("frameworks").get(0);
            assertThat(framework.get("id").asText()).isEqualTo(frameworkId.getValue());
            assertThat(frameworks.get()).contains(frameworkId);

            // exactly one live task per node, and it is the one the scheduler has on record
            Map<String, String> liveTasks = new TreeMap<>();
            for (JsonNode task : framework.get("tasks")) {
                if (task.get("state").asText().equals("TASK_RUNNING")) {
                    assertThat(liveTasks.put(
                                    task.get("name").asText(), task.get("id").asText()))
                            .as("second live task for " + task.get("name").asText())
                            .isNull();
                }
            }
            assertThat(liveTasks.keySet()).containsExactly("node-0", "node-1", "node-2");
            for (String node : liveTasks.keySet()) {
                assertThat(liveTasks.get(node))
                        .isEqualTo(
                                tasks.taskInfo(node).orElseThrow().getTaskId().getValue());
            }

            // every reservation on the agents belongs to a node, on that node's agent; none is missing
            Map<String, String> reservedOn = new HashMap<>();
            for (JsonNode agent : state.get("slaves")) {
                JsonNode reserved = agent.get("reserved_resources_full").get(SERVICE + "-role");
                if (reserved == null) {
                    continue;
                }
                for (JsonNode resource : reserved) {
                    for (JsonNode label :
                            resource.get("reservations").get(0).path("labels").path("labels")) {
                        if (label.get("key").asText().equals("resource_id")) {
                            String previous = reservedOn.put(
                                    label.get("value").asText(),
                                    agent.get("hostname").asText());
                            assertThat(previous == null
                                            || previous.equals(
                                                    agent.get("hostname").asText()))
                                    .isTrue();
                        }
                    }
                }
            }
            Map<String, String> expected = new HashMap<>();
            for (String node : List.of("node-0", "node-1", "node-2")) {
                NodeRecord record = tasks.record(node).orElseThrow();
                expected.put(record.reservation().resourceId(), record.agent().hostname());
            }
            assertThat(reservedOn).isEqualTo(expected);
        }
    }
}
