package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.Response;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plan routes and their seed 002 aliases over real HTTP, against the scheduler app. */
class PlansApiTest {
    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(ZK);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    @BeforeEach
    void freshPlan() {
        API.plans().reset();
    }

    private static JsonNode json(Response response) {
        return response.readEntity(JsonNode.class);
    }

    @Test
    void listsThePlanNames() {
        Response response = API.call("GET", "/v1/plans");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response).toString()).isEqualTo("[\"deploy\"]");
    }

    @Test
    void anIncompletePlanIs503WithThePlanAsBody() {
        Response response = API.call("GET", "/v1/plans/deploy");

        assertThat(response.getStatus()).isEqualTo(503);
        JsonNode plan = json(response);
        assertThat(plan.path("status").asText()).isEqualTo("PENDING");
        assertThat(plan.path("errors").isArray()).isTrue();
        assertThat(plan.path("phases")).hasSize(2);
        assertThat(plan.path("phases").get(0).path("name").asText()).isEqualTo("seeds");
        assertThat(plan.path("phases").get(0).path("steps").get(0).path("name").asText())
                .isEqualTo("node-0");
        assertThat(plan.path("phases").get(1).path("steps").get(0).path("id").asText())
                .hasSize(36);
    }

    @Test
    void aCompletePlanIs200OnBothNames() {
        API.plans().completeAll("deploy");

        Response plans = API.call("GET", "/v1/plans/deploy");
        Response alias = API.call("GET", "/v1/plan");

        assertThat(plans.getStatus()).isEqualTo(200);
        assertThat(json(plans).path("status").asText()).isEqualTo("COMPLETE");
        assertThat(alias.getStatus()).isEqualTo(200);
        assertThat(json(alias).path("status").asText()).isEqualTo("COMPLETE");
    }

    @Test
    void anUnknownPlanIs404WithAMessage() {
        Response response = API.call("GET", "/v1/plans/nope");

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(json(response).path("message").asText()).isEqualTo("no plan nope");
        assertThat(API.call("POST", "/v1/plans/nope/interrupt").getStatus()).isEqualTo(404);
        assertThat(API.call("POST", "/v1/plans/nope/continue").getStatus()).isEqualTo(404);
        assertThat(API.call("POST", "/v1/plans/nope/restart?phase=seeds&step=node-0")
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void interruptPausesAndContinueResumes() {
        Response interrupt = API.call("POST", "/v1/plans/deploy/interrupt");

        assertThat(interrupt.getStatus()).isEqualTo(200);
        assertThat(json(interrupt).path("message").asText()).isEqualTo("Received cmd: interrupt");
        assertThat(json(API.call("GET", "/v1/plans/deploy")).path("status").asText())
                .isEqualTo("WAITING");

        Response proceed = API.call("POST", "/v1/plans/deploy/continue");

        assertThat(json(proceed).path("message").asText()).isEqualTo("Received cmd: continue");
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isFalse();
    }

    @Test
    void forceCompleteAndRestartAStepByNameOrId() {
        String stepId = json(API.call("GET", "/v1/plans/deploy"))
                .path("phases")
                .get(1)
                .path("steps")
                .get(0)
                .path("id")
                .asText();

        Response force = API.call("POST", "/v1/plans/deploy/forceComplete?phase=nodes&step=" + stepId);

        assertThat(force.getStatus()).isEqualTo(200);
        assertThat(json(force).path("message").asText()).isEqualTo("Received cmd: forceComplete");
        assertThat(API.plans()
                        .plan("deploy")
                        .orElseThrow()
                        .steps()
                        .filter(s -> s.name().equals("node-2"))
                        .findFirst()
                        .orElseThrow()
                        .isComplete())
                .isTrue();

        Response restart = API.call("POST", "/v1/plans/deploy/restart?phase=nodes&step=node-2");

        assertThat(restart.getStatus()).isEqualTo(200);
        assertThat(API.plans()
                        .plan("deploy")
                        .orElseThrow()
                        .steps()
                        .filter(s -> s.name().equals("node-2"))
                        .findFirst()
                        .orElseThrow()
                        .isComplete())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({"restart", "forceComplete"})
    void stepCommandsNeedPhaseAndStep(String command) {
        Response noStep = API.call("POST", "/v1/plans/deploy/" + command + "?phase=seeds");
        Response blankPhase = API.call("POST", "/v1/plans/deploy/" + command + "?phase=&step=node-0");
        Response unknownStep = API.call("POST", "/v1/plans/deploy/" + command + "?phase=seeds&step=node-9");

        assertThat(noStep.getStatus()).isEqualTo(400);
        assertThat(json(noStep).path("message").asText()).isEqualTo("query parameter 'step' is required");
        assertThat(blankPhase.getStatus()).isEqualTo(400);
        assertThat(unknownStep.getStatus()).isEqualTo(404);
        assertThat(json(unknownStep).path("message").asText()).contains("no phase 'seeds' with step 'node-9'");
    }

    @ParameterizedTest
    @CsvSource({"POST,interrupt,true", "PUT,interrupt,true", "PUT,proceed,false", "POST,continue,false"})
    void theSeed002CmdFormSteersTheDeployPlan(String method, String cmd, boolean interrupted) {
        if (!interrupted) {
            API.plans().interrupt("deploy");
        }

        Response response = API.call(method, "/v1/plan?cmd=" + cmd);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response).path("message").asText()).startsWith("Received cmd: ");
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isEqualTo(interrupted);
    }

    @Test
    void anUnknownOrMissingCmdIs400AndChangesNothing() {
        Response unknown = API.call("POST", "/v1/plan?cmd=explode");
        Response missing = API.call("PUT", "/v1/plan");

        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(json(unknown).path("message").asText()).contains("unknown cmd 'explode'");
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isFalse();
    }

    @Test
    void thePathAliasesInterruptAndContinueTheDeployPlan() {
        assertThat(API.call("POST", "/v1/plan/interrupt").getStatus()).isEqualTo(200);
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isTrue();
        assertThat(API.call("POST", "/v1/plan/continue").getStatus()).isEqualTo(200);
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "GET,/v1/plans",
        "GET,/v1/plans/deploy",
        "POST,/v1/plans/deploy/interrupt",
        "POST,/v1/plans/deploy/continue",
        "POST,/v1/plans/deploy/restart?phase=seeds&step=node-0",
        "POST,/v1/plans/deploy/forceComplete?phase=seeds&step=node-0",
        "GET,/v1/plan",
        "POST,/v1/plan?cmd=interrupt",
        "PUT,/v1/plan?cmd=proceed",
        "POST,/v1/plan/interrupt",
        "POST,/v1/plan/continue"
    })
    void everyPlanRouteNeedsTheToken(String method, String path) {
        Response response = API.callWithoutToken(method, path);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(json(response).path("message").asText()).isNotEmpty();
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isFalse();
        assertThat(API.plans().plan("deploy").orElseThrow().steps().noneMatch(s -> s.isComplete()))
                .isTrue();
    }
}
