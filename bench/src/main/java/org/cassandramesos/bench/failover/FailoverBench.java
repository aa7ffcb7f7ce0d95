package org.cassandramesos.bench.failover;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.cassandramesos.bench.launch.LoadAverage;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.mesos.FrameworkInfos;
import org.cassandramesos.scheduler.mesos.MesosTestSupport;
import org.cassandramesos.scheduler.mesos.SchedulerProcess;

/**
 * Scheduler failover time (issue 12): a local Mesos with N agents and the real scheduler as a child process
 * ({@link SchedulerProcess}) deploying N nodes run by test executors (no Cassandra); once the deploy plan is COMPLETE,
 * each round kills the leader in every way below and clocks from the kill until the new leader says it has
 * reconciled (its {@code /healthcheck}: {@code reconciled}, polled every 50 ms): SUBSCRIBED with the same framework
 * id and every node's task answered the explicit reconciliation.
 *
 * <p>Usage: {@code FailoverBench <nodes,nodes,...> <runs> <work dir> <result .md>}
 */
public final class FailoverBench {
    static final String SERVICE = "failover-bench";
    static final String DIGEST = "failover-bench:" + java.util.UUID.randomUUID();
    /**
     * The session timeout of the standby case: the default of ZOOKEEPER_SESSION_TIMEOUT_S unless
     * {@code -Dfailover.sessionTimeoutS} says otherwise; and the fixed timeout before the setting existed.
     */
    static final int SESSION_NOW = Integer.getInteger("failover.sessionTimeoutS", 10);

    static final int SESSION_BEFORE = 30;
    private static final Duration POLL = Duration.ofMillis(50);
    static final SchedulerLaunch LAUNCH = SchedulerLaunch.fromSystemProperties();

    /** The ways a leader goes, in the order each round runs them. */
    enum Case {
        BASELINE("baseline: kill -9, then SUBSCRIBE + explicit RECONCILE by a plain client in a running JVM"),
        IN_PLACE_BEFORE("kill -9, new instance started on the same machine, launched as before: no class-data "
                + "archive (SCHEDULER_CDS=false, -Xshare:off), C2"),
        IN_PLACE_CDS_C2("kill -9, new instance started on the same machine: class-data archive, C2"),
        IN_PLACE("kill -9, new instance started on the same machine (local mode, Marathon on the same agent): the "
                + "launcher's defaults (class-data archive, C1 only)"),
        STANDBY("kill -9, standby takes over (session timeout " + SESSION_NOW + " s"
                + (SESSION_NOW == 10 ? ", the new default)" : ")")),
        STANDBY_BEFORE("kill -9, standby takes over (session timeout " + SESSION_BEFORE + " s, as before)"),
        SIGTERM("SIGTERM (clean stop), standby takes over");

        final String label;

        Case(String label) {
            this.label = label;
        }
    }

    /** The launcher's settings of the in-place cases other than its defaults (with a distribution, SchedulerLaunch). */
    static final Map<Case, Map<String, String>> LAUNCHED_AS = new java.util.EnumMap<>(Map.of(
            Case.IN_PLACE_BEFORE,
                    Map.of(
                            "SCHEDULER_CDS",
                            "false",
                            "SCHEDULER_JAVA_OPTS",
                            "-Xms256m -Xmx1024m -XX:+ExitOnOutOfMemoryError -Xshare:off"),
            Case.IN_PLACE_CDS_C2, Map.of("SCHEDULER_JAVA_OPTS", "-Xms256m -Xmx1024m -XX:+ExitOnOutOfMemoryError")));

