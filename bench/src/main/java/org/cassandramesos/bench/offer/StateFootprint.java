package org.cassandramesos.bench.offer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ContainerStatus;
import org.apache.mesos.v1.Protos.NetworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.Evaluation;
import org.cassandramesos.scheduler.offer.OfferEvaluator;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.cassandramesos.scheduler.state.MemoryPersister;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.PlanStore;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * The scheduler's heap with {@code n} nodes in state: each node placed through the real evaluator
 * (TaskInfo, record, a ready TASK_RUNNING status) in a {@link MemoryPersister}, plus the deploy plan
 * with every step complete. Heap is measured as used heap after full GCs, minus the same before.
 *
 * <p>Usage: {@code StateFootprint <nodes> [<table.md>]}
 */
public final class StateFootprint {
    private StateFootprint() {}

    public static void main(String[] args) throws IOException {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        long before = usedHeapAfterGc();
        Object state = build(nodes);
        long after = usedHeapAfterGc();
        long bytes = after - before;
        String table = "# Scheduler heap with nodes in state (MemoryPersister)\n\n"
                + "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + ' ' + System.getProperty("java.version")
                + ". Used heap after full GCs, with the state built minus before it.\n\n"
                + "| nodes | heap | per node |\n|---:|---:|---:|\n"
                + String.format(
                        Locale.ROOT,
                        "| %,d | %,.1f MiB | %,.1f KiB |%n",
                        nodes,
                        bytes / 1048576.0,
                        bytes / 1024.0 / nodes)
                + "\nEach node: the TaskInfo built by `OfferEvaluator` for a first launch (RESERVE/CREATE/LAUNCH"
                + " fit on a synthetic agent), its `NodeRecord` (JSON) and a ready TASK_RUNNING status"
                + " (protobuf bytes), as `TaskStore` writes them, plus one deploy step in the live plan.\n";
        System.out.print(table);
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), table);
        }
        if (state.hashCode() == 42) {
            System.out.println(); // keeps the state reachable until measured
        }
    }

    static Object build(int nodes) {
        ServiceConfig config = BenchCluster.config(nodes);
        MemoryPersister persister = new MemoryPersister();
        storeRunningNodes(new TaskStore(persister), config, nodes);
        DeployPlanManager plans = DeployPlanManager.load(new PlanStore(persister), config, List.of());
        plans.update(plan -> {
            var next = plan;
            for (var step : plan.steps().toList()) {
                next = next.with(StepTransitions.forceComplete(step));
            }
            return next;
        });
        return new Object[] {persister, plans};
    }

    /** Stores {@code nodes} nodes as the scheduler does once they run: TaskInfo, record, a ready TASK_RUNNING status. */
    static void storeRunningNodes(TaskStore tasks, ServiceConfig config, int nodes) {
        OfferEvaluator evaluator = new OfferEvaluator(config);
        for (int i = 0; i < nodes; i++) {
            String node = NodesConfig.nodeName(i);
            var pending = new org.cassandramesos.scheduler.offer.PendingNode(
                    org.cassandramesos.scheduler.offer.NodeRequirement.of(node, config),
                    Optional.empty(),
                    List.of(),
                    BenchCluster.pending(config, 0).context());
            Evaluation evaluation = evaluator.evaluate(pending, BenchCluster.offer(i, 1));
            if (!(evaluation instanceof Evaluation.Recommendation fit)) {
                throw new IllegalStateException("no fit for " + node + ": " + evaluation);
            }
            tasks.storeLaunch(fit.task(), NodeRecord.launching(fit, Optional.empty()));
            tasks.storeStatus(TaskStatus.newBuilder()
                    .setTaskId(fit.task().getTaskId())
                    .setAgentId(fit.task().getAgentId())
                    .setState(TaskState.TASK_RUNNING)
                    .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                    .setTimestamp(1.7e9)
                    .setUuid(com.google.protobuf.ByteString.copyFrom(new byte[16]))
                    .setLabels(NodeReadiness.readyLabels())
                    .setContainerStatus(ContainerStatus.newBuilder()
                            .addNetworkInfos(NetworkInfo.newBuilder()
                                    .addIpAddresses(
                                            NetworkInfo.IPAddress.newBuilder().setIpAddress(BenchCluster.ip(i)))))
                    .build());
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
