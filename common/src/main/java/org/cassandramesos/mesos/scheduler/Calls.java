package org.cassandramesos.mesos.scheduler;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** Builders for the scheduler calls; the client fills in {@code framework_id}. */
public final class Calls {
    private Calls() {}

    public static Call accept(Collection<OfferID> offerIds, List<Offer.Operation> operations, Duration refuse) {
        return Call.newBuilder()
                .setType(Call.Type.ACCEPT)
                .setAccept(Call.Accept.newBuilder()
                        .addAllOfferIds(offerIds)
                        .addAllOperations(operations)
                        .setFilters(filters(refuse)))
                .build();
    }

    public static Call decline(Collection<OfferID> offerIds, Duration refuse) {
        return Call.newBuilder()
                .setType(Call.Type.DECLINE)
                .setDecline(Call.Decline.newBuilder().addAllOfferIds(offerIds).setFilters(filters(refuse)))
                .build();
    }

    /** Acknowledges an UPDATE; only valid for statuses that carry a uuid. */
    public static Call acknowledge(TaskStatus status) {
        if (!status.hasUuid()) {
            throw new IllegalArgumentException(
                    "status of " + status.getTaskId().getValue() + " has no uuid: nothing to acknowledge");
        }
        return Call.newBuilder()
                .setType(Call.Type.ACKNOWLEDGE)
                .setAcknowledge(Call.Acknowledge.newBuilder()
                        .setAgentId(status.getAgentId())
                        .setTaskId(status.getTaskId())
                        .setUuid(status.getUuid()))
                .build();
    }

    /** Explicit reconciliation of the given tasks (task id → agent id); an empty map asks for every task (implicit). */
    public static Call reconcile(Map<TaskID, AgentID> tasks) {
        Call.Reconcile.Builder reconcile = Call.Reconcile.newBuilder();
        tasks.forEach((task, agent) -> {
            Call.Reconcile.Task.Builder t = Call.Reconcile.Task.newBuilder().setTaskId(task);
            if (agent != null) {
                t.setAgentId(agent);
            }
            reconcile.addTasks(t);
        });
        return Call.newBuilder()
                .setType(Call.Type.RECONCILE)
                .setReconcile(reconcile)
                .build();
    }

    public static Call revive(Collection<String> roles) {
        return Call.newBuilder()
                .setType(Call.Type.REVIVE)
                .setRevive(Call.Revive.newBuilder().addAllRoles(roles))
                .build();
    }

    public static Call suppress(Collection<String> roles) {
        return Call.newBuilder()
                .setType(Call.Type.SUPPRESS)
                .setSuppress(Call.Suppress.newBuilder().addAllRoles(roles))
                .build();
    }

    public static Call kill(TaskID task, AgentID agent, Duration grace) {
        Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(task);
        if (agent != null) {
            kill.setAgentId(agent);
        }
        if (grace != null) {
            kill.setKillPolicy(KillPolicy.newBuilder()
                    .setGracePeriod(DurationInfo.newBuilder().setNanoseconds(grace.toNanos())));
        }
        return Call.newBuilder().setType(Call.Type.KILL).setKill(kill).build();
    }

    public static Call shutdown(ExecutorID executor, AgentID agent) {
        return Call.newBuilder()
                .setType(Call.Type.SHUTDOWN)
                .setShutdown(Call.Shutdown.newBuilder().setExecutorId(executor).setAgentId(agent))
                .build();
    }

    public static Call message(AgentID agent, ExecutorID executor, byte[] data) {
        return Call.newBuilder()
                .setType(Call.Type.MESSAGE)
                .setMessage(Call.Message.newBuilder()
                        .setAgentId(agent)
                        .setExecutorId(executor)
                        .setData(ByteString.copyFrom(data)))
                .build();
    }

    public static Call teardown() {
        return Call.newBuilder().setType(Call.Type.TEARDOWN).build();
    }

    private static Filters filters(Duration refuse) {
        return Filters.newBuilder().setRefuseSeconds(refuse.toMillis() / 1000.0).build();
    }
}
