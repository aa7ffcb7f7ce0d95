package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --wait} on the node verbs that bring a Cassandra process up (start, restart, replace, reset): follows
 * {@code GET /v1/nodes/<node>/info} until a process that started after the command serves clients (status
 * {@code active}: NORMAL, native transport on). A script can then take the next node down without losing quorum: the
 * README's walkthrough starts one node and restarts another, and authentication needs two of three replicas.
 */
final class NodeWait {
    @Option(names = "--wait", description = "Wait until the node's new Cassandra process serves clients.")
    boolean wait;

    @Option(
            names = "--timeout",
            defaultValue = "PT15M",
            paramLabel = "<duration>",
            description = "With --wait: give up after this long (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private static final Duration POLL = Duration.ofSeconds(2);

    /** What identifies one run of a node's process: its task and the time its process started. */
    private record Incarnation(String task, String started) {
        static Incarnation of(JsonNode info) {
            return new Incarnation(
                    info.path("id").asText(""), info.path("started").asText(""));
        }
    }

    /** Sends the verb (through {@code send}); with --wait, first notes the node's current process, then follows it. */
    void run(String node, SchedulerRestClient api, Output output, String confirmation, Supplier<JsonNode> send) {
        Incarnation before = wait ? Incarnation.of(info(node, api)) : null;
        JsonNode answer = send.get();
        if (!(wait && output.json())) {
            output.confirm(confirmation, answer);
        }
        if (wait) {
            follow(node, before, api, output);
        }
    }

    private void follow(String node, Incarnation before, SchedulerRestClient api, Output output) {
        Instant deadline = Instant.now().plus(timeout);
        String shown = "";
        while (true) {
            JsonNode info = info(node, api);
            String status = info.path("status").asText("?");
            String line = node + " " + status
                    + (info.path("state").isMissingNode()
                            ? ""
                            : " (" + info.path("state").asText() + ")");
            if (!output.json() && !line.equals(shown)) {
                output.out().println(line);
                output.out().flush();
                shown = line;
            }
            if (status.equals("active") && !Objects.equals(Incarnation.of(info), before)) {
                if (output.json()) {
                    output.printJson(info);
                }
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CliFailure(
                        ExitCode.TIMED_OUT,
                        node + " is " + status + " after " + timeout + "; `node describe " + node + "` follows it");
            }
            OperationWait.pause(POLL);
        }
    }

    private static JsonNode info(String node, SchedulerRestClient api) {
        return api.get("/v1/nodes/" + ApiCommand.encode(node) + "/info").json();
    }
}
