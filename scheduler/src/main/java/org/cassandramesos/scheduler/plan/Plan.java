package org.cassandramesos.scheduler.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Phases run one after another; within a phase its strategy decides. Immutable: every change returns
 * a new plan. Interrupt stops new steps from starting (steps in flight finish); config errors block
 * the whole plan.
 */
public record Plan(String name, List<Phase> phases, boolean interrupted, List<String> errors) {

    public Plan {
        phases = List.copyOf(phases);
        errors = List.copyOf(errors);
    }

    public Status status() {
        if (!errors.isEmpty()) {
            return Status.ERROR;
        }
        Status aggregate = Statuses.aggregate(phases.stream().map(Phase::status).toList());
        if (interrupted && aggregate != Status.COMPLETE && aggregate != Status.ERROR) {
            return Status.WAITING;
        }
        return aggregate;
    }

    public boolean isComplete() {
        return status() == Status.COMPLETE;
    }

    /** Steps that may be handed offers now: from the first incomplete phase, unless interrupted or invalid. */
    public List<Step> candidates(Instant now) {
        if (interrupted || !errors.isEmpty()) {
            return List.of();
        }
        for (Phase phase : phases) {
            if (!phase.isComplete()) {
                return phase.candidates(now).stream()
                        .filter(step -> step.goal() != Step.Goal.REMOVED)
                        .toList();
            }
        }
        return List.of();
    }

    public Stream<Step> steps() {
        return phases.stream().flatMap(phase -> phase.steps().stream());
    }

    public Optional<Step> step(UUID id) {
        return steps().filter(step -> step.id().equals(id)).findFirst();
    }

    /** The step whose current attempt launched {@code taskId}. */
    public Optional<Step> stepForTask(String taskId) {
        return steps().filter(step -> step.taskId().map(taskId::equals).orElse(false))
                .findFirst();
    }

    public Optional<Phase> phase(UUID id) {
        return phases.stream().filter(phase -> phase.id().equals(id)).findFirst();
    }

    /** The plan with {@code updated} in place of the step with the same id. */
    public Plan with(Step updated) {
        List<Phase> next = new ArrayList<>(phases.size());
        for (Phase phase : phases) {
            next.add(
                    phase.steps().stream().anyMatch(s -> s.id().equals(updated.id())) ? phase.replace(updated) : phase);
        }
        return new Plan(name, next, interrupted, errors);
    }

    /** The plan with {@code more} added to its errors (a change that cannot apply: the plan starts nothing). */
    public Plan withErrors(List<String> more) {
        List<String> all = new ArrayList<>(errors);
        more.stream().filter(error -> !all.contains(error)).forEach(all::add);
        return new Plan(name, phases, interrupted, all);
    }

    public Plan interrupt() {
        return new Plan(name, phases, true, errors);
    }

    public Plan proceed() {
        return new Plan(name, phases, false, errors);
    }

    /** Re-runs one step, or every step of a phase when {@code stepId} is empty. Empty if not found. */
    public Optional<Plan> restart(UUID phaseId, Optional<UUID> stepId) {
        return apply(phaseId, stepId, StepTransitions::restart);
    }

    /** Marks one step, or a whole phase, complete. Empty if not found. */
    public Optional<Plan> forceComplete(UUID phaseId, Optional<UUID> stepId) {
        return apply(phaseId, stepId, StepTransitions::forceComplete);
    }

    private Optional<Plan> apply(UUID phaseId, Optional<UUID> stepId, java.util.function.UnaryOperator<Step> change) {
        Optional<Phase> phase = phase(phaseId);
        if (phase.isEmpty()) {
            return Optional.empty();
        }
        List<Step> targets = stepId.isPresent()
                ? phase.get().steps().stream()
                        .filter(s -> s.id().equals(stepId.get()))
                        .toList()
                : phase.get().steps();
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        Plan next = this;
        for (Step step : targets) {
            next = next.with(change.apply(step));
        }
        return Optional.of(next);
    }
}
