package org.cassandramesos.scheduler.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;

/**
 * Gauges read from the scheduler's state at each scrape: its connections, each plan's and step's status, each node's
 * task state. A plan's status and step counts list every status (0 or 1, 0 or more), so an alert on
 * {@code cassandra_mesos_plan_status{status="ERROR"} == 1} has a series to look at all the time.
 */
final class StateGauges {
    private StateGauges() {}

    static void register(PrometheusRegistry registry, ObservedState state) {
        flag(
                registry,
                "leader",
                "1 while this instance is the elected scheduler and acts, 0 on a standby",
                state::acting);
        flag(registry, "mesos_subscribed", "1 while subscribed to a Mesos master", state::mesosSubscribed);
        flag(
                registry,
                "mesos_reconciled",
                "1 once every known task was reconciled since the subscription",
                state::mesosReconciled);
        flag(registry, "zookeeper_connected", "1 while connected to ZooKeeper", state::zookeeperConnected);

        GaugeWithCallback.builder()
                .name(SchedulerMetrics.PREFIX + "plan_status")
                .help("1 for each plan's current status (PENDING … COMPLETE, WAITING, ERROR), 0 for the others")
                .labelNames("plan", "status")
                .callback(cb -> {
                    for (Plan plan : state.plans()) {
                        Status current = plan.status();
                        for (Status s : Status.values()) {
                            cb.call(s == current ? 1 : 0, plan.name(), s.name());
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name(SchedulerMetrics.PREFIX + "plan_steps")
                .help("How many of each plan's steps are in each status")
                .labelNames("plan", "status")
                .callback(cb -> {
                    for (Plan plan : state.plans()) {
                        Map<Status, Integer> counts = stepCounts(plan);
                        counts.forEach((s, n) -> cb.call(n, plan.name(), s.name()));
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name(SchedulerMetrics.PREFIX + "plan_step_status")
                .help("1 for each step's current status, by plan, phase and step")
                .labelNames("plan", "phase", "step", "status")
                .callback(cb -> {
                    for (Plan plan : state.plans()) {
                        plan.phases()
                                .forEach(phase -> phase.steps()
                                        .forEach(step -> cb.call(
                                                1,
                                                plan.name(),
                                                phase.name(),
                                                step.name(),
                                                step.status().name())));
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name(SchedulerMetrics.PREFIX + "node_state")
                .help("1 for each node's current Mesos task state (TASK_RUNNING, …, NOT_LAUNCHED)")
                .labelNames("node", "state")
                .callback(cb -> state.nodeStates().forEach((node, s) -> cb.call(1, node, s)))
                .register(registry);
        GaugeWithCallback.builder()
                .name(SchedulerMetrics.PREFIX + "nodes")
                .help("How many nodes are in each Mesos task state")
                .labelNames("state")
                .callback(cb -> nodeCounts(state.nodeStates()).forEach((s, n) -> cb.call(n, s)))
                .register(registry);
    }

    static Map<Status, Integer> stepCounts(Plan plan) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        List<Step> steps = plan.steps().toList();
        steps.forEach(step -> counts.merge(step.status(), 1, Integer::sum));
        return counts;
    }

    static Map<String, Integer> nodeCounts(Map<String, String> nodeStates) {
        Map<String, Integer> counts = new TreeMap<>();
        nodeStates.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    private static void flag(
            PrometheusRegistry registry, String name, String help, java.util.function.BooleanSupplier value) {
        GaugeWithCallback.builder()
                .name(SchedulerMetrics.PREFIX + name)
                .help(help)
                .callback(cb -> cb.call(value.getAsBoolean() ? 1 : 0))
                .register(registry);
    }
}
