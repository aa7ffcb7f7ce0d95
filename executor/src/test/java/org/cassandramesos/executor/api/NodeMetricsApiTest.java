package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/metrics} on the node API over real HTTP (Cassandra not started): the node token is needed, and the
 * executor's job metrics follow a job as it reports progress and transferred bytes (a backup job that reports what a
 * real one would, without S3).
 */
class NodeMetricsApiTest {
    private static final String TOKEN = "node-token-metrics-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static CassandraNode node;
    private static NodeApiServer server;
    private static NodeJobs jobs;
    private static final CountDownLatch halfway = new CountDownLatch(1);
    private static final CountDownLatch proceed = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        node = new CassandraNode(
                TestSpecs.spec(List.of("127.0.0.1"), TestSpecs.fixedPorts(), Map.of()),
                "127.0.0.1",
                new NodeLayout(dir.resolve("home"), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        // a backup of two files of 3000 and 5000 bytes: the first uploaded, then (after the test looked) the second
        // found already stored
        jobs = new NodeJobs(node, Map.of(JobKind.BACKUP, request -> context -> {
            context.progress(new JobProgress(2, 0, 0, 8000, 0));
            context.transferred(3000);
            context.progress(new JobProgress(2, 1, 0, 8000, 3000));
            halfway.countDown();
            proceed.await();
            context.progress(new JobProgress(2, 2, 1, 8000, 8000));
            return "uploaded 1 file, 1 already stored";
        }));
        server = NodeApiServer.start(
                new CassandraVerbs(node, Duration.ofSeconds(5), ProcessCounters.system()), jobs, "127.0.0.1", 0, TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        proceed.countDown();
        server.close();
        jobs.close();
        node.close();
    }

    private static HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.uri().resolve("/v1/metrics")).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape() throws Exception {
        HttpResponse<String> answer = get("token=" + TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/plain")
                .contains("version=0.0.4");
        return answer.body();
    }

    @Test
    void metricsNeedTheNodeTokenAndFollowABackupJobsProgressAndTransferredBytes() throws Exception {
        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("token=wrong-" + TOKEN).statusCode()).isEqualTo(401);

        String idle = scrape();
        assertThat(idle)
                .contains(
                        "# TYPE cassandra_mesos_node_job_bytes_transferred_total counter",
                        "# TYPE cassandra_mesos_node_job_running gauge",
                        "cassandra_mesos_node_job_bytes_transferred_total{kind=\"backup\"} 0.0",
                        "cassandra_mesos_node_job_running{kind=\"backup\"} 0.0");

        jobs.submit(new JobRequest(
                "backup-first-node-0",
                JobKind.BACKUP,
                List.of(),
                List.of(),
                new BackupTarget("first", "s3://bucket/prefix", null, null)));
        halfway.await();
        String running = scrape();
        assertThat(running)
                .contains(
                        "cassandra_mesos_node_job_running{kind=\"backup\"} 1.0",
                        "cassandra_mesos_node_job_bytes_transferred_total{kind=\"backup\"} 3000.0",
                        "cassandra_mesos_node_job_files{kind=\"backup\",quantity=\"total\"} 2.0",
                        "cassandra_mesos_node_job_files{kind=\"backup\",quantity=\"done\"} 1.0",
                        "cassandra_mesos_node_job_bytes{kind=\"backup\",quantity=\"done\"} 3000.0",
                        "cassandra_mesos_node_job_bytes{kind=\"backup\",quantity=\"total\"} 8000.0");

        proceed.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> scrape().contains("cassandra_mesos_node_job_running{kind=\"backup\"} 0.0"));
        String done = scrape();
        // the file found already stored counts as done, never as transferred
        assertThat(done)
                .contains(
                        "cassandra_mesos_node_job_bytes_transferred_total{kind=\"backup\"} 3000.0",
                        "cassandra_mesos_node_job_files{kind=\"backup\",quantity=\"skipped\"} 1.0",
                        "cassandra_mesos_node_job_bytes{kind=\"backup\",quantity=\"done\"} 8000.0",
                        "cassandra_mesos_node_job_bytes_transferred_total{kind=\"restore\"} 0.0");
    }
}
