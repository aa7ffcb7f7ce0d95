package org.cassandramesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.failed;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.ready;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.taskId;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.plan.ConfigRollout.NodeState;
import org.junit.jupiter.api.Test;

class ConfigRolloutTest {
    private static final Instant NOW = Instant.parse("2026-12-07T20:00:00Z");
    private static final UUID OLD = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID NEW = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private final ServiceConfig config = ServiceConfig.defaults("cassandra")
            .withNodes(NodesConfig.defaults().withCount(3).withSeeds(1));

    /** The deploy plan with every node launched and ready. */
    private Plan deployed() {
        Plan plan = DeployPlanFactory.create(config, List.of());
        for (Step step : plan.steps().toList()) {
            String task = step.node() + "__1";
            plan = plan.with(StepTransitions.onTaskStatus(
                    StepTransitions.launched(step, taskId(task)), ready(task), config.retry(), NOW));
        }
        return plan;
    }

    private static NodeState serving(UUID configId) {
        return new NodeState(true, true, true, Optional.of(configId), false, true);
    }

    private static NodeState dead(UUID configId) {
        return new NodeState(true, false, false, Optional.of(configId), false, true);
    }

    private static Map<String, NodeState> nodes(NodeState node0, NodeState node1, NodeState node2) {
        Map<String, NodeState> nodes = new LinkedHashMap<>();
        nodes.put("node-0", node0);
        nodes.put("node-1", node1);
        nodes.put("node-2", node2);
        return nodes;
    }

    private static Step step(Plan plan, String node) {
        return plan.steps().filter(s -> s.node().equals(node)).findFirst().orElseThrow();
    }

