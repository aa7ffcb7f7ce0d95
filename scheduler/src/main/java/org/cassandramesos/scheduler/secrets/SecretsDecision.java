package org.cassandramesos.scheduler.secrets;

import java.security.PublicKey;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.secrets.SealedBox;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.cassandramesos.scheduler.config.SecretsDelivery;
import org.cassandramesos.scheduler.offer.TaskInfoFactory;

/**
 * Whether a secrets request gets the secrets: a pure decision on what Mesos says about the sender (the agent and
 * executor ids of the MESSAGE event are set by the agent and master, not by the sender) and what the scheduler knows
 * about the task. Deny by default:
 *
 * <ul>
 *   <li>{@link Ignore}: the request is not from the executor our current task for that node was launched with on that
 *       agent, or that task gets its secrets from the secret store. Nothing is sent back.</li>
 *   <li>{@link Refuse}: the task got its secrets already (one answer per task id), or it already reported a state
 *       only an executor holding its secrets can reach, or the key is unusable. A refusal goes back to the executor,
 *       which fails the task with the reason: a second request for the same task is a possible impersonation.</li>
 *   <li>{@link Answer}: seal the bundle to the request's key.</li>
 * </ul>
 */
public final class SecretsDecision {
    private SecretsDecision() {}

    public sealed interface Outcome {}

    public record Ignore(String why) implements Outcome {}

    public record Refuse(String why, boolean possibleImpersonation) implements Outcome {}

    public record Answer(PublicKey key) implements Outcome {}

    /**
     * @param request        the executor's request
     * @param agent          the agent the MESSAGE event came from
     * @param executor       the executor the MESSAGE event came from
     * @param launched       the node's current task, as stored at launch
     * @param lastStatus     the node's last stored status
     * @param answeredBefore whether this task id was answered before
     */
    public static Outcome decide(
            SecretsMessage.Request request,
            AgentID agent,
            ExecutorID executor,
            Optional<TaskInfo> launched,
            Optional<TaskStatus> lastStatus,
            boolean answeredBefore) {
        Optional<Ignore> stranger = notFromItsExecutor(request.taskId(), agent, executor, launched);
        if (stranger.isPresent()) {
            return stranger.get();
        }
        TaskInfo task = launched.orElseThrow();
        if (delivery(task) != SecretsDelivery.MESSAGE) {
            return new Ignore("task " + request.taskId() + " gets its secrets from the secret store");
        }
        if (answeredBefore) {
            return new Refuse(
                    "the secrets of task " + request.taskId() + " were delivered once already; "
                            + "a second request is refused (possible impersonation of its executor)",
                    true);
        }
        if (lastStatus.isPresent()
                && lastStatus.get().getTaskId().equals(task.getTaskId())
                && lastStatus.get().getState() != TaskState.TASK_STAGING) {
            return new Refuse(
                    "task " + request.taskId() + " already reported "
                            + lastStatus.get().getState()
                            + ", which its executor reaches only after receiving its secrets; "
                            + "a new request is refused (possible impersonation of its executor)",
                    true);
        }
        try {
            return new Answer(SealedBox.decodePublicKey(request.publicKey()));
        } catch (IllegalArgumentException e) {
            return new Refuse(
                    "the public key of the request for task " + request.taskId() + " is unusable: " + e.getMessage(),
                    false);
        }
    }

    /**
     * Why a message naming {@code taskId} is not from the executor that node's current task was launched with on that
     * agent, if it is not: every message an executor sends about a task is checked so.
     */
    public static Optional<Ignore> notFromItsExecutor(
            String taskId, AgentID agent, ExecutorID executor, Optional<TaskInfo> launched) {
        if (launched.isEmpty() || !launched.get().getTaskId().getValue().equals(taskId)) {
            return Optional.of(new Ignore("task " + taskId + " is not the current task of its node"));
        }
        TaskInfo task = launched.get();
        if (!task.getAgentId().equals(agent)
                || !task.getExecutor().getExecutorId().equals(executor)) {
            return Optional.of(new Ignore("task " + taskId + " was launched with executor "
                    + task.getExecutor().getExecutorId().getValue() + " on agent "
                    + task.getAgentId().getValue()
                    + ", not " + executor.getValue() + " on " + agent.getValue()));
        }
        return Optional.empty();
    }

    /** How the task was launched to get its secrets; tasks from before the setting used the secret store. */
    static SecretsDelivery delivery(TaskInfo task) {
        return task.getExecutor().getCommand().getEnvironment().getVariablesList().stream()
                .filter(v -> v.getName().equals(TaskInfoFactory.SECRETS_DELIVERY_ENV)
                        && v.getType() != Environment.Variable.Type.SECRET)
                .map(v -> SecretsDelivery.parse(v.getValue()))
                .findFirst()
                .orElse(SecretsDelivery.SECRET_STORE);
    }
}
