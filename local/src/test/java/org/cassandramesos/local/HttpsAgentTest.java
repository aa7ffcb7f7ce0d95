package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.scalar;
import static org.cassandramesos.local.support.Operations.task;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.local.support.Operations;
import org.cassandramesos.local.support.SchedulerOnLocalMesos;
import org.cassandramesos.mesos.executor.AgentTls;
import org.cassandramesos.mesos.executor.AgentTlsContext;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.tls.CertificateAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose API is https only (a Mesos agent with {@code LIBPROCESS_SSL_ENABLED=true}): the real executor client
 * ({@code ExecutorClient}, in the test executor process) reads {@code LIBPROCESS_SSL_*} from the environment the agent
 * gives it, subscribes over TLS and reports TASK_RUNNING; told to trust another CA, it never subscribes.
 */
class HttpsAgentTest {
    @RegisterExtension
    final SchedulerOnLocalMesos cluster = new SchedulerOnLocalMesos(
            1, config -> config.agentTls().executorRegistrationTimeout(Duration.ofSeconds(10)));

    @TempDir
    Path dir;

    private TaskStatus launchAndAwait(ExecutorInfo executor, TaskState state) {
        int mark = 0;
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(launch(task("t1", offer.getAgentId(), List.of(scalar("cpus", 0.5)), executor, ""))),
                        Duration.ofSeconds(1)));
        return cluster.scheduler().awaitUpdate(mark, "t1", state);
    }

    @Test
    void theExecutorSubscribesOverTlsWithTheEnvironmentAnSslAgentGivesIt() throws Exception {
        ExecutorInfo executor =
                Operations.executor("tls", "exec " + Operations.testExecutorCommand(), List.of(scalar("cpus", 0.1)));
        TaskStatus running = launchAndAwait(executor, TaskState.TASK_RUNNING);
        assertThat(running.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR); // sent by the executor over https

        Map<String, String> environ =
                environ(cluster.mesos().executorPid(0, "tls").orElseThrow());
        assertThat(environ)
                .containsEntry("LIBPROCESS_SSL_ENABLED", "true")
                .containsEntry(
                        "LIBPROCESS_SSL_CA_FILE",
                        cluster.mesos().agentCaFile().orElseThrow().toString())
                .doesNotContainKey("JAVA_HOME");
        assertThat(cluster.mesos().executorEndpoint(0).getScheme()).isEqualTo("https");
    }

    @Test
    void theAgentAnswersHttpsAndSpeaksNoPlainHttp() throws Exception {
        java.net.URI https = cluster.mesos().executorEndpoint(0);
        AgentTls trustingTheAgentsCa = new AgentTls(
                true,
                cluster.mesos().agentCaFile(),
                Optional.empty(),
                AgentTls.HostnameValidation.OPENSSL,
                Optional.empty(),
                Optional.empty());
        HttpClient tls = HttpClient.newBuilder()
                .sslContext(AgentTlsContext.create(trustingTheAgentsCa))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        // an empty call is a bad request: the agent answered over TLS
        assertThat(tls.send(post(https), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(400);

        java.net.URI plain = java.net.URI.create(https.toString().replaceFirst("^https:", "http:"));
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> client.send(post(plain), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    private static HttpRequest post(java.net.URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    @Test
    void anExecutorToldToTrustAnotherCaRefusesTheAgentAndNeverSubscribes() throws Exception {
        // the task's own variables overwrite the agent's (launch.cpp:1203-1222): LIBPROCESS_SSL_CA_FILE names a CA
        // that did not sign the agent's certificate
        Path otherCa = Files.writeString(
                dir.resolve("other-ca.pem"),
                CertificateAuthority.create("not the agents' CA", Duration.ofDays(1))
                        .certificatePem());
        String command = "exec " + Operations.testExecutorCommand();
        ExecutorInfo executor = Operations.executor("distrusting", command, List.of(scalar("cpus", 0.1))).toBuilder()
                .setCommand(CommandInfo.newBuilder()
                        .setValue(command)
                        .setEnvironment(Environment.newBuilder()
                                .addVariables(Environment.Variable.newBuilder()
                                        .setName("LIBPROCESS_SSL_CA_FILE")
                                        .setValue(otherCa.toString()))))
                .build();

        TaskStatus failed = launchAndAwait(executor, TaskState.TASK_FAILED);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
        assertThat(cluster.scheduler().eventsSince(0))
                .noneMatch(e -> e.hasUpdate() && e.getUpdate().getStatus().getState() == TaskState.TASK_RUNNING);
        // it refused the agent's certificate; it did not fail for another reason
        assertThat(Files.readString(sandboxFile("distrusting", "stderr"))).contains("SSLHandshakeException");
    }

    private Path sandboxFile(String executorId, String name) throws IOException {
        try (Stream<Path> files = Files.walk(cluster.mesos().agentWorkDir(0).resolve("slaves"))) {
            return files.filter(p -> p.getFileName().toString().equals(name)
                            && p.toString().contains("/executors/" + executorId + "/"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Map<String, String> environ(long pid) throws IOException {
        Map<String, String> environ = new TreeMap<>();
        for (String entry :
                new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"))).split("\0")) {
            if (!entry.isEmpty())
                environ.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        return environ;
    }
}
