package org.cassandramesos.bench.launch;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.local.AgentSpec;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;

/**
 * The executor's memory with a real Cassandra node: one node launched through the local Mesos and the real executor
 * tarball (as {@code exec ./executor/bin/executor} from the sandbox) per JVM option set, then the node API used
 * (status and configuration, which go to Cassandra over JMX), then the executor's RSS ({@code VmRSS}) and, in a
 * second launch with Native Memory Tracking on ({@code JAVA_TOOL_OPTIONS}, which Cassandra does not inherit), the
 * JVM's committed memory per region ({@code jcmd VM.native_memory summary}).
 *
 * <p>Usage: {@code ExecutorFootprintBench <executor-dist.tar.gz> <cassandra-dist.tar.gz> <runs> <work dir> <table.md>
 * <label> <EXECUTOR_JAVA_OPTS or "launcher-default"> [<label> <opts>]...}
 */
public final class ExecutorFootprintBench {
    static final int AGENT_INDEX = 9;
    static final String IP = org.cassandramesos.local.LocalMesosConfig.agentIp(AGENT_INDEX);
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String EXECUTOR_MAIN = "org.cassandramesos.executor.mesos.Main";
    private static final String LAUNCHER_DEFAULT = "launcher-default";
    private static final int API_REQUESTS = 300;

    private ExecutorFootprintBench() {}

