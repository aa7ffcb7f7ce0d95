package org.cassandramesos.scheduler.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Step;

/**
 * Decides what an operation's plan needs now (pure): poll every job in flight (also while interrupted,
 * so a running job is followed to its end), and for the steps the strategy lets start, send the job to a
 * node that can take it or wait, saying why.
 */
public final class OperationSteps {
    private OperationSteps() {}

    public sealed interface Action permits Send, Poll, Wait {
        Step step();
    }

    public record Send(Step step) implements Action {}

    public record Poll(Step step, String jobId) implements Action {}

    public record Wait(Step step, String why) implements Action {}

    /** @param notReady why a node cannot take a job now; empty when it can */
    public static List<Action> next(Plan plan, Function<String, Optional<String>> notReady, Instant now) {
        List<Action> actions = new ArrayList<>();
        plan.steps()
                .filter(step -> step.status().isInFlight() && step.taskId().isPresent())
                .forEach(step -> actions.add(new Poll(step, step.taskId().get())));
        for (Step step : plan.candidates(now)) {
            Optional<String> why = notReady.apply(step.node());
            actions.add(why.<Action>map(w -> new Wait(step, w)).orElseGet(() -> new Send(step)));
        }
        return actions;
    }
}
