package org.cassandramesos.scheduler.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cassandramesos.scheduler.plan.DeployPlanFactory;
import org.cassandramesos.scheduler.plan.PlanManager;

/**
 * {@code /v1/plan}: the deploy plan under the older names seed 002 documents, including its
 * {@code ?cmd=interrupt|proceed} form (which the original service documented but never parsed).
 */
@Path("/v1/plan")
@Produces(MediaType.APPLICATION_JSON)
public final class DeployPlanAliasResource {
    private static final String DEPLOY = DeployPlanFactory.PLAN;

    private final PlanAnswers answers;

    @Inject
    public DeployPlanAliasResource(PlanManager plans) {
        this.answers = new PlanAnswers(plans);
    }

    @GET
    public Response show() {
        return answers.show(DEPLOY);
    }

    @POST
    public CommandMessage commandByPost(@QueryParam("cmd") String cmd) {
        return command(cmd);
    }

    @PUT
    public CommandMessage commandByPut(@QueryParam("cmd") String cmd) {
        return command(cmd);
    }

    @POST
    @Path("interrupt")
    public CommandMessage interrupt() {
        return answers.interrupt(DEPLOY);
    }

    @POST
    @Path("continue")
    public CommandMessage proceed() {
        return answers.proceed(DEPLOY);
    }

    private CommandMessage command(String cmd) {
        return switch (ApiErrors.required("cmd", cmd)) {
            case "interrupt" -> answers.interrupt(DEPLOY);
            case "proceed", "continue" -> answers.proceed(DEPLOY);
            default -> throw ApiErrors.badRequest("unknown cmd '" + cmd + "': use interrupt, proceed or continue");
        };
    }
}
