package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "plan",
        description = "Show and steer plans (deploy and operations).",
        subcommands = {
            PlanCommand.ListPlans.class,
            PlanCommand.Show.class,
            PlanCommand.Interrupt.class,
            PlanCommand.Continue.class,
            PlanCommand.Restart.class,
            PlanCommand.Force.class
        })
final class PlanCommand {

    abstract static class OnePlan extends ApiCommand {
        @Parameters(
                index = "0",
                defaultValue = "deploy",
                paramLabel = "<plan>",
                description = "Plan name (default: deploy).")
        String plan;

        String planPath() {
            return "/v1/plans/" + encode(plan);
        }
    }

    @Command(name = "list", description = "List the plans.")
    static final class ListPlans extends ApiCommand {
        @Override
        void run() {
            output().print(api().get("/v1/plans").json());
        }
    }

    @Command(name = "show", description = "Show a plan's phases and steps.")
    static final class Show extends OnePlan {
        @Override
        void run() {
            show(plan, api(), output());
        }
    }

    /** Prints a plan as a phase/step table (the scheduler's JSON with --json); shared with {@code update status}. */
    static void show(String plan, SchedulerRestClient api, Output output) {
        String path = "/v1/plans/" + ApiCommand.encode(plan);
        // 503 with a plan means "not complete yet"; a 503 without one is Admin Router saying the scheduler is down.
        SchedulerRestClient.Response response = api.get(path, 503);
        JsonNode body = response.json();
        if (response.status() == 503 && !body.has("phases")) {
            throw SchedulerRestClient.failure("GET", path, response);
        }
        if (output.json()) {
            output.printJson(body);
            output.out().flush();
            return;
        }
        output.out().println(plan + ": " + body.path("status").asText());
        Table steps = new Table(List.of("PHASE", "STEP", "STATUS", "MESSAGE"));
        for (JsonNode phase : body.path("phases")) {
            for (JsonNode step : phase.path("steps")) {
                steps.row(List.of(
                        phase.path("name").asText(),
                        step.path("name").asText(),
                        step.path("status").asText(),
                        step.path("message").asText()));
            }
        }
        steps.print(output.out());
        for (JsonNode error : body.path("errors")) {
            output.out().println("error: " + Output.scalar(error));
        }
        output.out().flush();
    }

    @Command(name = "interrupt", description = "Pause the plan after the current step.")
    static final class Interrupt extends OnePlan {
        @Override
        void run() {
            output().confirm(
                            "plan " + plan + " interrupted",
                            api().post(planPath() + "/interrupt").json());
        }
    }

    @Command(name = "continue", description = "Resume an interrupted plan.")
    static final class Continue extends OnePlan {
        @Override
        void run() {
            output().confirm(
                            "plan " + plan + " continued",
                            api().post(planPath() + "/continue").json());
        }
    }

    abstract static class StepCommand extends OnePlan {
        @Option(names = "--phase", required = true, description = "Phase id or name.")
        String phase;

        @Option(names = "--step", required = true, description = "Step id or name.")
        String step;

        String stepQuery() {
            return "?phase=" + encode(phase) + "&step=" + encode(step);
        }
    }

    @Command(name = "restart", description = "Run a step again.")
    static final class Restart extends StepCommand {
        @Override
        void run() {
            output().confirm(
                            "step " + step + " of phase " + phase + " restarted",
                            api().post(planPath() + "/restart" + stepQuery()).json());
        }
    }

    @Command(name = "force", description = "Mark a step complete without running it.")
    static final class Force extends StepCommand {
        @Override
        void run() {
            output().confirm(
                            "step " + step + " of phase " + phase + " forced complete",
                            api().post(planPath() + "/forceComplete" + stepQuery())
                                    .json());
        }
    }
}
