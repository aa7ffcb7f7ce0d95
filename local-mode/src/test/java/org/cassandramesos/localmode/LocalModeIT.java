package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer path, end to end, on one local-mode run shared by the tests in order: the README's local-mode command
 * as a subprocess and the deploy plan to COMPLETE; the README's walkthrough block run as written; every CLI command
 * against the running cluster ({@link CliCommandsAgainstLocalMode}); Ctrl-C (SIGINT) with no process left behind; then
 * the same command again on the same data directory, and the rows are still there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalModeIT {
    static final Path REPO = LocalModeProcess.REPO;

    @TempDir
    static Path data;
    static int port;
    static LocalModeProcess first;

    @BeforeAll
    static void startLocalMode() throws Exception {
        port = freePort(9000);
        first = LocalModeProcess.start(data.resolve("local-data"), port);
        first.awaitDeployComplete();
        // local mode polls the plan too and prints its summary a moment later
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(first.output()).contains("Deploy plan COMPLETE", "CQL contact points"));
    }

    @AfterAll
    static void stopLocalMode() throws Exception {
        if (first != null) {
            first.close();
        }
    }

    @Test
    @Order(1)
    void readmeWalkthroughRunsAsWritten() throws Exception {
        String transcript = run(walkthrough().replace("<the token local mode printed>", first.token())
                .replace("<the CQL password local mode printed>", first.cqlPassword())
                .replace("127.0.0.1:9000", "127.0.0.1:" + port));
        assertThat(transcript)
                .contains("COMPLETE")
                .contains("k=hello  v=world")
                .contains("node-0", "node-1", "node-2");
    }

    @Test
    @Order(2)
    void everyCliCommandAnswersAsDocumented() throws Exception {
        new CliCommandsAgainstLocalMode(REPO, "http://127.0.0.1:" + port, first.token(), first.cqlPassword()).runAll();
    }

    @Test
    @Order(3)
    void ctrlCLeavesNothingAndDataSurvivesARestart() throws Exception {
        LocalModeProcess running = first;
        first = null;
        running.close();
        try (LocalModeProcess second = LocalModeProcess.start(data.resolve("local-data"), port)) {
            second.awaitDeployComplete();
            String transcript = run("export CASSANDRA_MESOS_TOKEN=" + second.token() + "\n"
                    + "export CASSANDRA_MESOS_CQL_USER=cassandra_mesos_admin CASSANDRA_MESOS_CQL_PASSWORD=" + second.cqlPassword() + "\n"
                    + "./cassandra-mesos cql --url http://127.0.0.1:" + port + " \"SELECT k, v FROM demo.kv\"\n");
            assertThat(transcript).as("rows written before the restart").contains("k=hello  v=world");
        }
    }

    /** Runs a shell script in the checkout as a user would; fails on the first failing command. */
    static String run(String script) throws Exception {
        Process shell = new ProcessBuilder("bash", "-e", "-x", "-c", script)
                .directory(REPO.toFile()).redirectErrorStream(true).start();
        String transcript = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(shell.exitValue()).as(transcript).isZero();
        return transcript;
    }

    /** The README's walkthrough block, as written. */
    static String walkthrough() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        int start = readme.indexOf("<!-- walkthrough:start -->");
        int end = readme.indexOf("<!-- walkthrough:end -->");
        assertThat(start).as("README has a walkthrough block").isNotNegative();
        String block = readme.substring(start, end);
        return block.substring(block.indexOf("```sh") + 5, block.lastIndexOf("```")).strip() + "\n";
    }

    private static int freePort(int preferred) throws IOException {
        try (ServerSocket s = new ServerSocket(preferred)) {
            return preferred;
        } catch (IOException taken) {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
