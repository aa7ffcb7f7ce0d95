package org.cassandramesos.scheduler;

import com.google.inject.Injector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.leader.Leadership;
import org.cassandramesos.scheduler.mesos.MesosService;
import org.cassandramesos.scheduler.metrics.ObservedState;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.PlanManager;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * The running scheduler as its gauges see it: the elected instance's wiring once it acts, nothing before. Plans and
 * nodes are read only while ZooKeeper is connected, so a scrape during an outage answers at once.
 */
public final class SchedulerState implements ObservedState {
    private final Leadership leadership;
    private final StateConnection zookeeper;

    public SchedulerState(Leadership leadership, StateConnection zookeeper) {
        this.leadership = leadership;
        this.zookeeper = zookeeper;
    }

    @Override
    public boolean acting() {
        return leadership.isActing();
    }

    @Override
    public boolean mesosSubscribed() {
        return acting() && leadership.injector().getInstance(MesosService.class).isSubscribed();
    }

    @Override
    public boolean mesosReconciled() {
        return acting() && leadership.injector().getInstance(MesosService.class).isReconciled();
    }

    @Override
    public boolean zookeeperConnected() {
        return zookeeper.isConnected();
    }

    @Override
    public List<Plan> plans() {
        if (!acting() || !zookeeperConnected()) {
            return List.of();
        }
        PlanManager plans = leadership.injector().getInstance(PlanManager.class);
        List<Plan> all = new ArrayList<>();
        plans.planNames().forEach(name -> plans.plan(name).ifPresent(all::add));
        return all;
    }

    @Override
    public Map<String, String> nodeStates() {
        if (!acting() || !zookeeperConnected()) {
            return Map.of();
        }
        Injector injector = leadership.injector();
        TaskStore tasks = injector.getInstance(TaskStore.class);
        Map<String, String> states = new TreeMap<>();
        NodesConfig configured =
                injector.getInstance(ConfigVersion.class).config().nodes();
        IntStream.range(0, configured.count()).mapToObj(NodesConfig::nodeName).forEach(n -> states.put(n, null));
        // children of the nodes znode are node names; anything else is not a node
        tasks.nodeNames().stream().filter(n -> n.matches("node-[0-9]+")).forEach(n -> states.put(n, null));
        states.replaceAll((node, none) -> tasks.taskStatus(node)
                .map(TaskStatus::getState)
                .map(TaskState::name)
                .orElse(tasks.taskInfo(node).isPresent() ? TaskState.TASK_STAGING.name() : "NOT_LAUNCHED"));
        return states;
    }
}
