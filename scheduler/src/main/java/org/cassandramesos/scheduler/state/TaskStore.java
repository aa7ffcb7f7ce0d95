package org.cassandramesos.scheduler.state;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.scheduler.offer.PlacedNode;
import org.cassandramesos.scheduler.offer.TaskIds;

/**
 * Per node ({@code /nodes/<node>/…}): the TaskInfo last launched, the latest TaskStatus of that task
 * (both protobuf bytes) and the {@link NodeRecord}. A launch replaces all three atomically, so a
 * restarted scheduler never pairs a new task with an old task's status.
 */
public final class TaskStore {
    static final String NODES = "/nodes";
    private static final String TASK_INFO = "task-info";
    private static final String TASK_STATUS = "task-status";
    private static final String RECORD = "record";
    private static final String CONTROL = "control";

    private final Persister persister;

    public TaskStore(Persister persister) {
        this.persister = persister;
    }

    public List<String> nodeNames() {
        return persister.children(NODES);
    }

    public Optional<TaskInfo> taskInfo(String node) {
        return read(path(node, TASK_INFO), TaskInfo.parser());
    }

    public Optional<TaskStatus> taskStatus(String node) {
        return read(path(node, TASK_STATUS), TaskStatus.parser());
    }

    public Optional<NodeRecord> record(String node) {
        String path = path(node, RECORD);
        return persister.get(path).map(bytes -> StateJson.read(bytes, NodeRecord.class, path));
    }

    /** Every node's record, by node name. */
    public Map<String, NodeRecord> records() {
        Map<String, NodeRecord> records = new LinkedHashMap<>();
        for (String node : nodeNames()) {
            record(node).ifPresent(record -> records.put(node, record));
        }
        return records;
    }

    /** Where the other nodes are, for placement constraints; nodes awaiting replacement do not count. */
    public List<PlacedNode> placedExcept(String node) {
        List<PlacedNode> placed = new ArrayList<>();
        for (NodeRecord record : records().values()) {
            if (!record.nodeName().equals(node) && !record.permanentlyFailed()) {
                placed.add(record.placed());
            }
        }
        return placed;
    }

    /** {@code resource_id}s of every node's current reservation; others in offers are leftovers. */
    public Set<String> knownResourceIds() {
        Set<String> ids = new HashSet<>();
        for (NodeRecord record : records().values()) {
            if (record.reservation() != null && !record.permanentlyFailed()) {
                ids.add(record.reservation().resourceId());
            }
        }
        return ids;
    }

    /** Records a launch before the ACCEPT goes out: new TaskInfo and record, old status dropped. */
    public void storeLaunch(TaskInfo task, NodeRecord record) {
        String node = record.nodeName();
        if (!node.equals(TaskIds.nodeName(task.getTaskId()))) {
            throw new IllegalArgumentException("task " + task.getTaskId().getValue() + " is not for " + node);
        }
        persister.commit(
                Map.of(
                        path(node, TASK_INFO), task.toByteArray(),
                        path(node, RECORD), StateJson.write(record)),
                List.of(path(node, TASK_STATUS)));
    }

    /**
     * Stores a status of the node's current task. Returns false (and stores nothing) for a status of
     * any other task, e.g. a late update from a task already replaced by a relaunch.
     */
    public boolean storeStatus(TaskStatus status) {
        String node;
        try {
            node = TaskIds.nodeName(status.getTaskId());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Optional<TaskInfo> current = taskInfo(node);
        if (current.isEmpty() || !current.get().getTaskId().equals(status.getTaskId())) {
            return false;
        }
        persister.set(path(node, TASK_STATUS), status.toByteArray());
        return true;
    }

    public void storeRecord(NodeRecord record) {
        persister.set(path(record.nodeName(), RECORD), StateJson.write(record));
    }

    /** What an operator asked of the node (seed 003 verbs); the default when nothing was asked. */
    public NodeControl control(String node) {
        String path = path(node, CONTROL);
        return persister
                .get(path)
                .map(bytes -> StateJson.read(bytes, NodeControl.class, path))
                .orElse(NodeControl.DEFAULT);
    }

    public void storeControl(String node, NodeControl control) {
        persister.set(path(node, CONTROL), StateJson.write(control));
    }

    /**
     * Forgets where the node was and what it ran, keeping what the operator asked: with no record its
     * reservation and volume are nobody's, so the next offers release them.
     */
    public void forgetPlacement(String node) {
        persister.commit(Map.of(), List.of(path(node, TASK_INFO), path(node, TASK_STATUS), path(node, RECORD)));
    }

    /** Forgets a node entirely (after decommission). */
    public void remove(String node) {
        persister.delete(NODES + "/" + node);
    }

    private <T> Optional<T> read(String path, Parser<T> parser) {
        return persister.get(path).map(bytes -> {
            try {
                return parser.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new PersisterException("corrupt protobuf at " + path + ": " + e.getMessage(), e);
            }
        });
    }

    private static String path(String node, String leaf) {
        if (node.isEmpty() || node.contains("/")) {
            throw new IllegalArgumentException("bad node name '" + node + "'");
        }
        return NODES + "/" + node + "/" + leaf;
    }
}
