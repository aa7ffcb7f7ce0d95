package org.cassandramesos.bench.failover;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cassandramesos.bench.launch.LaunchTable;
import org.cassandramesos.bench.launch.LoadAverage;
import org.cassandramesos.scheduler.mesos.SchedulerProcess;

/**
 * The failover with real Cassandra (issue 12: "at 3 real nodes"): {@code ./cassandra-mesos local --fresh} with 3
 * nodes; once the deploy plan is COMPLETE, each run kills the scheduler with SIGKILL and clocks until its log
 * ({@code <data dir>/scheduler/scheduler.log}, appended across restarts) has a new {@code RECONCILED:} line: local
 * mode's supervisor starts a new instance on the same machine, as Marathon restarts the app. Starts real Cassandra on
 * 127.0.0.2–4 (ports 9042/7000/7199/9001): run it where nothing else uses them. Not run by bench/run-failover.sh.
 *
 * <p>Usage: {@code LocalModeFailover <repo> <runs> <data dir> <result .md>}
 */
public final class LocalModeFailover {
    private static final Duration POLL = Duration.ofMillis(50);

    private LocalModeFailover() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        Path data = Path.of(args[2]).toAbsolutePath();
        Path out = Path.of(args[3]);
        String loadBefore = LoadAverage.now();
        Instant started = Instant.now();
        int api;
        try (ServerSocket socket = new ServerSocket(0)) {
            api = socket.getLocalPort();
        }
        Files.createDirectories(data.getParent());
        Path console = data.resolveSibling(data.getFileName() + "-console.log");
        Process local = new ProcessBuilder(
                        repo.resolve("cassandra-mesos").toString(),
                        "local",
                        "--fresh",
                        "--data-dir",
                        data.toString(),
                        "--api-port",
                        Integer.toString(api),
                        "--nodes",
                        "3")
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        Path log = data.resolve("scheduler").resolve("scheduler.log");
        List<Double> seconds = new ArrayList<>();
        List<Map<LogTimeline.Phase, Long>> phases = new ArrayList<>();
        try {
            await(() -> SchedulerProcess.ready(api) == 200 && reconciledLines(log) > 0, Duration.ofMinutes(10), local);
            for (int run = 1; run <= runs; run++) {
                Thread.sleep(5_000);
                ProcessHandle scheduler = scheduler(data).orElseThrow(() -> new IllegalStateException("no scheduler"));
                List<String> before = Files.readAllLines(log);
                long reconciled =
                        before.stream().filter(l -> l.contains("RECONCILED: ")).count();
                long killedMillis = System.currentTimeMillis();
                long t0 = System.nanoTime();
                scheduler.destroyForcibly();
                await(() -> reconciledLines(log) > reconciled, Duration.ofMinutes(3), local);
                seconds.add((System.nanoTime() - t0) / 1e9);
                List<String> lines = Files.readAllLines(log);
                phases.add(LogTimeline.of(lines.subList(before.size(), lines.size()), killedMillis));
                System.out.printf(
                        Locale.ROOT,
                        "run %d: %.2f s %s%n",
                        run,
                        seconds.get(seconds.size() - 1),
                        phases.get(phases.size() - 1));
            }
        } finally {
            List<ProcessHandle> tree = new ArrayList<>(local.descendants().toList());
            new ProcessBuilder("kill", "-INT", Long.toString(local.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (!local.waitFor(150, TimeUnit.SECONDS)) {
                local.destroyForcibly();
            }
            for (ProcessHandle p : tree) {
                p.destroyForcibly();
            }
        }
        LaunchTable.Mode mode = new LaunchTable.Mode(
                "kill -9 of the scheduler, local mode's supervisor starts a new " + "instance (3 real Cassandra nodes)",
                seconds);
        StringBuilder md = new StringBuilder(String.format(
                Locale.ROOT,
                "## 3 real Cassandra nodes (`./cassandra-mesos "
                        + "local`)%n%nMeasured %s on %d cores; %d runs. Load average before: %s, after: %s.%n%n"
                        + "| case | runs | median s | min s | max s |%n|---|---:|---:|---:|---:|%n| %s | %d | %.2f | %.2f | %.2f |%n",
                started.toString().substring(0, 10),
                Runtime.getRuntime().availableProcessors(),
                runs,
                loadBefore,
                LoadAverage.now(),
                mode.name(),
                runs,
                mode.median(),
                mode.min(),
                mode.max()));
        md.append("\nRuns (s): ")
                .append(seconds.stream()
                        .map(s -> String.format(Locale.ROOT, "%.2f", s))
                        .toList())
                .append("; phases (ms from the kill): ")
                .append(phases)
                .append('\n');
        Files.writeString(out, md);
        System.out.println(md);
    }

    private static long reconciledLines(Path log) {
        try {
            return Files.exists(log)
                    ? Files.readAllLines(log).stream()
                            .filter(l -> l.contains("RECONCILED: "))
                            .count()
                    : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The scheduler JVM among local mode's descendants. */
    /**
     * The scheduler local mode runs on {@code data}: the launcher runs it from its sandbox ({@code data/scheduler}) with
     * a relative classpath, so it is recognised by its working directory (its command line names no data directory).
     */
    private static Optional<ProcessHandle> scheduler(Path data) {
        Path sandbox = data.resolve("scheduler");
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    try {
                        Path proc = Path.of("/proc", Long.toString(p.pid()));
                        // /proc itself: ProcessHandle.Info leaves out command lines it cannot rebuild
                        return new String(
                                                Files.readAllBytes(proc.resolve("cmdline")),
                                                java.nio.charset.StandardCharsets.UTF_8)
                                        .contains("org.cassandramesos.scheduler.SchedulerApplication")
                                && Files.readSymbolicLink(proc.resolve("cwd")).equals(sandbox);
                    } catch (java.io.IOException | RuntimeException gone) {
                        return false;
                    }
                })
                .findFirst();
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration within, Process local)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (!local.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("local mode " + (local.isAlive() ? "timed out" : "exited"));
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
