package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backups routes without a usable store: 503 naming BACKUP_LOCATION when none is configured, 502 naming the
 * location (and never its keys) when the configured store cannot be reached.
 */
class BackupsApiWithoutStoreTest {
    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp UNCONFIGURED = new ApiApp(ZK);

    static final int CLOSED_PORT = closedPort();
    static final String SECRET = "secret-that-must-not-leak";
    static final ApiApp UNREACHABLE = new ApiApp(
            ZK,
            ConfigOverride.config("backup_location", "http://127.0.0.1:" + CLOSED_PORT + "/backups/prefix"),
            ConfigOverride.config("backup_s3_access_key_id", "access-that-must-not-leak"),
            ConfigOverride.config("backup_s3_secret_access_key", SECRET),
            ConfigOverride.config("backup_api.s3_timeout", "PT2S"));

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = UNCONFIGURED.extension;

    @RegisterExtension
    @Order(3)
    static final DropwizardAppExtension<SchedulerConfiguration> APP_UNREACHABLE = UNREACHABLE.extension;

    static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/v1/backups"},
            new String[] {"GET", "/v1/backups/nightly"},
            new String[] {"DELETE", "/v1/backups/nightly"},
            new String[] {"GET", "/v1/backups/nightly/files/node-0/ks/t/nb-1-big-Data.db"},
            new String[] {"PUT", "/v1/backups/nightly/files/node-0/ks/t/nb-1-big-Data.db"},
            new String[] {"DELETE", "/v1/backups/nightly/files/node-0/schema.cql"});

    @Test
    void everyRouteIs503NamingTheMissingSettingWithoutALocation() {
        for (String[] route : ROUTES) {
            Response response = UNCONFIGURED.call(route[0], route[1]);
            assertThat(response.getStatus()).as("%s %s", route[0], route[1]).isEqualTo(503);
            assertThat(response.readEntity(JsonNode.class).path("message").asText())
                    .isEqualTo("no backup location configured (BACKUP_LOCATION)");
        }
        assertThat(UNCONFIGURED.call("HEAD", "/v1/backups/nightly").getStatus()).isEqualTo(503);
    }

    @Test
    void anUnreachableStoreIs502NamingTheLocationButNotItsKeys() {
        for (String[] route : ROUTES) {
            Response response = UNREACHABLE.call(route[0], route[1]);
            String body = response.readEntity(String.class);
            assertThat(response.getStatus())
                    .as("%s %s: %s", route[0], route[1], body)
                    .isEqualTo(502);
            assertThat(body)
                    .contains("http://127.0.0.1:" + CLOSED_PORT + "/backups/prefix")
                    .doesNotContain(SECRET)
                    .doesNotContain("access-that-must-not-leak")
                    .doesNotContain("Exception:");
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
