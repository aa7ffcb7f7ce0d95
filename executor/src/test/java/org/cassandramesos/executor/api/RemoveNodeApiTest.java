package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.mesos.NodeJobKinds;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/cassandra/removenode} on one real Cassandra node (256 MB heap) on 127.0.0.51: the ring view it reads
 * over JMX names this node by its address with its host id, an address no member has is 404, this node's own is 400.
 * (Removing a dead member needs a second node that died: the scheduler's component test covers that flow.)
 */
class RemoveNodeApiTest {
    private static final String IP = "127.0.0.51";
    private static final String TOKEN = "removenode-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static CassandraNodeSpec spec;
    private static CassandraNode node;
    private static NodeJobs jobs;
    private static NodeApiServer api;
    private static final List<Long> pids = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        spec = TestSpecs.spec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        node = new CassandraNode(
                spec,
                IP,
                new NodeLayout(TestSpecs.cassandraHome(), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        jobs = new NodeJobs(node, NodeJobKinds.all());
        api = NodeApiServer.start(
                new CassandraVerbs(node, Duration.ofSeconds(60), ProcessCounters.system()),
                jobs,
                IP,
                spec.ports().nodeApi(),
                TOKEN);
        pids.add(node.start());
        // generous: the test machine may be busy; a ready node is usually there in well under a minute
        await().atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofMillis(500))
                .until(node::ready);
    }

    @AfterAll
    static void stop() {
        try {
            if (api != null) {
                api.close();
            }
            if (jobs != null) {
                jobs.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        }
    }

    private static HttpResponse<String> removeNode(String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://" + IP + ":" + spec.ports().nodeApi() + "/v1/cassandra/removenode"))
                        .header("Authorization", "token=" + TOKEN)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRingViewNamesThisNodeByAddressWithItsHostId() {
        Map<String, String> ring = node.withJmx(jmx -> jmx.hostIdsByAddress());
        String hostId = node.withJmx(jmx -> jmx.status().hostId());

        assertThat(ring).containsEntry(IP, hostId);
    }

    @Test
    void anAddressNoMemberHasIs404AndThisNodesOwnIs400() throws Exception {
        HttpResponse<String> stranger = removeNode("{\"address\": \"127.0.0.59\"}");
        HttpResponse<String> own = removeNode("{\"address\": \"" + IP + "\"}");
        HttpResponse<String> name = removeNode("{\"address\": \"localhost\"}");

        assertThat(stranger.statusCode()).as(stranger.body()).isEqualTo(404);
        assertThat(stranger.body()).contains("no member of the ring has the address 127.0.0.59");
        assertThat(own.statusCode()).isEqualTo(400);
        assertThat(own.body()).contains("decommission it instead");
        assertThat(name.statusCode()).isEqualTo(400);
        assertThat(node.isRunning()).isTrue();
    }
}
