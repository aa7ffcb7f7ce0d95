package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.Response;
import org.cassandramesos.apidocs.OpenApiHtml;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /docs} on the API port: the spec as one self-contained HTML page, without authentication. */
class DocsPageTest {
    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(ZK);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    @Test
    void servesEveryPathOfTheSpecAsSelfContainedHtmlWithoutAToken() {
        Response response = API.anonymous("/docs").get();
        String html = response.readEntity(String.class);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType().toString()).startsWith("text/html");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>cassandra-mesos scheduler API");
        OpenApiSpec.load()
                .path("paths")
                .fieldNames()
                .forEachRemaining(
                        path -> assertThat(html).contains("<h2 class=\"p\" id=\"" + OpenApiHtml.escape(path) + "\">"));
        assertThat(html)
                .contains("<code>Authorization: token=&lt;token&gt;</code>")
                .contains("plan not complete")
                .doesNotContain("<script")
                .doesNotContain("src=")
                .doesNotContain("href=\"http")
                .doesNotContain("<link");
    }
}
