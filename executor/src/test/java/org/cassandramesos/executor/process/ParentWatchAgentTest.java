package org.cassandramesos.executor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarantee a shutdown hook cannot give: when the executor is SIGKILLed, the JVM it started with the parent
 * watch agent (as Cassandra is) exits too. Uses small JVMs instead of Cassandra: same mechanism, a second's cost.
 */
class ParentWatchAgentTest {
    @TempDir
    Path dir;

    /** Stands in for the executor: starts a child JVM with the agent, prints its pid, then waits to be killed. */
    public static final class FakeExecutor {
        public static void main(String[] args) throws Exception {
            Process child = new ProcessBuilder(sleeperCommand(
                            Path.of(args[0]), ProcessHandle.current().pid()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(new java.io.File(args[1])))
                    .start();
            System.out.println(child.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Stands in for Cassandra: runs until something ends it. */
    public static final class Sleeper {
        public static void main(String[] args) throws Exception {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> sleeperCommand(Path agent, long watchedPid) {
        return List.of(
                javaBinary(),
                "-javaagent:" + agent + "=" + watchedPid,
                "-cp",
                System.getProperty("java.class.path"),
                Sleeper.class.getName());
    }

    @Test
    void childExitsWhenItsParentIsKilledWithSigkill() throws Exception {
        Path agent = AgentJars.parentWatch(dir);
        Path childErr = dir.resolve("child.err");
        Process fakeExecutor = new ProcessBuilder(List.of(
                        javaBinary(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        FakeExecutor.class.getName(),
                        agent.toString(),
                        childErr.toString()))
                .redirectErrorStream(true)
                .start();
        ProcessHandle child = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(fakeExecutor.getInputStream(), StandardCharsets.UTF_8))) {
            child = ProcessHandle.of(Long.parseLong(out.readLine().trim())).orElseThrow();
            assertThat(child.isAlive()).isTrue();

            fakeExecutor.destroyForcibly();
            assertThat(fakeExecutor.waitFor(10, TimeUnit.SECONDS)).isTrue();

            ProcessHandle watched = child;
            await().atMost(Duration.ofSeconds(30)).until(() -> !watched.isAlive());
            assertThat(Files.readString(childErr))
                    .contains("parent watch: the executor (pid " + fakeExecutor.pid() + ")");
        } finally {
            fakeExecutor.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void childExitsAtOnceWhenTheExecutorDiedBeforeTheAgentStarted() throws Exception {
        Path agent = AgentJars.parentWatch(dir);
        // This test JVM is the child's parent, but the agent is told to watch another pid: as if the executor had
        // died during Cassandra's JVM start and the child had been re-parented.
        Process child = new ProcessBuilder(
                        sleeperCommand(agent, ProcessHandle.current().pid() + 1_000_000))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile())
                .start();
        try {
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(ParentWatchAgent.EXIT_STATUS);
            assertThat(Files.readString(dir.resolve("child.out"))).contains("was already gone at start");
        } finally {
            child.destroyForcibly();
        }
    }
}
