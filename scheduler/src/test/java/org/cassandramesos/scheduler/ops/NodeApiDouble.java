package org.cassandramesos.scheduler.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.protocol.jobs.JobState;
import org.cassandramesos.protocol.jobs.JobStatus;
import org.cassandramesos.protocol.jobs.KeyspaceReplication;
import org.cassandramesos.protocol.jobs.NodeProcessInfo;

/**
 * Stands in for one executor's node API in scheduler component tests: a real HTTP server on the node's IP and
 * node API port speaking the job protocol ({@code org.cassandramesos.protocol.jobs}) and the lifecycle verbs,
 * with scripted outcomes. The script is read at every poll, so a test can let a job that "never finishes"
 * finish. It checks the node API token and records every request. The real executor is tested end to end
 * elsewhere.
 */
public final class NodeApiDouble implements AutoCloseable {
    /** The OS user the double's info names as its Cassandra process's owner. */
    public static final String PROCESS_USER = "cassandra-double";

    /** How jobs end: after {@code polls} polls, in {@code state} (RUNNING: never), with {@code progress}. */
    public record Script(JobState state, int polls, String message, JobProgress progress) {
        public static Script succeedAfter(int polls) {
            return new Script(JobState.SUCCEEDED, polls, "done", new JobProgress(3, 3, 0, 300, 300));
        }

        public static Script fail(String message) {
            return new Script(JobState.FAILED, 0, message, JobProgress.NONE);
        }

        public static Script never(JobProgress progress) {
            return new Script(JobState.RUNNING, 0, "working", progress);
        }
    }

    public record Request(String method, String path, String body, String authorization) {}

    private final HttpServer server;
    private final String token;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Script script = Script.succeedAfter(1);
    /** What {@code GET /v1/cassandra/keyspaces} answers: Cassandra 5.0's own keyspaces until a test says more. */
    private volatile List<KeyspaceReplication> keyspaces = CASSANDRA_KEYSPACES;

