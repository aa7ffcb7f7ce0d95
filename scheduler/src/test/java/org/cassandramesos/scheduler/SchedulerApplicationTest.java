package org.cassandramesos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.zookeeper.KeeperException;
import org.cassandramesos.scheduler.config.ClusterSecretsSource;
import org.cassandramesos.scheduler.config.ConfigJson;
import org.cassandramesos.scheduler.config.SecretsDelivery;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.ZooKeeperAccess;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole Dropwizard app from the bundled scheduler.yml, against a real ZooKeeper. */
class SchedulerApplicationTest {
    private static final String TOKEN = "s3cret-" + UUID.randomUUID();
    private static final String SERVICE = "app-" + UUID.randomUUID();

    // ordered so that the app stops before its ZooKeeper does
    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = new DropwizardAppExtension<>(
            SchedulerApplication.class,
            ResourceHelpers.resourceFilePath("scheduler.yml"),
            ConfigOverride.config("service.zookeeper_connect", () -> ZK.server().getConnectString()),
            ConfigOverride.config("zookeeper_digest", ZooKeeperFixture.DIGEST),
            ConfigOverride.config("service.service_name", SERVICE),
            ConfigOverride.config("auth_token", TOKEN),
            ConfigOverride.config("node_api_token", "node-api-token-for-the-application-test-0123456789"),
            ConfigOverride.config("service.executor.executor_uri", "http://repo.test/executor.tar.gz"),
            ConfigOverride.config("service.executor.cassandra_uri", "http://repo.test/cassandra.tar.gz"),
            ConfigOverride.config("service.executor.java_runtime_uri", "http://repo.test/java-runtime.tar.gz"),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"));

    private Invocation.Builder api(String path) {
        return APP.client()
                .target("http://localhost:" + APP.getLocalPort() + path)
                .request();
    }

    @Test
    void bundledConfigTakesNestedEnvironmentDefaults() throws Exception {
        try (var in = SchedulerApplication.configurationSource().open("scheduler.yml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(yaml)
                    .doesNotContain("${")
                    .contains("port: 9000", "port: 9100", "count: 3", "zookeeper_acl: creator");
        }
    }

    @Test
    void marathonsHealthCheckPassesWhileTheSchedulerWaitsForAMesosMasterAndConnectedSaysItIsNotSubscribed()
            throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String admin = "http://localhost:" + APP.getAdminPort();
        Response health = APP.client().target(admin + "/healthcheck").request().get();
        Response connected = APP.client().target(admin + "/connected").request().get();

        // no Mesos master (leader.mesos) in this test: the scheduler is correctly waiting, so it is alive ...
        String healthBody = health.readEntity(String.class);
        assertThat(health.getStatus()).as(healthBody).isEqualTo(200);
        var checks = json.readTree(healthBody);
        var scheduler = checks.get("scheduler");
        assertThat(scheduler.get("healthy").asBoolean()).isTrue();
        assertThat(scheduler.get("message").asText()).isEqualTo("leader; waiting for a Mesos master (re-subscribing)");
        assertThat(scheduler.get("role").asText()).isEqualTo("leader");
        assertThat(scheduler.get("connected").asBoolean()).isFalse();
        assertThat(scheduler.get("mesos_subscribed").asBoolean()).isFalse();
        assertThat(scheduler.get("zookeeper_connected").asBoolean()).isTrue();
        // ... and not connected, which /connected says with a failing status for monitoring
        assertThat(connected.getStatus()).isEqualTo(500);
        var connections = json.readTree(connected.readEntity(String.class));
        assertThat(connections.get("zookeeper").get("healthy").asBoolean()).isTrue();
        assertThat(connections.get("mesos").get("healthy").asBoolean()).isFalse();
        assertThat(connections.get("mesos").get("message").asText()).isEqualTo("not subscribed to a Mesos master");
        assertThat(APP.<SchedulerApplication>getApplication()
                        .injector()
                        .getInstance(StateConnection.class)
                        .isConnected())
                .isTrue();
    }

    @Test
    void readinessProbeIsOnTheApiPortUnauthenticatedAnd503UntilTheDeployPlanIsComplete() {
        Response response = api("/ready").get();
        Response admin = APP.client()
                .target("http://localhost:" + APP.getAdminPort() + "/ready")
                .request()
                .get();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.readEntity(String.class)).isEqualTo("{\"ready\":false}");
        assertThat(admin.getStatus()).isEqualTo(404);
    }

