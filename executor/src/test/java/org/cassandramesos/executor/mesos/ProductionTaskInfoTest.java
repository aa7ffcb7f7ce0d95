package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.scheduler.config.SecretsDelivery;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.TaskInfoFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor reads what the scheduler's production OfferEvaluator/TaskInfoFactory writes: the task data, and the
 * executor environment an agent makes of the ExecutorInfo. A TaskInfoFactory change the executor cannot take (a
 * renamed variable, the node API token no longer a SECRET, a spec it cannot decode) fails here. No Cassandra starts.
 */
class ProductionTaskInfoTest {
    private static final String AGENT_IP = "127.0.0.81";
    private static final String TOKEN = "node-api-token-from-the-secret-store";
    private static final String CQL_PASSWORD = "cql-password-from-the-secret-store";

    @TempDir
    Path sandbox;

    private static ServiceConfig withDelivery(SecretsDelivery delivery) {
        ServiceConfig config = ProductionPlacements.config();
        return config.withExecutor(config.executor().withSecretsDelivery(delivery));
    }

    @Test
    void withTheSecretStoreTheTokenIsASecretReferenceTheAgentResolvesAndTheExecutorTakes() {
        ServiceConfig config = withDelivery(SecretsDelivery.SECRET_STORE);
        TaskInfo task = ProductionPlacements.firstLaunch(config, "node-0", AGENT_IP);

        assertThat(task.getExecutor().getCommand().getEnvironment().getVariablesList())
                .filteredOn(v -> v.getName().equals(TaskInfoFactory.NODE_API_TOKEN_ENV))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.getType()).isEqualTo(Environment.Variable.Type.SECRET);
                    assertThat(v.getValue()).as("no value in the TaskInfo").isEmpty();
                });
        Map<String, String> store = Map.of(
                TaskInfoFactory.nodeApiTokenSecretName(config.serviceName()), TOKEN,
                TaskInfoFactory.cqlPasswordSecretName(config.serviceName()), CQL_PASSWORD);

        ExecutorEnvironment env = ExecutorEnvironment.fromEnvironment(
                ProductionPlacements.agentEnvironment(task, sandbox, AGENT_IP, store));

        assertThat(env.ip()).isEqualTo(AGENT_IP);
        assertThat(env.environmentSecrets()).hasValueSatisfying(secrets -> {
            assertThat(secrets.get(SecretBundle.NODE_API_TOKEN)).contains(TOKEN);
            assertThat(secrets.get(SecretBundle.CQL_PASSWORD)).contains(CQL_PASSWORD);
        });
    }

    @Test
    void withMessageDeliveryTheEnvironmentCarriesNoSecretAndTheExecutorAsksForThem() {
        TaskInfo task = ProductionPlacements.firstLaunch(withDelivery(SecretsDelivery.MESSAGE), "node-0", AGENT_IP);

        assertThat(task.getExecutor().getCommand().getEnvironment().getVariablesList())
                .extracting(Environment.Variable::getName)
                .doesNotContain(TaskInfoFactory.NODE_API_TOKEN_ENV, TaskInfoFactory.CQL_PASSWORD_ENV);
        ExecutorEnvironment env = ExecutorEnvironment.fromEnvironment(
                ProductionPlacements.agentEnvironment(task, sandbox, AGENT_IP, Map.of()));

        assertThat(env.environmentSecrets()).isEmpty();
    }

    @Test
    void theTaskDataIsTheNodeSpecForTheOfferedAgentAndItsPorts() {
        ServiceConfig config = ProductionPlacements.config();
        TaskInfo task = ProductionPlacements.firstLaunch(config, "node-0", AGENT_IP);

        CassandraNodeSpec spec = TaskData.decode(task.getData(), CassandraNodeSpec.class);

        assertThat(spec.nodeName()).isEqualTo("node-0");
        assertThat(spec.seeds()).containsExactly(AGENT_IP); // a seed's own address joins the seed list
        assertThat(spec.ports().nativeTransport()).isEqualTo(config.ports().nativeTransport());
        assertThat(spec.ports().nodeApi()).isEqualTo(config.ports().nodeApi());
        assertThat(spec.volumePath())
                .isEqualTo(task.getResourcesList().stream()
                        .filter(r -> r.hasDisk() && r.getDisk().hasVolume())
                        .findFirst()
                        .orElseThrow()
                        .getDisk()
                        .getVolume()
                        .getContainerPath());
    }

    @Test
    void aProductionTaskWhoseVolumeIsMissingFailsSayingWhere() {
        ServiceConfig config = withDelivery(SecretsDelivery.SECRET_STORE);
        TaskInfo task = ProductionPlacements.firstLaunch(config, "node-0", AGENT_IP);
        Map<String, String> store = Map.of(
                TaskInfoFactory.nodeApiTokenSecretName(config.serviceName()), TOKEN,
                TaskInfoFactory.cqlPasswordSecretName(config.serviceName()), CQL_PASSWORD);
        RecordingDriver driver = new RecordingDriver();
        CassandraExecutor executor = new CassandraExecutor(ExecutorEnvironment.fromEnvironment(
                ProductionPlacements.agentEnvironment(task, sandbox, AGENT_IP, store)));
        try {
            executor.launch(driver, task); // the agent did not create the volume in this sandbox

            String taskId = task.getTaskId().getValue();
            assertThat(driver.states(taskId)).containsExactly(TaskState.TASK_FAILED);
            assertThat(driver.last(taskId, TaskState.TASK_FAILED).getMessage())
                    .contains(
                            "persistent volume is missing",
                            sandbox.resolve("volume").toString());
        } finally {
            executor.close();
        }
    }
}
