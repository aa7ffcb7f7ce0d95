package org.cassandramesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.ready;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.step;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.taskId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

class PlanTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ServiceConfig config = ServiceConfig.defaults("cassandra")
            .withNodes(NodesConfig.defaults().withCount(4).withSeeds(2));

    private Plan deploy() {
        return DeployPlanFactory.create(config, List.of());
    }

    /** Launches the plan's single candidate and reports it ready. */
    private Plan completeNext(Plan plan) {
        List<Step> candidates = plan.candidates(NOW);
        assertThat(candidates).hasSize(1);
        Step step = candidates.get(0);
        String task = step.node() + "__x";
        Step done = StepTransitions.onTaskStatus(
                StepTransitions.launched(step, taskId(task)), ready(task), config.retry(), NOW);
        return plan.with(done);
    }

    private static List<String> names(List<Step> steps) {
        return steps.stream().map(Step::name).toList();
    }

    @Test
    void deployPlanHasSeedsFirstThenTheOtherNodesOneStepEach() {
        Plan plan = deploy();

        assertThat(plan.name()).isEqualTo("deploy");
        assertThat(plan.phases()).extracting(Phase::name).containsExactly("seeds", "nodes");
        assertThat(names(plan.phases().get(0).steps())).containsExactly("node-0", "node-1");
        assertThat(names(plan.phases().get(1).steps())).containsExactly("node-2", "node-3");
        assertThat(plan.status()).isEqualTo(Status.PENDING);
    }

    @Test
    void idsAreStableAcrossRebuilds() {
        assertThat(deploy().phases().get(1).steps().get(0).id())
                .isEqualTo(deploy().phases().get(1).steps().get(0).id());
        assertThat(deploy().phases().get(0).id())
                .isNotEqualTo(deploy().phases().get(1).id());
    }

    @Test
    void aSingleNodeClusterHasOnlyTheSeedPhase() {
        Plan plan = DeployPlanFactory.create(
                config.withNodes(NodesConfig.defaults().withCount(1).withSeeds(1)), List.of());
        assertThat(plan.phases()).extracting(Phase::name).containsExactly("seeds");
    }

    @Test
    void serialDeployWalksNodesInOrderAndCompletes() {
        Plan plan = deploy();
        for (String expected : List.of("node-0", "node-1", "node-2", "node-3")) {
            assertThat(names(plan.candidates(NOW))).containsExactly(expected);
            plan = completeNext(plan);
        }

        assertThat(plan.candidates(NOW)).isEmpty();
        assertThat(plan.status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void serialStrategyWaitsForTheStepInFlightAndStopsAtAnError() {
        Step a = StepTransitions.launched(step("a"), taskId("a__1"));
        Step b = step("b");
        assertThat(SerialStrategy.INSTANCE.candidates(List.of(a, b), NOW)).isEmpty();

        Step aError = a.with(Status.ERROR, "broken");
        assertThat(SerialStrategy.INSTANCE.candidates(List.of(aError, b), NOW)).isEmpty();

        Step aDone = a.with(Status.COMPLETE, "");
        assertThat(SerialStrategy.INSTANCE.candidates(List.of(aDone, b), NOW)).containsExactly(b);

        Step aBackingOff = a.with(Status.PENDING, "").withAttempts(1, Optional.of(NOW.plusSeconds(5)));
        assertThat(SerialStrategy.INSTANCE.candidates(List.of(aBackingOff, b), NOW))
                .isEmpty();
        assertThat(SerialStrategy.INSTANCE.candidates(List.of(aBackingOff, b), NOW.plusSeconds(5)))
                .containsExactly(aBackingOff);
    }

    @Test
    void parallelStrategyOffersEveryReadyStep() {
        Step inFlight = StepTransitions.launched(step("a"), taskId("a__1"));
        Step error = step("b").with(Status.ERROR, "x");
        Step done = step("c").with(Status.COMPLETE, "");
        Step backingOff = step("d").withAttempts(1, Optional.of(NOW.plusSeconds(5)));
        Step pending = step("e");
        Step prepared = StepTransitions.prepare(step("f"));

        assertThat(ParallelStrategy.INSTANCE.candidates(
                        List.of(inFlight, error, done, backingOff, pending, prepared), NOW))
                .containsExactly(pending, prepared);
    }

    @Test
    void interruptPausesAfterTheCurrentStepAndContinueResumes() {
        Plan plan = deploy();
        Step first = plan.candidates(NOW).get(0);
        Step inFlight = StepTransitions.launched(first, taskId("node-0__1"));
        plan = plan.with(inFlight).interrupt();

        assertThat(plan.status()).isEqualTo(Status.WAITING);
        assertThat(plan.candidates(NOW)).isEmpty();
        // the step in flight still follows its task
        plan = plan.with(StepTransitions.onTaskStatus(inFlight, ready("node-0__1"), config.retry(), NOW));
        assertThat(plan.step(first.id()).orElseThrow().status()).isEqualTo(Status.COMPLETE);
        assertThat(plan.candidates(NOW)).isEmpty();

        plan = plan.proceed();
        assertThat(names(plan.candidates(NOW))).containsExactly("node-1");
        assertThat(plan.status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void validationErrorsPutThePlanInErrorAndBlockIt() {
        Plan plan = DeployPlanFactory.create(config, List.of("heap 4096 MB must be less than node mem 4096 MB"));

        assertThat(plan.status()).isEqualTo(Status.ERROR);
        assertThat(plan.candidates(NOW)).isEmpty();
    }

    @Test
    void aStepInErrorMakesPhaseAndPlanError() {
        Plan plan = deploy();
        Step first = plan.candidates(NOW).get(0);
        plan = plan.with(first.with(Status.ERROR, "failed 5 of 5 attempts"));

        assertThat(plan.phases().get(0).status()).isEqualTo(Status.ERROR);
        assertThat(plan.status()).isEqualTo(Status.ERROR);
    }

    @Test
    void restartAndForceCompleteAddressStepsByPhaseAndStepId() {
        Plan plan = deploy();
        Phase seeds = plan.phases().get(0);
        Step node0 = seeds.steps().get(0);
        plan = plan.with(node0.with(Status.ERROR, "broken"));

        Plan forced = plan.forceComplete(seeds.id(), Optional.of(node0.id())).orElseThrow();
        assertThat(forced.step(node0.id()).orElseThrow().status()).isEqualTo(Status.COMPLETE);
        assertThat(names(forced.candidates(NOW))).containsExactly("node-1");

        Plan restarted = forced.restart(seeds.id(), Optional.empty()).orElseThrow();
        assertThat(restarted.phases().get(0).steps())
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.PENDING));

        assertThat(plan.restart(UUID.randomUUID(), Optional.empty())).isEmpty();
        assertThat(plan.forceComplete(seeds.id(), Optional.of(UUID.randomUUID())))
                .isEmpty();
    }

    @Test
    void jsonViewHasTheOriginalServicesShapeAndTheLastDeclineReason() throws Exception {
        Plan plan = deploy();
        Step first = plan.candidates(NOW).get(0);
        plan = plan.with(StepTransitions.declined(first, "constraint hostname:UNIQUE: node-1 already on 127.0.0.2"));

        JsonNode json = new ObjectMapper().valueToTree(PlanView.of(plan));

        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("phases", "errors", "status");
        assertThat(json.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(json.get("errors").isArray()).isTrue();
        JsonNode phase = json.get("phases").get(0);
        assertThat(phase.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "status", "steps");
        assertThat(phase.get("id").asText()).isEqualTo(plan.phases().get(0).id().toString());
        JsonNode step = phase.get("steps").get(0);
        assertThat(step.get("name").asText()).isEqualTo("node-0");
        assertThat(step.get("status").asText()).isEqualTo("PREPARED");
        assertThat(step.get("message").asText()).isEqualTo("waiting for an offer that fits");
        assertThat(step.get("last_decline_reason").asText())
                .isEqualTo("constraint hostname:UNIQUE: node-1 already on 127.0.0.2");
        JsonNode untouched = phase.get("steps").get(1);
        assertThat(untouched.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "status", "message");
    }

    @Test
    void stepsAreFoundByTheirCurrentTask() {
        Plan plan = deploy();
        Step launched = StepTransitions.launched(plan.candidates(NOW).get(0), taskId("node-0__abc"));
        plan = plan.with(launched);

        assertThat(plan.stepForTask("node-0__abc")).contains(launched);
        assertThat(plan.stepForTask("node-0__old")).isEmpty();
    }
}
