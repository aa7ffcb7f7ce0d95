package org.cassandramesos.bench.failover;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.bench.launch.ExecutorFootprintBench;
import org.cassandramesos.bench.launch.LoadAverage;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.scheduler.mesos.MesosTestSupport;
import org.cassandramesos.scheduler.mesos.SchedulerProcess;

/**
 * The scheduler's REST API under load (issue 14), and its memory at N nodes. The real scheduler (the distribution's
 * launcher, as the failover bench starts it) on a real ZooKeeper and the local Mesos, deploying N nodes run by test
 * executors; with its API token on, {@code GET /v1/plan} and {@code GET /v1/nodes/node-0/info}, and as the baseline
 * the same JVM's admin {@code GET /ping} (Dropwizard's ping servlet: no auth, no state, a constant body), each
 * open-loop at a fixed rate and then closed-loop at the maximum, targets interleaved. Then the scheduler's RSS
 * with the launcher's defaults and with the options before issue 14, and its committed memory per region (NMT).
 *
 * <p>Usage: {@code RestLoadBench <nodes> <rate req/s> <seconds per phase> <clients> <work dir> <result .md>}
 */
public final class RestLoadBench {
    /** The launcher's options before issue 14. */
    static final String SCHEDULER_OPTS_BEFORE =
            "-Xms256m -Xmx1024m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1";

    private static final int WARMUP_REQUESTS = 3000;
    private static final int SESSION_TIMEOUT_S = 40;
    private static final int MAX_REQUESTS = 2_000_000;

