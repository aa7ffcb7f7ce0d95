package org.cassandramesos.scheduler.api;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cassandramesos.scheduler.SchedulerApplication;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;

/** The scheduler app ({@link ApiTestApplication}) on free ports against a real ZooKeeper, and calls to its API. */
public final class ApiApp {
    public final String token = "api-token-" + UUID.randomUUID();
    public final String service = "api-" + UUID.randomUUID().toString().substring(0, 8);
    public final DropwizardAppExtension<SchedulerConfiguration> extension;

    public ApiApp(ZooKeeperFixture zk, ConfigOverride... more) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(
                        "service.zookeeper_connect", () -> zk.server().getConnectString()),
                ConfigOverride.config("zookeeper_digest", ZooKeeperFixture.DIGEST),
                ConfigOverride.config("service.service_name", service),
                ConfigOverride.config("service.nodes.count", "3"),
                ConfigOverride.config("service.nodes.seeds", "2"),
                ConfigOverride.config("auth_token", token),
                ConfigOverride.config("node_api_token", "node-api-token-for-api-tests-" + UUID.randomUUID()),
                ConfigOverride.config("service.executor.executor_uri", "http://repo.test/executor.tar.gz"),
                ConfigOverride.config("service.executor.cassandra_uri", "http://repo.test/cassandra.tar.gz"),
                ConfigOverride.config("service.executor.java_runtime_uri", "http://repo.test/java-runtime.tar.gz"),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0")));
        overrides.addAll(List.of(more));
        extension = new DropwizardAppExtension<>(
                ApiTestApplication.class,
                "scheduler.yml", // the bundled config: SchedulerApplication falls back to the classpath
                overrides.toArray(ConfigOverride[]::new));
    }

    public <T> T get(Class<T> type) {
        return extension.<SchedulerApplication>getApplication().injector().getInstance(type);
    }

    public TestPlanManager plans() {
        return get(TestPlanManager.class);
    }

    public TestNodeOperations operations() {
        return get(TestNodeOperations.class);
    }

    public TaskStore tasks() {
        return get(TaskStore.class);
    }

    public String url() {
        return "http://localhost:" + extension.getLocalPort();
    }

    public Invocation.Builder anonymous(String pathAndQuery) {
        return extension.client().target(url() + pathAndQuery).request();
    }

    public Invocation.Builder authorized(String pathAndQuery) {
        return anonymous(pathAndQuery).header(HttpHeaders.AUTHORIZATION, "token=" + token);
    }

    /** {@code method path} with the token; PUT and POST with an empty body. */
    public Response call(String method, String pathAndQuery) {
        return send(authorized(pathAndQuery), method);
    }

    public Response callWithoutToken(String method, String pathAndQuery) {
        return send(anonymous(pathAndQuery), method);
    }

    /**
     * The answer with its body read in: the test client's connection goes back to its pool at once, whether or not the
     * caller reads the body (Jersey 3.1's Apache connector keeps it leased until then, and the pool is small).
     */
    public static Response send(Invocation.Builder request, String method) {
        Response response = switch (method) {
            case "PUT", "POST" -> request.method(method, Entity.text(""));
            default -> request.method(method);
        };
        response.bufferEntity();
        return response;
    }
}
