package org.cassandramesos.scheduler.uninstall;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * What the service left on the cluster, as its state says: each node's last task, and each reservation
 * ({@code resource_id}) with the node it belongs to.
 *
 * @param tasks        node → its last launched task (running or not: its executor may still run)
 * @param reservations {@code resource_id} → node
 */
public record Inventory(Map<String, TaskInfo> tasks, Map<String, String> reservations) {

    public Inventory {
        tasks = Map.copyOf(tasks);
        reservations = Map.copyOf(reservations);
    }

    public static Inventory of(TaskStore store) {
        Map<String, TaskInfo> tasks = new TreeMap<>();
        Map<String, String> reservations = new TreeMap<>();
        for (String node : store.nodeNames()) {
            store.taskInfo(node).ifPresent(task -> tasks.put(node, task));
            Optional<NodeRecord> record = store.record(node);
            record.filter(r -> r.reservation() != null && r.reservation().resourceId() != null)
                    .ifPresent(r -> reservations.put(r.reservation().resourceId(), node));
        }
        return new Inventory(tasks, reservations);
    }

    /** The node whose executor has this id, if it is one of ours. */
    public Optional<String> nodeOfExecutor(String executorId) {
        return tasks.entrySet().stream()
                .filter(e ->
                        e.getValue().getExecutor().getExecutorId().getValue().equals(executorId))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
