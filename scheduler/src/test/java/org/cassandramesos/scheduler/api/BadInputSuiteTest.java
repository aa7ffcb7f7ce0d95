package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.apispec.testing.BadInputs;
import org.cassandramesos.apispec.testing.BadInputs.BadInput;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.backup.ExecutorStyleBackups;
import org.cassandramesos.scheduler.backup.S3ProxyFixture;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every bad input {@link BadInputs} generates from api-spec/openapi.yaml, sent with a valid token to the real scheduler
 * app (real ZooKeeper, a real S3Proxy as its backup location, a launched node): each is answered 4xx (never 409 or 5xx)
 * with a JSON {@code message} that names no Java class, and the ZooKeeper tree is byte-identical afterwards.
 */
class BadInputSuiteTest {
    static final int BODY_LIMIT_KB = 64;
    static final int FILE_LIMIT_MB = 1;

    @RegisterExtension
    @Order(0)
    static final S3ProxyFixture S3 = new S3ProxyFixture();

    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(
            ZK,
            ConfigOverride.config("backup_location", () -> S3.location().toString()),
            ConfigOverride.config("backup_s3_access_key_id", () -> S3.keys().accessKey()),
            ConfigOverride.config("backup_s3_secret_access_key", () -> S3.keys().secretKey()),
            ConfigOverride.config("max_request_body_kb", String.valueOf(BODY_LIMIT_KB)),
            ConfigOverride.config("backup_api.max_file_mb", String.valueOf(FILE_LIMIT_MB)));

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** A Java class or exception named in an answer: {@code org.x.Y}, {@code Outer$Inner}, {@code ...Exception}. */
    static final Pattern JAVA_NAME =
            Pattern.compile("\\b(org|com|java|javax|jakarta)\\.[a-z]+\\.|\\$[A-Z]|Exception\\b|\\.java:");

    @Test
    void everyGeneratedBadInputIsRefusedWithAJsonMessageAndChangesNothing() throws Exception {
        TestNodes.launch(API.tasks(), "node-0", "127.0.0.1", 9042, 9, TaskState.TASK_RUNNING);
        new ExecutorStyleBackups(S3)
                .writeNode(
                        "nightly",
                        "node-0",
                        Map.of("ks/t/nb-1-big-Data.db", "data of node-0"),
                        "CREATE KEYSPACE ks;",
                        true);
        BadInputs generator = new BadInputs(
                OpenApiSpec.load(),
                Map.of(
                        "node",
                        "node-0",
                        "phase",
                        "seeds",
                        "step",
                        "node-0",
                        "name",
                        "nightly",
                        "backup_name",
                        "nightly"),
                BODY_LIMIT_KB * 1024,
                FILE_LIMIT_MB * 1024 * 1024);
        List<BadInput> inputs = generator.all();
        CuratorFramework zk = ZK.newClient();
        Map<String, String> before = tree(zk);
        assertThat(before.keySet())
                .as("the service's state is in the tree")
                .anyMatch(path -> path.contains(API.service));

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        TreeSet<String> covered = new TreeSet<>();
        for (BadInput input : inputs) {
            HttpResponse<String> answer = send(input);
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            covered.add(input.operation());
            String problem = problem(input, answer);
            if (problem != null) {
                failures.add(input + " -> " + answer.statusCode() + " " + abbreviated(answer.body()) + ": " + problem);
            }
        }
        Map<String, String> after = tree(zk);

        System.out.printf(
                "bad-input suite: %d inputs over %d operations; statuses %s%n",
                inputs.size(), covered.size(), statuses);
        assertThat(failures)
                .as("bad inputs answered wrongly (%d of %d)", failures.size(), inputs.size())
                .isEmpty();
        assertThat(covered)
                .as("every operation with a body or parameters is covered")
                .containsAll(generator.operationsWithInput());
        assertThat(inputs).hasSizeGreaterThan(500);
        assertThat(after)
                .as("the ZooKeeper tree after %d bad inputs", inputs.size())
                .isEqualTo(before);
    }

    private static String problem(BadInput input, HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status < 400 || status > 499) {
            return "not a 4xx";
        }
        if (status == 409) {
            return "409: input must be checked before the state";
        }
        if (input.method().equals("HEAD")) {
            return null; // no body
        }
        JsonNode body;
        try {
            body = BadInputs.json().readTree(answer.body());
        } catch (Exception e) {
            return "the body is not JSON";
        }
        String message = body == null ? "" : body.path("message").asText("");
        if (message.isBlank()) {
            return "no message";
        }
        if (JAVA_NAME.matcher(message).find()) {
            return "the message names Java internals";
        }
        if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not served as application/json";
        }
        return null;
    }

    private static HttpResponse<String> send(BadInput input) throws Exception {
        HttpRequest.BodyPublisher body;
        if (input.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (input.chunked()) {
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(input.body()));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(input.body());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API.url() + input.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "token=" + API.token)
                .method(input.method(), body);
        if (input.contentType() != null) {
            request.header("Content-Type", input.contentType());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // the server answered (413) and closed before the whole body was sent: read the answer without sending it
            if (input.body() != null && input.body().length > BODY_LIMIT_KB * 1024 && !input.chunked()) {
                return HTTP.send(
                        HttpRequest.newBuilder(URI.create(API.url() + input.path()))
                                .header("Authorization", "token=" + API.token)
                                .header("Content-Type", input.contentType())
                                .method(input.method(), HttpRequest.BodyPublishers.ofByteArray(input.body()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            throw e;
        }
    }

    /** Every znode (but ZooKeeper's own) with its data and its children. */
    static Map<String, String> tree(CuratorFramework zk) throws Exception {
        Map<String, String> tree = new TreeMap<>();
        walk(zk, "/", tree);
        return tree;
    }

    private static void walk(CuratorFramework zk, String path, Map<String, String> tree) throws Exception {
        if (path.equals("/zookeeper")) {
            return;
        }
        byte[] data = zk.getData().forPath(path);
        List<String> children = new ArrayList<>(zk.getChildren().forPath(path));
        children.sort(null);
        tree.put(path, (data == null ? "" : Base64.getEncoder().encodeToString(data)) + " children=" + children);
        for (String child : children) {
            walk(zk, path.equals("/") ? "/" + child : path + "/" + child, tree);
        }
    }

    private static String abbreviated(String body) {
        String text = body == null ? "" : body.replace('\n', ' ');
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