    record Takeover(Case kind, double seconds, Map<LogTimeline.Phase, Long> phases) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: FailoverBench <nodes,nodes,...> <runs> <work dir> <result .md>");
            System.exit(2);
        }
        List<Integer> sizes = java.util.Arrays.stream(args[0].split(","))
                .map(Integer::parseInt)
                .toList();
        int runs = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        Path out = Path.of(args[3]);
        String loadBefore = LoadAverage.now();
        Instant started = Instant.now();
        System.out.println("schedulers started by " + LAUNCH.describe());
        Map<Integer, List<Takeover>> results = new LinkedHashMap<>();
        for (int nodes : sizes) {
            results.put(nodes, measure(nodes, runs, work.resolve("n" + nodes)));
            // written after every size: a later size that fails leaves the earlier ones' table
            Files.writeString(out, FailoverTable.render(started, runs, loadBefore, LoadAverage.now(), results));
        }
        System.out.println(Files.readString(out));
    }

    static List<Takeover> measure(int nodes, int runs, Path work) throws Exception {
        Files.createDirectories(work);
        List<Takeover> takeovers = new ArrayList<>();
        // ZooKeeper's usual tick (2 s, as on DC/OS): sessions of 4 to 40 s are granted as asked
        InstanceSpec spec = new InstanceSpec(work.resolve("zookeeper").toFile(), -1, -1, -1, true, 1, 2000, 1000);
        try (TestingServer zookeeper = new TestingServer(spec, true);
                LocalMesos mesos = LocalMesos.start(
                        MesosTestSupport.config(work.resolve("mesos"), nodes).build())) {
            Map<String, String> env = SchedulerProcess.environment(
                    SERVICE,
                    zookeeper.getConnectString(),
                    DIGEST,
                    mesos.masterUri(),
                    SchedulerProcess.freePort(),
                    nodes);
            int[] serial = {0};
            java.util.function.Supplier<Path> log = () -> work.resolve("scheduler-" + (++serial[0]) + ".log");
            SchedulerInstance first = SchedulerInstance.start(env, SESSION_NOW, log.get());
            long deployStart = System.nanoTime();
            // the deploy: every node's task RUNNING and ready, deploy plan COMPLETE
            require(
                    first.await(
                            () -> first.deployComplete() && allRunning(mesos, nodes) && first.isReconciled(),
                            Duration.ofMinutes(30),
                            Duration.ofSeconds(1)),
                    "deploy of " + nodes + " nodes did not complete",
                    first);
            SchedulerInstance leader = first;
            System.out.printf("%d nodes deployed in %.0f s%n", nodes, (System.nanoTime() - deployStart) / 1e9);
            List<SchedulerInstance> all = new ArrayList<>(List.of(leader));
            try {
                for (int run = 1; run <= runs; run++) {
                    // baseline: the leader dies, a plain client does the Mesos part of a takeover
                    Map<TaskID, AgentID> tasks = tasks(mesos);
                    FrameworkID id = FrameworkID.newBuilder()
                            .setValue(frameworkId(mesos))
                            .build();
                    long t0 = System.nanoTime();
                    leader.kill();
                    PlainReconcile.run(mesos.masterUri(), frameworkInfo(), id, tasks, Duration.ofMinutes(2));
                    takeovers.add(new Takeover(Case.BASELINE, seconds(t0), Map.of()));
                    // a leader again (not clocked), then the in-place restart
                    leader = started(env, SESSION_NOW, log.get(), all);
                    require(leader.await(leader::isReconciled, Duration.ofMinutes(5), POLL), "no leader", leader);
                    settle(mesos, nodes);

                    SchedulerInstance next;
                    long killed;
                    for (Map.Entry<Case, Map<String, String>> launch : LAUNCHED_AS.entrySet()) {
                        killed = System.currentTimeMillis();
                        t0 = System.nanoTime();
                        leader.kill();
                        next = SchedulerInstance.start(env, SESSION_NOW, log.get(), launch.getValue());
                        all.add(next);
                        takeovers.add(takeover(launch.getKey(), next, t0, killed));
                        leader = next;
                        settle(mesos, nodes);
                    }

                    killed = System.currentTimeMillis();
                    t0 = System.nanoTime();
                    leader.kill();
                    next = started(env, SESSION_NOW, log.get(), all);
                    takeovers.add(takeover(Case.IN_PLACE, next, t0, killed));
                    leader = next;
                    settle(mesos, nodes);

                    next = standby(env, SESSION_NOW, log.get(), all);
                    killed = System.currentTimeMillis();
                    t0 = System.nanoTime();
                    leader.kill();
                    takeovers.add(takeover(Case.STANDBY, next, t0, killed));
                    leader = next;
                    settle(mesos, nodes);

                    // the next leader asks for the old session timeout, so that the case after it waits for that
                    next = standby(env, SESSION_BEFORE, log.get(), all);
                    killed = System.currentTimeMillis();
                    t0 = System.nanoTime();
                    leader.terminate();
                    takeovers.add(takeover(Case.SIGTERM, next, t0, killed));
                    leader.awaitExit();
                    leader = next;
                    settle(mesos, nodes);

                    next = standby(env, SESSION_NOW, log.get(), all);
                    killed = System.currentTimeMillis();
                    t0 = System.nanoTime();
                    leader.kill();
                    takeovers.add(takeover(Case.STANDBY_BEFORE, next, t0, killed));
                    leader = next;
                    settle(mesos, nodes);
                    System.out.printf(
                            "%d nodes, run %d: %s%n",
                            nodes,
                            run,
                            takeovers.subList(takeovers.size() - Case.values().length, takeovers.size()).stream()
                                    .map(t -> t.kind() + " "
                                            + String.format(java.util.Locale.ROOT, "%.2f s", t.seconds()))
                                    .toList());
                }
            } finally {
                for (SchedulerInstance instance : all) {
                    instance.kill();
                }
            }
        }
        return takeovers;
    }

    private static SchedulerInstance started(
            Map<String, String> env, int session, Path log, List<SchedulerInstance> all) throws Exception {
        SchedulerInstance instance = SchedulerInstance.start(env, session, log);
        all.add(instance);
        return instance;
    }

    private static SchedulerInstance standby(
            Map<String, String> env, int session, Path log, List<SchedulerInstance> all) throws Exception {
        SchedulerInstance standby = started(env, session, log, all);
        require(standby.await(standby::isStandby, Duration.ofMinutes(10), POLL), "no standby", standby);
        return standby;
    }

    private static Takeover takeover(Case kind, SchedulerInstance next, long t0, long killedMillis) throws Exception {
        require(next.await(next::isReconciled, Duration.ofMinutes(10), POLL), kind + ": no takeover", next);
        double s = seconds(t0);
        Map<LogTimeline.Phase, Long> phases = new EnumMap<>(LogTimeline.Phase.class);
        phases.putAll(LogTimeline.of(Files.readAllLines(next.log()), killedMillis));
        return new Takeover(kind, s, phases);
    }

    /** Every node's task is RUNNING at the master: a takeover left nothing to relaunch. */
    private static void settle(LocalMesos mesos, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!allRunning(mesos, nodes)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the nodes' tasks are not all RUNNING after a takeover");
            }
            Thread.sleep(200);
        }
        Thread.sleep(1000);
    }

    private static boolean allRunning(LocalMesos mesos, int nodes) {
        int running = 0;
        for (JsonNode framework : mesos.masterState().path("frameworks")) {
            for (JsonNode task : framework.path("tasks")) {
                if ("TASK_RUNNING".equals(task.path("state").asText())) {
                    running++;
                }
            }
        }
        return running == nodes;
    }

    private static Map<TaskID, AgentID> tasks(LocalMesos mesos) {
        Map<TaskID, AgentID> tasks = new LinkedHashMap<>();
        for (JsonNode task : mesos.masterState().path("frameworks").path(0).path("tasks")) {
            tasks.put(
                    TaskID.newBuilder().setValue(task.path("id").asText()).build(),
                    AgentID.newBuilder()
                            .setValue(task.path("agent_id").asText())
                            .build());
        }
        return tasks;
    }

    private static String frameworkId(LocalMesos mesos) {
        return mesos.masterState().path("frameworks").path(0).path("id").asText();
    }

    /** The scheduler's own FrameworkInfo for the environment {@link SchedulerProcess} gives it. */
    private static FrameworkInfo frameworkInfo() {
        return FrameworkInfos.of(ServiceConfig.defaults(SERVICE)).toBuilder()
                .clearRoles()
                .addRoles(SERVICE + "-role")
                .setPrincipal(SERVICE + "-principal")
                .setUser(System.getProperty("user.name"))
                .build();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void require(boolean ok, String what, SchedulerInstance instance) throws Exception {
        if (!ok) {
            List<String> lines = Files.exists(instance.log()) ? Files.readAllLines(instance.log()) : List.of();
            throw new IllegalStateException(what + "; the last lines of " + instance.log() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
    }
}
