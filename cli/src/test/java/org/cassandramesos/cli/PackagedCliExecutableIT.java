package org.cassandramesos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file `mvn package` produces, run the way the DC/OS CLI runs a subcommand: `dcos-cassandra cassandra …`. */
class PackagedCliExecutableIT {
    private static final Path EXECUTABLE = Path.of(System.getProperty("cli.executable", "target/dcos-cassandra"));

    @TempDir
    Path home;

    private record Result(int exitCode, String out, String err) {}

    private Result run(Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = EXECUTABLE.toAbsolutePath().toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("DCOS_") || k.startsWith("AWS_") || k.equals("CASSANDRA_MESOS_TOKEN"));
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        // read while it runs: an output larger than the pipe's buffer (the completion script) would block it otherwise
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void isOneExecutableFileStartingWithAShellStub() throws Exception {
        assertThat(Files.isExecutable(EXECUTABLE)).isTrue();
        byte[] head = new byte[64];
        try (var in = Files.newInputStream(EXECUTABLE)) {
            in.readNBytes(head, 0, head.length);
        }
        assertThat(new String(head, StandardCharsets.ISO_8859_1))
                .startsWith("#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n");
    }

    @Test
    void runsAsADcosSubcommandAgainstTheScheduler() throws Exception {
        try (RecordedScheduler scheduler = new RecordedScheduler()) {
            scheduler
                    .on("GET", "/service/cassandra/v1/nodes/list", 200, "[\"node-0\",\"node-1\"]")
                    .on(
                            "GET",
                            "/service/cassandra/v1/nodes/node-7/info",
                            404,
                            "{\"message\":\"node node-7 not found\"}");
            Map<String, String> env = Map.of("DCOS_URL", scheduler.url(), "DCOS_ACS_TOKEN", "acs");

            Result list = run(env, "cassandra", "node", "list");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).isEqualTo("node-0\nnode-1\n");
            assertThat(scheduler.last().header("Authorization")).isEqualTo("token=acs");

            Result missing = run(env, "cassandra", "node", "describe", "7");
            assertThat(missing.exitCode()).isEqualTo(4);
            assertThat(missing.err()).isEqualTo("error: not found (404): node node-7 not found\n");
        }
    }

    @Test
    void answersInfoAndConfigSchemaWithoutACluster() throws Exception {
        Result info = run(Map.of(), "cassandra", "--info");
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).isEqualTo(CassandraCli.INFO + "\n");

        Result schema = run(Map.of(), "cassandra", "--config-schema");
        assertThat(SchedulerRestClient.JSON
                        .readTree(schema.out())
                        .path("properties")
                        .has("nodes"))
                .isTrue();
    }

    @Test
    void takesTheServiceNameAfterTheSubcommandAndRefusesDestructiveCommandsWithoutATerminal() throws Exception {
        try (RecordedScheduler scheduler = new RecordedScheduler()) {
            scheduler
                    .on("GET", "/service/cass-prod/v1/nodes/list", 200, "[\"node-0\"]")
                    .on(
                            "DELETE",
                            "/service/cass-prod/v1/backups/nightly",
                            200,
                            "{\"message\":\"backup nightly deleted\"}");
            Map<String, String> env = Map.of("DCOS_URL", scheduler.url(), "DCOS_ACS_TOKEN", "acs");

            Result list = run(env, "cassandra", "node", "list", "--name", "cass-prod", "--json");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(SchedulerRestClient.JSON.readTree(list.out()).get(0).asText())
                    .isEqualTo("node-0");

            // the process's stdin and stdout are pipes: no terminal to ask on
            Result unconfirmed = run(env, "cassandra", "backups", "delete", "nightly", "--name=cass-prod");
            assertThat(unconfirmed.exitCode()).isEqualTo(2);
            assertThat(unconfirmed.err()).endsWith("no terminal to ask on: add --yes to confirm\n");
            assertThat(scheduler.requests).noneMatch(request -> request.method().equals("DELETE"));

            Result confirmed = run(env, "cassandra", "backups", "delete", "nightly", "--name=cass-prod", "--yes");
            assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
            assertThat(scheduler.last().method()).isEqualTo("DELETE");
        }
    }

    @Test
    void printsItsCompletionScriptWithoutACluster() throws Exception {
        Result completion = run(Map.of(), "completion", "zsh");

        assertThat(completion.exitCode()).as(completion.err()).isZero();
        assertThat(completion.out())
                .contains("complete -F _complete_dcos-cassandra")
                .contains("bashcompinit")
                .contains("_picocli_dcos-cassandra_update_start");
    }
}
