package org.cassandramesos.bench.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end benchmark: time from LAUNCH (the ACCEPT call) to TASK_RUNNING through the local Mesos and the real
 * executor, against starting the same Cassandra distribution with the same command line by hand and polling until
 * it is ready the way the executor checks. Modes alternate run by run so machine noise hits both alike.
 *
 * <p>Usage: {@code LaunchToRunningBench <executor-dist.tar.gz> <cassandra-dist.tar.gz> <runs> <work dir> <table.md>}
 */
public final class LaunchToRunningBench {
    private LaunchToRunningBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println(
                    "usage: LaunchToRunningBench <executor-dist.tar.gz> <cassandra-dist.tar.gz> <runs> <work dir> <table.md>");
            System.exit(2);
        }
        Path executorTarball = Path.of(args[0]).toAbsolutePath();
        Path cassandraTarball = Path.of(args[1]).toAbsolutePath();
        int runs = Integer.parseInt(args[2]);
        Path workDir = Path.of(args[3]).toAbsolutePath();
        Path table = Path.of(args[4]);
        Files.createDirectories(workDir);

        // The by-hand operator has the distribution installed already: extract the same tarball once, untimed.
        Path handDist = workDir.resolve("hand-dist");
        Files.createDirectories(handDist);
        Process tar = new ProcessBuilder("tar", "xzf", cassandraTarball.toString(), "-C", handDist.toString())
                .inheritIO()
                .start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar failed on " + cassandraTarball);
        }
        HandLaunch hand = new HandLaunch(handDist.resolve("cassandra"));
        MesosLaunch mesos = new MesosLaunch(executorTarball, cassandraTarball);

        String loadBefore = LoadAverage.now();
        List<Double> handRuns = new ArrayList<>();
        List<Double> mesosRuns = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double h = hand.run(workDir.resolve("hand-" + i));
            handRuns.add(h);
            System.out.printf(Locale.ROOT, "run %d by hand: %.2f s%n", i + 1, h);
            double m = mesos.run(workDir.resolve("mesos-" + i));
            mesosRuns.add(m);
            System.out.printf(Locale.ROOT, "run %d through local Mesos + executor: %.2f s%n", i + 1, m);
        }

        LaunchTable.Mode byHand = new LaunchTable.Mode("by hand (ProcessBuilder, same command line)", handRuns);
        LaunchTable.Mode viaMesos = new LaunchTable.Mode("local Mesos + executor (ACCEPT → TASK_RUNNING)", mesosRuns);
        String markdown =
                LaunchTable.render(header(runs, loadBefore, LoadAverage.now()), byHand, List.of(byHand, viaMesos));
        Files.createDirectories(table.toAbsolutePath().getParent());
        Files.writeString(table, markdown + footer());
        System.out.println(markdown);
    }

    private static String header(int runs, String loadBefore, String loadAfter) {
        return "# Launch to running: local Mesos + executor vs. by hand\n\n"
                + "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; " + runs
                + " runs per mode, alternating. One fresh Cassandra 5.0 node (heap 256 MB, 16 tokens, fast_start) on "
                + BenchNode.IP + " with a fresh data directory each run. Load average (1/5/15 min) before: "
                + loadBefore + ", after: " + loadAfter + ".\n\n";
    }

    private static String footer() {
        return """

                - **by hand**: the cassandra-dist tarball extracted once beforehand; `cassandra.yaml`, rackdc and the
                  JVM command line built by the executor's own `CassandraYaml`, `RackDcProperties` and `JvmOptions`
                  (parent-watch agent included); clock from `ProcessBuilder.start()` until the native port answers a
                  CQL `OPTIONS` with `SUPPORTED` (`CqlProbe`) and JMX says NORMAL, polled every 100 ms.
                - **local Mesos + executor**: a fresh local Mesos (1 agent) and a scheduler on `SchedulerClient` per
                  run; clock from sending the ACCEPT (RESERVE + CREATE volume + LAUNCH) until the TASK_RUNNING update
                  arrives. Included: offer handling, fetching and extracting the executor and Cassandra tarballs into
                  the sandbox, the executor JVM's start and subscription, config rendering, and the executor's own
                  readiness poll (JMX NORMAL + CQL, every 1 s) and status update path.
                - Ratio = median / median by hand. Run with `bench/run-launch.sh [runs]`.
                """;
    }
}
