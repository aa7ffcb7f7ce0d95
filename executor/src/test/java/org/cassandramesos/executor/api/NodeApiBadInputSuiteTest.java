package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.cassandramesos.apispec.testing.BadInputs;
import org.cassandramesos.apispec.testing.BadInputs.BadInput;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.mesos.NodeJobKinds;
import org.cassandramesos.executor.node.CassandraNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input {@link BadInputs} generates from api-spec/node-api.yaml, sent with the node token to the real node
 * API over HTTP (its Cassandra never started): each is answered 4xx with a {@code message} that names no Java class,
 * and nothing happened on the node: no job, no snapshot, no process.
 */
class NodeApiBadInputSuiteTest {
    private static final String TOKEN = "node-token-bad-inputs";
    private static final int LIMIT = 8192;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern JAVA_NAME =
            Pattern.compile("\\b(org|com|java|javax|jakarta)\\.[a-z]+\\.|\\$[A-Z]|Exception\\b|\\.java:");
    /** The seed 000 XML routes answer their errors in their own XML document ({@code <error>}). */
    private static final Pattern XML_ERROR = Pattern.compile("<error><!\\[CDATA\\[(.+?)]]></error>", Pattern.DOTALL);

    @TempDir
    static Path dir;

    private static CassandraNode node;
    private static NodeJobs jobs;
    private static NodeApiServer server;

    @BeforeAll
    static void start() throws Exception {
        node = new CassandraNode(
                TestSpecs.spec(List.of("127.0.0.1"), TestSpecs.fixedPorts(), Map.of()),
                "127.0.0.1",
                new NodeLayout(dir.resolve("home"), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        jobs = new NodeJobs(node, NodeJobKinds.all());
        server = NodeApiServer.start(
                new CassandraVerbs(node, Duration.ofSeconds(5), ProcessCounters.system()),
                jobs,
                "127.0.0.1",
                0,
                TOKEN,
                LIMIT);
    }

    @AfterAll
    static void stop() {
        server.close();
        jobs.close();
        node.close();
    }

    @Test
    void everyGeneratedBadInputIsRefusedWithAMessageAndChangesNothing() throws Exception {
        BadInputs generator = new BadInputs(NodeDocsResource.spec(), Map.of("id", "repair-1:node-0"), LIMIT, LIMIT);
        // a form that decodes to no field ("", "=", "&&&") beside the query's valid parameter is a valid request (a
        // start of Cassandra, which this test has none of; a restore, 409 while it is stopped): not a bad input
        List<BadInput> inputs = generator.all().stream()
                .filter(input -> !(List.of("POST /", "POST /restore").contains(input.operation())
                        && List.of("form ", "form =", "form &&&").contains(input.what())))
                .toList();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        TreeSet<String> covered = new TreeSet<>();
        for (BadInput input : inputs) {
            HttpResponse<String> answer = send(input);
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            covered.add(input.operation());
            String problem = problem(input, answer);
            if (problem != null) {
                String body = answer.body().replace('\n', ' ');
                failures.add(input + " -> " + answer.statusCode() + " "
                        + (body.length() > 200 ? body.substring(0, 200) + "…" : body) + ": " + problem);
            }
        }
        System.out.printf(
                "node API bad-input suite: %d inputs over %d operations; statuses %s%n",
                inputs.size(), covered.size(), statuses);
        assertThat(failures)
                .as("bad inputs answered wrongly (%d of %d)", failures.size(), inputs.size())
                .isEmpty();
        assertThat(covered).containsAll(generator.operationsWithInput());
        assertThat(jobs.list()).as("no job was started").isEmpty();
        assertThat(node.isRunning()).as("no Cassandra was started").isFalse();
        assertThat(dir.resolve("volume").resolve("snapshots")).doesNotExist();
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
            return null;
        }
        String message;
        var xml = XML_ERROR.matcher(answer.body());
        if (xml.find()) {
            message = xml.group(1);
        } else {
            try {
                JsonNode body = BadInputs.json().readTree(answer.body());
                message = body == null ? "" : body.path("message").asText("");
            } catch (Exception e) {
                return "the body is neither JSON nor the seed 000 XML";
            }
        }
        if (message.isBlank()) {
            return "no message";
        }
        return JAVA_NAME.matcher(message).find() ? "the message names Java internals" : null;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(input.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "token=" + TOKEN)
                .method(input.method(), body);
        if (input.contentType() != null) {
            request.header("Content-Type", input.contentType());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
