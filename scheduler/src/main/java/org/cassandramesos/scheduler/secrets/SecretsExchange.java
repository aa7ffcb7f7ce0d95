package org.cassandramesos.scheduler.secrets;

import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.protocol.secrets.SealedBox;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.cassandramesos.scheduler.offer.TaskIds;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's side of the secrets handshake (docs/secrets.md): a {@code secrets-request} MESSAGE from an executor
 * is decided by {@link SecretsDecision}; an answer is the {@link SecretBundle} sealed to the executor's key, sent in
 * a MESSAGE call to that agent and executor. Nothing of it is stored or logged except the decision; which task was
 * answered is kept in memory, one task per node (the current one).
 *
 * <p>While the cluster's generated secrets are being recovered ({@link ClusterSecrets}), a request is answered with a
 * {@code secrets-recall} instead, as are the executors of live tasks ({@link #recalls}); a {@code secrets-return} from
 * the current executor of a node's task is handed to {@link ClusterSecrets#recover}.
 */
public final class SecretsExchange {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsExchange.class);

    private final TaskStore tasks;
    private final ExecutorSecrets secrets;
    /** node → the task id whose secrets went out. */
    private final Map<String, String> answered = new ConcurrentHashMap<>();

    public SecretsExchange(TaskStore tasks, ExecutorSecrets secrets) {
        this.tasks = tasks;
        this.secrets = secrets;
    }

    /** The call to send for an executor's MESSAGE event, if any. */
    public Optional<Call> handle(Event.Message message) {
        String from = "executor " + message.getExecutorId().getValue() + " on agent "
                + message.getAgentId().getValue();
        SecretsMessage decoded;
        try {
            decoded = SecretsMessage.decode(message.getData().toByteArray());
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "ignoring a {}-byte framework message from {}: {}",
                    message.getData().size(),
                    from,
                    e.getMessage());
            return Optional.empty();
        }
        String node;
        try {
            node = TaskIds.nodeName(
                    TaskID.newBuilder().setValue(decoded.taskId()).build());
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a secrets message from {}: {}", from, e.getMessage());
            return Optional.empty();
        }
        if (decoded instanceof SecretsMessage.Return returned) {
            onReturn(message, node, returned, from);
            return Optional.empty();
        }
        if (!(decoded instanceof SecretsMessage.Request request)) {
            LOG.warn(
                    "ignoring a {} message from {}: executors send requests and returns",
                    decoded.getClass().getSimpleName(),
                    from);
            return Optional.empty();
        }
        SecretsDecision.Outcome outcome = SecretsDecision.decide(
                request,
                message.getAgentId(),
                message.getExecutorId(),
                tasks.taskInfo(node),
                tasks.taskStatus(node),
                request.taskId().equals(answered.get(node)));
        if (outcome instanceof SecretsDecision.Answer answer) {
            Optional<NodeRecord> record = tasks.record(node);
            if (record.isEmpty()) {
                LOG.warn("ignoring a secrets request from {}: {} has no placement record", from, node);
                return Optional.empty();
            }
            Optional<PublicKey> recallKey = secrets.cluster().recallKey();
            if (recallKey.isPresent()) {
                LOG.info(
                        "secrets request from {} for task {}: the cluster's secrets are being recovered, so it gets a "
                                + "recall first",
                        from,
                        request.taskId());
                return Optional.of(
                        recall(message.getAgentId(), message.getExecutorId(), request.taskId(), recallKey.get()));
            }
            secrets.cluster().beforeDelivery();
            SecretBundle bundle = secrets.forNode(node, record.get().agent());
            byte[] box = SealedBox.seal(answer.key(), request.taskId(), bundle.encode());
            answered.put(node, request.taskId());
            LOG.info(
                    "secrets {} of task {} sealed to its executor's key and sent to {}",
                    bundle,
                    request.taskId(),
                    from);
            return Optional.of(Calls.message(
                    message.getAgentId(),
                    message.getExecutorId(),
                    SecretsMessage.encode(SecretsMessage.Answer.of(request.taskId(), box))));
        }
        if (outcome instanceof SecretsDecision.Refuse refuse) {
            LOG.warn("refusing a secrets request from {}: {}", from, refuse.why());
            return Optional.of(Calls.message(
                    message.getAgentId(),
                    message.getExecutorId(),
                    SecretsMessage.encode(new SecretsMessage.Refusal(request.taskId(), refuse.why()))));
        }
        LOG.warn("ignoring a secrets request from {}: {}", from, ((SecretsDecision.Ignore) outcome).why());
        return Optional.empty();
    }

    /** Whether the cluster's generated secrets are being recovered from the nodes (there is something to recall). */
    public boolean recovering() {
        return secrets.cluster().recallKey().isPresent();
    }

    /** While recovering: a {@code secrets-recall} for the executor of each of the {@code live} tasks; else none. */
    public List<Call> recalls(Collection<TaskInfo> live) {
        return secrets.cluster()
                .recallKey()
                .map(key -> live.stream()
                        .map(task -> recall(
                                task.getAgentId(),
                                task.getExecutor().getExecutorId(),
                                task.getTaskId().getValue(),
                                key))
                        .toList())
                .orElse(List.of());
    }

    private void onReturn(Event.Message message, String node, SecretsMessage.Return returned, String from) {
        Optional<SecretsDecision.Ignore> stranger = SecretsDecision.notFromItsExecutor(
                returned.taskId(), message.getAgentId(), message.getExecutorId(), tasks.taskInfo(node));
        if (stranger.isPresent()) {
            LOG.warn(
                    "ignoring a secrets return from {}: {}",
                    from,
                    stranger.get().why());
        } else if (secrets.cluster().recover(returned.taskId(), returned.box())) {
            LOG.info(
                    "cluster secrets recovered from {} ({}): node API calls and secrets requests are served again",
                    node,
                    from);
        }
    }

    private static Call recall(
            org.apache.mesos.v1.Protos.AgentID agent,
            org.apache.mesos.v1.Protos.ExecutorID executor,
            String taskId,
            PublicKey key) {
        return Calls.message(
                agent,
                executor,
                SecretsMessage.encode(new SecretsMessage.Recall(taskId, SealedBox.encodePublicKey(key))));
    }
}
