package org.cassandramesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.plan.DeployPlanFactory;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.PlanProgress;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A restarted scheduler (a new Curator client) sees exactly the state the previous one wrote. */
class RestartTest {
    @RegisterExtension
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    @Test
    void everyStoreReadsBackAfterANewZooKeeperClient() {
        String service = "restart-" + UUID.randomUUID();
        ServiceConfig config = ServiceConfig.defaults(service);
        Persister before = new CuratorPersister(ZK.newClient(), service);
        new FrameworkStore(before)
                .store(FrameworkID.newBuilder().setValue("FW-7").build());
        ConfigVersion target = new ConfigStore(before).storeAsTarget(config);
        TaskStore tasks = new TaskStore(before);
        tasks.storeLaunch(StoresTest.task("node-0__1"), StoresTest.record("node-0"));
        tasks.storeStatus(StoresTest.status("node-0__1", TaskState.TASK_RUNNING));
        Plan plan = DeployPlanFactory.create(config, List.of());
        var step = StepTransitions.launched(
                plan.candidates(Instant.EPOCH).get(0),
                TaskID.newBuilder().setValue("node-0__1").build());
        new PlanStore(before).store("deploy", PlanProgress.of(plan.with(step)));

        Persister after = new CuratorPersister(ZK.newClient(), service);

        assertThat(new FrameworkStore(after).get()).map(FrameworkID::getValue).contains("FW-7");
        assertThat(new ConfigStore(after).target()).contains(target);
        TaskStore reloaded = new TaskStore(after);
        assertThat(reloaded.taskInfo("node-0")).contains(StoresTest.task("node-0__1"));
        assertThat(reloaded.taskStatus("node-0")).map(s -> s.getState()).contains(TaskState.TASK_RUNNING);
        assertThat(reloaded.record("node-0")).contains(StoresTest.record("node-0"));
        assertThat(new PlanStore(after)
                        .load("deploy")
                        .orElseThrow()
                        .applyTo(DeployPlanFactory.create(config, List.of())))
                .isEqualTo(plan.with(step));
    }
}
