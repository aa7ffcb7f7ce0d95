package org.cassandramesos.scheduler.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What must survive a scheduler restart of a plan: the interrupt flag and each step's progress. The
 * plan's shape comes from the config again; {@link #applyTo} lays the progress back onto it.
 */
public record PlanProgress(boolean interrupted, Map<UUID, StepProgress> steps) {

    public PlanProgress {
        steps = Map.copyOf(steps);
    }

    public static PlanProgress of(Plan plan) {
        Map<UUID, StepProgress> steps = new LinkedHashMap<>();
        plan.steps().forEach(step -> steps.put(step.id(), StepProgress.of(step)));
        return new PlanProgress(plan.interrupted(), steps);
    }

    /** {@code plan} with the stored progress of its steps; steps new to this plan stay as they are. */
    public Plan applyTo(Plan plan) {
        Plan restored = interrupted ? plan.interrupt() : plan.proceed();
        for (Step step : plan.steps().toList()) {
            StepProgress progress = steps.get(step.id());
            if (progress != null) {
                restored = restored.with(progress.applyTo(step));
            }
        }
        return restored;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepProgress(
            @JsonProperty("status") Status status,
            @JsonProperty("message") String message,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("retry_at") Optional<Instant> retryAt,
            @JsonProperty("task_id") Optional<String> taskId,
            @JsonProperty("decline_reason") Optional<String> declineReason) {

        public StepProgress {
            retryAt = retryAt == null ? Optional.empty() : retryAt;
            taskId = taskId == null ? Optional.empty() : taskId;
            declineReason = declineReason == null ? Optional.empty() : declineReason;
        }

        public static StepProgress of(Step step) {
            return new StepProgress(
                    step.status(),
                    step.message(),
                    step.attempts(),
                    step.retryAt(),
                    step.taskId(),
                    step.declineReason());
        }

        Step applyTo(Step step) {
            return new Step(
                    step.id(),
                    step.name(),
                    step.node(),
                    step.goal(),
                    status,
                    message,
                    attempts,
                    retryAt,
                    taskId,
                    declineReason);
        }
    }
}
