package org.cassandramesos.scheduler.plan;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Marathon's readiness probe ({@code /ready} on the admin port, unauthenticated): 200 once the deploy
 * plan is COMPLETE, 503 before. It tells only the plan's status.
 */
public final class DeployReadinessServlet extends HttpServlet {
    private final DeployPlanManager plans;

    public DeployReadinessServlet(DeployPlanManager plans) {
        this.plans = plans;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Status status = plans.deploy().status();
        response.setStatus(status == Status.COMPLETE ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.getWriter().write("{\"deploy\":\"" + status.name() + "\"}");
    }
}
