package org.cassandramesos.bench.launch;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.AgentSpec;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.mesos.scheduler.Scheduler;
import org.cassandramesos.mesos.scheduler.SchedulerClient;
import org.cassandramesos.mesos.scheduler.SchedulerClientConfig;

/**
 * Cassandra launched through the local Mesos and the real executor: a fresh local cluster per run, one offer
 * accepted with RESERVE + CREATE + LAUNCH; the clock runs from sending that ACCEPT to receiving TASK_RUNNING (which
 * the executor sends once JMX says NORMAL and CQL answers). Includes fetching and extracting both tarballs and
 * starting the executor JVM.
 */
final class MesosLaunch {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private final FirstPlacement placement;

    MesosLaunch(Path executorTarball, Path cassandraTarball) {
        this.placement = new FirstPlacement(
                executorTarball, cassandraTarball, UUID.randomUUID().toString(), System.getProperty("java.home"));
    }

    /** One fresh node on a fresh local Mesos in {@code workDir}: seconds from ACCEPT to TASK_RUNNING. */
    double run(Path workDir) throws Exception {
        LocalMesosConfig config = LocalMesosConfig.builder(workDir)
                .agents(1, AgentSpec.of(2, 4096, 10240).withPorts(7000, 32000))
                .allocationInterval(Duration.ofMillis(200))
                .build();
        try (LocalMesos mesos = LocalMesos.start(config)) {
            Recorder recorder = new Recorder();
            SchedulerClient client = new SchedulerClient(
                            SchedulerClientConfig.of(
                                    mesos.masterUri(), FirstPlacement.frameworkInfo(), Optional::empty),
                            recorder)
                    .start();
            try {
                Offer offer = recorder.firstOffer.get(60, TimeUnit.SECONDS);
                String taskId = "node-0__" + UUID.randomUUID();
                List<Offer.Operation> operations =
                        placement.operations(offer.getAgentId(), taskId, BenchNode.spec(freePort(31000)));
                long start = System.nanoTime();
                recorder.mesos.send(Calls.accept(List.of(offer.getId()), operations, Duration.ofSeconds(5)));
                long running =
                        recorder.await(taskId, TaskState.TASK_RUNNING).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                double seconds = (running - start) / 1e9;

                recorder.mesos.send(Calls.kill(
                        org.apache.mesos.v1.Protos.TaskID.newBuilder()
                                .setValue(taskId)
                                .build(),
                        offer.getAgentId(),
                        FirstPlacement.KILL_GRACE));
                recorder.await(taskId, TaskState.TASK_KILLED)
                        .get(FirstPlacement.KILL_GRACE.toSeconds() + 30, TimeUnit.SECONDS);
                return seconds;
            } finally {
                client.close();
            }
        }
    }

    /** A port from {@code from} up, free on the node IP. */
    private static int freePort(int from) {
        for (int port = from; port < from + 1000; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(BenchNode.IP))) {
                return port;
            } catch (java.io.IOException taken) {
                // next
            }
        }
        throw new IllegalStateException("no free port from " + from + " on " + BenchNode.IP);
    }

    /** Records when each task state first arrives (nanoTime at receipt) and acknowledges every update. */
    private static final class Recorder implements Scheduler {
        final CompletableFuture<Offer> firstOffer = new CompletableFuture<>();
        final ConcurrentHashMap<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
        volatile Mesos mesos;

        CompletableFuture<Long> await(String taskId, TaskState state) {
            return arrivals.computeIfAbsent(taskId + "/" + state, k -> new CompletableFuture<>());
        }

        @Override
        public void subscribed(Mesos m, Event.Subscribed subscribed) {
            mesos = m;
        }

        @Override
        public void received(Mesos m, Event event) {
            if (event.getType() == Event.Type.OFFERS
                    && !event.getOffers().getOffersList().isEmpty()) {
                firstOffer.complete(event.getOffers().getOffers(0));
            } else if (event.getType() == Event.Type.UPDATE) {
                long now = System.nanoTime();
                TaskStatus status = event.getUpdate().getStatus();
                // Acknowledged before the waiting thread is told, so it never closes the client mid-acknowledgement.
                if (status.hasUuid()) {
                    m.send(Calls.acknowledge(status));
                }
                if (status.getState() == TaskState.TASK_FAILED || status.getState() == TaskState.TASK_ERROR) {
                    arrivals.values()
                            .forEach(f -> f.completeExceptionally(
                                    new IllegalStateException(status.getState() + ": " + status.getMessage())));
                }
                await(status.getTaskId().getValue(), status.getState()).complete(now);
            }
        }

        @Override
        public void disconnected() {
            // the client re-subscribes
        }
    }
}
