package org.cassandramesos.local.master;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.local.cluster.TaskStates;

/** Every scheduler call but SUBSCRIBE: stream id checks, then the call's effect. Runs on the master's thread. */
final class SchedulerCalls {
    private final MasterBooks books;
    private final Allocator allocator;
    private final AcceptProcessor acceptor;
    private final Subscriptions subscriptions;

    SchedulerCalls(MasterBooks books, Allocator allocator, AcceptProcessor acceptor, Subscriptions subscriptions) {
        this.books = books;
        this.allocator = allocator;
        this.acceptor = acceptor;
        this.subscriptions = subscriptions;
    }

    CallResult handle(Call call, String streamId) {
        if (!call.hasFrameworkId()) return CallResult.badRequest("Expecting 'framework_id' to be present");
        FrameworkState framework = books.frameworks.get(call.getFrameworkId().getValue());
        if (framework == null) return CallResult.badRequest("Framework cannot be found");
        if (!framework.connected()) return new CallResult(403, "Framework is not subscribed");
        if (streamId == null) {
            return CallResult.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }
        if (!streamId.equals(framework.stream.id())) {
            return CallResult.badRequest("The stream ID '" + streamId
                    + "' included in this request didn't match the stream ID currently associated with framework ID "
                    + framework.id.getValue());
        }
        switch (call.getType()) {
            case ACCEPT -> {
                if (!call.hasAccept()) return CallResult.badRequest("Expecting 'accept' to be present");
                acceptor.accept(
                        framework,
                        call.getAccept().getOfferIdsList(),
                        call.getAccept().getOperationsList(),
                        call.getAccept().getFilters());
                allocator.allocate();
            }
            case DECLINE -> {
                if (!call.hasDecline()) return CallResult.badRequest("Expecting 'decline' to be present");
                acceptor.accept(
                        framework,
                        call.getDecline().getOfferIdsList(),
                        List.of(),
                        call.getDecline().getFilters());
                allocator.allocate();
            }
            case REVIVE -> {
                List<String> roles =
                        call.getRevive().getRolesCount() > 0 ? call.getRevive().getRolesList() : framework.roles();
                for (String role : roles) {
                    framework.suppressedRoles.remove(role);
                    framework.filters.clear(role);
                }
                allocator.allocate();
            }
            case SUPPRESS ->
                framework.suppressedRoles.addAll(
                        call.getSuppress().getRolesCount() > 0
                                ? call.getSuppress().getRolesList()
                                : framework.roles());
            case KILL -> {
                if (!call.hasKill()) return CallResult.badRequest("Expecting 'kill' to be present");
                kill(framework, call.getKill());
            }
            case SHUTDOWN -> {
                if (!call.hasShutdown()) return CallResult.badRequest("Expecting 'shutdown' to be present");
                AgentState agent =
                        books.agents.get(call.getShutdown().getAgentId().getValue());
                if (agent != null && agent.reachable)
                    agent.link.shutdownExecutor(framework.id, call.getShutdown().getExecutorId());
            }
            case ACKNOWLEDGE -> {
                if (!call.hasAcknowledge()) return CallResult.badRequest("Expecting 'acknowledge' to be present");
                if (call.getAcknowledge().getUuid().size() != 16)
                    return CallResult.badRequest("Failed to parse UUID: must be 16 bytes");
                acknowledge(framework, call.getAcknowledge());
            }
            case RECONCILE -> {
                for (TaskStatus s : Reconciliation.answer(
                        call.getReconcile().getTasksList(),
                        framework.tasks,
                        books::agentStatus,
                        id -> books.registry.unreachableSince(id.getValue()),
                        framework.partitionAware())) {
                    framework.send(Events.update(s));
                }
            }
            case MESSAGE -> {
                if (!call.hasMessage()) return CallResult.badRequest("Expecting 'message' to be present");
                AgentState agent =
                        books.agents.get(call.getMessage().getAgentId().getValue());
                if (agent != null && agent.reachable) {
                    agent.link.frameworkMessage(
                            framework.id,
                            call.getMessage().getExecutorId(),
                            call.getMessage().getData());
                }
            }
            case TEARDOWN -> subscriptions.teardown(framework);
            case UPDATE_FRAMEWORK -> {
                if (!call.hasUpdateFramework())
                    return CallResult.badRequest("Expecting 'update_framework' to be present");
                framework.info = call.getUpdateFramework().getFrameworkInfo().toBuilder()
                        .setId(framework.id)
                        .setUser(framework.info.getUser())
                        .setPrincipal(framework.info.getPrincipal())
                        .setCheckpoint(framework.info.getCheckpoint())
                        .build();
                framework.suppressedRoles.clear();
                framework.suppressedRoles.addAll(call.getUpdateFramework().getSuppressedRolesList());
                allocator.allocate();
                return CallResult.OK;
            }
            case REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS, ACKNOWLEDGE_OPERATION_STATUS -> {
                // nothing to do locally: no resource requests, no maintenance, no operation feedback
            }
            default -> {
                return CallResult.badRequest("Call type " + call.getType() + " is not supported by the local master");
            }
        }
        return CallResult.ACCEPTED;
    }

    private void kill(FrameworkState framework, Call.Kill kill) {
        MasterTask task = framework.tasks.get(kill.getTaskId().getValue());
        AgentState agent = task == null ? null : books.agents.get(task.agentId.getValue());
        if (task == null || agent == null || !agent.reachable) {
            // Mesos answers a kill of a task it does not hold (unknown, or on an unreachable agent) with its
            // reconciliation state (src/master/master.cpp:5701-5718 Master::kill): TASK_UNREACHABLE for the latter
            Call.Reconcile.Task.Builder r = Call.Reconcile.Task.newBuilder().setTaskId(kill.getTaskId());
            if (kill.hasAgentId()) r.setAgentId(kill.getAgentId());
            Reconciliation.answer(
                            List.of(r.build()),
                            framework.tasks,
                            books::agentStatus,
                            id -> books.registry.unreachableSince(id.getValue()),
                            framework.partitionAware())
                    .forEach(s -> framework.send(Events.update(s)));
            return;
        }
        agent.link.killTask(
                framework.id,
                kill.getTaskId(),
                kill.hasKillPolicy() ? Optional.of(kill.getKillPolicy()) : Optional.empty());
    }

    private void acknowledge(FrameworkState framework, Call.Acknowledge ack) {
        MasterTask task = framework.tasks.get(ack.getTaskId().getValue());
        AgentState agent = books.agents.get(ack.getAgentId().getValue());
        if (agent != null && agent.reachable) agent.link.acknowledge(framework.id, ack.getTaskId(), ack.getUuid());
        if (task != null
                && task.isTerminal()
                && task.statuses.stream()
                        .anyMatch(s -> s.getUuid().equals(ack.getUuid()) && TaskStates.isTerminal(s.getState()))) {
            framework.complete(task);
        }
    }
}
