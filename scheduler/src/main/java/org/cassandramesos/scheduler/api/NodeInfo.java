package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
        @JsonProperty("replacing") boolean replacing) {

    static NodeInfo of(NodeState node) {
        var record = node.record();
        return new NodeInfo(
                node.name(),
                node.taskId().orElse(null),
                record.map(r -> r.agent().hostname()).orElse(null),
                record.map(r -> r.agent().agentId())
                        .or(() -> node.task().map(t -> t.getAgentId().getValue())).orElse(null),
                node.ip().orElse(null),
                node.state(),
                node.seed(),
                node.spec().map(s -> s.configId()).orElse(null),
                record.map(r -> r.rack()).orElse(null),
                record.map(r -> r.permanentlyFailed()).orElse(false));
    }
}
