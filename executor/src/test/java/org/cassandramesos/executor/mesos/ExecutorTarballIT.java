package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor tarball as the agent uses it: extracted into a sandbox and started as
 * {@code ./executor/bin/executor}. Without an agent to talk to, it must get as far as subscribing and then exit.
 */
class ExecutorTarballIT {
    @TempDir
    Path sandbox;

    private Process launch(Map<String, String> env) throws Exception {
        Path tarball = Path.of(System.getProperty("executor.tarball"));
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", sandbox.toString())
                .inheritIO()
                .start();
        assertThat(tar.waitFor()).isZero();
        ProcessBuilder builder = new ProcessBuilder("./executor/bin/executor")
                .directory(sandbox.toFile())
                .redirectErrorStream(true)
                .redirectOutput(sandbox.resolve("executor.log").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void tarballHasTheLauncherAndTheJars() throws Exception {
        Process executor = launch(Map.of());
        executor.waitFor(60, TimeUnit.SECONDS);

        assertThat(Files.isExecutable(sandbox.resolve("executor/bin/executor"))).isTrue();
        try (var jars = Files.list(sandbox.resolve("executor/lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(j -> j.startsWith("executor-"))
                    .anyMatch(j -> j.startsWith("common-"))
                    .anyMatch(j -> j.startsWith("jersey-server-"))
                    .anyMatch(j -> j.startsWith("mesos-"));
        }
        assertThat(executor.exitValue()).isNotZero();
        assertThat(Files.readString(sandbox.resolve("executor.log"))).contains("MESOS_SANDBOX is not set");
    }

    @Test
    void launcherStartsTheExecutorWhichExitsWhenNoAgentAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Process executor = launch(Map.of(
                "MESOS_SANDBOX", sandbox.toString(),
                "MESOS_AGENT_ENDPOINT", "127.0.0.1:" + closedPort,
                "MESOS_FRAMEWORK_ID", "fw-1",
                "MESOS_EXECUTOR_ID", "ex-1",
                "MESOS_CHECKPOINT", "0",
                "SECRETS_DELIVERY", "secret-store",
                "NODE_API_TOKEN", "secret-token"));

        assertThat(executor.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(sandbox.resolve("executor.log"));
        assertThat(executor.exitValue()).as(log).isEqualTo(1);
        assertThat(log).contains("does not checkpoint").doesNotContain("secret-token");
        assertThat(List.of(log.split("\n")))
                .noneMatch(line -> line.contains("ClassNotFound") || line.contains("NoClassDefFound"));
    }
}
