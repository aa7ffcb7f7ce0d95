package org.cassandramesos.bench.launch;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.local.AgentSpec;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;

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
        try (LocalMesos mesos = LocalMesos.start(config);
                TestScheduler framework = new TestScheduler(
                                mesos.masterUri(), FirstPlacement.frameworkInfo(), Optional.empty())
                        .start()) {
            Offer offer = framework.awaitOffer(0, o -> true, Duration.ofSeconds(60));
            String taskId = "node-0__" + UUID.randomUUID();
            List<Offer.Operation> operations =
                    placement.operations(offer.getAgentId(), taskId, BenchNode.spec(freePort(31000)));
            int accepted = framework.mark();
            long start = System.nanoTime();
            framework.send(Calls.accept(List.of(offer.getId()), operations, Duration.ofSeconds(5)));
            long running = framework.awaitTaskState(accepted, taskId, TaskState.TASK_RUNNING, TIMEOUT);
            double seconds = (running - start) / 1e9;

            int killed = framework.mark();
            framework.send(Calls.kill(
                    TaskID.newBuilder().setValue(taskId).build(), offer.getAgentId(), FirstPlacement.KILL_GRACE));
            framework.awaitTaskState(killed, taskId, TaskState.TASK_KILLED, FirstPlacement.KILL_GRACE.plusSeconds(30));
            return seconds;
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
}
