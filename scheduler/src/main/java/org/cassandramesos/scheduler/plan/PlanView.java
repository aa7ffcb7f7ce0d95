package org.cassandramesos.scheduler.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/**
 * The plan as the API shows it, shaped like the original service's:
 * {@code {phases:[{id,name,status,steps:[{id,name,status,message}]}],errors:[],status}}; steps also
 * carry {@code last_decline_reason} while an offer was refused.
 */
public record PlanView(
        @JsonProperty("phases") List<PhaseView> phases,
        @JsonProperty("errors") List<String> errors,
        @JsonProperty("status") Status status) {

    public static PlanView of(Plan plan) {
        return new PlanView(plan.phases().stream().map(PhaseView::of).toList(), plan.errors(), plan.status());
    }

    public record PhaseView(
            @JsonProperty("id") UUID id,
            @JsonProperty("name") String name,
            @JsonProperty("status") Status status,
            @JsonProperty("steps") List<StepView> steps) {

        static PhaseView of(Phase phase) {
            return new PhaseView(
                    phase.id(),
                    phase.name(),
                    phase.status(),
                    phase.steps().stream().map(StepView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(
            @JsonProperty("id") UUID id,
            @JsonProperty("name") String name,
            @JsonProperty("status") Status status,
            @JsonProperty("message") String message,
            @JsonProperty("last_decline_reason") String lastDeclineReason) {

        static StepView of(Step step) {
            return new StepView(
                    step.id(),
                    step.name(),
                    step.status(),
                    step.message(),
                    step.declineReason().orElse(null));
        }
    }
}