    /** One launch's outcome: the executor's RSS and, with NMT on, the committed KB per NMT category. */
    record Sample(long rssKb, Map<String, Long> committedKb) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 7 || (args.length - 5) % 2 != 0) {
            System.err.println("usage: ExecutorFootprintBench <executor-dist.tar.gz> <cassandra-dist.tar.gz> <runs> "
                    + "<work dir> <table.md> <label> <opts|launcher-default> [<label> <opts>]...");
            System.exit(2);
        }
        Path executorTarball = Path.of(args[0]).toAbsolutePath();
        Path cassandraTarball = Path.of(args[1]).toAbsolutePath();
        int runs = Integer.parseInt(args[2]);
        Path workDir = Path.of(args[3]).toAbsolutePath();
        Path table = Path.of(args[4]);
        Map<String, String> configs = new LinkedHashMap<>();
        for (int i = 5; i < args.length; i += 2) {
            configs.put(args[i], args[i + 1]);
        }
        Files.createDirectories(workDir);
        String token = UUID.randomUUID().toString();
        FirstPlacement placement =
                new FirstPlacement(executorTarball, cassandraTarball, token, System.getProperty("java.home"));

        String loadBefore = LoadAverage.now();
        Map<String, List<Long>> rss = new LinkedHashMap<>();
        Map<String, List<Sample>> nmt = new LinkedHashMap<>();
        int launch = 0;
        for (int run = 0; run < runs; run++) {
            for (var config : configs.entrySet()) {
                Map<String, String> env = environment(config.getValue());
                Sample plain = launch(placement, token, workDir.resolve("run-" + launch++), env, false);
                rss.computeIfAbsent(config.getKey(), k -> new ArrayList<>()).add(plain.rssKb());
                System.out.printf(
                        Locale.ROOT, "run %d %s: RSS %d MB%n", run + 1, config.getKey(), plain.rssKb() / 1024);
                if (run == 0) {
                    env.put("JAVA_TOOL_OPTIONS", "-XX:NativeMemoryTracking=summary");
                    Sample tracked = launch(placement, token, workDir.resolve("run-" + launch++), env, true);
                    nmt.computeIfAbsent(config.getKey(), k -> new ArrayList<>()).add(tracked);
                    System.out.printf(
                            Locale.ROOT,
                            "  with NMT: RSS %d MB, committed %s%n",
                            tracked.rssKb() / 1024,
                            tracked.committedKb());
                }
            }
        }
        String markdown = render(configs, rss, nmt, runs, loadBefore, LoadAverage.now());
        Files.createDirectories(table.toAbsolutePath().getParent());
        Files.writeString(table, markdown);
        System.out.println(markdown);
    }

    /**
     * The executor's environment for an option set: leading {@code NAME=value} words are variables (e.g.
     * {@code MALLOC_ARENA_MAX=4}), the rest is EXECUTOR_JAVA_OPTS; {@code launcher-default} alone sets neither.
     */
    static Map<String, String> environment(String optionSet) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> words = new ArrayList<>(List.of(optionSet.trim().split("\\s+")));
        while (!words.isEmpty() && words.get(0).matches("[A-Z_][A-Z0-9_]*=.*")) {
            String word = words.remove(0);
            env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
        }
        if (!words.isEmpty() && !(words.size() == 1 && LAUNCHER_DEFAULT.equals(words.get(0)))) {
            env.put("EXECUTOR_JAVA_OPTS", String.join(" ", words));
        }
        return env;
    }

    private static Sample launch(
            FirstPlacement placement, String token, Path workDir, Map<String, String> env, boolean nativeMemory)
            throws Exception {
        LocalMesosConfig config = LocalMesosConfig.builder(workDir)
                // agent i is on 127.0.0.(2+i): the node runs on the tenth, 127.0.0.11 (127.0.0.2-4 are local mode's)
                .agents(AGENT_INDEX + 1, AgentSpec.of(2, 4096, 10240).withPorts(7000, 32000))
                .allocationInterval(Duration.ofMillis(200))
                .build();
        try (LocalMesos mesos = LocalMesos.start(config);
                TestScheduler framework = new TestScheduler(
                                mesos.masterUri(), FirstPlacement.frameworkInfo(), Optional.empty())
                        .start()) {
            Offer offer = framework.awaitOffer(0, o -> IP.equals(o.getHostname()), Duration.ofSeconds(60));
            String taskId = "node-0__" + UUID.randomUUID();
            int apiPort = freePort(31000);
            int accepted = framework.mark();
            framework.send(Calls.accept(
                    List.of(offer.getId()),
                    placement.operations(offer.getAgentId(), taskId, BenchNode.spec(IP, apiPort), env),
                    Duration.ofSeconds(5)));
            framework.awaitTaskState(accepted, taskId, TaskState.TASK_RUNNING, TIMEOUT);
            try {
                long pid = executorPid(workDir);
                useNodeApi(apiPort, token);
                Thread.sleep(5000); // what the requests left behind settles (GC, freed buffers)
                long rssKb = rssKb(pid);
                Map<String, Long> committed = nativeMemory ? nativeMemory(pid) : Map.of();
                if (nativeMemory) {
                    // what a reader of the table wants next: which classes, which threads, which mappings
                    for (String command : List.of("VM.class_hierarchy", "Thread.print", "VM.native_memory")) {
                        jcmd(pid, workDir.resolveSibling(workDir.getFileName() + "-" + command + ".txt"), command);
                    }
                    new ProcessBuilder("pmap", "-x", Long.toString(pid))
                            .redirectOutput(workDir.resolveSibling(workDir.getFileName() + "-pmap.txt")
                                    .toFile())
                            .start()
                            .waitFor();
                }
                return new Sample(rssKb, committed);
            } finally {
                int killed = framework.mark();
                framework.send(Calls.kill(
                        TaskID.newBuilder().setValue(taskId).build(), offer.getAgentId(), FirstPlacement.KILL_GRACE));
                framework.awaitTaskState(
                        killed, taskId, TaskState.TASK_KILLED, FirstPlacement.KILL_GRACE.plusSeconds(30));
            }
        }
    }

    /** Every read route of the node API a scheduler and an operator use, {@value #API_REQUESTS} times in all. */
    private static void useNodeApi(int port, String token) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> infoMicros = new ArrayList<>();
        List<String> paths =
                List.of("/v1/cassandra/status", "/v1/cassandra/configuration", "/v1/cassandra/info", "/v1/jobs");
        for (int i = 0; i < API_REQUESTS; i++) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://" + IP + ":" + port + paths.get(i % paths.size())))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (request.uri().getPath().endsWith("/info")) {
                infoMicros.add((System.nanoTime() - start) / 1000);
            }
            if (response.statusCode() >= 500) {
                throw new IllegalStateException(request.uri() + " → " + response.statusCode() + " " + response.body());
            }
        }
        List<Long> sorted = infoMicros.stream().sorted().toList();
        // what GET /v1/nodes/{n}/info of the scheduler waits for on each call (REST load bench)
        System.out.printf(
                Locale.ROOT,
                "  node API GET /v1/cassandra/info: %d calls, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                sorted.size(),
                sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }

    /** The executor JVM launched under {@code workDir} (its sandbox is there): found by command line and cwd. */
    private static long executorPid(Path workDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(EXECUTOR_MAIN))
                        .orElse(false))
                .filter(p -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"))
                                .startsWith(workDir);
                    } catch (java.io.IOException gone) {
                        return false;
                    }
                })
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no executor JVM under " + workDir));
    }

    private static void jcmd(long pid, Path out, String command) throws Exception {
        new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start()
                .waitFor(60, TimeUnit.SECONDS);
    }

    public static long rssKb(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static final Pattern NMT_LINE = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    /** {@code jcmd <pid> VM.native_memory summary}: committed KB per category, and "Total". */
    public static Map<String, Long> nativeMemory(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid),
                        "VM.native_memory",
                        "summary")
                .redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(60, TimeUnit.SECONDS);
        return parseNativeMemory(out);
    }

    /** The committed KB of each category and the total in an NMT summary (pure). */
    public static Map<String, Long> parseNativeMemory(String summary) {
        Map<String, Long> committed = new LinkedHashMap<>();
        for (String raw : summary.split("\n")) {
            String line = raw.trim();
            Matcher total = NMT_TOTAL.matcher(line);
            if (total.find()) {
                committed.put("Total", Long.parseLong(total.group(2)));
            }
            Matcher m = NMT_LINE.matcher(line);
            if (m.find()) {
                committed.put(m.group(1).trim(), Long.parseLong(m.group(3)));
            }
        }
        if (committed.isEmpty()) {
            throw new IllegalStateException("no NMT summary in: " + summary);
        }
        return committed;
    }

    private static String render(
            Map<String, String> configs,
            Map<String, List<Long>> rss,
            Map<String, List<Sample>> nmt,
            int runs,
            String loadBefore,
            String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ")
                .append(LocalDate.now())
                .append(" on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append("; one real Cassandra node (heap 256 MB) on ")
                .append(IP)
                .append(" per launch, ")
                .append(runs)
                .append(" launches per option set, alternating; ")
                .append(API_REQUESTS)
                .append(" node API requests, then 5 s, then the sample. Load average (1/5/15 min) before: ")
                .append(loadBefore)
                .append(", after: ")
                .append(loadAfter)
                .append(".\n\n");
        md.append(
                "| option set | EXECUTOR_JAVA_OPTS | launches | median RSS MB | min | max |\n|---|---|---:|---:|---:|---:|\n");
        for (var config : configs.entrySet()) {
            List<Long> values = rss.get(config.getKey()).stream().sorted().toList();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | `%s` | %d | %.0f | %.0f | %.0f |%n",
                    config.getKey(),
                    config.getValue(),
                    values.size(),
                    values.get(values.size() / 2) / 1024.0,
                    values.get(0) / 1024.0,
                    values.get(values.size() - 1) / 1024.0));
        }
        md.append("\nCommitted memory per region (MB), one launch each with `-XX:NativeMemoryTracking=summary` "
                + "(NMT itself adds its own few MB, its row):\n\n| region |");
        configs.keySet().forEach(label -> md.append(' ').append(label).append(" |"));
        md.append("\n|---|");
        configs.keySet().forEach(label -> md.append("---:|"));
        md.append('\n');
        List<String> regions = new ArrayList<>();
        nmt.values()
                .forEach(samples -> samples.get(0).committedKb().keySet().forEach(region -> {
                    if (!regions.contains(region)) {
                        regions.add(region);
                    }
                }));
        for (String region : regions) {
            md.append("| ").append(region).append(" |");
            for (String label : configs.keySet()) {
                Long kb = nmt.get(label).get(0).committedKb().get(region);
                md.append(kb == null ? " – |" : String.format(Locale.ROOT, " %.1f |", kb / 1024.0));
            }
            md.append('\n');
        }
        md.append("| RSS of that launch |");
        configs.keySet()
                .forEach(label -> md.append(String.format(
                        Locale.ROOT, " %.1f |", nmt.get(label).get(0).rssKb() / 1024.0)));
        md.append('\n');
        return md.toString();
    }

    private static int freePort(int from) {
        for (int port = from; port < from + 1000; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(IP))) {
                return port;
            } catch (java.io.IOException taken) {
                // next
            }
        }
        throw new IllegalStateException("no free port from " + from + " on " + IP);
    }
}
