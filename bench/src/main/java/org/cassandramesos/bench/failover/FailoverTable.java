package org.cassandramesos.bench.failover;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cassandramesos.bench.failover.FailoverBench.Case;
import org.cassandramesos.bench.failover.FailoverBench.Takeover;
import org.cassandramesos.bench.launch.LaunchTable;

/** The failover results as Markdown: per cluster size, the takeover times against the baseline, then where the time went (pure). */
final class FailoverTable {
    private FailoverTable() {}

    static String render(
            Instant started, int runs, String loadBefore, String loadAfter, Map<Integer, List<Takeover>> results) {
        StringBuilder md = new StringBuilder("# Scheduler failover: kill → re-subscribed and reconciled\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Measured %s on %d cores, %s %s; %d runs per case, the cases of a run one "
                        + "after another. Load average (1/5/15 min) before: %s, after: %s.%n%n",
                started.toString().substring(0, 10),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                runs,
                loadBefore,
                loadAfter));
        for (Map.Entry<Integer, List<Takeover>> size : results.entrySet()) {
            List<LaunchTable.Mode> modes = new ArrayList<>();
            for (Case kind : Case.values()) {
                List<Double> seconds = size.getValue().stream()
                        .filter(t -> t.kind() == kind)
                        .map(Takeover::seconds)
                        .toList();
                if (!seconds.isEmpty()) {
                    modes.add(new LaunchTable.Mode(kind.label, seconds));
                }
            }
            md.append(LaunchTable.render(
                    "## " + size.getKey() + " nodes (test executors)\n\n", modes.get(0), "baseline", modes));
            md.append(
                    "\nWhere the time went (median ms from the kill to the new leader's log line; - : before the kill):\n\n");
            md.append("| case |");
            for (LogTimeline.Phase phase : LogTimeline.Phase.values()) {
                md.append(' ').append(phase.label).append(" |");
            }
            md.append("\n|---|")
                    .append("---:|".repeat(LogTimeline.Phase.values().length))
                    .append('\n');
            for (Case kind : Case.values()) {
                if (kind == Case.BASELINE) {
                    continue;
                }
                List<Takeover> of =
                        size.getValue().stream().filter(t -> t.kind() == kind).toList();
                md.append("| ").append(kind.label).append(" |");
                for (LogTimeline.Phase phase : LogTimeline.Phase.values()) {
                    List<Double> ms = of.stream()
                            .filter(t -> t.phases().containsKey(phase))
                            .map(t -> (double) t.phases().get(phase))
                            .toList();
                    md.append(
                            ms.size() < of.size() || ms.isEmpty()
                                    ? " - |"
                                    : String.format(
                                            Locale.ROOT, " %.0f |", new LaunchTable.Mode(phase.label, ms).median()));
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.append(NOTES).toString();
    }

    static final String NOTES = """
            ## How it is measured

            - **Setup**: `FailoverBench` (`bench/run-failover.sh [runs] [sizes]`): a ZooKeeper `TestingServer` with a
              2 s tick (ZooKeeper's usual; it grants sessions of 4–40 s as asked), the local Mesos with one agent per
              node, and the real scheduler deploying N nodes run by `TestCassandraExecutor` (no Cassandra: it reports
              the node ready at once). Each scheduler is started as Marathon starts it (`SchedulerLaunch`): the
              distribution (`scheduler/target/cassandra-scheduler`, copied with its times into a sandbox directory)
              by its launcher `./cassandra-scheduler/bin/cassandra-scheduler server …` run from that directory, on
              the java-runtime module's java (`JAVA_HOME`), with the launcher's JVM options and class-data archive
              unless the case says otherwise. The cases start once the deploy plan is COMPLETE; the cluster stays up
              through every case and run.
            - **Clock**: from the kill (`Process.destroyForcibly`, SIGKILL; `destroy`, SIGTERM) until the new leader's
              `/healthcheck` (admin port) shows `reconciled: true` in its `scheduler` check, polled every 50 ms. The
              scheduler sets it once it has SUBSCRIBED (same framework id) and every task it believes alive has
              answered the explicit reconciliation, and logs
              `RECONCILED: all N task(s) answered … ms after subscribing`.
            - **Baseline**: the same kill, then the project's own `SchedulerClient` in the already running benchmark
              JVM SUBSCRIBEs with the framework id and explicitly reconciles the N tasks; done when all answered. It
              is the Mesos part of a takeover alone (no JVM start, ZooKeeper, election or state reads): the floor
              for this master.
            - **Cases**, in this order in every run: the baseline (then a new leader is started, not clocked); kill -9
              and a new instance on the same machine (the gone-leader rule deletes the dead leader's latch at once:
              local mode's supervisor, Marathon relaunching on the same agent), three times: launched as before the
              class-data archive (`SCHEDULER_CDS=false`, `-Xshare:off` as the runtime without a base archive was, C2),
              with the archive and C2, with the launcher's defaults (archive, C1 only); kill -9 with a standby running
              (waits for the dead leader's ZooKeeper session to expire: the new default of 10 s); SIGTERM with a
              standby (the leader leaves the election on its way out); kill -9 of a leader that asked for 30 s, the
              session timeout before `ZOOKEEPER_SESSION_TIMEOUT_S` existed, with a standby.
            - **Phases**: the new leader's own log lines, in ms from the kill: first line (JVM and Dropwizard
              bootstrap), `ZooKeeper session timeout:` (connected), `is the leader now`, `LEADING:` (state read,
              Mesos side wired), `subscribed to … as framework`, `RECONCILED:`.
            - The machine is shared (2 cores, other builds and tests running): see the load averages; the spread of
              the runs shows it.
            """;
}
