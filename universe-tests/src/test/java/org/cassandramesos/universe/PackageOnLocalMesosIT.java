package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.cassandramesos.local.agent.TaskUser;
import org.cassandramesos.localmode.Artifacts;
import org.cassandramesos.localmode.LocalCluster;
import org.cassandramesos.localmode.LocalModeSettings;
import org.cassandramesos.localmode.PlanWatcher;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's acceptance as the tests' cluster: the package's {@code marathon.json.mustache} rendered exactly as Cosmos
 * renders it (options validated against config.json, defaults merged, values JSON-escaped), and its scheduler run as
 * Marathon runs the app (fetch, {@code cmd}, {@code env} with secret references resolved the way Marathon resolves
 * them) on local mode's {@link LocalCluster}: real ZooKeeper, S3Proxy, the strict local Mesos with three agents on
 * 127.0.0.2-4, the scheduler supervised as Marathon supervises it, real Cassandra executors. What DC/OS and Marathon
 * supply at run time (addresses, ports, sandbox, the IAM) is listed in {@link RenderedAppEnvironment}; nothing else of
 * the rendered app is changed.
 *
 * <p>One cluster per profile, one after the other: the default package on stock agents (no secret store anywhere),
 * then the Enterprise profile with its secrets in the secret store the agents share.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageOnLocalMesosIT {
    /** The uid the operator logs in to DC/OS as; the only option besides the node size that the installs set. */
    private static final String OPERATOR = "bootstrapuser";

    private static final int HEAP_MB = 256;
    /** The package's own FAST_START=false: each node waits out Cassandra's full ring delay. */
    private static final Duration DEPLOY = Duration.ofMinutes(20);
    /** Env variables the installs' options change against the pure defaults: the node size and the operator's uid. */
    private static final Set<String> SIZING_ENV =
            Set.of("NODE_HEAP_MB", "NODE_MEM_MB", "NODE_DISK_MB", "DCOS_SUPERUSER_UID");

    @TempDir
    Path tmp;

    /**
     * {@code dcos package install cassandra} with the defaults (only the node size shrunk to this machine and the
     * operator's uid let into the API): no secret store, stock agents, the scheduler generates the cluster secrets.
     * The deploy completes; every node answers through the scheduler, whose node status calls the executor's node API
     * with the generated token; CQL refuses anonymous clients. After kill -9 of the scheduler, Marathon's restart gets
     * the secrets back from the nodes (still running, never restarted): every node answers through it again.
     */
    @Test
    @Order(1)
    void theDefaultPackageRunsThreeNodesOnStockAgentsAndARestartedSchedulerGetsTheGeneratedSecretsBackFromTheNodes()
            throws Exception {
        Path dir = dataDir();
        LocalModeSettings settings = settings(false);
        JsonNode app = render(sizing(settings), dir);

        assertThat(withoutEnv(app, SIZING_ENV))
                .as("the defaults render, but for the node size and the operator's uid")
                .isEqualTo(withoutEnv(render(UniverseFiles.JSON.createObjectNode(), dir), SIZING_ENV));
        assertThat(MarathonSecrets.referencesSecrets(app))
                .as("a default install references no secret")
                .isFalse();
        JsonNode env = app.path("env");
        assertThat(env.path("CLUSTER_SECRETS").asText()).isEqualTo("generated");
        assertThat(env.path("ZOOKEEPER_ACL").asText()).isEqualTo("open");
        assertThat(env.path("SECRETS_DELIVERY").asText()).isEqualTo("message");

        try (DcosIamStandIn iam = DcosIamStandIn.start(dir.resolve("dcos-ca.crt"));
                LocalCluster cluster = start(
                        settings, dir, new RenderedAppEnvironment(app, Optional.empty(), iam, taskUser(app, dir)))) {
            ServiceApi api = new ServiceApi(cluster.api(), iam.authenticationToken(OPERATOR));
            awaitDeployed(cluster, iam);
            assertThat(processEnvironment(cluster.schedulerPid()))
                    .as("the scheduler was given no cluster secret")
                    .doesNotContainKeys("NODE_API_TOKEN", "CQL_SUPERUSER_PASSWORD", "ZOOKEEPER_DIGEST")
                    .containsEntry("CLUSTER_SECRETS", "generated");
            assertEveryNodeAnswersThroughTheScheduler(api);
            assertCqlRefusesAnonymousClients(api);

            Set<Long> nodes = cassandraPids(dir);
            assertThat(nodes).hasSize(3);
            long scheduler = cluster.schedulerPid();
            ProcessHandle.of(scheduler).orElseThrow().destroyForcibly(); // kill -9
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> cluster.schedulerPid() > 0
                            && cluster.schedulerPid() != scheduler
                            && api.get("/v1/plan").status() == 200);
            // only the nodes hold the generated secrets now: node status answers again once they returned them
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertEveryNodeAnswersThroughTheScheduler(api));
            assertThat(cassandraPids(dir))
                    .as("no node was restarted: the secrets came back from running nodes")
                    .isEqualTo(nodes);

            // the operator's way to the generated superuser password: a node's volume (dcos task exec), as
            // docs/secrets.md says
            String superuser = env.path("CQL_SUPERUSER").asText();
            String password = keptClusterSecrets(dir).path("cql_password").asText();
            writeAndReadARow(api, env, superuser, password, "before");

            // the whole service at once: the scheduler and every executor and Cassandra process, kill -9. Only the
            // nodes' volumes still hold the generated secrets; the new executors hand them to the new scheduler.
            Set<Long> everything = new java.util.HashSet<>(cassandraPids(dir));
            everything.addAll(pids("org.cassandramesos.executor.mesos.Main", dir.toString()));
            long before = cluster.schedulerPid();
            everything.add(before);
            everything.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            await().atMost(DEPLOY)
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        assertThat(cluster.schedulerPid()).isNotIn(before, 0L);
                        assertEveryNodeAnswersThroughTheScheduler(api);
                    });
            assertThat(cassandraPids(dir))
                    .as("every node was started again")
                    .hasSize(3)
                    .doesNotContainAnyElementsOf(nodes);
            assertThat(keptClusterSecrets(dir).path("cql_password").asText()).isEqualTo(password);
            writeAndReadARow(api, env, superuser, password, "after");
        }
        awaitNothingLeftRunning(dir);
    }

    /** The cluster secrets a node keeps on its volume (the first node's), as an operator with task exec reads them. */
    private static JsonNode keptClusterSecrets(Path dir) throws IOException {
        List<Path> kept = new ArrayList<>();
        try (java.util.stream.Stream<Path> agents = Files.list(dir.resolve("mesos"))) {
            for (Path roles : agents.map(agent -> agent.resolve("volumes/roles"))
                    .filter(Files::isDirectory)
                    .toList()) {
                // roles/<role>/<persistence id>: only directories that stay put, never into the files Cassandra writes
                try (java.util.stream.Stream<Path> volumes = Files.walk(roles, 2)) {
                    volumes.map(volume -> volume.resolve(".cluster-secrets/cluster-secrets.json"))
                            .filter(Files::isRegularFile)
                            .forEach(kept::add);
                }
            }
        }
        assertThat(kept).as("a kept copy on each node's volume").hasSize(3);
        return UniverseFiles.JSON.readTree(Files.readAllBytes(kept.get(0)));
    }

    /** A CQL login as {@code user}, a row written at QUORUM and read back. */
    private static void writeAndReadARow(ServiceApi api, JsonNode env, String user, String password, String key)
            throws Exception {
        try (CqlSession session = CqlSession.builder()
                .addContactPoints(contactPoints(api))
                .withLocalDatacenter(env.path("DATACENTER").asText())
                .withAuthCredentials(user, password)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .build())
                .build()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS package_it WITH replication = "
                    + "{'class': 'SimpleStrategy', 'replication_factor': 3}");
            session.execute("CREATE TABLE IF NOT EXISTS package_it.kv (k text PRIMARY KEY, v text)");
            session.execute(SimpleStatement.newInstance("INSERT INTO package_it.kv (k, v) VALUES (?, ?)", key, "world")
                    .setConsistencyLevel(ConsistencyLevel.QUORUM));
            for (String written : key.equals("after") ? List.of("before", "after") : List.of(key)) {
                assertThat(session.execute(
                                        SimpleStatement.newInstance("SELECT v FROM package_it.kv WHERE k = ?", written)
                                                .setConsistencyLevel(ConsistencyLevel.QUORUM))
                                .one()
                                .getString("v"))
                        .as(written)
                        .isEqualTo("world");
            }
        }
    }

    /**
     * The Enterprise profile: the cluster secrets and the ZooKeeper digest in the DC/OS secret store
     * ({@code service.cluster_secrets_in_secret_store}), executors' secrets from the agents' store
     * ({@code service.secrets_delivery=secret-store}), creator-only ZooKeeper ACLs. The deploy completes, every node
     * answers through the scheduler, and CQL serves the superuser with the password the operator put in the store: a
     * row written at QUORUM reads back.
     */
    @Test
    @Order(2)
    void theEnterprisePackageRunsThreeNodesWithItsSecretsFromTheSecretStoreAndServesCqlWithTheStoredPassword()
            throws Exception {
        Path dir = dataDir();
        LocalModeSettings settings = settings(true);
        ObjectNode options = sizing(settings);
        ObjectNode service = (ObjectNode) options.get("service");
        service.put("cluster_secrets_in_secret_store", true);
        service.put("secrets_delivery", "secret-store");
        service.put("zookeeper_open_acl", false);
        JsonNode app = render(options, dir);
        String name = app.path("env").path("SERVICE_NAME").asText();
        // what the operator creates with `dcos security secrets create` before installing (docs/secrets.md)
        Map<String, String> store = Map.of(
                name + "/node-api-token",
                randomSecret(),
                name + "/cql-password",
                randomSecret(),
                name + "/zookeeper-digest",
                "cassandra-mesos:" + randomSecret());

        JsonNode env = app.path("env");
        assertThat(env.path("CLUSTER_SECRETS").asText()).isEqualTo("environment");
        assertThat(env.path("SECRETS_DELIVERY").asText()).isEqualTo("secret-store");
        assertThat(env.path("ZOOKEEPER_ACL").asText()).isEqualTo("creator");
        Set<String> sources = new HashSet<>();
        app.path("secrets").forEach(secret -> sources.add(secret.path("source").asText()));
        assertThat(sources).as("the secret-store paths the app references").isEqualTo(store.keySet());

        try (DcosIamStandIn iam = DcosIamStandIn.start(dir.resolve("dcos-ca.crt"));
                LocalCluster cluster = start(
                        settings, dir, new RenderedAppEnvironment(app, Optional.of(store), iam, taskUser(app, dir)))) {
            ServiceApi api = new ServiceApi(cluster.api(), iam.authenticationToken(OPERATOR));
            awaitDeployed(cluster, iam);
            assertEveryNodeAnswersThroughTheScheduler(api);
            assertCqlRefusesAnonymousClients(api);
            writeAndReadARow(api, env, env.path("CQL_SUPERUSER").asText(), store.get(name + "/cql-password"), "before");
            try (var zookeeper =
                    new org.apache.zookeeper.ZooKeeper(cluster.zookeeper().connectString(), 10_000, e -> {})) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> zookeeper.getState().isConnected());
                assertThatThrownBy(() -> zookeeper.getChildren("/dcos-service-" + name, false))
                        .as("the scheduler's state is creator-only (the digest from the store)")
                        .isInstanceOf(org.apache.zookeeper.KeeperException.NoAuthException.class);
            }
        }
        awaitNothingLeftRunning(dir);
    }

    // ---- the package, rendered as Cosmos renders it -------------------------------------------------------------

    /** The node size this machine affords three of (the other real-Cassandra tests' heap), and the operator's uid. */
    private static ObjectNode sizing(LocalModeSettings settings) {
        ObjectNode options = UniverseFiles.JSON.createObjectNode();
        options.putObject("nodes")
                .put("heap", settings.heapMb())
                .put("mem", settings.nodeMemMb())
                .put("disk", 2048);
        options.putObject("service").put("dcos_superuser_uid", OPERATOR);
        return options;
    }

    /**
     * Cosmos: the options validated against config.json, merged over its defaults, the template rendered with them and
     * resource.json, whose {@code {{artifact-dir}}} is where this test publishes the build's artifacts (the artifact
     * server a real package points at).
     */
    private static JsonNode render(JsonNode userOptions, Path dir) throws IOException {
        JsonNode schema = UniverseFiles.configSchema();
        assertThat(new OptionsValidator(schema).validate(userOptions))
                .as("Cosmos accepts the options %s", userOptions)
                .isEmpty();
        Path repo = UniverseFiles.repoRoot();
        Artifacts built = Artifacts.inCheckout(repo);
        Path served = dir.resolve("artifact-server");
        Map<String, Path> artifacts = Map.of(
                "cassandra-scheduler.tar.gz", repo.resolve("scheduler/target/cassandra-scheduler.tar.gz"),
                "cassandra-executor.tar.gz", built.executorTarball(),
                "cassandra-dist.tar.gz", built.cassandraTarball(),
                "java-runtime.tar.gz", built.javaRuntimeTarball());
        for (Map.Entry<String, Path> artifact : artifacts.entrySet()) {
            Artifacts.publishAs(artifact.getValue(), served.resolve(artifact.getKey()));
        }
        ResourceJsonRenderer.Rendered resource = ResourceJsonRenderer.render(
                UniverseFiles.text(UniverseFiles.universe().resolve("resource.json")),
                served.toUri().toString(),
                artifacts);
        assertThat(resource.missingArtifacts())
                .as("artifacts the app fetches")
                .doesNotContainAnyElementsOf(artifacts.keySet());
        return MarathonAppRenderer.renderJson(
                UniverseFiles.template(),
                PackageOptions.effective(schema, userOptions),
                UniverseFiles.JSON.readTree(resource.json()));
    }

    private static JsonNode withoutEnv(JsonNode app, Set<String> names) {
        ObjectNode copy = app.deepCopy();
        ((ObjectNode) copy.path("env")).remove(names);
        return copy;
    }

    // ---- the cluster ---------------------------------------------------------------------------------------------

    /** A data directory the nodes' user can enter (a JUnit temporary directory is private). */
    private Path dataDir() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Files.createDirectories(tmp.resolve("local-data"));
    }

    /** Local mode's sizing for three nodes; its task user and secret-store flag shape local mode's own environment only. */
    private static LocalModeSettings settings(boolean secretStore) throws IOException {
        return new LocalModeSettings(3, HEAP_MB, freePort(), freePort(), secretStore, System.getProperty("user.name"));
    }

    /**
     * Run as root, the local agents switch to the app's {@code service.user} as DC/OS agents do (the data directory must
     * let that user in); otherwise they can only run tasks as this test's user, which then replaces it.
     */
    private static Optional<String> taskUser(JsonNode app, Path dir) throws IOException {
        if (!TaskUser.currentUserIsRoot()) {
            return Optional.of(System.getProperty("user.name"));
        }
        String user = app.path("env").path("FRAMEWORK_USER").asText();
        TaskUser account = TaskUser.lookup(user).orElseThrow(() -> new AssertionError("no user " + user + " here"));
        assertThat(account.cannotReach(dir.resolve("sandbox"), false))
                .as("%s enters the data directory", user)
                .isEmpty();
        return Optional.empty();
    }

    private static LocalCluster start(LocalModeSettings settings, Path dir, RenderedAppEnvironment environment)
            throws Exception {
        return LocalCluster.start(
                settings,
                Artifacts.inCheckout(UniverseFiles.repoRoot()),
                dir,
                environment,
                event -> System.out.println("[marathon] " + event),
                UnaryOperator.identity());
    }

    /** The deploy plan to COMPLETE, its steps printed as they change; on a timeout, what the API last answered. */
    private static void awaitDeployed(LocalCluster cluster, DcosIamStandIn iam) throws Exception {
        String token = iam.authenticationToken(OPERATOR);
        PlanWatcher plan = new PlanWatcher(cluster.api(), token, System.out);
        try {
            await().atMost(DEPLOY).pollInterval(Duration.ofSeconds(2)).until(plan::poll);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String last;
            try {
                ServiceApi.Answer answer = new ServiceApi(cluster.api(), token).get("/v1/plan");
                last = answer.status() + " " + answer.body();
            } catch (IOException down) {
                last = "no answer (" + down + ")";
            }
            throw new AssertionError(
                    "deploy not COMPLETE within " + DEPLOY + "; GET /v1/plan: " + last + "; scheduler log: "
                            + cluster.schedulerLog(),
                    e);
        }
    }

    /**
     * Every node RUNNING and active as the scheduler knows it, and its live status answered: the scheduler gets that
     * from the node's executor, whose node API takes only the cluster's node API token.
     */
    private static void assertEveryNodeAnswersThroughTheScheduler(ServiceApi api) throws Exception {
        ServiceApi.Answer plan = api.get("/v1/plan");
        assertThat(plan.status()).as("plan: %s", plan.body()).isEqualTo(200);
        assertThat(plan.body().path("status").asText()).isEqualTo("COMPLETE");
        List<String> names = new ArrayList<>();
        api.get("/v1/nodes/list").body().forEach(node -> names.add(node.asText()));
        assertThat(names).containsExactlyInAnyOrder("node-0", "node-1", "node-2");
        for (String node : names) {
            JsonNode info = api.get("/v1/nodes/" + node + "/info").body();
            assertThat(info.path("state").asText()).as("%s: %s", node, info).isEqualTo("TASK_RUNNING");
            assertThat(info.path("status").asText()).as("%s: %s", node, info).isEqualTo("active");
            ServiceApi.Answer status = api.get("/v1/nodes/" + node + "/status");
            assertThat(status.status()).as("%s status: %s", node, status.body()).isEqualTo(200);
            JsonNode cassandra = status.body().path("cassandra");
            assertThat(cassandra.path("operation_mode").asText())
                    .as("%s: %s", node, status.body())
                    .isEqualTo("NORMAL");
            assertThat(cassandra.path("native_transport_running").asBoolean())
                    .as("%s serves CQL", node)
                    .isTrue();
        }
    }

    private static void assertCqlRefusesAnonymousClients(ServiceApi api) throws Exception {
        for (InetSocketAddress point : contactPoints(api)) {
            try (CqlSession anonymous = CqlSession.builder()
                    .addContactPoint(point)
                    .withLocalDatacenter("datacenter1")
                    .build()) {
                throw new AssertionError("an anonymous CQL session to " + point + " was accepted");
            } catch (AllNodesFailedException refused) {
                assertThat(refused.getAllErrors().values().stream().flatMap(List::stream))
                        .as("CQL at %s", point)
                        .anyMatch(e -> e instanceof AuthenticationException);
            }
        }
    }

    private static List<InetSocketAddress> contactPoints(ServiceApi api) throws Exception {
        List<InetSocketAddress> points = new ArrayList<>();
        for (JsonNode address : api.get("/v1/connection").body().path("address")) {
            String[] hostPort = address.asText().split(":");
            points.add(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        }
        assertThat(points).hasSize(3);
        return points;
    }

    /** After the cluster is closed: no Cassandra and no executor of it runs any more. */
    private static void awaitNothingLeftRunning(Path dir) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(cassandraPids(dir)).as("Cassandra processes left").isEmpty();
            assertThat(pids("org.cassandramesos.executor.mesos.Main", dir.toString()))
                    .as("executors left")
                    .isEmpty();
        });
    }

    private static Set<Long> cassandraPids(Path dir) {
        return pids("CassandraDaemon", dir.toString());
    }

    /** Processes whose whole command line (from /proc) contains every one of {@code parts}. */
    private static Set<Long> pids(String... parts) {
        return ProcessHandle.allProcesses()
                .filter(process -> {
                    String command = procFile(process.pid(), "cmdline").replace('\0', ' ');
                    return List.of(parts).stream().allMatch(command::contains);
                })
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** A process's environment, as Marathon and Mesos gave it to it. */
    private static Map<String, String> processEnvironment(long pid) {
        Map<String, String> env = new HashMap<>();
        for (String entry : procFile(pid, "environ").split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                env.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        assertThat(env).as("environment of pid %d", pid).isNotEmpty();
        return env;
    }

    /** /proc/{pid}/{file} (NUL-separated entries); empty once the process is gone. */
    private static String procFile(long pid, String file) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
