package org.cassandramesos.local.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master's durable registry (Mesos keeps it in the replicated log): which agents were admitted,
 * which are unreachable and since when, and which are gone for good. It outlives a master restart;
 * everything else the master rebuilds from agent re-registrations and framework re-subscriptions.
 */
public final class Registry {
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> unreachable = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();

    public void admit(String agentId) {
        admitted.add(agentId);
        unreachable.remove(agentId);
    }

    /** src/master/master.cpp Master::markUnreachable: the registry keeps the time, answers to reconciliation carry it. */
    public void markUnreachable(String agentId, Instant since) {
        if (admitted.contains(agentId)) unreachable.putIfAbsent(agentId, since);
    }

    /** src/master/master.cpp Master::markGone: a gone agent never comes back under its id. */
    public void markGone(String agentId) {
        admitted.remove(agentId);
        unreachable.remove(agentId);
        gone.add(agentId);
    }

    public boolean isAdmitted(String agentId) {
        return admitted.contains(agentId);
    }

    public boolean isUnreachable(String agentId) {
        return unreachable.containsKey(agentId);
    }

    public Optional<Instant> unreachableSince(String agentId) {
        return Optional.ofNullable(unreachable.get(agentId));
    }

    public boolean isGone(String agentId) {
        return gone.contains(agentId);
    }
}
