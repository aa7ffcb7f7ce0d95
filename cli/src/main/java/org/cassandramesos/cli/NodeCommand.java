package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "node",
        description = "Inspect and manage single nodes.",
        subcommands = {
            NodeCommand.ListNodes.class,
            NodeCommand.Info.class,
            NodeCommand.Describe.class,
            NodeCommand.Status.class,
            NodeCommand.Restart.class,
            NodeCommand.Replace.class,
            NodeCommand.Start.class,
            NodeCommand.Stop.class,
            NodeCommand.Shutdown.class,
            NodeCommand.Reset.class,
            NodeCommand.Destroy.class,
            NodeCommand.Remove.class,
            NodeCommand.Create.class,
            NodeCommand.Set.class
        })
final class NodeCommand {

    abstract static class OneNode extends ApiCommand {
        @Parameters(index = "0", paramLabel = "<node>", description = "node-N or N.")
        String node;

        String name() {
            return nodeName(node);
        }
    }

    @Command(name = "list", description = "List the nodes.")
    static final class ListNodes extends ApiCommand {
        @Option(names = "--resources", description = "Each node's cpus and mem_mb (as launched, else as configured).")
        boolean resources;

        @Override
        void run() {
            output().print(api().get("/v1/nodes/list" + (resources ? "?resources=true" : ""))
                    .json());
        }
    }

    @Command(
            name = "info",
            description = "Show every node's info (task, agent, status, user, intent, metrics URL), or one node's.")
    static final class Info extends ApiCommand {
        @Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "<node>",
                description = "node-N or N; default: every node.")
        String node;

