package org.cassandramesos.local.master;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.http.EventStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framework subscriptions: SUBSCRIBE (new, re-subscribe, failover), disconnection with the
 * failover timeout, and teardown. Runs on the master's thread.
 */
final class Subscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final MasterBooks books;
    private final Allocator allocator;
    private final ScheduledExecutorService actor;
    private final Duration heartbeatInterval;
    private final Supplier<MasterInfo> masterInfo;

    Subscriptions(
            MasterBooks books,
            Allocator allocator,
            ScheduledExecutorService actor,
            Duration heartbeatInterval,
            Supplier<MasterInfo> masterInfo) {
        this.books = books;
        this.allocator = allocator;
        this.actor = actor;
        this.heartbeatInterval = heartbeatInterval;
        this.masterInfo = masterInfo;
    }

    /** Registers {@code stream} for the framework; returns an error for a 400, or null. */
    String subscribe(Call call, EventStream stream) {
        FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
        if (call.hasFrameworkId() && !(info.hasId() && info.getId().equals(call.getFrameworkId()))) {
            return "'framework_id' differs from 'subscribe.framework_info.id'";
        }
        FrameworkState framework;
        if (info.hasId()) {
            String id = info.getId().getValue();
            if (books.completedFrameworks.stream().anyMatch(f -> f.id.getValue().equals(id))) {
                stream.close(Events.error("Framework has been removed"));
                return null;
            }
            framework = books.frameworks.get(id);
            if (framework == null) {
                framework = new FrameworkState(info.getId(), info);
                books.frameworks.put(id, framework);
                LOG.info("Framework {} re-subscribed (unknown to this master)", id);
            } else {
                if (framework.stream != null && framework.stream.isOpen()) {
                    framework.stream.close(Events.error("Framework failed over"));
                }
                allocator.removeOffersOfFramework(id, false);
                LOG.info("Framework {} failed over", id);
            }
        } else {
            FrameworkID id =
                    FrameworkID.newBuilder().setValue(books.newFrameworkId()).build();
            info = info.toBuilder().setId(id).build();
            framework = new FrameworkState(id, info);
            books.frameworks.put(id.getValue(), framework);
            LOG.info("Framework {} ({}) subscribed", id.getValue(), info.getName());
        }
        framework.info = info;
        framework.recovered = false;
        framework.unregisteredTime = null;
        if (framework.failoverTimer != null) framework.failoverTimer.cancel(false);
        framework.suppressedRoles.clear();
        framework.suppressedRoles.addAll(call.getSubscribe().getSuppressedRolesList());
        framework.stream = stream;
        stream.send(Event.newBuilder()
                .setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(framework.id)
                        .setHeartbeatIntervalSeconds(heartbeatInterval.toMillis() / 1000.0)
                        .setMasterInfo(masterInfo.get()))
                .build());
        allocator.allocate();
        return null;
    }

    void disconnected(FrameworkState framework) {
        LOG.info("Framework {} disconnected", framework.id.getValue());
        framework.stream.close();
        framework.unregisteredTime = Instant.now();
        allocator.removeOffersOfFramework(framework.id.getValue(), false);
        double timeout = Math.max(0, framework.info.getFailoverTimeout());
        try {
            framework.failoverTimer = actor.schedule(
                    () -> {
                        if (!framework.connected() && books.frameworks.get(framework.id.getValue()) == framework) {
                            LOG.info(
                                    "Framework {} did not fail over within {} s: tearing it down",
                                    framework.id.getValue(),
                                    timeout);
                            teardown(framework);
                        }
                    },
                    (long) (timeout * 1000),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // A stream broke while the master was closing: there is no failover to wait for.
        }
    }

    void teardown(FrameworkState framework) {
        String id = framework.id.getValue();
        LOG.info("Tearing down framework {}", id);
        for (AgentState agent : books.agents.values()) {
            boolean involved = agent.executors.keySet().removeIf(k -> k.startsWith(id + "/"))
                    | framework.tasks.values().stream().anyMatch(t -> t.agentId.equals(agent.info.getId()));
            if (involved && agent.reachable) agent.link.shutdownFramework(framework.id);
        }
        allocator.removeOffersOfFramework(id, false);
        for (MasterTask t : new ArrayList<>(framework.tasks.values())) {
            // as Master::removeFramework (master.cpp, 1.11): a master-generated TASK_KILLED, REASON_FRAMEWORK_REMOVED,
            // recorded on the task (no uuid: it is never sent to the removed framework), unreachable tasks included
            if (!t.isTerminal()) t.record(MasterStatuses.frameworkRemoved(t, framework.id), TaskState.TASK_KILLED);
            framework.complete(t);
        }
        if (framework.stream != null) framework.stream.close();
        if (framework.failoverTimer != null) framework.failoverTimer.cancel(false);
        books.frameworks.remove(id);
        framework.unregisteredTime = Instant.now();
        books.completedFrameworks.add(framework);
        allocator.allocate();
    }
}
