package org.cassandramesos.local.master;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.cassandramesos.local.cluster.AgentLink;
import org.cassandramesos.local.resources.Resources;

/** The master's record of one agent. Mutated only on the master's thread. */
final class AgentState {
    AgentInfo info;
    AgentLink link;
    /** Everything the agent has, reservations and volumes included. */
    Resources total;

    boolean reachable = true;
    /** SlaveObserver (src/master/master.cpp:170-300): a ping is out and no pong came back yet; how many pings timed out. */
    boolean pinged;

    int pingTimeouts;
    Instant registeredTime = Instant.now();
    /** Live executors: key "frameworkId/executorId". */
    final Map<String, ExecutorInfo> executors = new LinkedHashMap<>();

    AgentState(AgentInfo info, AgentLink link, Resources total) {
        this.info = info;
        this.link = link;
        this.total = total;
    }

    String id() {
        return info.getId().getValue();
    }

    static String executorKey(String frameworkId, String executorId) {
        return frameworkId + "/" + executorId;
    }
}
