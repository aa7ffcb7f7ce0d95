package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** repair, cleanup and upgradesstables: operations over nodes, keyspaces and tables with start|stop|status. */
abstract class NodeOperationCommand {
    abstract static class Start extends ApiCommand {
        @Option(
                names = "--nodes",
                split = ",",
                defaultValue = "*",
                paramLabel = "<node>",
                description = "Nodes, comma-separated (default: * = all).")
        List<String> nodes;

        @Option(
                names = {"--keyspaces", "--key-spaces", "--key_spaces"},
                split = ",",
                paramLabel = "<keyspace>",
                description = "Keyspaces (default: all).")
        List<String> keyspaces;

        @Option(
                names = {"--column-families", "--column_families"},
                split = ",",
                paramLabel = "<table>",
                description = "Tables (default: all).")
        List<String> columnFamilies;

        @Mixin
        OperationWait completion;

        @Override
        void run() {
            String operation = spec.parent().name();
            ObjectNode body = SchedulerRestClient.JSON.createObjectNode();
            ArrayNode nodeNames = body.putArray("nodes");
            nodes.forEach(node -> nodeNames.add(node.equals("*") ? node : nodeName(node)));
            if (keyspaces != null && !keyspaces.isEmpty()) {
                keyspaces.forEach(body.putArray("key_spaces")::add);
            }
            if (columnFamilies != null && !columnFamilies.isEmpty()) {
                columnFamilies.forEach(body.putArray("column_families")::add);
            }
            JsonNode answer = api().put("/v1/" + operation + "/start", body).json();
            completion.confirmAndFollow(operation + " started", answer, operation, api(), output());
        }
    }

    abstract static class Stop extends ApiCommand {
        @Override
        void run() {
            String operation = spec.parent().name();
            output().confirm(
                            operation + " stopping",
                            api().put("/v1/" + operation + "/stop", null).json());
        }
    }

    abstract static class Status extends ApiCommand {
        @Override
        void run() {
            output().print(api().get("/v1/" + spec.parent().name() + "/status").json());
        }
    }

    @Command(name = "start", description = "Start ${PARENT-COMMAND-NAME}.")
    static final class StartCommand extends Start {}

    @Command(name = "stop", description = "Stop the running ${PARENT-COMMAND-NAME}.")
    static final class StopCommand extends Stop {}

    @Command(name = "status", description = "Show the progress of ${PARENT-COMMAND-NAME}.")
    static final class StatusCommand extends Status {}

    @Command(
            name = "repair",
            description = "Anti-entropy repair.",
            subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class})
    static final class Repair {}

    @Command(
            name = "cleanup",
            description = "Remove data a node no longer owns.",
            subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class})
    static final class Cleanup {}

    @Command(
            name = "upgradesstables",
            description = "Rewrite SSTables in the current format.",
            subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class})
    static final class UpgradeSSTables {}

    private NodeOperationCommand() {}
}
