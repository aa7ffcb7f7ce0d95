package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.Stepwise;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy against a local Mesos with three agents, real ZooKeeper and real executor processes: four
 * nodes (two seeds) under {@code hostname:UNIQUE}, so the fourth can never be placed.
 */
@Stepwise
class DeployTest {
    private static final String SERVICE = "deploy";

    @TempDir
    static Path workDir;

    static TestingServer zookeeper;
    static LocalMesos mesos;
    static InProcessScheduler scheduler;

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer(true);
        mesos = MesosTestSupport.mesos(workDir, 3);
        scheduler = InProcessScheduler.start(
                MesosTestSupport.service(SERVICE, zookeeper.getConnectString(), 4, 2), mesos.masterUri());
    }

    @AfterAll
    static void stop() throws Exception {
        if (scheduler != null) scheduler.close();
        if (mesos != null) mesos.close();
        if (zookeeper != null) zookeeper.close();
    }

    @Test
    @Order(1)
    void interruptStopsAfterTheCurrentStepAndContinueResumes() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> scheduler.step("node-0").status().isInFlight());
        assertThat(scheduler.plans().interrupt("deploy")).isTrue();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> scheduler.step("node-0").isComplete());
        assertThat(scheduler.plans().deploy().status()).isEqualTo(Status.WAITING);
        // give the scheduler several offer rounds and ticks to (wrongly) start node-1
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scheduler.task("node-1").isEmpty()
                        && scheduler.step("node-1").status().isEligible());

        assertThat(scheduler.plans().proceed("deploy")).isTrue();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scheduler.step("node-2").isComplete());
    }

    @Test
    @Order(2)
    void nodesDeployOneAtATimeSeedsFirstEachOnItsOwnAgent() {
        List<String> launchOrder = new ArrayList<>();
        for (Plan plan : scheduler.history) {
            long inFlight =
                    plan.steps().filter(step -> step.status().isInFlight()).count();
            assertThat(inFlight).as("steps in flight at once").isLessThanOrEqualTo(1);
            plan.steps()
                    .filter(step -> step.status().isInFlight())
                    .map(Step::node)
                    .filter(node -> !launchOrder.contains(node))
                    .forEach(launchOrder::add);
        }
        assertThat(launchOrder).containsExactly("node-0", "node-1", "node-2");

        Set<String> hosts = new HashSet<>();
        for (String node : List.of("node-0", "node-1", "node-2")) {
            hosts.add(scheduler.record(node).agent().hostname());
            assertThat(scheduler.status(node).orElseThrow().getState().name()).isEqualTo("TASK_RUNNING");
        }
        assertThat(hosts).hasSize(3);
        // the seeds know each other; the later nodes know both seeds
        String node2Data = scheduler.task("node-2").orElseThrow().getData().toStringUtf8();
        assertThat(node2Data)
                .contains(
                        scheduler.record("node-0").agent().ip(),
                        scheduler.record("node-1").agent().ip());
    }

    @Test
    @Order(3)
    void aNodeWithNoFittingAgentStaysPendingWithTheReasonInThePlan() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> scheduler.step("node-3").declineReason().isPresent());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scheduler.task("node-3").isEmpty());

        Step step = scheduler.step("node-3");
        assertThat(step.status().isEligible()).isTrue();
        assertThat(step.declineReason().orElseThrow()).contains("hostname");
        assertThat(scheduler.plans().deploy().isComplete()).isFalse();
    }
}
