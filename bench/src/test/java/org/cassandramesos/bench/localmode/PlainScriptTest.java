package org.cassandramesos.bench.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cassandramesos.bench.launch.NodeCommand;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.process.ProcessTree;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainScriptTest {
    @TempDir
    Path dir;

    private NodeCommand node(String name, int port, List<String> command) throws IOException {
        CassandraNodeSpec spec = new CassandraNodeSpec(
                name,
                "c",
                "x",
                List.of("127.0.0.1"),
                "dc",
                "r",
                new CassandraNodeSpec.Ports(port, 7000, 7199, 9001),
                256,
                16,
                Optional.empty(),
                true,
                "volume",
                Map.of());
        NodeLayout layout = new NodeLayout(dir, dir.resolve(name + "/volume"), dir.resolve(name + "/run"));
        layout.createDirectories();
        return new NodeCommand(
                spec, "127.0.0.1", layout, command, org.cassandramesos.executor.jmx.JmxCredentials.generate());
    }

    @Test
    void givesTheParentWatchAgentTheScriptsOwnPid() throws Exception {
        String agent = "-javaagent:/x/parent-watch-agent.jar=" + PlainScript.SCRIPT_PID;

        String script =
                PlainScript.render(List.of(node("node-0", 9042, List.of("java", agent, "Main"))), dir.resolve("pids"));

        assertThat(script).contains("'java' '-javaagent:/x/parent-watch-agent.jar='\"$$\" 'Main'");
    }

    @Test
    void quotesEveryWordForTheShell() {
        assertThat(PlainScript.quote("it's a -Dx=1")).isEqualTo("'it'\\''s a -Dx=1'");
    }

    @Test
    void startsEachNodeAndReturnsOnceItAnswersCqlOptions() throws Exception {
        try (ServerSocket cql = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = answerOptions(cql);
            Path pids = dir.resolve("pids");
            Path script = dir.resolve("start.sh");
            Files.writeString(
                    script,
                    PlainScript.render(List.of(node("node-0", cql.getLocalPort(), List.of("sleep", "60"))), pids));

            Process bash = new ProcessBuilder("bash", script.toString())
                    .redirectErrorStream(true)
                    .start();
            try {
                assertThat(ScriptOutput.awaitLine(bash, PlainScript.READY, dir.resolve("log")))
                        .isTrue();
                assertThat(Files.readString(dir.resolve("log"))).contains("node-0 answers CQL");
                long pid = Long.parseLong(Files.readString(pids).trim());
                ProcessHandle sleep = ProcessHandle.of(pid).orElseThrow();
                assertThat(sleep.info().command().orElse("")).endsWith("sleep");
                assertThat(sleep.parent().map(ProcessHandle::pid)).contains(bash.pid()); // the script stays its parent
                ProcessTree.stop(sleep, java.time.Duration.ofSeconds(5));
                assertThat(sleep.isAlive()).isFalse();
                assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue(); // its nodes gone, the script ends
            } finally {
                bash.destroyForcibly();
                server.interrupt();
            }
        }
    }

    @Test
    void failsWhenANodeExitsBeforeAnsweringCql() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path script = dir.resolve("start.sh");
        Files.writeString(
                script,
                PlainScript.render(
                        List.of(
                                node("node-0", closedPort, List.of("false")),
                                node("node-1", closedPort, List.of("sleep", "60"))),
                        dir.resolve("pids")));

        Process bash = new ProcessBuilder("bash", script.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).isEqualTo(1);
        assertThat(new String(bash.getInputStream().readAllBytes())).contains("node-0 exited");
        assertThat(Files.readAllLines(dir.resolve("pids"))).hasSize(1); // node-1 never started
    }

    /** A CQL native port's first answer: OPTIONS (9-byte header) → SUPPORTED header (empty body). */
    private static Thread answerOptions(ServerSocket cql) {
        Thread server = new Thread(() -> {
            while (!cql.isClosed()) {
                try (Socket client = cql.accept()) {
                    byte[] request = new byte[9];
                    new DataInputStream(client.getInputStream()).readFully(request);
                    if (request[4] == 0x05) {
                        client.getOutputStream().write(new byte[] {(byte) 0x84, 0, 0, 0, 0x06, 0, 0, 0, 0});
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        return server;
    }
}
