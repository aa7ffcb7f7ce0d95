package org.cassandramesos.local.master;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.cassandramesos.local.resources.ResourceFormat;
import org.cassandramesos.local.resources.Resources;
import org.cassandramesos.mesos.ProtoJson;

/** Renders the master's books as Mesos' {@code /master/state} JSON (the fields operators and tests use). */
final class StateView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateView() {}

    static ObjectNode render(MasterBooks books, Master master) {
        ObjectNode root = JSON.createObjectNode();
        String pid = "master@" + master.endpoint();
        root.put("version", "1.11.0")
                .put("id", books.masterId)
                .put("pid", pid)
                .put("leader", pid)
                .put("hostname", master.config().ip());
        root.set("leader_info", proto(master.masterInfo()));
        long active = books.agents.values().stream().filter(a -> a.reachable).count();
        root.put("activated_slaves", active)
                .put("deactivated_slaves", 0)
                .put("unreachable_slaves", books.agents.size() - active);
        ArrayNode slaves = root.putArray("slaves");
        for (AgentState agent : books.agents.values()) slaves.add(agent(books, agent));
        ArrayNode frameworks = root.putArray("frameworks");
        for (FrameworkState f : books.frameworks.values()) frameworks.add(framework(books, f));
        ArrayNode completed = root.putArray("completed_frameworks");
        for (FrameworkState f : books.completedFrameworks) completed.add(framework(books, f));
        root.putArray("orphan_tasks");
        root.putArray("unregistered_frameworks");
        return root;
    }

    private static ObjectNode agent(MasterBooks books, AgentState agent) {
        ObjectNode a = JSON.createObjectNode();
        a.put("id", agent.id())
                .put("hostname", agent.info.getHostname())
                .put("port", agent.info.getPort())
                .put("pid", "slave(1)@" + agent.info.getHostname() + ":" + agent.info.getPort())
                .put("registered_time", seconds(agent.registeredTime))
                .put("active", agent.reachable)
                .put("version", "1.11.0");
        ObjectNode attributes = a.putObject("attributes");
        for (Attribute attr : agent.info.getAttributesList()) {
            switch (attr.getType()) {
                case SCALAR -> attributes.put(attr.getName(), attr.getScalar().getValue());
                case TEXT -> attributes.put(attr.getName(), attr.getText().getValue());
                default -> attributes.put(attr.getName(), ProtoJson.print(attr));
            }
        }
        Resources used = books.used(agent.id());
        Resources offered = books.offered(agent.id());
        a.set("resources", summary(agent.total.toList()));
        a.set("used_resources", summary(used.toList()));
        a.set("offered_resources", summary(offered.toList()));
        Resources unreserved = agent.total.filter(r -> !ResourceFormat.isReserved(r));
        a.set("unreserved_resources", summary(unreserved.toList()));
        a.set("unreserved_resources_full", full(unreserved.toList()));
        Map<String, List<Resource>> byRole = new TreeMap<>();
        for (Resource r : agent.total.filter(ResourceFormat::isReserved).toList()) {
            byRole.computeIfAbsent(
                            r.getReservations(r.getReservationsCount() - 1).getRole(), k -> new java.util.ArrayList<>())
                    .add(r);
        }
        ObjectNode reserved = a.putObject("reserved_resources");
        ObjectNode reservedFull = a.putObject("reserved_resources_full");
        byRole.forEach((role, list) -> {
            reserved.set(role, summary(list));
            reservedFull.set(role, full(list));
        });
        a.set("used_resources_full", full(used.toList()));
        a.set("offered_resources_full", full(offered.toList()));
        return a;
    }

    @SuppressWarnings("deprecation") // Mesos' state still shows the single-role "role" field
    private static ObjectNode framework(MasterBooks books, FrameworkState f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", f.id.getValue())
                .put("name", f.info.getName())
                .put("user", f.info.getUser())
                .put("principal", f.info.getPrincipal())
                .put("hostname", f.info.getHostname())
                .put("webui_url", f.info.getWebuiUrl())
                .put("failover_timeout", f.info.getFailoverTimeout())
                .put("checkpoint", f.info.getCheckpoint())
                .put("active", f.connected())
                .put("connected", f.connected())
                .put("recovered", f.recovered)
                .put("registered_time", seconds(f.registeredTime));
        if (f.unregisteredTime != null) n.put("unregistered_time", seconds(f.unregisteredTime));
        if (f.info.hasRole()) n.put("role", f.info.getRole());
        ArrayNode roles = n.putArray("roles");
        f.roles().forEach(roles::add);
        ArrayNode caps = n.putArray("capabilities");
        f.info.getCapabilitiesList().forEach(c -> caps.add(c.getType().name()));
        ArrayNode tasks = n.putArray("tasks");
        ArrayNode unreachable = n.putArray("unreachable_tasks");
        Resources used = Resources.empty();
        for (MasterTask t : f.tasks.values()) {
            (t.state == org.apache.mesos.v1.Protos.TaskState.TASK_UNREACHABLE ? unreachable : tasks).add(task(f, t));
            if (!t.isTerminal()) used = used.plus(t.resources);
        }
        n.set("used_resources", summary(used.toList()));
        ArrayNode executors = n.putArray("executors");
        for (AgentState agent : books.agents.values()) {
            agent.executors.forEach((key, info) -> {
                if (!key.startsWith(f.id.getValue() + "/")) return;
                ObjectNode e = executors.addObject();
                e.put("executor_id", info.getExecutorId().getValue())
                        .put("name", info.getName())
                        .put("framework_id", f.id.getValue())
                        .put("slave_id", agent.id())
                        .put("agent_id", agent.id());
                e.set("command", proto(withoutSecretValues(info.getCommand())));
                e.set("resources", summary(Resources.of(info.getResourcesList()).toList()));
            });
        }
        ArrayNode completedTasks = n.putArray("completed_tasks");
        for (MasterTask t : f.completedTasks) completedTasks.add(task(f, t));
        ArrayNode offers = n.putArray("offers");
        Resources offered = Resources.empty();
        for (OfferRecord o : books.offers.values()) {
            if (!o.frameworkId().equals(f.id.getValue())) continue;
            offers.add(proto(o.offer()));
            offered = offered.plus(o.resources());
        }
        n.set("offered_resources", summary(offered.toList()));
        return n;
    }

    /** A CommandInfo as Mesos shows it: SECRET variables show their reference, never a value. */
    private static CommandInfo withoutSecretValues(CommandInfo command) {
        CommandInfo.Builder shown = command.toBuilder();
        for (Environment.Variable.Builder v : shown.getEnvironmentBuilder().getVariablesBuilderList()) {
            if (v.getType() == Environment.Variable.Type.SECRET) {
                v.clearValue();
                v.getSecretBuilder().clearValue();
            }
        }
        return shown.build();
    }

    private static ObjectNode task(FrameworkState f, MasterTask t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", t.info.getTaskId().getValue())
                .put("name", t.info.getName())
                .put("framework_id", f.id.getValue())
                .put("slave_id", t.agentId.getValue())
                .put("agent_id", t.agentId.getValue())
                .put("state", t.state.name());
        if (t.info.hasExecutor())
            n.put("executor_id", t.info.getExecutor().getExecutorId().getValue());
        List<Resource> resources = t.info.getResourcesList();
        if (!resources.isEmpty() && resources.get(0).hasAllocationInfo())
            n.put("role", resources.get(0).getAllocationInfo().getRole());
        n.set("resources", summary(Resources.of(resources).toList()));
        n.set("resources_full", full(resources));
        ArrayNode statuses = n.putArray("statuses");
        for (TaskStatus s : t.statuses) {
            ObjectNode sn = statuses.addObject();
            sn.put("state", s.getState().name()).put("timestamp", s.getTimestamp());
            if (s.hasMessage()) sn.put("message", s.getMessage());
            if (s.hasReason()) sn.put("reason", s.getReason().name());
            sn.put("source", s.getSource().name());
            if (s.hasContainerStatus()) sn.set("container_status", proto(s.getContainerStatus()));
        }
        if (t.info.hasLabels()) n.set("labels", proto(t.info.getLabels()).get("labels"));
        if (t.info.hasDiscovery()) n.set("discovery", proto(t.info.getDiscovery()));
        return n;
    }

    /** Mesos' summary form: {"cpus": 1.5, "mem": 512, "ports": "[31000-31099]"}. */
    static ObjectNode summary(List<Resource> resources) {
        ObjectNode n = JSON.createObjectNode();
        Map<String, Resources> byName = new TreeMap<>();
        for (Resource r : resources) {
            Resource unreserved = r.toBuilder()
                    .clearReservations()
                    .clearDisk()
                    .clearAllocationInfo()
                    .build();
            byName.merge(r.getName(), Resources.of(unreserved), Resources::plus);
        }
        n.put("cpus", 0.0).put("mem", 0.0).put("disk", 0.0).put("gpus", 0.0);
        byName.forEach((name, rs) -> {
            Resource merged = rs.toList().get(0);
            Object v = ResourceFormat.summaryValue(merged.getType(), merged);
            if (merged.getType() == Value.Type.SCALAR) {
                n.put(name, (Double) v);
            } else {
                n.put(name, v.toString());
            }
        });
        return n;
    }

    private static ArrayNode full(List<Resource> resources) {
        ArrayNode a = JSON.createArrayNode();
        resources.forEach(r -> a.add(proto(r)));
        return a;
    }

    private static JsonNode proto(Message m) {
        try {
            return JSON.readTree(ProtoJson.print(m));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }
}
