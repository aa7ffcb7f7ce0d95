package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --wait}: after a start, follow {@code GET /v1/<op>/status} until the operation ends, printing a line whenever a
 * node's step changes, so a script can chain operations. Exit 0 when COMPLETE, 10 when FAILED or STOPPED, 11 when
 * still running at {@code --timeout}.
 */
final class OperationWait {
    @Option(names = "--wait", description = "Wait until the operation ends; exit 0 only if it completed.")
    boolean wait;

    @Option(
            names = "--timeout",
            defaultValue = "PT2H",
            paramLabel = "<duration>",
            description = "With --wait: give up after this long (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private static final Duration POLL = Duration.ofSeconds(2);

    /** Confirms the start (with --json and --wait only the final status is printed, one JSON document), then waits. */
    void confirmAndFollow(
            String confirmation, JsonNode answer, String operation, SchedulerRestClient api, Output output) {
        if (!(wait && output.json())) {
            output.confirm(confirmation, answer);
        }
        if (wait) {
            follow(operation, api, output);
        }
    }

    private void follow(String operation, SchedulerRestClient api, Output output) {
        Instant deadline = Instant.now().plus(timeout);
        String shown = "";
        while (true) {
            JsonNode status = api.get("/v1/" + operation + "/status").json();
            String state = status.path("state").asText();
            String summary = summary(status);
            if (!output.json() && !summary.equals(shown)) {
                output.out().println(operation + " " + state + ": " + summary);
                output.out().flush();
                shown = summary;
            }
            switch (state) {
                case "COMPLETE" -> {
                    if (output.json()) {
                        output.printJson(status);
                    }
                    return;
                }
                case "FAILED", "STOPPED" -> {
                    if (output.json()) {
                        output.printJson(status);
                    }
                    throw new CliFailure(
                            ExitCode.OPERATION_FAILED, operation + " " + state.toLowerCase() + ": " + failures(status));
                }
                default -> {
                    if (Instant.now().isAfter(deadline)) {
                        throw new CliFailure(
                                ExitCode.TIMED_OUT,
                                operation + " still " + state + " after " + timeout + "; it goes on: `" + operation
                                        + " status` follows it");
                    }
                    pause(POLL);
                }
            }
        }
    }

    /** e.g. {@code node-0 COMPLETE, node-1 IN_PROGRESS (12/40 files), node-2 PENDING}. */
    private static String summary(JsonNode status) {
        StringBuilder line = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> nodes = status.path("nodes").fields(); nodes.hasNext(); ) {
            Map.Entry<String, JsonNode> node = nodes.next();
            if (line.length() > 0) {
                line.append(", ");
            }
            line.append(node.getKey())
                    .append(' ')
                    .append(node.getValue().path("status").asText("?"));
            JsonNode progress = node.getValue().path("progress");
            if (progress.path("files_total").asLong() > 0
                    && !node.getValue().path("status").asText().equals("COMPLETE")) {
                line.append(" (")
                        .append(progress.path("files_done").asLong()
                                + progress.path("files_skipped").asLong())
                        .append('/')
                        .append(progress.path("files_total").asLong())
                        .append(" files)");
            }
        }
        return line.toString();
    }

    private static String failures(JsonNode status) {
        StringBuilder why = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> nodes = status.path("nodes").fields(); nodes.hasNext(); ) {
            Map.Entry<String, JsonNode> node = nodes.next();
            if (!node.getValue().path("status").asText().equals("COMPLETE")) {
                if (why.length() > 0) {
                    why.append("; ");
                }
                why.append(node.getKey())
                        .append(": ")
                        .append(node.getValue().path("message").asText());
            }
        }
        return why.toString();
    }

    /** Waits {@code poll} between two status requests; an interrupt ends the wait as a timeout. */
    static void pause(Duration poll) {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.TIMED_OUT, "interrupted while waiting");
        }
    }
}
