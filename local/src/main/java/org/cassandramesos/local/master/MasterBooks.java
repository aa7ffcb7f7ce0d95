package org.cassandramesos.local.master;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.cassandramesos.local.cluster.Registry;
import org.cassandramesos.local.resources.Resources;

/**
 * Everything the master knows: frameworks, agents, outstanding offers, and the resource arithmetic
 * over them. Accessed only on the master's thread.
 */
final class MasterBooks {
    final String masterId;
    final Registry registry;
    final Map<String, FrameworkState> frameworks = new LinkedHashMap<>();
    final List<FrameworkState> completedFrameworks = new ArrayList<>();
    final Map<String, AgentState> agents = new LinkedHashMap<>();
    final Map<String, OfferRecord> offers = new LinkedHashMap<>();
    private long nextOffer;
    private long nextFramework;

    MasterBooks(String masterId, Registry registry) {
        this.masterId = masterId;
        this.registry = registry;
    }

    String newOfferId() {
        return masterId + "-O" + (nextOffer++);
    }

    String newFrameworkId() {
        return masterId + "-" + String.format("%04d", nextFramework++);
    }

    /** What tasks and executors on the agent hold right now. */
    Resources used(String agentId) {
        Resources used = Resources.empty();
        for (FrameworkState f : frameworks.values()) {
            for (MasterTask t : f.tasks.values()) {
                if (!t.isTerminal() && t.agentId.getValue().equals(agentId)) used = used.plus(t.resources);
            }
        }
        AgentState agent = agents.get(agentId);
        if (agent != null) {
            for (ExecutorInfo e : agent.executors.values()) used = used.plus(Resources.of(e.getResourcesList()));
        }
        return used;
    }

    Resources offered(String agentId) {
        Resources offered = Resources.empty();
        for (OfferRecord o : offers.values()) {
            if (o.agentId().equals(agentId)) offered = offered.plus(o.resources());
        }
        return offered;
    }

    Resources available(AgentState agent) {
        return agent.total.minus(used(agent.id())).minus(offered(agent.id()));
    }

    Reconciliation.AgentStatus agentStatus(AgentID id) {
        AgentState a = agents.get(id.getValue());
        if (registry.isGone(id.getValue())) return Reconciliation.AgentStatus.GONE;
        if (a != null)
            return a.reachable ? Reconciliation.AgentStatus.REGISTERED : Reconciliation.AgentStatus.UNREACHABLE;
        if (registry.isUnreachable(id.getValue())) return Reconciliation.AgentStatus.UNREACHABLE;
        if (registry.isAdmitted(id.getValue())) return Reconciliation.AgentStatus.RECOVERING;
        return Reconciliation.AgentStatus.UNKNOWN;
    }

    /** Where a framework's executor runs with what info, if it is live on that agent. */
    ExecutorInfo executor(String agentId, String frameworkId, String executorId) {
        AgentState a = agents.get(agentId);
        return a == null ? null : a.executors.get(AgentState.executorKey(frameworkId, executorId));
    }
}
