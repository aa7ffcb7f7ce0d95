package org.cassandramesos.scheduler.mesos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.LaunchContext;
import org.cassandramesos.scheduler.offer.NodeRequirement;
import org.cassandramesos.scheduler.offer.NodeReservation;
import org.cassandramesos.scheduler.offer.PendingNode;
import org.cassandramesos.scheduler.state.NodeControl;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * What a node that wants an offer looks like from the stored state: a relaunch in place when its
 * record holds a live reservation, else a first launch (new node or replacement, with the dead
 * node's IP as replace address), constrained by where the other nodes are.
 */
final class PendingNodes {
    private final ServiceConfig config;
    private final TaskStore tasks;

    PendingNodes(ServiceConfig config, TaskStore tasks) {
        this.config = config;
        this.tasks = tasks;
    }

    PendingNode of(String node, FrameworkID frameworkId, UUID configId) {
        Map<String, NodeRecord> records = tasks.records();
        Optional<NodeRecord> record = Optional.ofNullable(records.get(node));
        Optional<NodeReservation> reservation =
                record.filter(NodeRecord::hasReservation).map(NodeRecord::reservation);
        LaunchContext context = new LaunchContext(
                frameworkId,
                configId,
                seedIps(node, records),
                isSeed(node),
                record.flatMap(NodeRecord::replaceAddress),
                // created stopped and never placed: placed with Cassandra left stopped until start
                record.isEmpty() && tasks.control(node).intent() == NodeControl.Intent.STOPPED);
        return new PendingNode(NodeRequirement.of(node, config), reservation, tasks.placedExcept(node), context);
    }

    /** The agent a node being replaced must not go back to (its old place, dead or dying). */
    Optional<String> avoidedHost(String node) {
        return tasks.record(node)
                .filter(NodeRecord::permanentlyFailed)
                .map(r -> r.agent().hostname());
    }

    /** The replace address a launch of {@code node} carries (kept until the replacement has joined). */
    Optional<String> replaceAddress(String node) {
        return tasks.record(node).flatMap(NodeRecord::replaceAddress);
    }

    private boolean isSeed(String node) {
        return config.nodes().isSeed(node);
    }

    /**
     * IPs of the seeds that have a place (a seed being replaced is not one). A seed relaunched on its own reservation
     * is among them (it bootstrapped long ago); a seed's first launch is not: it bootstraps from the others.
     */
    private List<String> seedIps(String node, Map<String, NodeRecord> records) {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < seedCount(); i++) {
            NodeRecord seed = records.get(NodesConfig.nodeName(i));
            if (seed == null || seed.permanentlyFailed() || seed.agent() == null) {
                continue;
            }
            if (!seed.nodeName().equals(node) || seed.hasReservation()) {
                ips.add(seed.agent().ip());
            }
        }
        return ips;
    }

    private int seedCount() {
        return Math.min(Math.max(config.nodes().seeds(), 1), config.nodes().count());
    }
}
