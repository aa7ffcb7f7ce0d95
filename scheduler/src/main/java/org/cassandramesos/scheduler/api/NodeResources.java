package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cassandramesos.scheduler.config.NodesConfig;

/**
 * One row of seed 003's {@code /servers/list}, "SERVER CPU MEM" ({@code GET /v1/nodes/list?resources=true}): the
 * cpus and memory of the node's Cassandra task (its executor's come on top), as its task was launched, else as the
 * target config gives a node. Absent when neither is known.
 */
public record NodeResources(
        @JsonProperty("name") String name,
        @JsonProperty("cpus") Double cpus,
        @JsonProperty("mem_mb") Double memMb) {

    static NodeResources of(NodeState node, Optional<NodesConfig> configured) {
        Optional<TaskInfo> task = node.task().filter(t -> t.getResourcesCount() > 0);
        if (task.isPresent()) {
            return new NodeResources(node.name(), scalar(task.get(), "cpus"), scalar(task.get(), "mem"));
        }
        return new NodeResources(
                node.name(),
                configured.map(NodesConfig::cpus).orElse(null),
                configured.map(c -> (double) c.memMb()).orElse(null));
    }

    /** The sum of a scalar over the task's resources (a reservation may come in more than one piece). */
    private static Double scalar(TaskInfo task, String name) {
        return task.getResourcesList().stream()
                .filter(r -> r.getName().equals(name) && r.hasScalar())
                .map(Resource::getScalar)
                .mapToDouble(s -> s.getValue())
                .sum();
    }
}
