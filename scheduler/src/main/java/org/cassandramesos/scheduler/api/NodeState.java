package org.cassandramesos.scheduler.api;

import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.scheduler.offer.NodeRequirement.PortRequirement;
import org.cassandramesos.scheduler.ops.NodeAddress;
import org.cassandramesos.scheduler.state.NodeControl;
import org.cassandramesos.scheduler.state.NodeRecord;

/**
 * Everything stored about one node, read once per request: where it was placed, the task last launched,
 * that task's latest status and what an operator asked of it. A configured node not launched yet has none
 * of the first three.
 */
record NodeState(
        String name,
        boolean seed,
        Optional<NodeRecord> record,
        Optional<TaskInfo> task,
        Optional<TaskStatus> status,
        NodeControl control) {

    /** The Mesos task state; {@code TASK_STAGING} between launch and the first update, NOT_LAUNCHED before. */
    String state() {
        if (status.isPresent()) {
            return status.get().getState().name();
        }
        return task.isPresent() ? TaskState.TASK_STAGING.name() : "NOT_LAUNCHED";
    }

    boolean isRunning() {
        return status.map(s -> s.getState() == TaskState.TASK_RUNNING).orElse(false);
    }

    /**
     * Whether clients may expect CQL here: its task runs and no operator stopped (or is destroying) its
     * Cassandra, which an operator's stop leaves the task running without.
     */
    boolean servesCql() {
        return isRunning() && !control.heldByOperator();
    }

    Optional<String> ip() {
        return record.map(r -> r.agent().ip());
    }

    Optional<String> taskId() {
        return task.map(t -> t.getTaskId().getValue());
    }

    Optional<CassandraNodeSpec> spec() {
        return task.filter(TaskInfo::hasData).map(t -> TaskData.decode(t.getData(), CassandraNodeSpec.class));
    }

    Optional<Integer> nativePort() {
        return port(PortRequirement.NATIVE, spec().map(s -> s.ports().nativeTransport()));
    }

    /**
     * Where the node serves Cassandra's metrics as Prometheus text (the JMX exporter on its metrics port): the port its
     * task was launched with, else the one reserved. Empty for a node reserved before the metrics port existed.
     */
    Optional<String> metricsUrl() {
        Optional<Integer> port =
                port(PortRequirement.METRICS, spec().map(s -> s.ports().metrics()));
        return ip().flatMap(ip ->
                port.map(p -> "http://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + p + "/metrics"));
    }

    /** Where its executor serves the node API. */
    Optional<NodeAddress> address() {
        return NodeAddress.of(name, record, task);
    }

    /** The port the task was launched with, else the one reserved for the node. */
    private Optional<Integer> port(String name, Optional<Integer> launched) {
        return launched.filter(p -> p > 0)
                .or(() -> record.map(r ->
                        r.reservation() == null ? null : r.reservation().ports().get(name)));
    }
}
