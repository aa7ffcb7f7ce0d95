package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.scalar;
import static org.cassandramesos.local.support.Operations.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Secret;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.local.support.Clusters;
import org.cassandramesos.local.support.Operations;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SECRET environment variables. The stock profile (open-source Mesos) refuses every reference as
 * {@code src/secret/resolver.cpp} does; the DC/OS Enterprise profile resolves references from its store, and master
 * state shows the reference only.
 */
class SecretEnvironmentTest {
    private static final String SECRET_VALUE = "tok-" + java.util.UUID.randomUUID();

    @TempDir
    Path workDir;

    LocalMesos mesos;
    TestScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) scheduler.close();
        if (mesos != null) mesos.close();
    }

    private static ExecutorInfo executorWithSecret(String id, String reference) {
        String command = "env > env.txt && exec " + Operations.testExecutorCommand();
        return Operations.executor(id, command, List.of(scalar("cpus", 0.1))).toBuilder()
                .setCommand(CommandInfo.newBuilder()
                        .setValue(command)
                        .setEnvironment(Environment.newBuilder()
                                .addVariables(Environment.Variable.newBuilder()
                                        .setName("NODE_API_TOKEN")
                                        .setType(Environment.Variable.Type.SECRET)
                                        .setSecret(Secret.newBuilder()
                                                .setType(Secret.Type.REFERENCE)
                                                .setReference(Secret.Reference.newBuilder()
                                                        .setName(reference))))))
                .build();
    }

    @Test
    void withASecretStoreAReferencedSecretReachesTheExecutorButNotTheMasterState() throws Exception {
        mesos = LocalMesos.start(Clusters.config(workDir, 1)
                .secretStore(Map.of("svc/node-api-token", SECRET_VALUE))
                .build());
        scheduler = new TestScheduler(mesos.masterUri(), 3600).start();

        Offer offer = scheduler.awaitOffer(0);
        scheduler.send(Calls.accept(
                List.of(offer.getId()),
                List.of(launch(task(
                        "t1",
                        offer.getAgentId(),
                        List.of(scalar("cpus", 0.5)),
                        executorWithSecret("secretive", "svc/node-api-token"),
                        ""))),
                Duration.ofSeconds(1)));
        scheduler.awaitUpdate(0, "t1", TaskState.TASK_RUNNING);

        Path env;
        try (Stream<Path> files = Files.walk(mesos.agentWorkDir(0).resolve("slaves"))) {
            env = files.filter(p -> p.getFileName().toString().equals("env.txt"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(Files.readAllLines(env)).contains("NODE_API_TOKEN=" + SECRET_VALUE);
        String state = mesos.masterState().toString();
        assertThat(state).contains("svc/node-api-token").doesNotContain(SECRET_VALUE);
        assertThat(mesos.masterState()
                        .get("frameworks")
                        .get(0)
                        .get("executors")
                        .get(0)
                        .get("command")
                        .get("environment")
                        .get("variables")
                        .get(0)
                        .get("secret")
                        .get("reference")
                        .get("name")
                        .asText())
                .isEqualTo("svc/node-api-token");
    }

    @Test
    void anUnknownSecretFailsTheLaunchOfAnEnterpriseAgent() throws Exception {
        mesos = LocalMesos.start(Clusters.config(workDir, 1)
                .secretStore(Map.of("svc/other", SECRET_VALUE))
                .build());
        scheduler = new TestScheduler(mesos.masterUri(), 3600).start();

        Offer offer = scheduler.awaitOffer(0);
        scheduler.send(Calls.accept(
                List.of(offer.getId()),
                List.of(launch(task(
                        "t1",
                        offer.getAgentId(),
                        List.of(scalar("cpus", 0.5)),
                        executorWithSecret("secretive", "svc/missing"),
                        ""))),
                Duration.ofSeconds(1)));

        assertThat(scheduler.awaitUpdate(0, "t1", TaskState.TASK_FAILED).getMessage())
                .contains("svc/missing");
    }

    @Test
    void aStockAgentFailsEveryLaunchWithASecretReferenceAsOpenSourceMesosDoes() throws Exception {
        mesos = LocalMesos.start(Clusters.config(workDir, 1).build());
        scheduler = new TestScheduler(mesos.masterUri(), 3600).start();

        Offer offer = scheduler.awaitOffer(0);
        scheduler.send(Calls.accept(
                List.of(offer.getId()),
                List.of(launch(task(
                        "t1",
                        offer.getAgentId(),
                        List.of(scalar("cpus", 0.5)),
                        executorWithSecret("secretive", "svc/node-api-token"),
                        ""))),
                Duration.ofSeconds(1)));

        org.apache.mesos.v1.Protos.TaskStatus failed = scheduler.awaitUpdate(0, "t1", TaskState.TASK_FAILED);
        // src/secret/resolver.cpp:49-53 through src/slave/slave.cpp Slave::executorLaunched
        assertThat(failed.getMessage())
                .isEqualTo("Failed to launch container: Default secret resolver cannot resolve references");
        assertThat(failed.getReason())
                .isEqualTo(org.apache.mesos.v1.Protos.TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.getSource()).isEqualTo(org.apache.mesos.v1.Protos.TaskStatus.Source.SOURCE_AGENT);
    }
}
