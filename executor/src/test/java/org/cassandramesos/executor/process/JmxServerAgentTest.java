package org.cassandramesos.executor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.jmx.JmxCredentials;
import org.cassandramesos.executor.jmx.JmxProbes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM started with our JMX agent, the way Cassandra is: only the login in the password file gets in. */
class JmxServerAgentTest {
    private static final String IP = "127.0.0.1";

    @TempDir
    Path dir;

    @Test
    void refusesAnonymousJmxOnEveryListeningPortAndAcceptsTheLogin() throws Exception {
        JmxCredentials login = JmxCredentials.generate();
        JmxCredentials.Files files = login.write(dir);
        int port = TestSpecs.freePort(IP);
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-D" + JmxServerAgent.HOST + "=" + IP,
                        "-D" + JmxServerAgent.PORT + "=" + port,
                        "-D" + JmxServerAgent.PASSWORD_FILE + "=" + files.passwordFile(),
                        "-D" + JmxServerAgent.ACCESS_FILE + "=" + files.accessFile(),
                        "-javaagent:" + AgentJars.jmxServer(dir),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ParentWatchAgentTest.Sleeper.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> JmxProbes.tryConnect(IP, port, new String[] {login.user(), login.password()})
                            .equals("connected"));
            Set<Integer> listening = JmxProbes.listeningPorts(child.pid());

            assertThat(listening).contains(port);
            for (int p : listening) {
                assertThat(JmxProbes.tryConnect(IP, p, null))
                        .as("anonymous JMX on port %d", p)
                        .isNotEqualTo("connected");
            }
            assertThat(JmxProbes.tryConnect(IP, port, null))
                    .contains("SecurityException")
                    .contains("Credentials required");
            assertThat(JmxProbes.tryConnect(IP, port, new String[] {login.user(), "wrong"}))
                    .contains("SecurityException")
                    .contains("Invalid username or password");
            assertThat(Files.getPosixFilePermissions(files.passwordFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(files.accessFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(child.info().arguments().map(List::of).orElse(List.of()))
                    .noneMatch(a -> a.contains(login.password()));
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }
}
