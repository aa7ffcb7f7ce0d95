package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.jobs.NodeProcessInfo;
import org.cassandramesos.scheduler.state.NodeControl;

/**
 * What the scheduler knows of one node ({@code GET /v1/nodes/{node}/info}); fields of a node not placed
 * yet are absent.
 *
 * @param name             {@code node-N}
 * @param id               the task id of its current launch
 * @param hostname         the agent's hostname
 * @param agentId          the agent's id
 * @param ip               the IP the node listens on
 * @param state            Mesos task state of its current task
 * @param seed             whether it is a seed
 * @param configId         the config version its task was launched with
 * @param rack             its Cassandra rack
 * @param replacing        it is to be (or being) replaced on another agent
 * @param status           seed 003: active, stopped, paused or dead
 * @param user             seed 003: the OS user its Cassandra process runs as, as its executor reports it; else
 *                         the user Mesos was asked to run its task as (the framework's user)
 * @param started          seed 003: epoch seconds the running Cassandra process started
 * @param counters         seed 003: cumulative I/O counters ({@code block:0:read:bytes}, {@code rx:bytes}, …)
 * @param intent           what an operator asked: running, stopped, destroying, destroyed
 * @param intentMessage    the last thing that happened to that intent
 * @param settings         seed 003 {@code set}: tags and user:* values
 * @param metricsUrl       where the node serves Cassandra's metrics as Prometheus text; absent for a node whose
 *                         reservation has no metrics port (placed before it existed) or that has no place yet
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeInfo(
        @JsonProperty("name") String name,
        @JsonProperty("id") String id,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("ip") String ip,
        @JsonProperty("state") String state,
        @JsonProperty("seed") boolean seed,
        @JsonProperty("config_id") String configId,
        @JsonProperty("rack") String rack,
        @JsonProperty("replacing") boolean replacing,
        @JsonProperty("status") String status,
        @JsonProperty("user") String user,
        @JsonProperty("started") Long started,
        @JsonProperty("counters") Map<String, Long> counters,
        @JsonProperty("intent") String intent,
        @JsonProperty("intent_message") String intentMessage,
        @JsonProperty("settings") Map<String, String> settings,
        @JsonProperty("metrics_url") String metricsUrl) {

    static NodeInfo of(NodeState node) {
        return of(node, Optional.empty(), null);
    }

    /**
     * With seed 003's fields: {@code status} from the executor's process info when it answers, else derived
     * from the operator's intent and the task state (stopped on purpose, running = active, else dead); {@code user}
     * from the executor too, else {@code taskUser} once the node has a task (Mesos runs it as that user).
     */
    static NodeInfo of(NodeState node, Optional<NodeProcessInfo> process, String taskUser) {
        NodeControl control = node.control();
        NodeInfo base = base(node);
        String status = process.map(p -> p.status().wireName()).orElseGet(() -> {
            if (control.intent() == NodeControl.Intent.STOPPED || control.intent() == NodeControl.Intent.DESTROYED) {
                return NodeProcessInfo.Status.STOPPED.wireName();
            }
            return node.isRunning() ? NodeProcessInfo.Status.ACTIVE.wireName() : NodeProcessInfo.Status.DEAD.wireName();
        });
        return new NodeInfo(
                base.name,
                base.id,
                base.hostname,
                base.agentId,
                base.ip,
                base.state,
                base.seed,
                base.configId,
                base.rack,
                base.replacing,
                status,
                process.map(NodeProcessInfo::user)
                        .or(() -> node.task().map(t -> taskUser))
                        .orElse(null),
                process.map(NodeProcessInfo::started).orElse(null),
                process.map(NodeProcessInfo::counters).orElse(Map.of()),
                control.intent().name().toLowerCase(Locale.ROOT),
                control.message(),
                control.settings(),
                base.metricsUrl);
    }

    private static NodeInfo base(NodeState node) {
        var record = node.record();
        return new NodeInfo(
                node.name(),
                node.taskId().orElse(null),
                record.map(r -> r.agent().hostname()).orElse(null),
                record.map(r -> r.agent().agentId())
                        .or(() -> node.task().map(t -> t.getAgentId().getValue()))
                        .orElse(null),
                node.ip().orElse(null),
                node.state(),
                node.seed(),
                node.spec().map(s -> s.configId()).orElse(null),
                record.map(r -> r.rack()).orElse(null),
                record.map(r -> r.permanentlyFailed()).orElse(false),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                node.metricsUrl().orElse(null));
    }
}
