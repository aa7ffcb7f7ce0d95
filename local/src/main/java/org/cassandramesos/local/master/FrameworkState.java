package org.cassandramesos.local.master;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.http.EventStream;

/** The master's record of one framework. Mutated only on the master's thread. */
final class FrameworkState {
    final FrameworkID id;
    FrameworkInfo info;
    EventStream stream;
    /** Known from agents after a master restart, not subscribed yet. */
    boolean recovered;

    Instant registeredTime = Instant.now();
    Instant unregisteredTime;
    final Map<String, MasterTask> tasks = new LinkedHashMap<>();
    final List<MasterTask> completedTasks = new ArrayList<>();
    final Set<String> suppressedRoles = new HashSet<>();
    final RefuseFilters filters = new RefuseFilters();
    ScheduledFuture<?> failoverTimer;

    FrameworkState(FrameworkID id, FrameworkInfo info) {
        this.id = id;
        this.info = info;
    }

    boolean connected() {
        return stream != null && stream.isOpen();
    }

    @SuppressWarnings("deprecation") // a framework without MULTI_ROLE still names its one role this way
    List<String> roles() {
        if (info.getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE)) {
            return info.getRolesList();
        }
        return List.of(info.hasRole() ? info.getRole() : "*");
    }

    boolean hasCapability(FrameworkInfo.Capability.Type type) {
        return info.getCapabilitiesList().stream().anyMatch(c -> c.getType() == type);
    }

    boolean partitionAware() {
        return hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
    }

    void send(Event event) {
        if (connected()) stream.send(event);
    }

    /** Moves a task whose terminal update was acknowledged out of the live set. */
    void complete(MasterTask task) {
        tasks.remove(task.info.getTaskId().getValue());
        completedTasks.add(task);
        if (completedTasks.size() > 1000) completedTasks.remove(0);
    }
}
