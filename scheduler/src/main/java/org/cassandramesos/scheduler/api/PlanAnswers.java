package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.PlanManager;
import org.cassandramesos.scheduler.plan.PlanView;

/**
 * The plan answers shared by {@code /v1/plans/{plan}} and its {@code /v1/plan} alias. A plan is 200 only
 * when COMPLETE and 503 otherwise, with the same body: Marathon's readiness check depends on it.
 */
final class PlanAnswers {
    private final PlanManager plans;

    PlanAnswers(PlanManager plans) {
        this.plans = plans;
    }

    Response show(String name) {
        Plan plan = plans.plan(name).orElseThrow(() -> unknownPlan(name));
        Response.Status running = plans.isUninstall() ? Response.Status.ACCEPTED : Response.Status.SERVICE_UNAVAILABLE;
        return Response.status(plan.isComplete() ? Response.Status.OK : running)
                .entity(PlanView.of(plan))
                .build();
    }

    CommandMessage interrupt(String name) {
        if (!plans.interrupt(name)) {
            throw unknownPlan(name);
        }
        return CommandMessage.received("interrupt");
    }

    CommandMessage proceed(String name) {
        if (!plans.proceed(name)) {
            throw unknownPlan(name);
        }
        return CommandMessage.received("continue");
    }

    CommandMessage restart(String name, String phase, String step) {
        return stepCommand(
                "restart",
                name,
                phase,
                step,
                plans.restart(name, ApiErrors.required("phase", phase), ApiErrors.required("step", step)));
    }

    CommandMessage forceComplete(String name, String phase, String step) {
        return stepCommand(
                "forceComplete",
                name,
                phase,
                step,
                plans.forceComplete(name, ApiErrors.required("phase", phase), ApiErrors.required("step", step)));
    }

    private CommandMessage stepCommand(String command, String name, String phase, String step, Optional<Plan> result) {
        if (result.isEmpty()) {
            if (plans.plan(name).isEmpty()) {
                throw unknownPlan(name);
            }
            throw ApiErrors.notFound("plan " + name + " has no phase '" + phase + "' with step '" + step + "'");
        }
        return CommandMessage.received(command);
    }

    private static RuntimeException unknownPlan(String name) {
        return ApiErrors.notFound("no plan " + name);
    }
}
