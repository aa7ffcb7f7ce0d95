package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode's stand-in for Cosmos refuses what it cannot or must not apply before it asks the scheduler: no token, another
 * service, options outside config.json or that set none of the scheduler's settings, another package version, an
 * oversized body. Nothing is stored and the scheduler is never restarted. (Accepted and scheduler-refused updates run
 * against real Cassandra in {@link ConfigUpdateIT}.)
 */
class LocalPackageManagerTest {
    private static final String TOKEN = "the-api-token";

    @TempDir
    Path data;

    private final List<String> restarts = new CopyOnWriteArrayList<>();
    private LocalPackageManager manager;
    private PackageOptionsFile options;
    private UpdatableEnvironment environment;

    @BeforeEach
    void start() throws Exception {
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }
        options = new PackageOptionsFile(data);
        environment = new UpdatableEnvironment(
                LocalModeEnvironment.of(
                        new LocalModeSettings(3, 256, 9000, 9001, false, "nobody"), data, Optional.empty()),
                Map.of());
        // the scheduler's API on a port nothing listens on: none of these requests may get that far
        manager = LocalPackageManager.start(
                0,
                TOKEN,
                URI.create("http://127.0.0.1:" + unused),
                Optional.empty(),
                options,
                environment,
                restarts::add,
                event -> {});
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private HttpResponse<String> update(String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(manager.url().resolve("/cosmos/service/update"))
                .header("Content-Type", "application/vnd.dcos.service.update-request+json;charset=utf-8;version=v1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "token=" + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesWhatItMustNotApplyAndChangesNothing() throws Exception {
        String heap = "{\"appId\": \"/cassandra\", \"options\": {\"nodes\": {\"heap\": 320}}}";

        assertThat(update(null, heap).statusCode()).isEqualTo(401);
        assertThat(update("not-the-token", heap).statusCode()).isEqualTo(401);
        HttpResponse<String> otherService =
                update(TOKEN, "{\"appId\": \"/other\", \"options\": {\"nodes\": {\"heap\": 320}}}");
        assertThat(otherService.statusCode()).isEqualTo(404);
        HttpResponse<String> schema =
                update(TOKEN, "{\"appId\": \"/cassandra\", \"options\": {\"nodes\": {\"heap\": \"big\"}}}");
        assertThat(schema.statusCode()).isEqualTo(400);
        assertThat(schema.body()).contains("Options JSON failed validation").contains("heap");
        HttpResponse<String> appResources =
                update(TOKEN, "{\"appId\": \"/cassandra\", \"options\": {\"service\": {\"cpus\": 2}}}");
        assertThat(appResources.statusCode()).isEqualTo(400);
        assertThat(appResources.body()).contains("service.cpus");
        HttpResponse<String> version = update(
                TOKEN, "{\"appId\": \"/cassandra\", \"packageVersion\": \"9.9.9\", \"options\": {\"nodes\": {}}}");
        assertThat(version.statusCode()).isEqualTo(400);
        assertThat(update(TOKEN, "not json").statusCode()).isEqualTo(400);
        assertThat(update(TOKEN, "{\"appId\": \"/cassandra\", \"options\": \"" + "x".repeat(70_000) + "\"}")
                        .statusCode())
                .isEqualTo(413);

        assertThat(restarts).isEmpty();
        assertThat(options.path()).doesNotExist();
        assertThat(environment.overrides()).isEmpty();
    }

    @Test
    void whenTheSchedulerCannotBeAskedNothingIsStoredOrRestarted() throws Exception {
        HttpResponse<String> answer =
                update(TOKEN, "{\"appId\": \"/cassandra\", \"options\": {\"nodes\": {\"heap\": 320}}}");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("could not be asked").contains("nothing was changed");
        assertThat(restarts).isEmpty();
        assertThat(options.path()).doesNotExist();
    }
}
