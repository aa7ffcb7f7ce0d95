package org.cassandramesos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a real HTTP server that plays back recorded scheduler answers, for what the scheduler does not
 * serve yet (operations, backups, node lifecycle verbs), for answers only Admin Router gives (a 503 page, the
 * {@code /service/<name>} prefix) and for CLI configuration. Routes the scheduler serves are tested against it in
 * {@link CliAgainstSchedulerTest}. Checks the method, path, headers and body the CLI sends, what it prints, and
 * its exit codes.
 */
class CliAgainstRecordedSchedulerTest {
    private static final String TOKEN = "s3cr3t-api-token";
    private static final String PLAN = """
      {"phases":[{"id":"p1","name":"deploy","status":"IN_PROGRESS","steps":[
        {"id":"s0","name":"node-0","status":"COMPLETE","message":"node-0 is UN"},
        {"id":"s1","name":"node-1","status":"IN_PROGRESS","message":"launching"}]}],
       "errors":[],"status":"IN_PROGRESS"}""";

    @TempDir
    Path home;

    private RecordedScheduler scheduler;

    @BeforeEach
    void startScheduler() throws Exception {
        scheduler = new RecordedScheduler();
    }

    /**
     * Routes DESIGN.md lists that api-spec/openapi.yaml does not describe (none left); every request the CLI sends
     * must be an operation of the spec.
     */
    private static final java.util.regex.Pattern NOT_IN_SPEC_YET = java.util.regex.Pattern.compile("^$");

    private static final ApiSpecRoutes SPEC = ApiSpecRoutes.load(Path.of("../api-spec/openapi.yaml"));

    @AfterEach
    void everyRequestTheCliSentIsARouteOfTheApiSpec() {
        scheduler.close();
        assertThat(SPEC.isEmpty()).isFalse();
        for (RecordedScheduler.Request request : scheduler.requests) {
            if (request.pathAndQuery().startsWith("/cosmos/")) {
                continue; // DC/OS's package manager (update start), not the scheduler
            }
            String path = request.pathAndQuery().replaceFirst("^/service/.*?(?=/v1/)", "");
            if (!NOT_IN_SPEC_YET.matcher(path).matches()) {
                assertThat(SPEC.allows(request.method(), path))
                        .as("%s %s is an operation of api-spec/openapi.yaml", request.method(), path)
                        .isTrue();
            }
        }
    }

    /** The scheduler's answer to {@code POST /v1/config/validate} for a heap change it accepts. */
    private static final String VALID_HEAP_CHANGE =
            "{\"changes\":[{\"setting\":\"nodes.heap_mb\",\"from\":2048,\"to\":4096}],"
                    + "\"variables\":{\"NODE_HEAP_MB\":\"4096\"},\"unchecked\":[]}";

    private CliRun local(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--url=" + scheduler.url();
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(Map.of("CASSANDRA_MESOS_TOKEN", TOKEN), home, all);
    }

    private static JsonNode json(String text) throws Exception {
        return SchedulerRestClient.JSON.readTree(text);
    }

    @Test
    void aBashCompletionScriptForEveryCommandAndOptionIsGeneratedWithoutCallingTheScheduler() {
        CliRun run = local("completion");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("complete -F")
                .contains("dcos-cassandra")
                .contains("backups")
                .contains("upgradesstables")
                .contains("--wait")
                .contains("--yes")
                .contains("--key_spaces")
                .contains("describe")
                .contains("endpoints")
                .contains("native-client")
                .contains("--backup-name")
                .contains("--backup_name")
                .contains("--external_location");
        assertThat(scheduler.requests).isEmpty();
    }

    @Test
    void theCompletionScriptServesZshAndCompletesTheGlobalOptionsAfterEverySubcommand() {
        CliRun zsh = local("completion", "zsh");
        CliRun bash = local("completion", "bash");

        assertThat(zsh.exitCode()).as(zsh.err()).isZero();
        assertThat(zsh.out())
                .as("one script: under zsh it loads bashcompinit itself")
                .isEqualTo(bash.out())
                .contains("if [ -n \"$ZSH_VERSION\" ]")
                .contains("bashcompinit");
        String planShow = function(zsh.out(), "_picocli_dcos-cassandra_plan_show");
        assertThat(planShow).contains("'--name'").contains("'--json'").contains("'--url'");
        String restoreStart = function(zsh.out(), "_picocli_dcos-cassandra_restore_start");
        assertThat(restoreStart)
                .contains("'--name'")
                .contains("'--backup-name'")
                .contains("'--yes'");
        assertThat(local("completion", "fish").exitCode()).isEqualTo(ExitCode.USAGE.code);
    }

    /** The body of one shell function of a generated completion script. */
    private static String function(String script, String name) {
        int start = script.indexOf("function " + name + "() {");
        assertThat(start).as("the script has %s", name).isNotNegative();
        return script.substring(start, script.indexOf("\n}\n", start));
    }

