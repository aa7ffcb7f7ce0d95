package org.cassandramesos.protocol;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The readiness signal between executor and scheduler: the executor labels a TASK_RUNNING update
 * {@code cassandra_ready=true} once the node is Up/Normal in gossip and answers CQL; the scheduler's
 * deploy step is COMPLETE only on such an update. Reconciliation answers carry no labels, so they
 * never make a node ready on their own.
 */
public final class NodeReadiness {
    public static final String READY_LABEL = "cassandra_ready";
    /**
     * A TaskInfo label: {@code true} on the first launch of a node created stopped ({@code POST
     * /v1/nodes/create/stopped}): the executor serves its node API but leaves Cassandra stopped until {@code start}.
     */
    public static final String START_STOPPED_LABEL = "start_stopped";

    private NodeReadiness() {}

    /** Whether {@code status} says the node is running and ready to serve. */
    public static boolean isReady(TaskStatus status) {
        if (status.getState() != TaskState.TASK_RUNNING) {
            return false;
        }
        for (Label label : status.getLabels().getLabelsList()) {
            if (READY_LABEL.equals(label.getKey()) && "true".equals(label.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a TaskInfo's labels ask for the node to be left stopped. */
    public static boolean startsStopped(Labels labels) {
        return labels.getLabelsList().stream()
                .anyMatch(label -> START_STOPPED_LABEL.equals(label.getKey()) && "true".equals(label.getValue()));
    }

    /** Labels for the executor's TASK_RUNNING update once the node is ready. */
    public static Labels readyLabels() {
        return Labels.newBuilder()
                .addLabels(Label.newBuilder().setKey(READY_LABEL).setValue("true"))
                .build();
    }
}
