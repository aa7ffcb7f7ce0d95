package org.cassandramesos.bench.localmode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cassandramesos.bench.launch.NodeCommand;
import org.cassandramesos.executor.node.CqlProbe;
import org.cassandramesos.process.ProcessTree;
import org.cassandramesos.protocol.CassandraNodeSpec;

/**
 * Mode "plain script": the nodes' files and command lines prepared (untimed, as an operator would have them),
 * the generated script run with bash, timed from its start until it says the last node answers CQL.
 */
final class PlainScriptRun {
    private final Path cassandraHome;
    private final int nodes;
    private final int heapMb;

    /** @param cassandraHome the extracted cassandra-dist tarball */
    PlainScriptRun(Path cassandraHome, int nodes, int heapMb) {
        this.cassandraHome = cassandraHome;
        this.nodes = nodes;
        this.heapMb = heapMb;
    }

    RunResult run(Path runDir) throws Exception {
        Files.createDirectories(runDir);
        List<NodeCommand> prepared = new ArrayList<>();
        for (CassandraNodeSpec spec : ClusterNodes.specs(nodes, heapMb)) {
            int index = prepared.size();
            // The parent-watch agent will watch the script (their parent), as it watches the executor in local mode.
            prepared.add(NodeCommand.prepare(
                    cassandraHome,
                    spec,
                    ClusterNodes.ip(index),
                    runDir.resolve(spec.nodeName()),
                    PlainScript.SCRIPT_PID));
        }
        Path pidFile = runDir.resolve("cassandra.pids");
        Path script = runDir.resolve("start-cluster.sh");
        Files.writeString(script, PlainScript.render(prepared, pidFile));
        Path log = runDir.resolve("start-cluster.log");

        long start = System.nanoTime();
        Process bash = new ProcessBuilder("bash", script.toString())
                .directory(runDir.toFile())
                .redirectErrorStream(true)
                .start();
        try {
            if (!ScriptOutput.awaitLine(bash, PlainScript.READY, log)) {
                throw new IllegalStateException(
                        "the plain script ended (" + bash.waitFor() + ") before its nodes were ready; see " + log);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            NodeCommand last = prepared.get(prepared.size() - 1);
            if (!CqlProbe.answers(last.ip(), last.spec().ports().nativeTransport(), java.time.Duration.ofSeconds(2))) {
                throw new IllegalStateException("the script said done but " + last.ip() + " does not answer CQL");
            }
            List<ProcessSample> rss = cassandras(pidFile).stream()
                    .flatMap(p -> RssSampler.sample(p.pid()).stream())
                    .toList();
            return new RunResult(seconds, rss, List.of(), java.util.OptionalDouble.empty());
        } finally {
            List<ProcessHandle> cassandras = cassandras(pidFile);
            ProcessTree.stopAll(cassandras, java.time.Duration.ofSeconds(60));
            bash.destroyForcibly();
            bash.waitFor(10, TimeUnit.SECONDS);
            List<ProcessHandle> left = ProcessTree.awaitGone(cassandras, java.time.Duration.ZERO);
            if (!left.isEmpty()) {
                throw new IllegalStateException("Cassandra processes survived SIGKILL: " + left);
            }
        }
    }

    private static List<ProcessHandle> cassandras(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return List.of();
        }
        return Files.readAllLines(pidFile).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)).stream())
                .toList();
    }
}
