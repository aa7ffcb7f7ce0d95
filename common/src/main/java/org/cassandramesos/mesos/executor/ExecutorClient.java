package org.cassandramesos.mesos.executor;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cassandramesos.mesos.MesosHttp;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.RecordStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v1 executor API over HTTP, or HTTPS when the agent's environment says so ({@link AgentTls}). Every
 * status update is kept until the agent ACKNOWLEDGEs it and is re-sent (with every unacknowledged launched task) in the next SUBSCRIBE; an update whose POST
 * failed is retried while subscribed. A checkpointing executor survives an agent restart by
 * re-subscribing until the recovery timeout.
 *
 * <p>The stream is read on the calling thread of {@link #run()}; {@link Executor} callbacks run on
 * one separate thread, in order, so a slow callback never delays acknowledgements.
 */
public final class ExecutorClient implements ExecutorDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorClient.class);
    private static final Set<TaskState> TERMINAL = EnumSet.of(
            TaskState.TASK_FINISHED,
            TaskState.TASK_FAILED,
            TaskState.TASK_KILLED,
            TaskState.TASK_ERROR,
            TaskState.TASK_LOST,
            TaskState.TASK_DROPPED,
            TaskState.TASK_GONE,
            TaskState.TASK_GONE_BY_OPERATOR);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

    private final ExecutorSettings settings;
    private final Executor executor;
    private final MesosHttp http;
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> thread(r, "executor-callbacks"));
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(r -> thread(r, "executor-update-retry"));

    // Guarded by this.
    private final Map<ByteString, TaskStatus> unacknowledgedUpdates = new LinkedHashMap<>();
    private final Map<ByteString, Boolean> delivered = new HashMap<>();
    private final Map<TaskID, TaskInfo> unacknowledgedTasks = new LinkedHashMap<>();
    private final Map<TaskID, TaskState> latestStates = new HashMap<>();
    private boolean shutdownRequested;
    private boolean done;

    private volatile boolean subscribed;
    private volatile RecordStream stream;

    public ExecutorClient(ExecutorSettings settings, Executor executor) {
        this.settings = settings;
        this.executor = executor;
        this.http = new MesosHttp(
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                settings.tls().enabled() ? Optional.of(AgentTlsContext.create(settings.tls())) : Optional.empty());
        LOG.info(
                "agent executor API at {}{}",
                settings.agentEndpoint(),
                settings.tls().enabled()
                        ? " (TLS, trusting "
                                + settings.tls()
                                        .caFile()
                                        .map(f -> "CA file " + f)
                                        .orElse("")
                                + settings.tls()
                                        .caDir()
                                        .map(d -> " CA dir " + d)
                                        .orElse("")
                                + (settings.tls().caFile().isEmpty()
                                                && settings.tls().caDir().isEmpty()
                                        ? "the JDK's default roots"
                                        : "")
                                + ", hostname validation " + settings.tls().hostnameValidation() + ")"
                        : "");
    }

    public static ExecutorClient fromEnvironment(Map<String, String> env, Executor executor) {
        return new ExecutorClient(ExecutorSettings.fromEnvironment(env), executor);
    }

    /**
     * Subscribes and serves events until the executor is done: every launched task has a terminal
     * update that the agent acknowledged (or SHUTDOWN was handled), or the agent stayed away past
     * the recovery timeout. Returns the process exit code to use.
     */
    public int run() {
        retries.scheduleWithFixedDelay(
                this::retryUndelivered, RETRY_INTERVAL.toMillis(), RETRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        Instant disconnectedSince = null;
        try {
            while (!isDone()) {
                boolean gotSubscribed = subscribeOnce();
                if (isDone()) {
                    break;
                }
                if (!settings.checkpoint()) {
                    LOG.error("disconnected from the agent and the framework does not checkpoint: exiting");
                    return 1;
                }
                if (gotSubscribed || disconnectedSince == null) {
                    disconnectedSince = Instant.now();
                }
                if (Duration.between(disconnectedSince, Instant.now()).compareTo(settings.recoveryTimeout()) > 0) {
                    LOG.error(
                            "agent did not come back within the recovery timeout {}: exiting",
                            settings.recoveryTimeout());
                    return 1;
                }
                long wait = ThreadLocalRandom.current()
                        .nextLong(settings.subscriptionBackoffMax().toMillis() + 1);
                Thread.sleep(wait);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            retries.shutdownNow();
            callbacks.shutdown();
            try {
                callbacks.awaitTermination(settings.shutdownGracePeriod().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void update(TaskStatus status) {
        TaskStatus.Builder full = status.toBuilder();
        if (!full.hasUuid()) {
            full.setUuid(uuid());
        }
        if (!full.hasSource()) {
            full.setSource(TaskStatus.Source.SOURCE_EXECUTOR);
        }
        if (!full.hasTimestamp()) {
            full.setTimestamp(System.currentTimeMillis() / 1000.0);
        }
        if (!full.hasExecutorId()) {
            full.setExecutorId(settings.executorId());
        }
        TaskStatus update = full.build();
        synchronized (this) {
            unacknowledgedUpdates.put(update.getUuid(), update);
            delivered.put(update.getUuid(), false);
            latestStates.put(update.getTaskId(), update.getState());
        }
        deliver(update);
    }

    @Override
    public void message(byte[] data) {
        Call call = base(Call.Type.MESSAGE)
                .setMessage(Call.Message.newBuilder().setData(ByteString.copyFrom(data)))
                .build();
        try {
            post(call);
        } catch (IOException | RuntimeException e) {
            LOG.warn("framework message not delivered (best effort): {}", e.toString());
        }
    }

    private void deliver(TaskStatus update) {
        if (!subscribed) {
            return; // goes out with the next SUBSCRIBE
        }
        Call call = base(Call.Type.UPDATE)
                .setUpdate(Call.Update.newBuilder().setStatus(update))
                .build();
        try {
            post(call);
            synchronized (this) {
                delivered.computeIfPresent(update.getUuid(), (k, v) -> true);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "status update {} for {} not delivered, will retry: {}",
                    update.getState(),
                    update.getTaskId().getValue(),
                    e.toString());
        }
    }

    private void retryUndelivered() {
        List<TaskStatus> pending;
        synchronized (this) {
            pending = unacknowledgedUpdates.values().stream()
                    .filter(u -> !delivered.getOrDefault(u.getUuid(), false))
                    .toList();
        }
        pending.forEach(this::deliver);
    }

    private void post(Call call) throws IOException {
        HttpResponse<String> response = http.call(settings.agentEndpoint(), call, headers());
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new IOException(call.getType() + " refused by the agent: HTTP " + response.statusCode() + " "
                    + response.body().strip());
        }
    }

    /** Runs one SUBSCRIBE stream to its end; returns whether it got SUBSCRIBED. */
    private boolean subscribeOnce() throws InterruptedException {
        Call.Subscribe.Builder subscribe = Call.Subscribe.newBuilder();
        synchronized (this) {
            subscribe.addAllUnacknowledgedTasks(unacknowledgedTasks.values());
            unacknowledgedUpdates
                    .values()
                    .forEach(u -> subscribe.addUnacknowledgedUpdates(
                            Call.Update.newBuilder().setStatus(u)));
            // Everything pending travels in this SUBSCRIBE.
            delivered.replaceAll((k, v) -> true);
        }
        RecordStream s = http.subscribe(
                settings.agentEndpoint(),
                base(Call.Type.SUBSCRIBE).setSubscribe(subscribe).build(),
                headers());
        stream = s;
        boolean gotSubscribed = false;
        try {
            while (!isDone()) {
                RecordStream.Item item = s.next(1, TimeUnit.SECONDS);
                if (item instanceof RecordStream.Timeout) {
                    continue; // agent heartbeats are rare (30 min); silence is normal
                }
                if (item instanceof RecordStream.End end) {
                    LOG.warn("executor stream ended{}", end.error() == null ? "" : ": " + end.error());
                    return gotSubscribed;
                }
                Event event;
                try {
                    event = ProtoJson.parse(((RecordStream.Record) item).bytes(), Event.newBuilder());
                } catch (InvalidProtocolBufferException e) {
                    LOG.warn("dropping an executor event that does not parse: {}", e.getMessage());
                    continue;
                }
                if (event.getType() == Event.Type.SUBSCRIBED) {
                    gotSubscribed = true;
                    subscribed = true;
                }
                handle(event);
            }
            return gotSubscribed;
        } finally {
            subscribed = false;
            s.cancel();
        }
    }

    private void handle(Event event) {
        switch (event.getType()) {
            case SUBSCRIBED -> dispatch(() -> executor.subscribed(this, event.getSubscribed()));
            case LAUNCH -> {
                TaskInfo task = event.getLaunch().getTask();
                synchronized (this) {
                    unacknowledgedTasks.put(task.getTaskId(), task);
                }
                dispatch(() -> executor.launch(this, task));
            }
            case LAUNCH_GROUP ->
                event.getLaunchGroup().getTaskGroup().getTasksList().forEach(task -> {
                    synchronized (this) {
                        unacknowledgedTasks.put(task.getTaskId(), task);
                    }
                    dispatch(() -> executor.launch(this, task));
                });
            case KILL ->
                dispatch(() -> executor.kill(
                        this, event.getKill().getTaskId(), event.getKill().getKillPolicy()));
            case ACKNOWLEDGED -> acknowledged(event.getAcknowledged());
            case MESSAGE ->
                dispatch(() ->
                        executor.message(this, event.getMessage().getData().toByteArray()));
            case SHUTDOWN ->
                dispatch(() -> {
                    executor.shutdown(this);
                    synchronized (this) {
                        shutdownRequested = true;
                        checkDone();
                    }
                });
            case ERROR -> dispatch(() -> executor.error(this, event.getError().getMessage()));
            case HEARTBEAT -> {}
            default -> LOG.debug("ignoring executor event {}", event.getType());
        }
    }

    private synchronized void acknowledged(Event.Acknowledged ack) {
        unacknowledgedUpdates.remove(ack.getUuid());
        delivered.remove(ack.getUuid());
        unacknowledgedTasks.remove(ack.getTaskId());
        checkDone();
    }

    private synchronized void checkDone() {
        boolean allTerminal =
                !latestStates.isEmpty() && latestStates.values().stream().allMatch(TERMINAL::contains);
        if ((shutdownRequested || allTerminal) && unacknowledgedUpdates.isEmpty()) {
            done = true;
            RecordStream s = stream;
            if (s != null) {
                s.cancel();
            }
        }
    }

    private synchronized boolean isDone() {
        return done;
    }

    private void dispatch(Runnable callback) {
        callbacks.execute(() -> {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.error("executor callback failed", e);
            }
        });
    }

    private Call.Builder base(Call.Type type) {
        return Call.newBuilder()
                .setType(type)
                .setFrameworkId(settings.frameworkId())
                .setExecutorId(settings.executorId());
    }

    private Map<String, String> headers() {
        return settings.authenticationToken()
                .map(t -> Map.of("Authorization", "Bearer " + t))
                .orElse(Map.of());
    }

    private static ByteString uuid() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ByteString.copyFrom(bytes.array());
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** For tests: updates the agent has not acknowledged yet. */
    public synchronized List<TaskStatus> unacknowledgedUpdates() {
        return new ArrayList<>(unacknowledgedUpdates.values());
    }
}