    @Test
    void theServiceNameIsTakenAfterTheSubcommandToo() throws Exception {
        scheduler
                .on("GET", "/service/cass-prod/v1/seeds", 200, "{\"seeds\":[\"10.0.0.1\"]}")
                .on("GET", "/service/prod/cassandra/v1/plans/deploy", 200, PLAN);
        Map<String, String> env = Map.of("DCOS_URL", scheduler.url(), "DCOS_ACS_TOKEN", "acs-token");

        CliRun seeds = CliRun.run(env, home, "cassandra", "seeds", "--name", "cass-prod");
        assertThat(seeds.exitCode()).as(seeds.err()).isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/service/cass-prod/v1/seeds");

        CliRun plan = CliRun.run(env, home, "cassandra", "plan", "show", "deploy", "--name=/prod/cassandra", "--json");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/service/prod/cassandra/v1/plans/deploy");
        assertThat(json(plan.out())).isEqualTo(json(PLAN));
    }

    @Test
    void backupStartTellsTheBackupNameFromTheServiceName() throws Exception {
        scheduler
                .on("PUT", "/service/cassandra/v1/backup/start", 202, "{\"status\":\"started\",\"message\":\"\"}")
                .on("PUT", "/service/cass-prod/v1/backup/start", 202, "{\"status\":\"started\",\"message\":\"\"}");
        Map<String, String> env = Map.of("DCOS_URL", scheduler.url(), "DCOS_ACS_TOKEN", "acs-token");

        CliRun sdkStyle =
                CliRun.run(env, home, "cassandra", "backup", "start", "--backup-name", "b1", "--name", "cass-prod");
        assertThat(sdkStyle.exitCode())
                .as("with --backup-name, --name is the service: " + sdkStyle.err())
                .isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/service/cass-prod/v1/backup/start");
        assertThat(json(scheduler.last().body()).path("backup_name").asText()).isEqualTo("b1");

        CliRun original = CliRun.run(env, home, "cassandra", "--name=cass-prod", "backup", "start", "--backup_name=b2");
        assertThat(original.exitCode()).as(original.err()).isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/service/cass-prod/v1/backup/start");
        assertThat(json(scheduler.last().body()).path("backup_name").asText()).isEqualTo("b2");

        CliRun oldSpelling = CliRun.run(env, home, "cassandra", "--name=cass-prod", "backup", "start", "--name", "b3");
        assertThat(oldSpelling.exitCode())
                .as("without --backup-name, --name after start is the backup: " + oldSpelling.err())
                .isZero();
        assertThat(oldSpelling.out()).isEqualTo("backup b3 started\n");
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/service/cass-prod/v1/backup/start");
        assertThat(json(scheduler.last().body()).path("backup_name").asText()).isEqualTo("b3");

        CliRun oldSpellingDefaultService = CliRun.run(env, home, "cassandra", "backup", "start", "--name", "b4");
        assertThat(oldSpellingDefaultService.exitCode())
                .as(oldSpellingDefaultService.err())
                .isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/service/cassandra/v1/backup/start");
        assertThat(json(scheduler.last().body()).path("backup_name").asText()).isEqualTo("b4");

        int sent = scheduler.requests.size();
        CliRun unnamed = CliRun.run(env, home, "cassandra", "backup", "start");
        assertThat(unnamed.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(unnamed.err()).isEqualTo("error: a backup name is required: --backup-name <backup>\n");
        CliRun azure =
                CliRun.run(env, home, "cassandra", "backup", "start", "--backup_name=b5", "--azure_account=acct");
        assertThat(azure.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(azure.err()).contains("Azure storage is not supported");
        assertThat(scheduler.requests).hasSize(sent);
    }

    @Test
    void restoreStartWithoutATerminalIsRefusedUnlessYes() throws Exception {
        scheduler.on("PUT", "/v1/restore/start", 202, "{\"status\":\"started\",\"message\":\"\"}");

        CliRun unconfirmed = local("restore", "start", "--backup_name", "nightly");
        assertThat(unconfirmed.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(unconfirmed.err())
                .startsWith("error: backup nightly will be restored into every node of cassandra")
                .endsWith("no terminal to ask on: add --yes to confirm\n");
        assertThat(scheduler.requests).isEmpty();

        CliRun confirmed = local("restore", "start", "--backup_name", "nightly", "--yes");
        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).isEqualTo("restore nightly started\n");
        assertThat(json(scheduler.last().body())).isEqualTo(json("{\"backup_name\":\"nightly\"}"));
    }

    @Test
    void updateStartPostsTheOptionsToCosmosWithItsMediaTypesAndPrintsNoResolvedOption() throws Exception {
        scheduler.on(
                "POST",
                "/cosmos/service/update",
                200,
                "{\"marathonDeploymentId\":\"5ed4c0c5-9ff8-4a6f-a0cd-b57d8a4d7c2f\","
                        + "\"package\":{\"name\":\"cassandra\",\"version\":\"0.1.0\"},"
                        + "\"resolvedOptions\":{\"service\":{\"name\":\"cass-prod\"},\"backup\":{\"secret_key\":\"s3-secret-in-options\"}}}");
        scheduler.on("POST", "/service/cass-prod/v1/config/validate", 200, VALID_HEAP_CHANGE);
        Map<String, String> env = Map.of("DCOS_URL", scheduler.url(), "DCOS_ACS_TOKEN", "acs-token");
        Path options = home.resolve("options.json");
        java.nio.file.Files.writeString(options, "{\"nodes\": {\"heap\": 4096}}");

        CliRun run = CliRun.run(
                env, home, "cassandra", "update", "start", "--options", options.toString(), "--name", "cass-prod");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "Update started. Please use `dcos cassandra --name=cass-prod update status` to view progress.\n");
        assertThat(scheduler.requests).hasSize(2);
        RecordedScheduler.Request checked = scheduler.requests.get(0);
        assertThat(checked.pathAndQuery()).isEqualTo("/service/cass-prod/v1/config/validate");
        assertThat(checked.header("Authorization")).isEqualTo("token=acs-token");
        assertThat(json(checked.body())).isEqualTo(json("{\"nodes\":{\"heap\":4096}}"));
        RecordedScheduler.Request sent = scheduler.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.pathAndQuery()).isEqualTo("/cosmos/service/update");
        assertThat(sent.header("Content-Type"))
                .isEqualTo("application/vnd.dcos.service.update-request+json;charset=utf-8;version=v1");
        assertThat(sent.header("Accept"))
                .isEqualTo("application/vnd.dcos.service.update-response+json;charset=utf-8;version=v1");
        assertThat(sent.header("Authorization")).isEqualTo("token=acs-token");
        assertThat(json(sent.body()))
                .isEqualTo(
                        json("{\"appId\":\"/cass-prod\",\"options\":{\"nodes\":{\"heap\":4096}},\"replace\":false}"));

        CliRun asJson = CliRun.run(
                env,
                home,
                "cassandra",
                "--name=cass-prod",
                "update",
                "start",
                "--options",
                options.toString(),
                "--package-version",
                "0.2.0",
                "--json");
        assertThat(json(asJson.out()))
                .isEqualTo(json("{\"marathonDeploymentId\":\"5ed4c0c5-9ff8-4a6f-a0cd-b57d8a4d7c2f\"}"));
        assertThat(json(scheduler.last().body()).path("packageVersion").asText())
                .isEqualTo("0.2.0");
        assertThat(run.out() + run.err() + asJson.out() + asJson.err()).doesNotContain("s3-secret-in-options");
    }