        @Override
        void run() {
            output().print(api().get(node == null ? "/v1/nodes/info" : "/v1/nodes/" + encode(nodeName(node)) + "/info")
                    .json());
        }
    }

    @Command(name = "describe", description = "Show a node's task: host, agent, state.")
    static final class Describe extends OneNode {
        @Override
        void run() {
            output().print(api().get("/v1/nodes/" + encode(name()) + "/info").json());
        }
    }

    @Command(name = "status", description = "Show a node's live Cassandra status (from its executor).")
    static final class Status extends OneNode {
        @Override
        void run() {
            output().print(api().get("/v1/nodes/" + encode(name()) + "/status").json());
        }
    }

    @Command(name = "restart", description = "Restart a node in place (same agent, same volume).")
    static final class Restart extends OneNode {
        @Mixin
        NodeWait wait;

        @Override
        void run() {
            wait.run(
                    name(),
                    api(),
                    output(),
                    "restarting " + name(),
                    () -> api().put("/v1/nodes/restart?node=" + encode(name()), null)
                            .json());
        }
    }

    @Command(name = "replace", description = "Replace a node on another agent with a new volume.")
    static final class Replace extends OneNode {
        @Mixin
        NodeWait wait;

        @Mixin
        Confirmation confirmation;

        @Override
        void run() {
            confirmation.require(
                    name() + " will be replaced on another agent with an empty volume (its data streams from"
                            + " the other replicas; the old volume is released)");
            wait.run(
                    name(),
                    api(),
                    output(),
                    "replacing " + name(),
                    () -> api().put("/v1/nodes/replace?node=" + encode(name()), null)
                            .json());
        }
    }

    abstract static class Lifecycle extends OneNode {
        abstract String verb();

        abstract String done();

        @Override
        void run() {
            output().confirm(name() + " " + done(), send());
        }

        JsonNode send() {
            return api().post("/v1/nodes/" + encode(name()) + "/" + verb()).json();
        }
    }

    /** A verb that brings a Cassandra process up, so {@code --wait} can follow it until it serves. */
    abstract static class Raising extends Lifecycle {
        @Mixin
        NodeWait wait;

        @Override
        void run() {
            wait.run(name(), api(), output(), name() + " " + done(), this::send);
        }
    }

    @Command(
            name = "destroy",
            description =
                    "Decommission a node (its data streams to the others), then kill its task"
                            + " and release its reservation and volume; a stopped node is started first. `node start` re-creates it fresh.")
    static final class Destroy extends OneNode {
        @Mixin
        Confirmation confirmation;

        @Override
        void run() {
            confirmation.require("destroy decommissions " + name() + " and deletes its volume");
            output().confirm(
                            name() + " is being destroyed (decommissioning; see `node describe " + name() + "`)",
                            api().post("/v1/nodes/" + encode(name()) + "/destroy")
                                    .json());
        }
    }

    @Command(
            name = "remove",
            description =
                    "Remove a node whose agent is gone: a live node runs removenode for it (its"
                            + " ranges stream from the other replicas), then its reservation and record go. `node start` re-creates it fresh.")
    static final class Remove extends OneNode {
        @Mixin
        Confirmation confirmation;

        @Override
        void run() {
            confirmation.require("remove takes " + name() + " out of the ring and forgets its volume");
            output().confirm(
                            name() + " is being removed (removenode through a live node; see `node describe " + name()
                                    + "`)",
                            api().post("/v1/nodes/" + encode(name()) + "/remove")
                                    .json());
        }
    }

    @Command(
            name = "create",
            description = "Add one node, the next number (a scale-out by one): it bootstraps once the other nodes"
                    + " serve (`plan show`); then run `cleanup start`. The node count stays raised across restarts.")
    static final class Create extends ApiCommand {
        @Option(
                names = "--stopped",
                description = "Place it (reservation, volume, task) with Cassandra left stopped until `node start`.")
        boolean stopped;

        @Override
        void run() {
            JsonNode answer =
                    api().post("/v1/nodes/create" + (stopped ? "/stopped" : "")).json();
            String node = answer.path("node").asText();
            output().confirm(
                            stopped
                                    ? node + " created stopped: placed with Cassandra stopped; `node start " + node
                                            + "` bootstraps it"
                                    : node + " created: it bootstraps once the other nodes serve (`plan show`);"
                                            + " then run `cleanup start`",
                            answer);
        }
    }

    @Command(
            name = "set",
            description = "Set per-node settings: tags=\"a b\" and user:<name>=<value> (empty value removes).")
    static final class Set extends OneNode {
        @Parameters(
                index = "1..*",
                arity = "1..*",
                paramLabel = "<key=value>",
                description = "tags=... or user:<name>=...")
        List<String> settings;

        @Override
        void run() {
            ObjectNode body = SchedulerRestClient.JSON.createObjectNode();
            for (String setting : settings) {
                int at = setting.indexOf('=');
                if (at <= 0) {
                    throw new CliFailure(ExitCode.USAGE, "'" + setting + "' is not key=value");
                }
                body.put(setting.substring(0, at), setting.substring(at + 1));
            }
            output().print(api().send("POST", "/v1/nodes/" + encode(name()) + "/set", body)
                    .json());
        }
    }

    @Command(name = "start", description = "Start a stopped node's Cassandra process.")
    static final class Start extends Raising {
        String verb() {
            return "start";
        }

        String done() {
            return "starting";
        }
    }

    @Command(
            name = "stop",
            description = "Kill a node's Cassandra process now (data kept); nothing restarts it until `node start`.")
    static final class Stop extends Lifecycle {
        String verb() {
            return "stop";
        }

        String done() {
            return "stopping";
        }
    }

    @Command(
            name = "shutdown",
            description = "Drain and shut a node's Cassandra process down; nothing restarts it until `node start`.")
    static final class Shutdown extends Lifecycle {
        String verb() {
            return "shutdown";
        }

        String done() {
            return "shutting down";
        }
    }

    @Command(name = "reset", description = "Hard-restart a node's Cassandra process.")
    static final class Reset extends Raising {
        String verb() {
            return "reset";
        }

        String done() {
            return "reset";
        }
    }
}
