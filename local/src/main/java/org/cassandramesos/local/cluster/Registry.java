package org.cassandramesos.local.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master's durable registry (Mesos keeps it in the replicated log): which agents were admitted
 * and which are unreachable. It outlives a master restart; everything else the master rebuilds from
 * agent re-registrations and framework re-subscriptions.
 */
public final class Registry {
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

    public void admit(String agentId) {
        admitted.add(agentId);
        unreachable.remove(agentId);
    }

    public void markUnreachable(String agentId) {
        if (admitted.contains(agentId)) unreachable.add(agentId);
    }

    public boolean isAdmitted(String agentId) {
        return admitted.contains(agentId);
    }

    public boolean isUnreachable(String agentId) {
        return unreachable.contains(agentId);
    }
}