    @Test
    void updateStartRefusesABadOptionsFileBeforeSendingAndShowsCosmosErrors() throws Exception {
        scheduler.on(
                "POST",
                "/cosmos/service/update",
                400,
                "{\"type\":\"JsonSchemaMismatch\"," + "\"message\":\"Options JSON failed validation\"}");
        Map<String, String> env = Map.of("DCOS_URL", scheduler.url(), "DCOS_ACS_TOKEN", "acs-token");
        Path notJson = home.resolve("bad.json");
        java.nio.file.Files.writeString(notJson, "{\"nodes\": password-like-text");
        Path array = home.resolve("array.json");
        java.nio.file.Files.writeString(array, "[1]");
        Path good = home.resolve("options.json");
        java.nio.file.Files.writeString(good, "{\"nodes\": {\"count\": \"three\"}}");

        CliRun nothing = CliRun.run(env, home, "cassandra", "update", "start");
        assertThat(nothing.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(nothing.err()).isEqualTo("error: give --options <file>, --package-version <version> or both\n");
        CliRun unparsable = CliRun.run(env, home, "cassandra", "update", "start", "--options", notJson.toString());
        assertThat(unparsable.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(unparsable.err()).contains("is not JSON (line 1)").doesNotContain("password-like-text");
        CliRun notAnObject = CliRun.run(env, home, "cassandra", "update", "start", "--options", array.toString());
        assertThat(notAnObject.err()).contains("must hold a JSON object");
        CliRun missing = CliRun.run(
                env,
                home,
                "cassandra",
                "update",
                "start",
                "--options",
                home.resolve("none.json").toString());
        assertThat(missing.err()).startsWith("error: no options file ");
        assertThat(scheduler.requests).isEmpty();

        scheduler.on("POST", "/service/cassandra/v1/config/validate", 200, VALID_HEAP_CHANGE);
        CliRun refused = CliRun.run(env, home, "cassandra", "update", "start", "--options", good.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.CLIENT_ERROR.code);
        assertThat(refused.err()).contains("400").contains("Options JSON failed validation");
    }

    @Test
    void updateStartAChangeTheSchedulerRefusesNeverReachesCosmos() throws Exception {
        scheduler.on(
                "POST",
                "/service/cassandra/v1/config/validate",
                400,
                "{\"code\":400,\"message\":\"the update is refused: cluster name cannot change from 'cassandra' to"
                        + " 'other'\",\"errors\":[\"cluster name cannot change from 'cassandra' to 'other'\"]}");
        scheduler.on("POST", "/cosmos/service/update", 200, "{\"marathonDeploymentId\":\"x\"}");
        Map<String, String> env = Map.of("DCOS_URL", scheduler.url(), "DCOS_ACS_TOKEN", "acs-token");
        Path options = home.resolve("options.json");
        java.nio.file.Files.writeString(options, "{\"cassandra\": {\"cluster_name\": \"other\"}}");

        CliRun run = CliRun.run(env, home, "cassandra", "update", "start", "--options", options.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.CLIENT_ERROR.code);
        assertThat(run.err()).contains("400").contains("cluster name cannot change from 'cassandra' to 'other'");
        assertThat(scheduler.requests)
                .extracting(RecordedScheduler.Request::pathAndQuery)
                .containsExactly("/service/cassandra/v1/config/validate");
    }

    @Test
    void updateStatusShowsTheUpdatePlanWhenTheSchedulerHasOne() {
        scheduler.on("GET", "/v1/plans", 200, "[\"deploy\",\"update\"]").on("GET", "/v1/plans/update", 200, PLAN);

        CliRun run = local("update", "status");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("update: IN_PROGRESS\n").contains("deploy  node-1  IN_PROGRESS  launching");
    }

    @Test
    void anUninstallPlanInProgressAnswered202IsShownWithItsPhases() {
        scheduler.on(
                "GET",
                "/v1/plans/deploy",
                202,
                "{\"phases\":[{\"id\":\"6f1c5f7e-2b1a-3c4d-8e9f-0a1b2c3d4e5f\","
                        + "\"name\":\"unreserve-resources\",\"status\":\"IN_PROGRESS\",\"steps\":[{\"id\":"
                        + "\"7a2d6e8f-3c2b-3d4e-9fa0-1b2c3d4e5f60\",\"name\":\"rid-1\",\"status\":\"PENDING\",\"message\":\"\"}]}],"
                        + "\"errors\":[],\"status\":\"IN_PROGRESS\"}");

        CliRun run = local("plan", "show");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out())
                .contains("deploy: IN_PROGRESS")
                .contains("unreserve-resources")
                .contains("rid-1");
    }

    @Test
    void a503WithoutAPlanIsAnErrorNotAnEmptyPlan() {
        scheduler.on("GET", "/v1/plans/deploy", 503, "<html><body>503 Service Temporarily Unavailable</body></html>");

        CliRun run = local("plan", "show");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER_ERROR.code);
        assertThat(run.err()).contains("503").contains("Service Temporarily Unavailable");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void nodeLifecycleVerbsPostToTheNodeRoutes() {
        scheduler
                .on("POST", "/v1/nodes/node-1/stop", 200, "{}")
                .on("POST", "/v1/nodes/node-1/start", 200, "{}")
                .on("POST", "/v1/nodes/node-1/shutdown", 200, "{}")
                .on("POST", "/v1/nodes/node-1/reset", 200, "{}");

        for (String verb : new String[] {"stop", "start", "shutdown", "reset"}) {
            CliRun run = local("node", verb, "1");
            assertThat(run.exitCode()).as(verb + ": " + run.err()).isZero();
            assertThat(scheduler.last().method()).isEqualTo("POST");
            assertThat(scheduler.last().header("Authorization")).isEqualTo("token=" + TOKEN);
            assertThat(scheduler.last().pathAndQuery()).isEqualTo("/v1/nodes/node-1/" + verb);
        }
    }

    @Test
    void destroyNeedsYesAndSetSendsTheKeyValuesAsJson() throws Exception {
        scheduler
                .on("POST", "/v1/nodes/node-2/destroy", 204, "")
                .on("POST", "/v1/nodes/node-2/set", 200, "{\"name\":\"node-2\",\"settings\":{\"tags\":\"ssd\"}}");

        CliRun unconfirmed = local("node", "destroy", "2");
        assertThat(unconfirmed.exitCode()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("--yes");
        assertThat(scheduler.requests).isEmpty();

        assertThat(local("node", "destroy", "2", "--yes").exitCode()).isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/v1/nodes/node-2/destroy");

        scheduler.on("POST", "/v1/nodes/node-1/remove", 204, "");
        assertThat(local("node", "remove", "1").exitCode()).isEqualTo(2);
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/v1/nodes/node-2/destroy");
        assertThat(local("node", "remove", "1", "--yes").exitCode()).isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/v1/nodes/node-1/remove");

        CliRun set = local("node", "set", "2", "tags=ssd", "user:owner=team x");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(json(scheduler.last().body())).isEqualTo(json("{\"tags\":\"ssd\",\"user:owner\":\"team x\"}"));
    }

    @Test
    void nodeCreateAddsTheNextNodeAndStoppedPlacesItStopped() throws Exception {
        scheduler
                .on("POST", "/v1/nodes/create", 201, "{\"node\":\"node-3\"}")
                .on("POST", "/v1/nodes/create/stopped", 201, "{\"node\":\"node-4\"}");

        CliRun created = local("node", "create");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(scheduler.last().method()).isEqualTo("POST");
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/v1/nodes/create");
        assertThat(created.out()).contains("node-3 created", "cleanup start");

        CliRun stopped = local("node", "create", "--stopped");
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/v1/nodes/create/stopped");
        assertThat(stopped.out()).contains("node-4 created stopped", "node start node-4");
    }

    @Test
    void operationsSendNodesKeyspacesAndTablesAsLists() throws Exception {
        scheduler
                .on("PUT", "/v1/repair/start", 202, "{\"status\":\"started\",\"message\":\"\"}")
                .on("PUT", "/v1/cleanup/start", 202, "{\"status\":\"started\",\"message\":\"\"}")
                .on("PUT", "/v1/upgradesstables/stop", 202, "{}")
                .on(
                        "GET",
                        "/v1/cleanup/status",
                        200,
                        "{\"status\":\"IN_PROGRESS\",\"nodes\":[{\"node\":\"node-0\",\"status\":\"COMPLETE\"}]}");

        CliRun repair =
                local("repair", "start", "--nodes", "0,node-1", "--keyspaces", "ks1,ks2", "--column-families", "t1");
        assertThat(repair.out()).isEqualTo("repair started\n");
        assertThat(scheduler.last().method()).isEqualTo("PUT");
        assertThat(scheduler.last().header("Content-Type")).isEqualTo("application/json");
        assertThat(json(scheduler.last().body()))
                .isEqualTo(
                        json(
                                "{\"nodes\":[\"node-0\",\"node-1\"],\"key_spaces\":[\"ks1\",\"ks2\"],\"column_families\":[\"t1\"]}"));

        // the original DC/OS Cassandra CLI's underscore spellings
        CliRun original =
                local("repair", "start", "--nodes", "0,node-1", "--key_spaces", "ks1,ks2", "--column_families", "t1");
        assertThat(original.exitCode()).as(original.err()).isZero();
        assertThat(json(scheduler.last().body()))
                .isEqualTo(
                        json(
                                "{\"nodes\":[\"node-0\",\"node-1\"],\"key_spaces\":[\"ks1\",\"ks2\"],\"column_families\":[\"t1\"]}"));

        assertThat(local("cleanup", "start").exitCode()).isZero();
        assertThat(json(scheduler.last().body())).isEqualTo(json("{\"nodes\":[\"*\"]}"));

        assertThat(local("upgradesstables", "stop").out()).isEqualTo("upgradesstables stopping\n");
        assertThat(local("cleanup", "status").out())
                .contains("status  IN_PROGRESS")
                .contains("nodes:\nNODE    STATUS\nnode-0  COMPLETE");
    }

    @Test
    void waitFollowsTheOperationAndExitsByHowItEnded() throws Exception {
        scheduler
                .on("PUT", "/v1/repair/start", 202, "{\"status\":\"started\",\"message\":\"\"}")
                .on(
                        "GET",
                        "/v1/repair/status",
                        200,
                        "{\"operation\":\"repair\",\"state\":\"COMPLETE\",\"nodes\":"
                                + "{\"node-0\":{\"status\":\"COMPLETE\",\"job_state\":\"SUCCEEDED\"}}}")
                .on("PUT", "/v1/backup/start", 202, "{\"status\":\"started\",\"message\":\"\"}")
                .on(
                        "GET",
                        "/v1/backup/status",
                        200,
                        "{\"operation\":\"backup\",\"state\":\"FAILED\",\"nodes\":"
                                + "{\"node-0\":{\"status\":\"COMPLETE\"},\"node-1\":{\"status\":\"ERROR\",\"message\":\"bucket b does not exist\"}}}");

        CliRun repair = local("repair", "start", "--wait");
        assertThat(repair.exitCode()).as(repair.err()).isZero();
        assertThat(repair.out()).isEqualTo("repair started\nrepair COMPLETE: node-0 COMPLETE\n");

        CliRun repairJson = local("repair", "start", "--wait", "--json");
        assertThat(json(repairJson.out()).path("state").asText())
                .as("one JSON document: the final status")
                .isEqualTo("COMPLETE");

        CliRun backup = local("backup", "start", "--name", "b1", "--wait");
        assertThat(backup.exitCode()).isEqualTo(ExitCode.OPERATION_FAILED.code);
        assertThat(backup.err()).isEqualTo("error: backup failed: node-1: bucket b does not exist\n");
    }

    @Test
    void nodeWaitFollowsTheNodeUntilANewProcessServes() throws Exception {
        String before =
                "{\"name\":\"node-2\",\"id\":\"node-2__a\",\"state\":\"TASK_RUNNING\",\"status\":\"active\",\"started\":100}";
        String killed = "{\"name\":\"node-2\",\"id\":\"node-2__a\",\"state\":\"TASK_KILLED\",\"status\":\"dead\"}";
        String booting =
                "{\"name\":\"node-2\",\"id\":\"node-2__b\",\"state\":\"TASK_RUNNING\",\"status\":\"paused\",\"started\":130}";
        String serving =
                "{\"name\":\"node-2\",\"id\":\"node-2__b\",\"state\":\"TASK_RUNNING\",\"status\":\"active\",\"started\":130}";
        scheduler
                .on("PUT", "/v1/nodes/restart?node=node-2", 202, "{\"message\":\"restarting node-2\"}")
                .onInTurn("GET", "/v1/nodes/node-2/info", before, before, killed, booting, serving);

        CliRun restart = local("node", "restart", "2", "--wait");

        assertThat(restart.exitCode()).as(restart.err()).isZero();
        assertThat(restart.out())
                .as("the old process still serving right after the kill is not the new one")
                .isEqualTo("restarting node-2\nnode-2 active (TASK_RUNNING)\nnode-2 dead (TASK_KILLED)\n"
                        + "node-2 paused (TASK_RUNNING)\nnode-2 active (TASK_RUNNING)\n");

        String stopped = "{\"name\":\"node-1\",\"id\":\"node-1__a\",\"state\":\"TASK_RUNNING\",\"status\":\"stopped\"}";
        scheduler
                .on("POST", "/v1/nodes/node-1/start", 202, "{\"message\":\"starting node-1\"}")
                .onInTurn("GET", "/v1/nodes/node-1/info", stopped);
        CliRun start = local("node", "start", "node-1", "--wait", "--timeout=PT3S");
        assertThat(start.exitCode()).isEqualTo(ExitCode.TIMED_OUT.code);
        assertThat(start.err()).isEqualTo("error: node-1 is stopped after PT3S; `node describe node-1` follows it\n");
    }

    @Test
    void backupKeysComeFromTheAwsEnvironmentAndAreNeverPrinted() throws Exception {
        scheduler
                .on("PUT", "/v1/backup/start", 202, "{\"status\":\"started\",\"message\":\"\"}")
                .on("PUT", "/v1/restore/start", 202, "{\"status\":\"started\",\"message\":\"\"}");
        Map<String, String> env = Map.of(
                "CASSANDRA_MESOS_TOKEN",
                TOKEN,
                "AWS_ACCESS_KEY_ID",
                "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI-secret");

        CliRun backup = CliRun.run(
                env,
                home,
                "--url=" + scheduler.url(),
                "backup",
                "start",
                "--name",
                "b1",
                "--location",
                "s3://bucket/prefix");

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(json(scheduler.last().body())).isEqualTo(json("""
        {"backup_name":"b1","external_location":"s3://bucket/prefix",
         "s3_access_key":"AKIAEXAMPLE","s3_secret_key":"wJalrXUtnFEMI-secret"}"""));
        assertThat(backup.out() + backup.err())
                .doesNotContain("wJalrXUtnFEMI-secret")
                .contains("backup b1 started");

        CliRun original = CliRun.run(
                env,
                home,
                "--url=" + scheduler.url(),
                "backup",
                "start",
                "--backup_name",
                "b1",
                "--external_location",
                "s3://bucket/prefix",
                "--s3_access_key",
                "AKIAOTHER",
                "--s3_secret_key",
                "other-secret-2");
        assertThat(original.exitCode())
                .as("the original CLI's underscore spellings: " + original.err())
                .isZero();
        assertThat(json(scheduler.last().body())).isEqualTo(json("""
        {"backup_name":"b1","external_location":"s3://bucket/prefix",
         "s3_access_key":"AKIAOTHER","s3_secret_key":"other-secret-2"}"""));

        CliRun restore = CliRun.run(
                env,
                home,
                "--url=" + scheduler.url(),
                "restore",
                "start",
                "--backup-name=b1",
                "--external-location=http://127.0.0.1:9999/bucket/p",
                "--s3-secret-key=other-secret",
                "--yes");
        assertThat(restore.exitCode()).isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/v1/restore/start");
        assertThat(json(scheduler.last().body()).path("s3_secret_key").asText()).isEqualTo("other-secret");
        assertThat(restore.out() + restore.err()).doesNotContain("other-secret");

        CliRun help = CliRun.run(env, home, "backup", "start", "--help");
        assertThat(help.out()).doesNotContain("wJalrXUtnFEMI-secret").doesNotContain("AKIAEXAMPLE");
    }

    @Test
    void backups() {
        scheduler
                .on(
                        "GET",
                        "/v1/backups",
                        200,
                        "[{\"name\":\"nightly\",\"nodes\":[\"node-0\",\"node-1\"],"
                                + "\"created\":\"2023-11-14T22:13:20Z\",\"completed\":\"2023-11-14T22:14:20Z\",\"files\":4,\"bytes\":1024,"
                                + "\"complete\":true}]")
                .on(
                        "GET",
                        "/v1/backups/nightly",
                        200,
                        "{\"name\":\"nightly\",\"created\":\"2023-11-14T22:13:20Z\","
                                + "\"completed\":\"2023-11-14T22:14:20Z\",\"complete\":false,\"files\":12,\"bytes\":2048,\"nodes\":["
                                + "{\"node\":\"node-0\",\"complete\":true,\"files\":12,\"bytes\":2048,\"created\":\"2023-11-14T22:13:20Z\","
                                + "\"completed\":\"2023-11-14T22:14:20Z\",\"schema\":true,\"deleted_files\":0},"
                                + "{\"node\":\"node-1\",\"complete\":false,\"files\":0,\"bytes\":0,\"created\":null,\"completed\":null,"
                                + "\"schema\":true,\"deleted_files\":0}]}")
                .on(
                        "DELETE",
                        "/v1/backups/nightly",
                        200,
                        "{\"message\":\"backup nightly deleted\",\"deletion\":{\"name\":\"nightly\","
                                + "\"nodes\":2,\"files\":12,\"blobs_deleted\":10,\"blobs_kept\":2}}");

        String list = local("backups", "list").out();
        assertThat(list.lines().findFirst().orElseThrow())
                .matches("NAME +NODES +CREATED +COMPLETED +FILES +BYTES +COMPLETE");
        assertThat(list)
                .contains("nightly")
                .contains("node-0, node-1")
                .contains("1024")
                .contains("true");
        String describe = local("backups", "describe", "nightly").out();
        assertThat(describe)
                .containsPattern("files +12")
                .containsPattern("complete +false")
                .contains("nodes:");
        assertThat(describe).containsPattern("node-1 +false +0 +0");
        CliRun unconfirmed = local("backups", "delete", "nightly");
        assertThat(unconfirmed.exitCode())
                .as("no terminal, no --yes: refused before any request")
                .isEqualTo(2);
        assertThat(unconfirmed.err()).contains("add --yes to confirm");
        assertThat(scheduler.requests).noneMatch(request -> request.method().equals("DELETE"));
        assertThat(local("backups", "delete", "nightly", "--yes").out()).isEqualTo("backup nightly deleted\n");
        assertThat(scheduler.last().method()).isEqualTo("DELETE");
    }

    @Test
    void errorsAreOneLineWithDistinctExitCodes() {
        scheduler
                .on("GET", "/v1/backups", 401, "{\"message\":\"Credentials are required\"}")
                .on("GET", "/v1/backups/b9", 404, "{\"message\":\"no backup b9\"}")
                .on("PUT", "/v1/repair/start", 409, "{\"message\":\"cleanup is running; stop it or wait\"}")
                .on(
                        "PUT",
                        "/v1/backup/start",
                        400,
                        "{\"message\":\"external_location must start with s3:, http: or https:\"}")
                .on("GET", "/v1/cleanup/status", 500, "{\"message\":\"executor unreachable\"}");

        CliRun unauthorized = local("backups", "list");
        assertThat(unauthorized.exitCode()).isEqualTo(3);
        assertThat(unauthorized.err()).startsWith("error: not authorized (401)").doesNotContain(TOKEN);
        assertThat(unauthorized.err().strip()).doesNotContain("\n");

        CliRun notFound = local("backups", "describe", "b9");
        assertThat(notFound.exitCode()).isEqualTo(4);
        assertThat(notFound.err()).isEqualTo("error: not found (404): no backup b9\n");

        CliRun conflict = local("repair", "start");
        assertThat(conflict.exitCode()).isEqualTo(5);
        assertThat(conflict.err()).isEqualTo("error: conflict (409): cleanup is running; stop it or wait\n");

        CliRun bad = local("backup", "start", "--name=b", "--location=ftp://x");
        assertThat(bad.exitCode()).isEqualTo(6);
        assertThat(bad.err()).contains("400").contains("external_location must start with");

        CliRun broken = local("cleanup", "status");
        assertThat(broken.exitCode()).isEqualTo(7);
        assertThat(broken.err()).contains("500").contains("executor unreachable");
    }

    @Test
    void anUnreachableSchedulerIsReportedWithItsUrl() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }

        CliRun run = CliRun.run(Map.of(), home, "--url=http://127.0.0.1:" + freePort, "plan", "show");

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err())
                .isEqualTo("error: cannot reach the scheduler at http://127.0.0.1:" + freePort
                        + " (connection refused)\n");
    }

    @Test
    void dcosModeGoesThroughAdminRouterWithTheAcsToken() {
        scheduler
                .on("GET", "/service/cassandra/v1/seeds", 200, "{\"seeds\":[]}")
                .on("GET", "/service/cass-prod/v1/seeds", 200, "{\"seeds\":[]}")
                .on("GET", "/service/prod/cassandra/v1/seeds", 200, "{\"seeds\":[]}");
        Map<String, String> env = Map.of("DCOS_URL", scheduler.url() + "/", "DCOS_ACS_TOKEN", "acs-token");

        assertThat(CliRun.run(env, home, "cassandra", "seeds").exitCode()).isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/service/cassandra/v1/seeds");
        assertThat(scheduler.last().header("Authorization")).isEqualTo("token=acs-token");

        assertThat(CliRun.run(env, home, "cassandra", "--name=cass-prod", "seeds")
                        .exitCode())
                .isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/service/cass-prod/v1/seeds");

        assertThat(CliRun.run(env, home, "cassandra", "--name=/prod/cassandra", "seeds")
                        .exitCode())
                .isZero();
        assertThat(scheduler.last().pathAndQuery()).isEqualTo("/service/prod/cassandra/v1/seeds");
    }

    @Test
    void withoutEnvironmentTheAttachedClusterOfTheDcosCliConfigIsUsed() throws Exception {
        scheduler.on("GET", "/service/cassandra/v1/nodes/list", 200, "[\"node-0\"]");
        Path other = home.resolve(".dcos/clusters/11111111-other");
        Path attached = home.resolve(".dcos/clusters/22222222-attached");
        java.nio.file.Files.createDirectories(other);
        java.nio.file.Files.createDirectories(attached);
        java.nio.file.Files.writeString(
                other.resolve("dcos.toml"),
                "[core]\ndcos_url = \"http://127.0.0.1:1\"\ndcos_acs_token = \"wrong\"\n[cluster]\nname = \"other\"\n");
        java.nio.file.Files.writeString(
                attached.resolve("dcos.toml"),
                "[core]\ndcos_url = \"" + scheduler.url()
                        + "\"\ndcos_acs_token = \"toml-token\"\nssl_verify = \"false\"\n"
                        + "[cluster]\nname = \"prod\"\n");
        java.nio.file.Files.writeString(attached.resolve("attached"), "");

        CliRun run = CliRun.run(Map.of(), home, "node", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(scheduler.last().header("Authorization")).isEqualTo("token=toml-token");

        CliRun byName = CliRun.run(Map.of("DCOS_CLUSTER", "other"), home, "node", "list");
        assertThat(byName.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code);
        assertThat(byName.err()).contains("http://127.0.0.1:1/service/cassandra");
    }

    @Test
    void theLegacyDcosTomlIsReadWhenNoClusterIsAttached() throws Exception {
        scheduler.on("GET", "/service/cassandra/v1/nodes/list", 200, "[]");
        java.nio.file.Files.createDirectories(home.resolve(".dcos"));
        java.nio.file.Files.writeString(
                home.resolve(".dcos/dcos.toml"),
                "[core]\ndcos_url = \"" + scheduler.url() + "\"\ndcos_acs_token = \"legacy\"\n");

        assertThat(CliRun.run(Map.of(), home, "node", "list").exitCode()).isZero();
        assertThat(scheduler.last().header("Authorization")).isEqualTo("token=legacy");
    }

    @Test
    void noClusterConfiguredIsItsOwnError() {
        CliRun run = CliRun.run(Map.of(), home, "plan", "show");

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.err()).startsWith("error: no cluster configured");
    }

    @Test
    void infoVersionAndConfigSchema() throws Exception {
        assertThat(CliRun.run(Map.of(), home, "cassandra", "--info").out())
                .isEqualTo("Manage Apache Cassandra clusters run by cassandra-mesos\n");
        assertThat(CliRun.run(Map.of(), home, "--version").out()).matches("dcos-cassandra \\d+\\.\\d+\\.\\d+.*\n");
        JsonNode schema =
                json(CliRun.run(Map.of(), home, "cassandra", "--config-schema").out());
        assertThat(schema)
                .isEqualTo(SchedulerRestClient.JSON.readTree(
                        Path.of("../universe/config.json").toFile()));
        assertThat(CliRun.run(Map.of(), home).exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(CliRun.run(Map.of(), home, "plan", "explode").exitCode()).isEqualTo(ExitCode.USAGE.code);
    }
}
