package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.scalar;
import static org.cassandramesos.local.support.Operations.task;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.local.support.Operations;
import org.cassandramesos.local.support.SchedulerOnLocalMesos;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The agent fetches URIs into the sandbox (file path, file://, http://), extracts archives and sets the executor environment. */
class ExecutorLaunchTest {
    @TempDir
    Path artifacts;

    @RegisterExtension
    final SchedulerOnLocalMesos cluster = new SchedulerOnLocalMesos(1);

    HttpServer repo;
    final CountDownLatch slowFetchStarted = new CountDownLatch(1);
    final CountDownLatch slowFetchReleased = new CountDownLatch(1);
    final CountDownLatch slowFetchAnswered = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        repo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        repo.createContext("/slow/", ex -> {
            slowFetchStarted.countDown();
            try {
                // held until the test has seen what it waits for; bounded so a failed test frees the agent
                slowFetchReleased.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "slow".getBytes();
            ex.sendResponseHeaders(200, body.length);
            try (var out = ex.getResponseBody()) {
                out.write(body);
            }
            ex.close();
            slowFetchAnswered.countDown();
        });
        repo.createContext("/", ex -> {
            Path file = artifacts.resolve(ex.getRequestURI().getPath().substring(1));
            if (!Files.exists(file)) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, Files.size(file));
                try (var out = ex.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
            ex.close();
        });
        repo.start();
    }

    @AfterEach
    void stop() {
        slowFetchReleased.countDown();
        if (repo != null) repo.stop(0);
    }

    @Test
    void urisAreFetchedExtractedAndTheExecutorSeesTheMesosEnvironment() throws Exception {
        Path bundle = Files.createDirectories(artifacts.resolve("src/bundle/bin"));
        Files.writeString(bundle.resolve("hello.sh"), "echo hello");
        Process tar = new ProcessBuilder(
                        "tar",
                        "-C",
                        artifacts.resolve("src").toString(),
                        "-czf",
                        artifacts.resolve("bundle.tgz").toString(),
                        "bundle")
                .inheritIO()
                .start();
        assertThat(tar.waitFor()).isZero();
        Files.writeString(artifacts.resolve("tool.sh"), "#!/bin/sh\necho tool\n");
        Files.writeString(artifacts.resolve("plain.txt"), "plain");
        String http = "http://127.0.0.1:" + repo.getAddress().getPort() + "/";

        String command = "env > env.txt && test -x tool.sh && test -f bundle/bin/hello.sh && test -f bundle.tgz"
                + " && test -f renamed.txt && exec " + Operations.testExecutorCommand();
        ExecutorInfo executor = Operations.executor("fetching", command, List.of(scalar("cpus", 0.1))).toBuilder()
                .setCommand(CommandInfo.newBuilder()
                        .setValue(command)
                        .addUris(CommandInfo.URI.newBuilder().setValue(http + "bundle.tgz"))
                        .addUris(CommandInfo.URI
                                .newBuilder()
                                .setValue(http + "tool.sh")
                                .setExecutable(true))
                        .addUris(CommandInfo.URI
                                .newBuilder()
                                .setValue(artifacts.resolve("plain.txt").toUri().toString())
                                .setOutputFile("renamed.txt"))
                        .setEnvironment(Environment.newBuilder()
                                .addVariables(Environment.Variable.newBuilder()
                                        .setName("NODE_NAME")
                                        .setValue("node-0"))))
                // the executor's own shutdown grace period, as the scheduler sets it, wins over the agent's default
                .setShutdownGracePeriod(
                        org.apache.mesos.v1.Protos.DurationInfo.newBuilder().setNanoseconds(7_000_000_000L))
                .build();

        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(launch(task("t1", offer.getAgentId(), List.of(scalar("cpus", 0.5)), executor, ""))),
                        Duration.ofSeconds(1)));
        cluster.scheduler().awaitUpdate(mark, "t1", TaskState.TASK_RUNNING);

        Path env;
        try (Stream<Path> files = Files.walk(cluster.mesos().agentWorkDir(0).resolve("slaves"))) {
            env = files.filter(p -> p.getFileName().toString().equals("env.txt"))
                    .findFirst()
                    .orElseThrow();
        }
        Path sandbox = env.getParent();
        assertThat(sandbox.toString())
                .contains("/frameworks/" + cluster.scheduler().frameworkId().getValue() + "/executors/fetching/runs/");
        assertThat(Files.readAllLines(env))
                .contains(
                        "MESOS_FRAMEWORK_ID="
                                + cluster.scheduler().frameworkId().getValue(),
                        "MESOS_EXECUTOR_ID=fetching",
                        "MESOS_SLAVE_ID=" + offer.getAgentId().getValue(),
                        "MESOS_AGENT_ENDPOINT=127.0.0.2:"
                                + cluster.mesos().executorEndpoint(0).getPort(),
                        "MESOS_DIRECTORY=" + sandbox,
                        "MESOS_SANDBOX=" + sandbox,
                        "MESOS_CHECKPOINT=1",
                        "MESOS_RECOVERY_TIMEOUT=15mins",
                        "MESOS_SUBSCRIPTION_BACKOFF_MAX=2secs",
                        "LIBPROCESS_IP=127.0.0.2",
                        "NODE_NAME=node-0");
        assertThat(Files.readAllLines(env)).contains("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD=7000ms");
        assertThat(sandbox.resolve("stdout")).exists();
        assertThat(sandbox.resolve("stderr")).exists();
    }

    @Test
    void theExecutorGetsOnlyWhatAStockAgentGivesNotTheAgentsOwnEnvironment() throws Exception {
        // this JVM (the agent) has a JAVA_HOME (the surefire configuration sets one) and a HOME: a stock agent passes
        // neither on, so an executor that finds Java only through them works here and on no real cluster
        assertThat(System.getenv("JAVA_HOME"))
                .as("precondition: the agent's own JAVA_HOME")
                .isNotBlank();
        assertThat(System.getenv("HOME"))
                .as("precondition: the agent's own HOME")
                .isNotBlank();
        String command = "exec " + Operations.testExecutorCommand();
        ExecutorInfo executor = Operations.executor("strict", command, List.of(scalar("cpus", 0.1))).toBuilder()
                .setCommand(CommandInfo.newBuilder()
                        .setValue(command)
                        .setEnvironment(Environment.newBuilder()
                                .addVariables(Environment.Variable.newBuilder()
                                        .setName("NODE_NAME")
                                        .setValue("node-0"))))
                .build();
        int mark = 0;
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(launch(task("t1", offer.getAgentId(), List.of(scalar("cpus", 0.5)), executor, ""))),
                        Duration.ofSeconds(1)));
        cluster.scheduler().awaitUpdate(mark, "t1", TaskState.TASK_RUNNING);

        // the running executor's own environment, as the kernel holds it (the shell exec'd into it)
        long pid = cluster.mesos().executorPid(0, "strict").orElseThrow();
        java.util.Map<String, String> environ = new java.util.TreeMap<>();
        for (String entry :
                new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"))).split("\0")) {
            if (!entry.isEmpty())
                environ.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        // and a stock agent's API is plain http: nothing tells the executor otherwise
        assertThat(environ)
                .doesNotContainKeys("JAVA_HOME", "HOME", "LIBPROCESS_SSL_ENABLED", "SSL_ENABLED")
                .containsEntry("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .containsEntry("NODE_NAME", "node-0")
                .containsEntry("MESOS_EXECUTOR_ID", "strict");
        // every other variable is the agent's (MESOS_*, LIBPROCESS_*) or one the shell sets for itself
        assertThat(environ.keySet())
                .allMatch(
                        name -> name.startsWith("MESOS_")
                                || name.startsWith("LIBPROCESS_")
                                || List.of("PATH", "NODE_NAME", "PWD", "SHLVL", "_", "OLDPWD")
                                        .contains(name),
                        "a stock agent's variable");
    }

    @Test
    void aUriThatCannotBeFetchedFailsTheTaskAndFreesTheExecutorsResources() {
        ExecutorInfo executor = Operations.executor("broken", "exit 0", List.of(scalar("cpus", 0.1))).toBuilder()
                .setCommand(CommandInfo.newBuilder()
                        .setValue("exit 0")
                        .addUris(CommandInfo.URI
                                .newBuilder()
                                .setValue(
                                        "http://127.0.0.1:" + repo.getAddress().getPort() + "/missing.tgz")))
                .build();
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(launch(task("t1", offer.getAgentId(), List.of(scalar("cpus", 0.5)), executor, ""))),
                        Duration.ZERO));
        var failed = cluster.scheduler().awaitUpdate(mark, "t1", TaskState.TASK_FAILED);
        assertThat(failed.getReason())
                .isEqualTo(org.apache.mesos.v1.Protos.TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.getMessage()).contains("404");
        // neither the task nor the executor that never started holds resources any more
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(cluster.mesos()
                                .masterState()
                                .get("slaves")
                                .get(0)
                                .get("used_resources")
                                .get("cpus")
                                .asDouble())
                        .isZero());
        assertThat(cluster.mesos().executorPid(0, "broken")).isEmpty();
    }

    @Test
    void aTaskKilledWhileItsExecutorIsBeingFetchedIsKilledAndTheExecutorNeverRuns() throws InterruptedException {
        String command = "exec sleep 60";
        ExecutorInfo executor = Operations.executor("slow", command, List.of(scalar("cpus", 0.1))).toBuilder()
                .setCommand(CommandInfo.newBuilder()
                        .setValue(command)
                        .addUris(CommandInfo.URI
                                .newBuilder()
                                .setValue(
                                        "http://127.0.0.1:" + repo.getAddress().getPort() + "/slow/file.txt")))
                .build();
        int mark = 0;
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(launch(task("t1", offer.getAgentId(), List.of(scalar("cpus", 0.5)), executor, ""))),
                        Duration.ZERO));
        assertThat(slowFetchStarted.await(30, TimeUnit.SECONDS))
                .as("the agent fetches the executor's URI")
                .isTrue();
        cluster.scheduler()
                .send(Calls.kill(
                        org.apache.mesos.v1.Protos.TaskID.newBuilder()
                                .setValue("t1")
                                .build(),
                        offer.getAgentId(),
                        null));
        var killed = cluster.scheduler().awaitUpdate(mark, "t1", TaskState.TASK_KILLED);
        assertThat(killed.getReason())
                .isEqualTo(org.apache.mesos.v1.Protos.TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH);
        assertThat(slowFetchAnswered.getCount())
                .as("the agent answers the kill while the fetch is still held")
                .isEqualTo(1);
        slowFetchReleased.countDown();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    assertThat(cluster.mesos().executorPid(0, "slow")).isEmpty();
                    assertThat(cluster.mesos()
                                    .masterState()
                                    .get("slaves")
                                    .get(0)
                                    .get("used_resources")
                                    .get("cpus")
                                    .asDouble())
                            .isZero();
                });
    }
}
