package org.cassandramesos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code update start|status}, as the SDK's. A configuration change goes through the package manager, so the package
 * options stay the source of truth (a {@code dcos marathon app update} is lost at the next package update): Cosmos
 * renders the package with the new options and Marathon restarts the scheduler, which rolls the change out as a plan.
 * {@code update status} shows that plan.
 */
@Command(
        name = "update",
        description = "Change the service's package options, and follow the rollout.",
        subcommands = {
            UpdateCommand.Start.class,
            UpdateCommand.Status.class,
            UpdateCommand.Pause.class,
            UpdateCommand.Resume.class
        })
final class UpdateCommand {

    /**
     * {@code POST <dcos_url>/cosmos/service/update} {@code {"appId": "/<service>", "options": {...}, "packageVersion":
     * "...", "replace": false}}: Cosmos merges the options over the ones the service runs with. The scheduler checks the
     * options first ({@code POST /v1/config/validate}), so a change it would refuse restarts nothing. Local mode serves
     * the same request in place of Cosmos and Marathon (CASSANDRA_MESOS_COSMOS_URL).
     */
    @Command(
            name = "start",
            description = "Update the package options (through DC/OS Cosmos) and restart the scheduler"
                    + " with them; `update status` follows the rollout.")
    static final class Start extends ApiCommand {
        @Option(
                names = "--options",
                paramLabel = "<file>",
                description =
                        "JSON file of package options to change (the schema of --config-schema), e.g. {\"nodes\": {\"heap\": 4096}}.")
        Path options;

        @Option(
                names = {"--package-version", "--package_version"},
                paramLabel = "<version>",
                description = "Move the service to this package version.")
        String packageVersion;

        @Override
        void run() {
            if (options == null && packageVersion == null) {
                throw new CliFailure(ExitCode.USAGE, "give --options <file>, --package-version <version> or both");
            }
            SchedulerRestClient api = api();
            if (api.cosmosUrl().isEmpty()) {
                throw new CliFailure(
                        ExitCode.NOT_CONFIGURED,
                        "update start changes the package options through a package manager: DC/OS's Cosmos, or"
                                + " local mode's stand-in with --url; set CASSANDRA_MESOS_COSMOS_URL as"
                                + " `./cassandra-mesos local` prints it");
            }
            JsonNode optionsJson = options == null ? null : readOptions(options);
            if (optionsJson != null) {
                // refused before anything restarts: the scheduler checks the options against the configuration in
                // force (400 with every reason, exit 6); Cosmos would restart the scheduler with any valid options
                api.send("POST", "/v1/config/validate", optionsJson);
            }
            ObjectNode request = SchedulerRestClient.JSON
                    .createObjectNode()
                    .put("appId", "/" + root().serviceName().replaceAll("^/+|/+$", ""));
            if (packageVersion != null) {
                request.put("packageVersion", packageVersion);
            }
            if (options != null) {
                request.set("options", optionsJson);
            }
            request.put("replace", false);
            JsonNode answer = api.cosmos("update", request).json();
            // Cosmos also answers the resolved options, which may hold secrets: only the deployment id is shown.
            ObjectNode shown = SchedulerRestClient.JSON.createObjectNode();
            shown.set("marathonDeploymentId", answer.path("marathonDeploymentId"));
            output().confirm(
                            "Update started. Please use `dcos cassandra --name=" + root().serviceName()
                                    + " update status` to view progress.",
                            shown);
        }

        /** The options file, a JSON object; never echoed (it may carry secrets). */
        static JsonNode readOptions(Path file) {
            JsonNode options;
            try {
                options = SchedulerRestClient.JSON.readTree(Files.readString(file));
            } catch (NoSuchFileException e) {
                throw new CliFailure(ExitCode.USAGE, "no options file " + file);
            } catch (JsonProcessingException e) {
                // the parser's message quotes the file's text, which may be a secret: only the line is shown
                throw new CliFailure(
                        ExitCode.USAGE,
                        "options file " + file + " is not JSON"
                                + (e.getLocation() == null
                                        ? ""
                                        : " (line " + e.getLocation().getLineNr() + ")"));
            } catch (IOException e) {
                throw new CliFailure(ExitCode.USAGE, "cannot read options file " + file + ": " + e.getMessage());
            }
            if (options == null || !options.isObject()) {
                throw new CliFailure(
                        ExitCode.USAGE, "options file " + file + " must hold a JSON object of package options");
            }
            return options;
        }
    }

    /**
     * The rollout's plan: {@code update} when the scheduler has one (a changed target configuration), else
     * {@code deploy}, as the SDK's {@code update status} shows its deploy plan.
     */
    abstract static class OnRollout extends ApiCommand {
        @Option(names = "--plan", hidden = true, paramLabel = "<plan>", description = "This plan instead.")
        String plan;

        String plan(SchedulerRestClient api) {
            return plan != null ? plan : rolloutPlan(api.get("/v1/plans").json());
        }
    }

    @Command(name = "status", aliases = "show", description = "Show the rollout's plan (update, else deploy).")
    static final class Status extends OnRollout {
        @Override
        void run() {
            SchedulerRestClient api = api();
            PlanCommand.show(plan(api), api, output());
        }
    }

    @Command(name = "pause", aliases = "interrupt", description = "Pause the rollout after the current step.")
    static final class Pause extends OnRollout {
        @Override
        void run() {
            SchedulerRestClient api = api();
            String shown = plan(api);
            output().confirm(
                            "plan " + shown + " interrupted",
                            api.post("/v1/plans/" + encode(shown) + "/interrupt")
                                    .json());
        }
    }

    @Command(name = "resume", aliases = "continue", description = "Resume a paused rollout.")
    static final class Resume extends OnRollout {
        @Override
        void run() {
            SchedulerRestClient api = api();
            String shown = plan(api);
            output().confirm(
                            "plan " + shown + " continued",
                            api.post("/v1/plans/" + encode(shown) + "/continue").json());
        }
    }

    static String rolloutPlan(JsonNode planNames) {
        for (JsonNode name : planNames) {
            if (name.asText().equals("update")) {
                return "update";
            }
        }
        return "deploy";
    }

    private UpdateCommand() {}
}
