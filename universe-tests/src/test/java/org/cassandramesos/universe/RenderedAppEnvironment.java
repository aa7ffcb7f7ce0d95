package org.cassandramesos.universe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.cassandramesos.local.agent.Fetcher;
import org.cassandramesos.localmode.SchedulerEnvironment;

/**
 * The scheduler as Marathon runs the package's rendered app on a DC/OS agent: the app's {@code fetch} URIs fetched
 * into the sandbox by the Mesos fetcher, its {@code cmd} run there by {@code /bin/sh -c}, its {@code env} with secret
 * references resolved from the secret store (none on a stock cluster). Only what DC/OS and Marathon supply at run time
 * is set here ({@link #variables}); every other value is the rendered one.
 */
final class RenderedAppEnvironment implements SchedulerEnvironment {
    private final JsonNode app;
    private final Optional<Map<String, String>> secretStore;
    private final Map<String, String> appEnvironment;
    private final DcosIamStandIn iam;
    private final Optional<String> taskUser;

    /**
     * @param secretStore the DC/OS Enterprise secret store (the same one the agents get), or empty: stock DC/OS
     * @param taskUser    the user the local agents can run tasks as when it is not the app's {@code service.user}
     */
    RenderedAppEnvironment(
            JsonNode app, Optional<Map<String, String>> secretStore, DcosIamStandIn iam, Optional<String> taskUser) {
        this.app = app;
        this.secretStore = secretStore;
        this.appEnvironment = MarathonSecrets.environment(app, secretStore);
        this.iam = iam;
        this.taskUser = taskUser;
    }

    /** The Mesos fetcher, as for every launch of the app's task: the scheduler tarball and the Java runtime. */
    @Override
    public void prepareSandbox(Infrastructure where) throws IOException {
        for (JsonNode uri : app.path("fetch")) {
            Fetcher.fetch(
                    CommandInfo.URI
                            .newBuilder()
                            .setValue(uri.path("uri").asText())
                            .setExtract(uri.path("extract").asBoolean(true))
                            .setExecutable(uri.path("executable").asBoolean(false))
                            .setCache(uri.path("cache").asBoolean(false))
                            .build(),
                    where.sandbox());
        }
    }

    /** A Marathon app's {@code cmd} is a shell command: Mesos runs it with {@code /bin/sh -c} in the sandbox. */
    @Override
    public List<String> command(Infrastructure where) {
        return List.of("/bin/sh", "-c", app.path("cmd").asText());
    }

    @Override
    public Map<String, String> variables(Infrastructure where) {
        Map<String, String> env = new LinkedHashMap<>(appEnvironment);
        // Mesos-DNS: the package's http://leader.mesos:5050 is the leading master; here the local master
        replace(env, "MESOS_MASTER_URL", where.master().toString());
        // DC/OS's ZooKeeper ensemble on the masters (master.mesos:2181); here the embedded ZooKeeper
        replace(env, "ZOOKEEPER", where.zookeeper());
        // the DC/OS IAM behind Admin Router (https://leader.mesos/acs/api/v1/auth/jwks); here its stand-in
        replace(env, "DCOS_JWKS_URL", iam.jwksUrl().toString());
        // the DC/OS cluster CA that Admin Router's certificate chains to (Enterprise places it in the sandbox as
        // .ssl/ca-bundle.crt; the package default, the JVM's trust store, trusts it where the operator installed it)
        replace(env, "DCOS_JWKS_CA_PATH", iam.caBundle().toString());
        // DC/OS agents run tasks as service.user; local agents can switch users only when the test runs as root
        taskUser.ifPresent(user -> replace(env, "FRAMEWORK_USER", user));
        // Marathon assigns the app's portDefinitions (api, admin) and sets PORT0.., PORT_<NAME> and PORTS
        env.put("PORT0", Integer.toString(where.apiPort()));
        env.put("PORT1", Integer.toString(where.adminPort()));
        env.put("PORT_API", Integer.toString(where.apiPort()));
        env.put("PORT_ADMIN", Integer.toString(where.adminPort()));
        env.put("PORTS", where.apiPort() + "," + where.adminPort());
        // Mesos sets every task's sandbox; the scheduler runs on the Java runtime fetched there
        env.put("MESOS_SANDBOX", where.sandbox().toString());
        return env;
    }

    /** The rendered app authenticates to the master with nothing: a stock (or permissive) DC/OS master asks for nothing. */
    @Override
    public Map<String, String> frameworkCredentials() {
        return Map.of();
    }

    @Override
    public Optional<Map<String, String>> agentSecretStore() {
        return secretStore;
    }

    @Override
    public boolean apiOverTls() {
        return app.path("labels").path("DCOS_SERVICE_SCHEME").asText().equals("https");
    }

    /** Overrides a value the app sets (an address of the real cluster), never adds one the app does not have. */
    private static void replace(Map<String, String> env, String name, String value) {
        if (!env.containsKey(name)) {
            throw new IllegalStateException("the rendered app has no " + name + " to point at the local cluster");
        }
        env.put(name, value);
    }
}