    /** The keyspaces of a fresh Cassandra 5.0 cluster and their default replication. */
    public static final List<KeyspaceReplication> CASSANDRA_KEYSPACES = List.of(
            new KeyspaceReplication("system", Map.of("class", "org.apache.cassandra.locator.LocalStrategy")),
            new KeyspaceReplication(
                    "system_auth",
                    Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "1")),
            new KeyspaceReplication(
                    "system_distributed",
                    Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "3")),
            new KeyspaceReplication("system_schema", Map.of("class", "org.apache.cassandra.locator.LocalStrategy")),
            new KeyspaceReplication(
                    "system_traces",
                    Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2")));

    private volatile boolean cassandraRunning = true;

    private static final class Job {
        final JobRequest request;
        int polls;
        JobState stoppedAs;

        Job(JobRequest request) {
            this.request = request;
        }
    }

    private NodeApiDouble(HttpServer server, String token) {
        this.server = server;
        this.token = token;
    }

    public static NodeApiDouble start(NodeAddress address, String token) throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getByName(address.ip()), address.port()), 0);
        NodeApiDouble api = new NodeApiDouble(server, token);
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    /** As an executor of a node created stopped: Cassandra not running until {@code start}. */
    public NodeApiDouble cassandraStopped() {
        cassandraRunning = false;
        return this;
    }

    public void script(Script next) {
        script = next;
    }

    /** The keyspaces the node's schema has from now on. */
    public void keyspaces(List<KeyspaceReplication> next) {
        keyspaces = List.copyOf(next);
    }

    /** As after an executor restart: every job is forgotten. */
    public void forgetJobs() {
        jobs.clear();
    }

    public boolean cassandraRunning() {
        return cassandraRunning;
    }

    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
                .toList();
    }

    public List<JobRequest> jobsSent() {
        return requests("PUT", "/v1/jobs/").stream()
                .map(r -> read(r.body(), JobRequest.class))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(method, path, body, authorization));
        if (!("token=" + token).equals(authorization)) {
            send(exchange, 401, Map.of("message", "bad token"));
            return;
        }
        if (path.startsWith("/v1/jobs/")) {
            job(exchange, method, path.substring("/v1/jobs/".length()), body);
        } else if (path.equals("/v1/cassandra/info") && method.equals("GET")) {
            send(
                    exchange,
                    200,
                    new NodeProcessInfo(
                            cassandraRunning ? NodeProcessInfo.Status.ACTIVE : NodeProcessInfo.Status.STOPPED,
                            cassandraRunning ? 1_700_000_000L : null,
                            null,
                            Map.of("rx:bytes", 42L, "block:0:read:bytes", 4096L),
                            PROCESS_USER));
        } else if (path.equals("/v1/cassandra/keyspaces") && method.equals("GET")) {
            if (!cassandraRunning) {
                send(exchange, 409, Map.of("message", "Cassandra is not running on this node"));
            } else {
                send(exchange, 200, keyspaces);
            }
        } else if (path.startsWith("/v1/cassandra/") && method.equals("POST")) {
            lifecycle(exchange, path.substring("/v1/cassandra/".length()));
        } else {
            send(exchange, 404, Map.of("message", "no route " + method + " " + path));
        }
    }

    private synchronized void job(HttpExchange exchange, String method, String id, String body) throws IOException {
        Job job = jobs.get(id);
        switch (method) {
            case "PUT" -> {
                if (job != null) {
                    send(exchange, 200, status(job, false));
                    return;
                }
                boolean busy =
                        jobs.values().stream().anyMatch(j -> status(j, false).state() == JobState.RUNNING);
                if (busy) {
                    send(exchange, 409, Map.of("message", "another job runs on this node"));
                    return;
                }
                Job created = new Job(read(body, JobRequest.class));
                jobs.put(id, created);
                send(exchange, 202, status(created, false));
            }
            case "GET" -> {
                if (job == null) {
                    send(exchange, 404, Map.of("message", "no job " + id));
                } else {
                    send(exchange, 200, status(job, true));
                }
            }
            case "DELETE" -> {
                if (job == null) {
                    send(exchange, 404, Map.of("message", "no job " + id));
                } else {
                    job.stoppedAs = JobState.STOPPED;
                    send(exchange, 200, status(job, false));
                }
            }
            default -> send(exchange, 405, Map.of("message", method));
        }
    }

    private JobStatus status(Job job, boolean poll) {
        Script now = script;
        if (poll) {
            job.polls++;
        }
        JobState state = job.stoppedAs != null
                ? job.stoppedAs
                : now.state() != JobState.RUNNING && job.polls >= Math.max(now.polls(), 1)
                        ? now.state()
                        : JobState.RUNNING;
        if (state.terminal() && job.stoppedAs == null) {
            job.stoppedAs = state;
        }
        return new JobStatus(
                job.request.id(),
                job.request.kind(),
                state,
                state == JobState.RUNNING ? "working" : now.message(),
                1L,
                state.terminal() ? 2L : null,
                now.progress());
    }

    private void lifecycle(HttpExchange exchange, String verb) throws IOException {
        switch (verb) {
            case "start" -> {
                if (cassandraRunning) {
                    send(exchange, 409, Map.of("message", "Cassandra is already running"));
                    return;
                }
                cassandraRunning = true;
            }
            case "stop", "shutdown", "decommission" -> {
                if (!cassandraRunning) {
                    send(exchange, 409, Map.of("message", "Cassandra is not running"));
                    return;
                }
                cassandraRunning = false;
            }
            case "reset" -> cassandraRunning = true;
            case "removenode" -> {
                if (!cassandraRunning) {
                    send(exchange, 409, Map.of("message", "Cassandra is not running on this node"));
                    return;
                }
            }
            default -> {
                send(exchange, 404, Map.of("message", "no verb " + verb));
                return;
            }
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = TaskData.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return TaskData.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