    @Test
    void everyNodeRunningAnotherConfigGetsItsStepBackAndTheOthersStayDone() {
        Map<String, NodeState> nodes = nodes(serving(OLD), serving(NEW), serving(OLD));

        Plan update = ConfigRollout.markStale(deployed(), nodes, NEW);

        assertThat(ConfigRollout.staleNodes(deployed(), nodes, NEW)).containsExactly("node-0", "node-2");
        assertThat(step(update, "node-0").status()).isEqualTo(Status.PENDING);
        assertThat(step(update, "node-0").message())
                .isEqualTo("config update: to be relaunched with config " + NEW + " (runs " + OLD + ")");
        assertThat(step(update, "node-0").taskId()).isEmpty();
        assertThat(step(update, "node-1").isComplete()).isTrue();
        assertThat(step(update, "node-2").status()).isEqualTo(Status.PENDING);
        assertThat(update.status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void theSameTargetAfterARestartChangesNothing() {
        Map<String, NodeState> nodes = nodes(serving(NEW), serving(NEW), serving(NEW));

        assertThat(ConfigRollout.markStale(deployed(), nodes, NEW)).isEqualTo(deployed());
    }

    @Test
    void aNodeStoppedByAnOperatorKeepsItsConfigUntilStarted() {
        Map<String, NodeState> nodes =
                nodes(serving(OLD), new NodeState(true, true, true, Optional.of(OLD), true, true), serving(OLD));

        assertThat(ConfigRollout.staleNodes(deployed(), nodes, NEW)).containsExactly("node-0", "node-2");
    }

    @Test
    void aNodeTheLastUpdateCouldNotBringBackIsRetriedByANewTargetButNotByTheSameOne() {
        Plan plan = deployed();
        Step node1 = step(plan, "node-1");
        Step failedStep = node1;
        for (int attempt = 1; attempt <= config.retry().maxAttempts(); attempt++) {
            failedStep = StepTransitions.failed(
                    StepTransitions.launched(failedStep, taskId("node-1__" + attempt)),
                    "exited",
                    config.retry(),
                    NOW.plusSeconds(3600L * attempt));
        }
        Plan broken = plan.with(failedStep);
        assertThat(step(broken, "node-1").status()).isEqualTo(Status.ERROR);
        UUID third = UUID.randomUUID();

        assertThat(ConfigRollout.staleNodes(broken, nodes(serving(NEW), dead(NEW), serving(OLD)), NEW))
                .containsExactly("node-2");
        assertThat(ConfigRollout.staleNodes(broken, nodes(serving(NEW), dead(NEW), serving(OLD)), third))
                .containsExactly("node-0", "node-1", "node-2");
    }

    @Test
    void theFirstStaleNodeInPlanOrderIsDrainedFirst() {
        Map<String, NodeState> nodes = nodes(serving(OLD), serving(OLD), serving(OLD));
        Plan update = ConfigRollout.markStale(deployed(), nodes, NEW);

        ConfigRollout.Decision decision = ConfigRollout.next(update, NOW, nodes, NEW);

        assertThat(decision)
                .isEqualTo(new ConfigRollout.Drain(
                        "node-0", "config update: draining node-0 to relaunch it with config " + NEW));
    }

    @Test
    void oneNodeAtATimeTheNextIsDrainedOnlyOnceThePreviousIsBackWithTheNewConfig() {
        Map<String, NodeState> nodes = nodes(serving(OLD), serving(OLD), serving(OLD));
        Plan update = ConfigRollout.markStale(deployed(), nodes, NEW);
        Step node0 = StepTransitions.draining(step(update, "node-0"), "draining");
        update = update.with(node0);

        // node-0's task ended: nothing else is drained while it relaunches
        nodes.put("node-0", dead(OLD));
        assertThat(ConfigRollout.next(update, NOW, nodes, NEW)).isEqualTo(new ConfigRollout.Nothing());
        update = update.with(StepTransitions.launched(step(update, "node-0"), taskId("node-0__2")));
        nodes.put("node-0", new NodeState(true, true, false, Optional.of(NEW), false, true));
        assertThat(ConfigRollout.next(update, NOW, nodes, NEW)).isEqualTo(new ConfigRollout.Nothing());

        // node-0 is ready with the new config: node-1 is next
        update = update.with(
                StepTransitions.onTaskStatus(step(update, "node-0"), ready("node-0__2"), config.retry(), NOW));
        nodes.put("node-0", serving(NEW));
        assertThat(ConfigRollout.next(update, NOW, nodes, NEW))
                .isInstanceOf(ConfigRollout.Drain.class)
                .extracting(d -> ((ConfigRollout.Drain) d).node())
                .isEqualTo("node-1");
    }

    @Test
    void noNodeIsDrainedWhileAnotherIsDown() {
        Map<String, NodeState> nodes = nodes(serving(OLD), serving(OLD), serving(OLD));
        Plan update = ConfigRollout.markStale(deployed(), nodes, NEW);
        // node-2 crashed: its step is pending again, its task ended
        nodes.put("node-2", dead(OLD));

        assertThat(ConfigRollout.next(update, NOW, nodes, NEW))
                .isEqualTo(new ConfigRollout.Wait(
                        "node-0",
                        "config update waits: node-2 is not serving, and an update never takes a second node down"));

        nodes.put("node-2", serving(OLD));
        nodes.put("node-1", new NodeState(true, true, true, Optional.of(OLD), true, true));
        assertThat(ConfigRollout.next(update, NOW, nodes, NEW))
                .isEqualTo(new ConfigRollout.Wait(
                        "node-0",
                        "config update waits: node-1 (stopped by an operator) is not serving, and an update never takes a "
                                + "second node down"));
    }

    @Test
    void aNodeNeverLaunchedIsNotDownAndLaunchesWithTheTargetAfterTheUpdatedOnes() {
        Map<String, NodeState> nodes =
                nodes(serving(OLD), serving(OLD), new NodeState(false, false, false, Optional.empty(), false, false));
        Plan scaled = DeployPlanFactory.create(config, List.of());
        for (String node : List.of("node-0", "node-1")) {
            String task = node + "__1";
            scaled = scaled.with(StepTransitions.onTaskStatus(
                    StepTransitions.launched(step(scaled, node), taskId(task)), ready(task), config.retry(), NOW));
        }
        Plan update = ConfigRollout.markStale(scaled, nodes, NEW);

        assertThat(ConfigRollout.staleNodes(scaled, nodes, NEW)).containsExactly("node-0", "node-1");
        assertThat(ConfigRollout.next(update, NOW, nodes, NEW)).isInstanceOf(ConfigRollout.Drain.class);
    }

    @Test
    void anInterruptedOrRefusedPlanDrainsNothingAndContinueResumes() {
        Map<String, NodeState> nodes = nodes(serving(OLD), serving(OLD), serving(OLD));
        Plan update = ConfigRollout.markStale(deployed(), nodes, NEW);

        assertThat(ConfigRollout.next(update.interrupt(), NOW, nodes, NEW)).isEqualTo(new ConfigRollout.Nothing());
        assertThat(ConfigRollout.next(update.interrupt().proceed(), NOW, nodes, NEW))
                .isInstanceOf(ConfigRollout.Drain.class);
        Plan refused = new Plan(update.name(), update.phases(), false, List.of("num_tokens cannot change"));
        assertThat(ConfigRollout.next(refused, NOW, nodes, NEW)).isEqualTo(new ConfigRollout.Nothing());
    }

    @Test
    void aNodeThatDoesNotComeBackStopsTheUpdateWithTheRestUntouched() {
        Map<String, NodeState> nodes = nodes(serving(OLD), serving(OLD), serving(OLD));
        Plan update = ConfigRollout.markStale(deployed(), nodes, NEW);
        Step node0 = StepTransitions.draining(step(update, "node-0"), "draining");
        for (int attempt = 1; attempt <= config.retry().maxAttempts(); attempt++) {
            String task = "node-0__" + (attempt + 1);
            node0 = StepTransitions.onTaskStatus(
                    StepTransitions.launched(node0, taskId(task)),
                    failed(task, "heap too large"),
                    config.retry(),
                    NOW.plusSeconds(3600L * attempt));
        }
        update = update.with(node0);
        nodes.put("node-0", dead(NEW));

        assertThat(step(update, "node-0").status()).isEqualTo(Status.ERROR);
        assertThat(update.status()).isEqualTo(Status.ERROR);
        assertThat(update.candidates(NOW.plusSeconds(86400))).isEmpty();
        assertThat(ConfigRollout.next(update, NOW.plusSeconds(86400), nodes, NEW))
                .isEqualTo(new ConfigRollout.Nothing());
        assertThat(step(update, "node-1").status()).isEqualTo(Status.PENDING);
        assertThat(step(update, "node-2").status()).isEqualTo(Status.PENDING);
    }

    @Test
    void forceCompleteSkipsANodeAndTheNextOneIsDrained() {
        Map<String, NodeState> nodes = nodes(serving(OLD), serving(OLD), serving(OLD));
        Plan update = ConfigRollout.markStale(deployed(), nodes, NEW);
        Plan skipped = update.forceComplete(update.phases().get(0).id(), Optional.empty())
                .orElseThrow();

        assertThat(ConfigRollout.next(skipped, NOW, nodes, NEW))
                .isEqualTo(new ConfigRollout.Drain(
                        "node-1", "config update: draining node-1 to relaunch it with config " + NEW));
    }

    @Test
    void aNodeWaitingForAnUpdateWhileItsTaskAlreadyRunsTheTargetIsDoneAndFollowsThatTask() {
        Map<String, NodeState> nodes = nodes(serving(OLD), serving(OLD), serving(OLD));
        Plan update = ConfigRollout.markStale(deployed(), nodes, NEW);
        // the operator goes back to OLD before node-1 and node-2 had their turn
        Map<String, NodeState> back = nodes(
                dead(NEW),
                new NodeState(true, true, true, Optional.of(OLD), false, true, Optional.of("node-1__1")),
                new NodeState(true, true, true, Optional.of(OLD), false, true, Optional.of("node-2__1")));

        Plan undone = ConfigRollout.markStale(update, back, OLD);

        assertThat(step(undone, "node-1").isComplete()).isTrue();
        assertThat(step(undone, "node-1").message()).isEqualTo("runs config " + OLD);
        assertThat(step(undone, "node-1").taskId()).contains("node-1__1");
        assertThat(step(undone, "node-2").isComplete()).isTrue();
        assertThat(step(undone, "node-0").status()).isEqualTo(Status.PENDING);
    }
}