    @Test
    void adminPortListensOnLoopbackOnlyAndHasNoTasks() {
        String admin = "http://127.0.0.1:" + APP.getAdminPort();
        Response gc = APP.client().target(admin + "/tasks/gc").request().post(jakarta.ws.rs.client.Entity.text(""));
        Response logLevel = APP.client()
                .target(admin + "/tasks/log-level?logger=ROOT&level=DEBUG")
                .request()
                .post(jakarta.ws.rs.client.Entity.text(""));
        Response tasks = APP.client().target(admin + "/tasks").request().get();
        Response ping = APP.client().target(admin + "/ping").request().get();

        assertThat(List.of(gc.getStatus(), logLevel.getStatus(), tasks.getStatus()))
                .containsOnly(404);
        assertThat(ping.getStatus()).isEqualTo(200);
        // the API port listens on every address, the admin port on 127.0.0.1 only
        assertThat(APP.client()
                        .target("http://127.0.0.2:" + APP.getLocalPort() + "/ready")
                        .request()
                        .get()
                        .getStatus())
                .isEqualTo(503);
        assertThatThrownBy(() -> APP.client()
                        .target("http://127.0.0.2:" + APP.getAdminPort() + "/ping")
                        .request()
                        .get())
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void apiRefusesRequestsWithoutAValidToken() {
        Response none = api("/v1/config/target").get();
        Response wrong = api("/v1/config/target")
                .header(HttpHeaders.AUTHORIZATION, "Bearer nope")
                .get();

        assertThat(none.getStatus()).isEqualTo(401);
        assertThat(none.readEntity(String.class)).contains("\"message\"");
        assertThat(wrong.getStatus()).isEqualTo(401);
    }

    @Test
    void targetConfigIsServedWithEitherTokenFormAndWithoutTheToken() {
        Response dcos = api("/v1/config/target")
                .header(HttpHeaders.AUTHORIZATION, "token=" + TOKEN)
                .get();
        Response bearer = api("/v1/config/target")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .get();

        assertThat(dcos.getStatus()).isEqualTo(200);
        assertThat(bearer.getStatus()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = dcos.readEntity(Map.class);
        assertThat(body).containsEntry("service_name", SERVICE).containsEntry("failover_timeout", "PT336H");
        assertThat(body.toString()).doesNotContain(TOKEN);
        assertThat(api("/v1/config/not-a-uuid")
                        .header(HttpHeaders.AUTHORIZATION, "token=" + TOKEN)
                        .get()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void theDeployedConfigWithEnvironmentDefaultsIsTheStoredTarget() {
        ServiceConfig target = new ConfigStore(new CuratorPersister(ZK.newClient(), SERVICE))
                .target()
                .orElseThrow()
                .config();

        assertThat(target).isEqualTo(APP.getConfiguration().getService());
        assertThat(target.nodes().count()).isEqualTo(3); // ${NODES:-3} substituted
        assertThat(target.placement().constraints()).isEqualTo("hostname:UNIQUE");
        assertThat(target.placement().rackAttribute()).isEmpty();
        assertThat(target.failoverTimeout()).isEqualTo(java.time.Duration.ofDays(14)); // seconds in the YAML
        assertThat(target.retry().initialBackoff()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(APP.getConfiguration().getMesosMasterUrl()).isEqualTo("http://leader.mesos:5050");
        assertThat(new String(ConfigJson.write(target))).doesNotContain(TOKEN);
    }

    @Test
    void theAppsStateIsReadableWithItsZooKeeperDigestOnly() throws Exception {
        String root = "/" + CuratorPersister.namespace(SERVICE);
        var outsider = ZK.newClient(ZooKeeperAccess.open());

        assertThat(ZK.newClient().getChildren().forPath(root)).isNotEmpty();
        assertThatThrownBy(() -> outsider.getChildren().forPath(root))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> outsider.getData().forPath(root)).isInstanceOf(KeeperException.NoAuthException.class);
        String password = ZooKeeperFixture.ACCESS.digest().orElseThrow().password();
        assertThat(new String(ConfigJson.write(APP.getConfiguration().getService())))
                .doesNotContain(password);
    }

    @Test
    void theLeaderLatchIsUnderTheServiceRootWithTheCreatorOnlyAcl() throws Exception {
        String latch = "/" + CuratorPersister.namespace(SERVICE) + "/leader";
        var owner = ZK.newClient();

        List<String> candidates = owner.getChildren().forPath(latch);
        assertThat(candidates).hasSize(1); // this app, elected
        String digestUser = ZooKeeperFixture.ACCESS.digest().orElseThrow().user();
        for (String znode : List.of(latch, latch + "/" + candidates.get(0))) {
            // creator-only: the server has turned CREATOR_ALL_ACL into the digest user's, with every permission
            assertThat(owner.getACL().forPath(znode)).singleElement().satisfies(acl -> {
                assertThat(acl.getId().getScheme()).isEqualTo("digest");
                assertThat(acl.getId().getId()).startsWith(digestUser + ":");
                assertThat(acl.getPerms()).isEqualTo(org.apache.zookeeper.ZooDefs.Perms.ALL);
            });
        }
        assertThatThrownBy(
                        () -> ZK.newClient(ZooKeeperAccess.open()).getChildren().forPath(latch))
                .isInstanceOf(KeeperException.NoAuthException.class);
    }

    @Test
    void withoutAZooKeeperDigestTheAppRefusesToStartUnlessOpenIsChosen() {
        SchedulerConfiguration config = new SchedulerConfiguration();

        assertThatThrownBy(config::zookeeperAccess).hasMessageContaining("ZOOKEEPER_DIGEST");
        config.setZookeeperAcl("open");
        assertThat(config.zookeeperAccess().isCreatorOnly()).isFalse();
    }

    @Test
    void generatedClusterSecretsRefuseSecretsFromTheEnvironmentAndSecretStoreDelivery() {
        ServiceConfig defaults = ServiceConfig.defaults("generated");
        ServiceConfig service =
                defaults.withExecutor(defaults.executor().withClusterSecrets(ClusterSecretsSource.GENERATED));
        SchedulerConfiguration config = new SchedulerConfiguration();

        SchedulerApplication.requireClusterSecrets(config, service);
        config.setNodeApiToken("an-operator-token-that-would-be-ignored-0123");
        assertThatThrownBy(() -> SchedulerApplication.requireClusterSecrets(config, service))
                .hasMessageContaining("unset NODE_API_TOKEN");
        config.setNodeApiToken(null);
        ServiceConfig secretStore =
                service.withExecutor(service.executor().withSecretsDelivery(SecretsDelivery.SECRET_STORE));
        assertThatThrownBy(() -> SchedulerApplication.requireClusterSecrets(config, secretStore))
                .hasMessageContaining("SECRETS_DELIVERY=message");

        assertThatThrownBy(() -> SchedulerApplication.requireClusterSecrets(config, defaults))
                .hasMessageContaining("NODE_API_TOKEN is not set");
        assertThatThrownBy(() -> ClusterSecretsSource.parse("vault")).hasMessageContaining("unknown CLUSTER_SECRETS");
    }
}
