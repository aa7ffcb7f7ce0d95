package org.cassandramesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.TaskID;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.state.MemoryPersister;
import org.cassandramesos.scheduler.state.PlanStore;
import org.junit.jupiter.api.Test;

class DeployPlanManagerTest {
    private final ServiceConfig config = ServiceConfig.defaults("svc");
    private final MemoryPersister persister = new MemoryPersister();
    private final DeployPlanManager plans = DeployPlanManager.load(new PlanStore(persister), config, List.of());

    private DeployPlanManager reloaded() {
        return DeployPlanManager.load(new PlanStore(persister), config, List.of());
    }

    @Test
    void everyChangeIsPersistedBeforeItReturns() {
        plans.updateStepOf(
                "node-0",
                step -> StepTransitions.launched(
                        step, TaskID.newBuilder().setValue("node-0__1").build()));
        plans.interrupt("deploy");

        Plan restored = reloaded().deploy();
        assertThat(restored).isEqualTo(plans.deploy());
        assertThat(restored.status()).isEqualTo(Status.WAITING);
        assertThat(restored.stepForTask("node-0__1")).isPresent();
    }

    @Test
    void stepsAndPhasesAreFoundByNameOrId() {
        Step node1 = plans.deploy()
                .steps()
                .filter(s -> s.name().equals("node-1"))
                .findFirst()
                .orElseThrow();
        String seedsId = plans.deploy().phases().get(0).id().toString();

        assertThat(plans.forceComplete("deploy", "seeds", "node-0")).isPresent();
        assertThat(plans.forceComplete("deploy", seedsId, node1.id().toString()))
                .isPresent();

        assertThat(reloaded().deploy().phases().get(0).isComplete()).isTrue();
        assertThat(plans.restart("deploy", "seeds", "node-0")
                        .orElseThrow()
                        .steps()
                        .findFirst()
                        .orElseThrow()
                        .status())
                .isEqualTo(Status.PENDING);
    }

    @Test
    void unknownPlansPhasesAndStepsAreNotFound() {
        assertThat(plans.planNames()).containsExactly("deploy");
        assertThat(plans.plan("repair")).isEmpty();
        assertThat(plans.interrupt("repair")).isFalse();
        assertThat(plans.proceed("repair")).isFalse();
        assertThat(plans.restart("deploy", "nope", "node-0")).isEmpty();
        assertThat(plans.forceComplete("deploy", "seeds", "node-9")).isEmpty();
    }

    @Test
    void listenersHearOfChangesButNotOfNoOps() {
        AtomicInteger changes = new AtomicInteger();
        plans.addListener(changes::incrementAndGet);

        plans.interrupt("deploy");
        plans.interrupt("deploy");
        plans.proceed("deploy");

        assertThat(changes).hasValue(2);
    }

    @Test
    void configErrorsBlockThePlan() {
        DeployPlanManager invalid = DeployPlanManager.load(
                new PlanStore(new MemoryPersister()), config, List.of("node count must be at least 1"));

        assertThat(invalid.deploy().status()).isEqualTo(Status.ERROR);
        assertThat(invalid.deploy().candidates(java.time.Instant.now())).isEmpty();
    }
}
