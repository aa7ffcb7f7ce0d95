package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The banner's {@code metrics} line per node, from what {@code GET /v1/nodes/info} answers once the deploy is done. */
class NodeMetricsLinesTest {

    @Test
    void printsOneMetricsLinePerNodeThatHasAMetricsUrl() throws Exception {
        var info = new ObjectMapper()
                .readTree(
                        "[{\"name\": \"node-0\", \"ip\": \"127.0.0.2\", \"metrics_url\": \"http://127.0.0.2:7070/metrics\"},"
                                + " {\"name\": \"node-1\", \"ip\": \"127.0.0.3\"},"
                                + " {\"name\": \"node-2\", \"ip\": \"127.0.0.4\", \"metrics_url\": \"http://127.0.0.4:7070/metrics\"}]");

        assertThat(LocalModeMain.nodeMetricsLines(info))
                .containsExactly(
                        "  metrics    http://127.0.0.2:7070/metrics   (node-0, Cassandra, Prometheus text; curl "
                                + "http://127.0.0.2:7070/metrics)",
                        "  metrics    http://127.0.0.4:7070/metrics   (node-2, Cassandra, Prometheus text; curl "
                                + "http://127.0.0.4:7070/metrics)");
    }
}
