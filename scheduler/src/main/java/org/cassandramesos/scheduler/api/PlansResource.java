package org.cassandramesos.scheduler.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.cassandramesos.scheduler.plan.PlanManager;

/** {@code /v1/plans}: list, show and steer the scheduler's plans (deploy and operations). */
@Path("/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public final class PlansResource {
    private final PlanManager plans;
    private final PlanAnswers answers;

    @Inject
    public PlansResource(PlanManager plans) {
        this.plans = plans;
        this.answers = new PlanAnswers(plans);
    }

    @GET
    public List<String> names() {
        return plans.planNames();
    }

    @GET
    @Path("{plan}")
    public Response show(@PathParam("plan") String plan) {
        return answers.show(plan);
    }

    @POST
    @Path("{plan}/interrupt")
    public CommandMessage interrupt(@PathParam("plan") String plan) {
        return answers.interrupt(plan);
    }

    @POST
    @Path("{plan}/continue")
    public CommandMessage proceed(@PathParam("plan") String plan) {
        return answers.proceed(plan);
    }

    @POST
    @Path("{plan}/restart")
    public CommandMessage restart(
            @PathParam("plan") String plan, @QueryParam("phase") String phase, @QueryParam("step") String step) {
        return answers.restart(plan, phase, step);
    }

    @POST
    @Path("{plan}/forceComplete")
    public CommandMessage forceComplete(
            @PathParam("plan") String plan, @QueryParam("phase") String phase, @QueryParam("step") String step) {
        return answers.forceComplete(plan, phase, step);
    }
}
