package org.cassandramesos.mesos.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.Backoff;
import org.cassandramesos.mesos.MesosHttp;
import org.cassandramesos.mesos.MesosHttpException;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.RecordStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v1 scheduler API over HTTP: keeps one SUBSCRIBE stream open, re-subscribes with the
 * framework id and jittered exponential backoff whenever it ends or goes silent for
 * {@code missedHeartbeats} heartbeat intervals, follows 307s to the leading master, and sends
 * calls on separate connections with the stream id. A master that a 307 led to is used for one subscription only:
 * once it cannot be reached or its stream ends, the client goes back to the configured address (a dead leader is not
 * retried forever). An ERROR event ends the client for good: the master closed the stream and would refuse or fight
 * any re-subscription ({@link Scheduler#error}).
 *
 * <p>Events are dispatched to the {@link Scheduler} from one thread, in stream order.
 */
public final class SchedulerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerClient.class);
    private static final String PATH = "/api/v1/scheduler";
    /** Before SUBSCRIBED says the heartbeat interval, a silent stream is given this long. */
    private static final Duration FIRST_EVENT_TIMEOUT = Duration.ofSeconds(30);

    private final SchedulerClientConfig config;
    private final Scheduler scheduler;
    private final MesosHttp http;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile URI endpoint;
    private volatile Session session;
    private volatile RecordStream stream;
    private volatile boolean running;
    /** The master's ERROR message, once one ended the client. */
    private volatile String error;

    /** One subscription: the stream id and framework id calls must carry. */
    private record Session(String streamId, FrameworkID frameworkId, URI endpoint) {}

    public SchedulerClient(SchedulerClientConfig config, Scheduler scheduler) {
        this.config = config;
        this.scheduler = scheduler;
        this.http = new MesosHttp(Duration.ofSeconds(5), config.callTimeout());
        this.endpoint = config.master().resolve(PATH);
        this.thread = new Thread(this::loop, "mesos-scheduler-stream");
        this.thread.setDaemon(true);
    }

    public SchedulerClient start() {
        running = true;
        thread.start();
        return this;
    }

    /** True while a SUBSCRIBED stream is open. */
    public boolean isSubscribed() {
        return session != null;
    }

    /** True once the client has stopped for good: closed, or ended by an ERROR event. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** The master's ERROR message that ended the client, if one did. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The {@link Mesos} handle calls are sent through; valid across re-subscriptions. */
    public Mesos mesos() {
        return mesos;
    }

    /** Closes the current stream (as a network failure would); the client re-subscribes. For tests and operators. */
    public void reconnect() {
        RecordStream s = stream;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void close() {
        running = false;
        reconnect();
        if (!thread.isAlive()) {
            return;
        }
        thread.interrupt();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final Mesos mesos = new Mesos() {
        @Override
        public void send(Call call) {
            Session s = session;
            if (s == null) {
                throw new MesosCallException(0, "not subscribed to the master; " + call.getType() + " not sent");
            }
            Call withId = call.toBuilder().setFrameworkId(s.frameworkId()).build();
            HttpResponse<String> response;
            try {
                response = http.call(s.endpoint(), withId, headers(Map.of(MesosHttp.STREAM_ID, s.streamId())));
            } catch (IOException e) {
                throw new MesosCallException(call.getType() + " failed: " + e.getMessage(), e);
            }
            int code = response.statusCode();
            if (code == 307) {
                // Leadership moved under us: the stream will end too; re-subscribe at the leader.
                response.headers().firstValue("Location").ifPresent(l -> {
                    endpoint = MesosHttp.redirectTarget(s.endpoint(), l);
                    redirected = true;
                });
                reconnect();
            }
            if (code == 401) {
                safely(config.unauthorized());
            }
            if (code != 202 && code != 200) {
                throw new MesosCallException(
                        code,
                        call.getType() + " refused: HTTP " + code + " "
                                + response.body().strip());
            }
        }

        @Override
        public FrameworkID frameworkId() {
            Session s = session;
            if (s == null) {
                throw new IllegalStateException("not subscribed");
            }
            return s.frameworkId();
        }
    };

    private Map<String, String> headers(Map<String, String> extra) {
        Map<String, String> h = new HashMap<>(extra);
        config.authorization().get().ifPresent(a -> h.put("Authorization", a));
        return h;
    }

    private Call subscribeCall() {
        FrameworkInfo.Builder info = config.frameworkInfo().toBuilder();
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE);
        Optional<FrameworkID> id = config.frameworkId().get();
        id.ifPresentOrElse(
                fid -> {
                    info.setId(fid);
                    call.setFrameworkId(fid);
                },
                info::clearId);
        return call.setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info))
                .build();
    }

    private void loop() {
        Backoff backoff = new Backoff(config.backoffInitial(), config.backoffMax());
        try {
            while (running) {
                boolean wasSubscribed = false;
                redirected = false;
                try {
                    wasSubscribed = subscribeOnce(backoff);
                } catch (InterruptedException e) {
                    break;
                } catch (RuntimeException e) {
                    LOG.warn("scheduler stream failed: {}", e.toString());
                } finally {
                    session = null;
                    stream = null;
                    if (wasSubscribed) {
                        safely(scheduler::disconnected);
                    }
                }
                if (error != null) {
                    safely(() -> scheduler.error(error));
                    break;
                }
                if (!running) {
                    break;
                }
                URI configured = config.master().resolve(PATH);
                if (!redirected && !endpoint.equals(configured)) {
                    // the master a 307 named is gone or no longer leads: ask the configured address who leads now
                    LOG.info(
                            "master {} is unreachable or ended the stream: going back to the configured {}",
                            endpoint,
                            configured);
                    endpoint = configured;
                }
                Duration wait = backoff.next();
                LOG.info("re-subscribing to {} in {} ms (attempt {})", endpoint, wait.toMillis(), backoff.attempts());
                Thread.sleep(wait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** The last subscription (or a call during it) was answered with a 307 whose target is in {@link #endpoint}. */
    private volatile boolean redirected;

    /** Runs one subscription to its end; returns whether it got SUBSCRIBED. */
    private boolean subscribeOnce(Backoff backoff) throws InterruptedException {
        URI target = endpoint;
        RecordStream s = http.subscribe(target, subscribeCall(), headers(Map.of()));
        stream = s;
        HttpResponse.ResponseInfo info;
        try {
            info = s.responseInfo().get(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            s.cancel();
            LOG.warn(
                    "cannot subscribe at {}: {}",
                    target,
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            return false;
        }
        if (info.statusCode() == 307) {
            Optional<String> location = info.headers().firstValue("Location");
            location.ifPresent(l -> endpoint = MesosHttp.redirectTarget(target, l));
            LOG.info("master at {} is not the leader; following to {}", target, endpoint);
            redirected = location.isPresent();
            s.cancel();
            backoff.reset();
            return false;
        }
        if (info.statusCode() == 401) {
            safely(config.unauthorized());
        }
        if (info.statusCode() != 200) {
            RecordStream.Item end = s.next(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.warn(
                    "SUBSCRIBE refused by {}: {}",
                    target,
                    end instanceof RecordStream.End e && e.error() != null
                            ? e.error().getMessage()
                            : "HTTP " + info.statusCode());
            return false;
        }
        String streamId = info.headers()
                .firstValue(MesosHttp.STREAM_ID)
                .orElseThrow(() -> new MesosHttpException(200, "SUBSCRIBE response without " + MesosHttp.STREAM_ID));

        Duration silence = FIRST_EVENT_TIMEOUT;
        boolean subscribed = false;
        while (running) {
            RecordStream.Item item = s.next(silence.toMillis(), TimeUnit.MILLISECONDS);
            if (item instanceof RecordStream.Timeout) {
                LOG.warn(
                        "no event from {} for {} ms (missed heartbeats): closing the stream",
                        target,
                        silence.toMillis());
                s.cancel();
                return subscribed;
            }
            if (item instanceof RecordStream.End end) {
                if (end.error() != null) {
                    LOG.warn(
                            "scheduler stream from {} ended: {}",
                            target,
                            end.error().toString());
                } else {
                    LOG.info("scheduler stream from {} closed by the master", target);
                }
                return subscribed;
            }
            Event event = parse(((RecordStream.Record) item).bytes());
            if (event == null) {
                continue;
            }
            switch (event.getType()) {
                case SUBSCRIBED -> {
                    Event.Subscribed sub = event.getSubscribed();
                    double interval = sub.hasHeartbeatIntervalSeconds() ? sub.getHeartbeatIntervalSeconds() : 15;
                    silence = Duration.ofMillis((long) (interval * 1000 * config.missedHeartbeats()));
                    session = new Session(streamId, sub.getFrameworkId(), target);
                    subscribed = true;
                    backoff.reset();
                    LOG.info(
                            "subscribed to {} as framework {} (stream {})",
                            target,
                            sub.getFrameworkId().getValue(),
                            streamId);
                    safely(() -> scheduler.subscribed(mesos, sub));
                }
                case HEARTBEAT -> {}
                case ERROR -> {
                    // Mesos closes the stream after an ERROR (master.cpp failoverFramework, refuseSubscription):
                    // re-subscribing would be refused ("removed") or take over from a newer instance ("failed over")
                    error = event.getError().getMessage();
                    running = false;
                    LOG.warn("master sent ERROR: {}; not subscribing again", error);
                    s.cancel();
                    return subscribed;
                }
                default -> safely(() -> scheduler.received(mesos, event));
            }
        }
        s.cancel();
        return subscribed;
    }

    private static Event parse(byte[] record) {
        try {
            return ProtoJson.parse(record, Event.newBuilder());
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("dropping an event that does not parse: {}", e.getMessage());
            return null;
        }
    }

    /** A scheduler bug must not kill the stream thread. */
    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("scheduler callback failed", e);
        }
    }
}