    private RestLoadBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println(
                    "usage: RestLoadBench <nodes> <rate req/s> <seconds per phase> <clients> <work dir> <result .md>");
            System.exit(2);
        }
        int nodes = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        Duration phase = Duration.ofSeconds(Integer.parseInt(args[2]));
        int clients = Integer.parseInt(args[3]);
        Path work = Path.of(args[4]).toAbsolutePath();
        Path out = Path.of(args[5]);
        Files.createDirectories(work);
        String loadBefore = LoadAverage.now();
        System.out.println("schedulers started by " + FailoverBench.LAUNCH.describe());

        InstanceSpec spec = new InstanceSpec(work.resolve("zookeeper").toFile(), -1, -1, -1, true, 1, 2000, 1000);
        List<LoadRun.Result> results = new ArrayList<>();
        Map<String, Long> rssKb = new LinkedHashMap<>();
        Map<String, Long> nmt;
        try (TestingServer zookeeper = new TestingServer(spec, true);
                LocalMesos mesos = LocalMesos.start(
                        MesosTestSupport.config(work.resolve("mesos"), nodes).build())) {
            Map<String, String> env = SchedulerProcess.environment(
                    FailoverBench.SERVICE,
                    zookeeper.getConnectString(),
                    FailoverBench.DIGEST,
                    mesos.masterUri(),
                    SchedulerProcess.freePort(),
                    nodes);
            int[] serial = {0};
            java.util.function.Supplier<Path> log = () -> work.resolve("scheduler-" + (++serial[0]) + ".log");

            SchedulerInstance scheduler = deployed(env, log.get(), Map.of(), nodes);
            try {
                List<LoadRun> targets = targets(scheduler);
                warmUp(targets);
                rssKb.put("launcher defaults (after warm-up)", ExecutorFootprintBench.rssKb(scheduler.pid()));
                for (LoadRun target : targets) {
                    results.add(alive(scheduler, target.openLoop(rate, phase)));
                }
                for (LoadRun target : targets) {
                    results.add(alive(scheduler, target.closedLoop(clients, phase, MAX_REQUESTS)));
                }
                rssKb.put("launcher defaults (after the load)", ExecutorFootprintBench.rssKb(scheduler.pid()));
            } finally {
                scheduler.kill();
            }

            SchedulerInstance before =
                    deployed(env, log.get(), Map.of("SCHEDULER_JAVA_OPTS", SCHEDULER_OPTS_BEFORE), nodes);
            try {
                warmUp(targets(before));
                rssKb.put(
                        "before: `" + SCHEDULER_OPTS_BEFORE + "` (after warm-up)",
                        ExecutorFootprintBench.rssKb(before.pid()));
            } finally {
                before.kill();
            }

            Map<String, String> tracked = new LinkedHashMap<>(env);
            tracked.put("JAVA_TOOL_OPTIONS", "-XX:NativeMemoryTracking=summary");
            SchedulerInstance withNmt = deployed(tracked, log.get(), Map.of(), nodes);
            try {
                warmUp(targets(withNmt));
                rssKb.put("launcher defaults + NMT (after warm-up)", ExecutorFootprintBench.rssKb(withNmt.pid()));
                nmt = ExecutorFootprintBench.nativeMemory(withNmt.pid());
            } finally {
                withNmt.kill();
            }
        }
        String markdown =
                RestLoadTable.render(nodes, rate, phase, clients, loadBefore, LoadAverage.now(), results, rssKb, nmt);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown);
        System.out.println(markdown);
    }

    /** A scheduler started with {@code launcher} settings, once its deploy plan is COMPLETE and it has reconciled. */
    private static SchedulerInstance deployed(
            Map<String, String> env, Path log, Map<String, String> launcher, int nodes) throws Exception {
        // the longest session ZooKeeper grants at its 2 s tick: a machine stalled by the load keeps its leader
        SchedulerInstance scheduler = SchedulerInstance.start(env, SESSION_TIMEOUT_S, log, launcher);
        if (!scheduler.await(
                () -> scheduler.deployComplete() && scheduler.isReconciled(),
                Duration.ofMinutes(15),
                Duration.ofMillis(500))) {
            scheduler.kill();
            throw new IllegalStateException("the scheduler did not deploy " + nodes + " nodes; see " + log);
        }
        return scheduler;
    }

    /** The baseline first, then the two routes of the issue, all on the same scheduler JVM. */
    private static List<LoadRun> targets(SchedulerInstance scheduler) {
        String api = "http://127.0.0.1:" + scheduler.apiPort();
        Optional<String> token = Optional.of(SchedulerProcess.API_TOKEN);
        return List.of(
                new LoadRun(
                        "baseline: admin GET /ping (no auth, constant body)",
                        URI.create("http://127.0.0.1:" + scheduler.adminPort() + "/ping"),
                        Optional.empty()),
                new LoadRun("GET /v1/plan (token)", URI.create(api + "/v1/plan"), token),
                new LoadRun("GET /v1/nodes/node-0/info (token)", URI.create(api + "/v1/nodes/node-0/info"), token));
    }

    /** Classes loaded and C1 code compiled for every route before anything is measured. */
    private static void warmUp(List<LoadRun> targets) throws InterruptedException {
        for (LoadRun target : targets) {
            LoadRun.Result warm = target.closedLoop(2, Duration.ofSeconds(30), WARMUP_REQUESTS);
            if (warm.errors() > 0) {
                throw new IllegalStateException(target.target() + ": " + warm.errors() + " errors in the warm-up");
            }
        }
    }

    private static LoadRun.Result alive(SchedulerInstance scheduler, LoadRun.Result result) {
        if (!scheduler.isAlive()) {
            throw new IllegalStateException(
                    "the scheduler exited during " + result.target() + ", " + result.mode() + "; see its log");
        }
        return report(result);
    }

    private static LoadRun.Result report(LoadRun.Result result) {
        System.out.printf(
                Locale.ROOT,
                "%s, %s: %d requests, %d errors, %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                result.target(),
                result.mode(),
                result.requests(),
                result.errors(),
                result.throughput(),
                result.percentileMs(0.5),
                result.percentileMs(0.99),
                result.maxMs());
        return result;
    }

    static String today() {
        return LocalDate.now().toString();
    }
}
