package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Phase;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One operation at a time holds under concurrency: 50 starts at once through the real app, one wins. */
class ParallelOperationStartsTest {
    static final int STARTS = 50;

    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(ZK);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    @Test
    void fiftySimultaneousStartsGiveExactlyOne202AndFortyNine409s() throws Exception {
        API.get(DeployPlanManager.class).update(ParallelOperationStartsTest::completed);
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(STARTS))
                .build();
        CyclicBarrier together = new CyclicBarrier(STARTS);
        ExecutorService threads = Executors.newFixedThreadPool(STARTS);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < STARTS; i++) {
                answers.add(threads.submit(() -> {
                    HttpRequest start = HttpRequest.newBuilder(URI.create(API.url() + "/v1/repair/start"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "token=" + API.token)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"nodes\":[\"*\"]}"))
                            .build();
                    together.await();
                    return http.send(start, HttpResponse.BodyHandlers.ofString());
                }));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() == 409) {
                    assertThat(new ObjectMapper()
                                    .readTree(response.body())
                                    .path("message")
                                    .asText())
                            .contains("one operation runs at a time");
                }
            }
            assertThat(statuses).isEqualTo(Map.of(202, 1, 409, STARTS - 1));
        } finally {
            threads.shutdownNow();
        }
        assertThat(API.call("GET", "/v1/repair/status").readEntity(String.class))
                .contains("\"state\":\"RUNNING\"");
    }

    private static Plan completed(Plan plan) {
        for (Phase phase : plan.phases()) {
            plan = plan.forceComplete(phase.id(), java.util.Optional.empty()).orElseThrow();
        }
        return plan;
    }
}
