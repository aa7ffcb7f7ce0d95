package org.cassandramesos.bench.localmode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.cassandramesos.bench.launch.LoadAverage;

/**
 * End-to-end benchmark of {@code ./cassandra-mesos local} (GitHub issue 6): wall time from starting it until its
 * deploy plan is COMPLETE, against a plain bash script starting the same Cassandra nodes with the same command
 * lines one after another; plus the RSS of every process each mode runs. Modes alternate run by run.
 *
 * <p>Usage: {@code LocalModeDeployBench <repo> <cassandra-dist.tar.gz> <runs> <work dir> <table.md>}
 */
public final class LocalModeDeployBench {
    static final int NODES = 3;
    static final int HEAP_MB = 256;

    private LocalModeDeployBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println(
                    "usage: LocalModeDeployBench <repo> <cassandra-dist.tar.gz> <runs> <work dir> <table.md>");
            System.exit(2);
        }
        Path repo = Path.of(args[0]).toAbsolutePath().normalize();
        Path cassandraTarball = Path.of(args[1]).toAbsolutePath();
        int runs = Integer.parseInt(args[2]);
        Path workDir = Path.of(args[3]).toAbsolutePath();
        Path table = Path.of(args[4]);
        Files.createDirectories(workDir);

        // The plain-script operator has the distribution installed already: extract the same tarball once, untimed.
        Path dist = workDir.resolve("dist");
        Files.createDirectories(dist);
        Process tar = new ProcessBuilder("tar", "xzf", cassandraTarball.toString(), "-C", dist.toString())
                .inheritIO()
                .start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar failed on " + cassandraTarball);
        }
        PlainScriptRun plain = new PlainScriptRun(dist.resolve("cassandra"), NODES, HEAP_MB);
        LocalModeRun local = new LocalModeRun(repo, NODES, HEAP_MB);

        String loadBefore = LoadAverage.now();
        List<RunResult> plainRuns = new ArrayList<>();
        List<RunResult> localRuns = new ArrayList<>();
        long foreignAtStarts = 0;
        for (int i = 0; i < runs; i++) {
            foreignAtStarts += OtherCassandras.awaitNone(Duration.ofMinutes(10));
            LoopbackPorts.awaitFree(NODES, Duration.ofMinutes(5));
            Path plainDir = workDir.resolve("plain-" + i);
            RunResult p = plain.run(plainDir);
            plainRuns.add(p);
            System.out.printf(Locale.ROOT, "run %d plain script: %.2f s%n", i + 1, p.seconds());
            deleteTree(plainDir);

            foreignAtStarts += OtherCassandras.awaitNone(Duration.ofMinutes(10));
            LoopbackPorts.awaitFree(NODES, Duration.ofMinutes(5));
            Path localDir = workDir.resolve("local-" + i);
            RunResult l = local.run(localDir, workDir.resolve("local-" + i + ".log"));
            localRuns.add(l);
            System.out.printf(
                    Locale.ROOT,
                    "run %d local mode: %.2f s (leftover processes: %s)%n",
                    i + 1,
                    l.seconds(),
                    l.leftovers());
            deleteTree(localDir);
        }

        String markdown = DeployTable.render(
                header(runs, loadBefore, LoadAverage.now(), foreignAtStarts), plainRuns, localRuns, footer());
        Files.createDirectories(table.toAbsolutePath().getParent());
        Files.writeString(table, markdown);
        System.out.println(markdown);
    }

    private static String header(int runs, String loadBefore, String loadAfter, long foreignAtStarts) {
        return "# Local mode deploy: `./cassandra-mesos local` vs. a plain script\n\n"
                + "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; " + runs
                + " runs per mode, alternating (plain script first). " + NODES + " fresh Cassandra 5.0 nodes (heap "
                + HEAP_MB + " MB, 16 tokens, fast_start, 2 seeds) on 127.0.0.2–" + (1 + NODES)
                + ", started one after another. Load average (1/5/15 min) before: " + loadBefore + ", after: "
                + loadAfter + ". Each run waited for other Cassandra processes on the machine (other engineers' tests) "
                + "to end first; "
                + (foreignAtStarts == 0
                        ? "none were running when a run started"
                        : foreignAtStarts
                                + " were still running at run starts after a 10-minute wait (summed over runs)")
                + ".\n\n## Time to a ready cluster\n\n";
    }

    private static String footer() {
        return """

                - **plain script**: the cassandra-dist tarball extracted once beforehand (untimed); each node's
                  `cassandra.yaml`, rackdc and JVM command line built beforehand (untimed) by the executor's own
                  `CassandraYaml`, `RackDcProperties` and `JvmOptions` (via the launch benchmark's `NodeCommand`),
                  for the specs local mode's scheduler sends (cluster `cassandra`, `datacenter1`, rack-<i>, seeds
                  127.0.0.2 and 127.0.0.3 as `SEEDS=2` places them). A generated bash script starts node 1 in the
                  background, waits until it answers a CQL `OPTIONS` with `SUPPORTED` (bash `/dev/tcp`, every
                  0.2 s), then node 2, then node 3; the parent-watch agent in the command line watches the script
                  (`$$`) as it watches the executor. Clock: from starting `bash` until the script prints that the
                  third node answers.
                - **local mode**: `./cassandra-mesos local --fresh --data-dir <tmp> --api-port <free> --nodes 3`
                  with everything already built. Clock: from starting it until `GET /v1/plan` (polled every
                  0.25 s with the token it prints) says COMPLETE. Included: the local-mode JVM's start, embedded
                  ZooKeeper, the local Mesos master and 3 agents, S3Proxy (a child JVM), the scheduler (a child
                  JVM: Dropwizard, ZooKeeper state, framework subscription), and per node: the offer cycle,
                  RESERVE + CREATE volume + LAUNCH, fetching and extracting the executor and Cassandra tarballs
                  into the sandbox, the executor JVM's start, config rendering, Cassandra's start, the executor's
                  readiness poll (JMX NORMAL + CQL, every 1 s), TASK_RUNNING and the plan step's completion, before
                  the next node's step starts.
                - **RSS**: `VmRSS` from `/proc/<pid>/status` of every process in the mode's tree, sampled once when
                  the cluster was ready; processes are told apart by command line (`LocalModeMain`,
                  `SchedulerApplication`, `org.cassandramesos.executor.mesos.Main`, `CassandraDaemon`, `s3proxy`).
                  Median over all samples of a kind over all runs; count is per run.
                - After each local-mode run the harness sends SIGINT (Ctrl-C) and checks that every process it saw
                  in the tree is gone; after each plain run it stops the nodes (SIGTERM) itself.
                - Ratio = median / median of the plain script. Run with `bench/run-local-mode.sh [runs]`.
                """;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
