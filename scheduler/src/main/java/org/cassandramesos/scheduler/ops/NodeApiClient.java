package org.cassandramesos.scheduler.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.protocol.jobs.JobStatus;
import org.cassandramesos.protocol.jobs.NodeProcessInfo;
import org.cassandramesos.scheduler.tls.NodeApiTls;

/**
 * The scheduler's one client of the executors' node API, with the node API token and bounded timeouts: the
 * job protocol ({@code /v1/jobs/{id}}), the seed 003 lifecycle verbs ({@code /v1/cassandra/<verb>}), process
 * info and the live Cassandra status. An executor that cannot be reached or does not answer in time is a
 * {@link Unreachable}; any HTTP answer is returned as an {@link Answer}.
 */
public final class NodeApiClient {
    private final HttpClient http;
    private final NodeApiToken token;
    private final Duration timeout;
    private final String scheme;

    public NodeApiClient(NodeApiToken token, Duration timeout) {
        this(token, timeout, NodeApiTls.plain());
    }

    /** With {@code tls} trusting a CA, every call is https and the executor's certificate must name its IP. */
    public NodeApiClient(NodeApiToken token, Duration timeout, NodeApiTls tls) {
        this.token = token;
        this.timeout = timeout;
        this.scheme = tls.scheme();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        tls.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** An HTTP answer of the node API. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** The {@code message} of an error body, else the body itself (short). */
        public String message() {
            try {
                JsonNode json = TaskData.mapper().readTree(body);
                if (json != null && json.hasNonNull("message")) {
                    return json.get("message").asText();
                }
            } catch (IOException e) {
                // not JSON: the body as it is
            }
            String text = body == null ? "" : body.strip();
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }

        public <T> T read(Class<T> type) {
            try {
                return TaskData.mapper().readValue(body, type);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "the executor answered " + status + " with an unreadable " + type.getSimpleName() + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /** The executor could not be reached or did not answer within the timeout. */
    public static final class Unreachable extends Exception {
        public Unreachable(String message) {
            super(message);
        }
    }

    public Answer putJob(NodeAddress node, JobRequest job) throws Unreachable {
        return send(node, "PUT", "/v1/jobs/" + job.id(), Optional.of(json(job)), timeout);
    }

    public Answer getJob(NodeAddress node, String jobId) throws Unreachable {
        return send(node, "GET", "/v1/jobs/" + jobId, Optional.empty(), timeout);
    }

    public Answer deleteJob(NodeAddress node, String jobId) throws Unreachable {
        return send(node, "DELETE", "/v1/jobs/" + jobId, Optional.empty(), timeout);
    }

    /** {@code POST /v1/cassandra/<verb>}: start, stop, shutdown, reset, decommission. */
    public Answer lifecycle(NodeAddress node, String verb, Duration within) throws Unreachable {
        return send(node, "POST", "/v1/cassandra/" + verb, Optional.of(""), within);
    }

    /** {@code POST /v1/cassandra/removenode {"address": IP}} on a live node: removes the dead member at {@code address}. */
    public Answer removeNode(NodeAddress via, String address, Duration within) throws Unreachable {
        String body;
        try {
            body = org.cassandramesos.protocol.TaskData.mapper()
                    .writeValueAsString(java.util.Map.of("address", address));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return send(via, "POST", "/v1/cassandra/removenode", Optional.of(body), within);
    }

    public NodeProcessInfo info(NodeAddress node) throws Unreachable {
        Answer answer = send(node, "GET", "/v1/cassandra/info", Optional.empty(), timeout);
        if (!answer.ok()) {
            throw new Unreachable("the executor of " + node.node() + " answered " + answer.status() + " for its info");
        }
        return answer.read(NodeProcessInfo.class);
    }

    /** {@code GET /v1/cassandra/keyspaces}: every keyspace's replication, as the node reads it from its schema. */
    public java.util.List<org.cassandramesos.protocol.jobs.KeyspaceReplication> keyspaces(NodeAddress node)
            throws Unreachable {
        Answer answer = send(node, "GET", "/v1/cassandra/keyspaces", Optional.empty(), timeout);
        if (!answer.ok()) {
            throw new Unreachable("the executor of " + node.node() + " answered " + answer.status()
                    + " for its keyspaces: " + answer.message());
        }
        return java.util.List.of(answer.read(org.cassandramesos.protocol.jobs.KeyspaceReplication[].class));
    }

    /** {@code GET /v1/cassandra/status}: the live Cassandra status, as the executor words it. */
    public Answer cassandraStatus(NodeAddress node) throws Unreachable {
        return send(node, "GET", "/v1/cassandra/status", Optional.empty(), timeout);
    }

    public static JobStatus jobStatus(Answer answer) {
        return answer.read(JobStatus.class);
    }

    private Answer send(NodeAddress node, String method, String path, Optional<String> body, Duration within)
            throws Unreachable {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(scheme, path))
                .timeout(within)
                .header("Accept", "application/json")
                .method(
                        method,
                        body.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        body.ifPresent(b -> request.header("Content-Type", "application/json"));
        String credential = token.value()
                .orElseThrow(() -> new Unreachable("the scheduler does not hold the node API "
                        + "token yet: it is asking the nodes for the cluster's generated secrets (docs/secrets.md); try again "
                        + "shortly"));
        request.header("Authorization", "token=" + credential);
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        } catch (HttpTimeoutException e) {
            throw new Unreachable("the executor of " + node + " did not answer within " + within.toSeconds() + "s");
        } catch (javax.net.ssl.SSLException e) {
            // a certificate the node CA did not issue, or one for another address: never sent the token
            throw new Unreachable("the executor of " + node + " failed the TLS handshake (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new Unreachable(
                    "cannot reach the executor of " + node + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while asking the executor of " + node);
        }
    }

    private static String json(Object value) {
        try {
            return TaskData.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
