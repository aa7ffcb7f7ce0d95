package org.cassandramesos.mesos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.RecordIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client behaviour against scripted master answers over real HTTP. The end-to-end proof against
 * the local Mesos lives in the {@code local} module.
 */
class SchedulerClientTest {
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<Call> subscribes = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> callStreamIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private SchedulerClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        servers.forEach(s -> s.stop(0));
    }

    /** A leader that answers SUBSCRIBE with SUBSCRIBED split over several tiny chunks, then one event, then silence. */
    private HttpServer leader(double heartbeatSeconds) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/scheduler", exchange -> {
            Call call = parse(exchange);
            if (call.getType() == Call.Type.SUBSCRIBE) {
                subscribes.add(call);
                int n = subscriptions.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Mesos-Stream-Id", "stream-" + n);
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                byte[] subscribed = RecordIO.encode(ProtoJson.printBytes(Event.newBuilder()
                        .setType(Event.Type.SUBSCRIBED)
                        .setSubscribed(Event.Subscribed.newBuilder()
                                .setFrameworkId(FrameworkID.newBuilder().setValue("FW-1"))
                                .setHeartbeatIntervalSeconds(heartbeatSeconds))
                        .build()));
                for (int i = 0; i < subscribed.length; i += 3) { // split digits and body across chunks
                    out.write(subscribed, i, Math.min(3, subscribed.length - i));
                    out.flush();
                }
                byte[] rescind = RecordIO.encode(ProtoJson.printBytes(Event.newBuilder()
                        .setType(Event.Type.RESCIND)
                        .setRescind(Event.Rescind.newBuilder()
                                .setOfferId(org.apache.mesos.v1.Protos.OfferID.newBuilder()
                                        .setValue("O-" + n)))
                        .build()));
                out.write(rescind);
                out.flush();
                // then silence: no heartbeats, so the client must give up on this stream
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            } else {
                calls.add(call);
                callStreamIds.add(exchange.getRequestHeaders().getFirst("Mesos-Stream-Id"));
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        servers.add(server);
        return server;
    }

    private HttpServer follower(HttpServer leader) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/scheduler", exchange -> {
            exchange.getResponseHeaders()
                    .add("Location", "//127.0.0.1:" + leader.getAddress().getPort() + "/api/v1/scheduler");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static Call parse(HttpExchange exchange) throws IOException {
        return ProtoJson.parse(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), Call.newBuilder());
    }

    private static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Records callbacks and persists the framework id like a real scheduler would. */
    private static class RecordingScheduler implements Scheduler {
        final AtomicReference<FrameworkID> stored = new AtomicReference<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void subscribed(Mesos mesos, Event.Subscribed subscribed) {
            stored.set(subscribed.getFrameworkId());
            log.add("subscribed:" + subscribed.getFrameworkId().getValue());
        }

        @Override
        public void received(Mesos mesos, Event event) {
            log.add(event.getType() + ":" + event.getRescind().getOfferId().getValue());
        }

        @Override
        public void disconnected() {
            log.add("disconnected");
        }
    }

    @Test
    void followsRedirectToTheLeaderAndSendsCallsWithStreamAndFrameworkId() throws Exception {
        HttpServer leader = leader(30);
        HttpServer follower = follower(leader);
        RecordingScheduler scheduler = new RecordingScheduler();
        FrameworkInfo info = FrameworkInfo.newBuilder()
                .setUser("nobody")
                .setName("cassandra")
                .build();
        client = new SchedulerClient(
                        SchedulerClientConfig.of(uri(follower), info, () -> Optional.ofNullable(scheduler.stored.get()))
                                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                        scheduler)
                .start();

        await().atMost(Duration.ofSeconds(10)).until(client::isSubscribed);
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.log.size() >= 2);
        assertThat(scheduler.log).startsWith("subscribed:FW-1", "RESCIND:O-1");
        assertThat(subscribes.get(0).hasFrameworkId()).isFalse();

        client.mesos().send(Calls.revive(List.of("cassandra-role")));
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo(Call.Type.REVIVE);
            assertThat(c.getFrameworkId().getValue()).isEqualTo("FW-1");
        });
        assertThat(callStreamIds).containsExactly("stream-1");
    }

    @Test
    void missedHeartbeatsCloseTheStreamAndResubscribeWithTheFrameworkId() throws Exception {
        HttpServer leader = leader(0.2); // 5 × 0.2 s of silence ends a stream
        RecordingScheduler scheduler = new RecordingScheduler();
        FrameworkInfo info = FrameworkInfo.newBuilder()
                .setUser("nobody")
                .setName("cassandra")
                .build();
        client = new SchedulerClient(
                        SchedulerClientConfig.of(uri(leader), info, () -> Optional.ofNullable(scheduler.stored.get()))
                                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                        scheduler)
                .start();

        await().atMost(Duration.ofSeconds(15)).until(() -> subscribes.size() >= 2);
        assertThat(scheduler.log).contains("disconnected");
        Call resubscribe = subscribes.get(1);
        assertThat(resubscribe.getFrameworkId().getValue()).isEqualTo("FW-1");
        assertThat(resubscribe.getSubscribe().getFrameworkInfo().getId().getValue())
                .isEqualTo("FW-1");
    }

    /** A master that answers SUBSCRIBE with SUBSCRIBED, then the events given, then closes the stream. */
    private HttpServer master(String frameworkId, AtomicInteger subscribeCount, Event... then) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/scheduler", exchange -> {
            Call call = parse(exchange);
            subscribes.add(call);
            int n = subscribeCount.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Mesos-Stream-Id", "stream-" + n);
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(RecordIO.encode(ProtoJson.printBytes(Event.newBuilder()
                    .setType(Event.Type.SUBSCRIBED)
                    .setSubscribed(Event.Subscribed.newBuilder()
                            .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                            .setHeartbeatIntervalSeconds(30))
                    .build())));
            for (Event event : then) {
                out.write(RecordIO.encode(ProtoJson.printBytes(event)));
            }
            out.flush();
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        servers.add(server);
        return server;
    }

    private static Event error(String message) {
        return Event.newBuilder()
                .setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage(message))
                .build();
    }

    @Test
    void anErrorEventEndsTheClientForGoodAndTellsTheScheduler() throws Exception {
        AtomicInteger subscribed = new AtomicInteger();
        HttpServer master = master("FW-1", subscribed, error("Framework failed over"));
        List<String> errors = new CopyOnWriteArrayList<>();
        RecordingScheduler scheduler = new RecordingScheduler() {
            @Override
            public void error(String message) {
                errors.add(message);
            }
        };
        FrameworkInfo info = FrameworkInfo.newBuilder()
                .setUser("nobody")
                .setName("cassandra")
                .build();
        client = new SchedulerClient(
                        SchedulerClientConfig.of(uri(master), info, () -> Optional.ofNullable(scheduler.stored.get()))
                                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(20)),
                        scheduler)
                .start();

        await().atMost(Duration.ofSeconds(10)).until(client::isStopped);
        assertThat(errors).containsExactly("Framework failed over");
        assertThat(client.error()).contains("Framework failed over");
        assertThat(scheduler.log).containsExactly("subscribed:FW-1", "disconnected");
        // the stream ended and the backoff is 20 ms at most, yet nothing subscribed again: the client thread has ended
        assertThat(subscribed).hasValue(1);
        assertThat(client.isSubscribed()).isFalse();
    }

    @Test
    void afterTheLeaderARedirectNamedDiesTheClientAsksTheConfiguredMasterAgain() throws Exception {
        AtomicInteger leaderSubscribes = new AtomicInteger();
        HttpServer leader = master("FW-1", leaderSubscribes); // SUBSCRIBED, then the stream ends: the leader died
        int leaderPort = leader.getAddress().getPort();
        AtomicInteger configuredCalls = new AtomicInteger();
        AtomicInteger newLeaderSubscribes = new AtomicInteger();
        HttpServer newLeader = master("FW-1", newLeaderSubscribes, new Event[0]);
        // the configured address (think leader.mesos): first it redirects to the old leader, later to the new one
        HttpServer configured = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        configured.createContext("/api/v1/scheduler", exchange -> {
            int port = configuredCalls.incrementAndGet() == 1
                    ? leaderPort
                    : newLeader.getAddress().getPort();
            exchange.getResponseHeaders().add("Location", "//127.0.0.1:" + port + "/api/v1/scheduler");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        configured.start();
        servers.add(configured);
        RecordingScheduler scheduler = new RecordingScheduler();
        FrameworkInfo info = FrameworkInfo.newBuilder()
                .setUser("nobody")
                .setName("cassandra")
                .build();
        client = new SchedulerClient(
                        SchedulerClientConfig.of(
                                        uri(configured), info, () -> Optional.ofNullable(scheduler.stored.get()))
                                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)),
                        scheduler)
                .start();

        await().atMost(Duration.ofSeconds(10)).until(() -> leaderSubscribes.get() >= 1);
        leader.stop(0); // the old leader is gone for good: connections to it are refused

        await().atMost(Duration.ofSeconds(10)).until(() -> newLeaderSubscribes.get() >= 1);
        assertThat(configuredCalls.get()).isGreaterThanOrEqualTo(2);
        assertThat(subscribes.get(subscribes.size() - 1).getFrameworkId().getValue())
                .isEqualTo("FW-1");
    }

    @Test
    void callsWhileNotSubscribedFailFast() {
        RecordingScheduler scheduler = new RecordingScheduler();
        client = new SchedulerClient(
                SchedulerClientConfig.of(
                        URI.create("http://127.0.0.1:1"),
                        FrameworkInfo.newBuilder().setUser("u").setName("n").build(),
                        Optional::empty),
                scheduler);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.mesos().send(Calls.teardown()))
                .isInstanceOf(MesosCallException.class)
                .hasMessageContaining("not subscribed");
    }
}
