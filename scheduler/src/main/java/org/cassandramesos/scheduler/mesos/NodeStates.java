package org.cassandramesos.scheduler.mesos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.scheduler.offer.TaskInfoFactory;
import org.cassandramesos.scheduler.plan.ConfigRollout.NodeState;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;

/** The nodes of the deploy plan as the config rollout and the offer rounds see them, read from the stored state. */
public final class NodeStates {
    private NodeStates() {}

    public static Map<String, NodeState> read(TaskStore tasks, Plan deploy) {
        Map<String, NodeState> states = new LinkedHashMap<>();
        deploy.steps().forEach(step -> states.put(step.node(), read(tasks, step.node())));
        return states;
    }

    static NodeState read(TaskStore tasks, String node) {
        Optional<TaskInfo> task = tasks.taskInfo(node);
        Optional<TaskStatus> status = tasks.taskStatus(node);
        boolean alive = task.isPresent()
                && status.map(s -> !NodeRecovery.isTerminal(s.getState())).orElse(true);
        boolean running =
                status.map(s -> s.getState() == TaskState.TASK_RUNNING).orElse(false);
        boolean reservation = tasks.record(node).map(NodeRecord::hasReservation).orElse(false);
        return new NodeState(
                task.isPresent(),
                alive,
                running,
                task.flatMap(NodeStates::configId),
                tasks.control(node).heldByOperator(),
                reservation,
                task.map(t -> t.getTaskId().getValue()));
    }

    /** Had a place, and no task of it runs on its own reservation: an offer may relaunch it. */
    static boolean relaunchable(NodeState node) {
        return node.placed() && !holdsItsReservation(node);
    }

    /** A live task of the node runs on the node's own reservation (an offer cannot hold it again). */
    static boolean holdsItsReservation(NodeState node) {
        return node.taskAlive() && node.hasReservation();
    }

    /** The config a task was built from: its {@code config_id} label. */
    static Optional<UUID> configId(TaskInfo task) {
        for (Label label : task.getLabels().getLabelsList()) {
            if (TaskInfoFactory.CONFIG_ID_LABEL.equals(label.getKey())) {
                try {
                    return Optional.of(UUID.fromString(label.getValue()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
