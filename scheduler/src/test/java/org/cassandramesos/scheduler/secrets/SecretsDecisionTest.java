package org.cassandramesos.scheduler.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.secrets.SealedBox;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.junit.jupiter.api.Test;

/** One answer per task, only to the executor Mesos says the task was launched with, only before it started. */
class SecretsDecisionTest {
    private static final String KEY =
            SealedBox.encodePublicKey(SealedBox.newKeyPair().getPublic());
    private static final AgentID AGENT =
            AgentID.newBuilder().setValue("agent-1").build();
    private static final ExecutorID EXECUTOR =
            ExecutorID.newBuilder().setValue("node-0-executor").build();
    private static final SecretsMessage.Request REQUEST = new SecretsMessage.Request("node-0__1", KEY);

    private static TaskInfo task(String id, String delivery) {
        Environment.Builder env = Environment.newBuilder();
        if (delivery != null) {
            env.addVariables(Environment.Variable.newBuilder()
                    .setName("SECRETS_DELIVERY")
                    .setValue(delivery));
        }
        return TaskInfo.newBuilder()
                .setName("node-0")
                .setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AGENT)
                .setExecutor(ExecutorInfo.newBuilder()
                        .setExecutorId(EXECUTOR)
                        .setCommand(CommandInfo.newBuilder().setValue("x").setEnvironment(env)))
                .build();
    }

    private static Optional<TaskStatus> status(String task, TaskState state) {
        return Optional.of(TaskStatus.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue(task))
                .setState(state)
                .build());
    }

    private static SecretsDecision.Outcome decide(
            SecretsMessage.Request request,
            AgentID agent,
            ExecutorID executor,
            Optional<TaskInfo> launched,
            Optional<TaskStatus> status,
            boolean answered) {
        return SecretsDecision.decide(request, agent, executor, launched, status, answered);
    }

    @Test
    void theLaunchedExecutorGetsTheFirstAnswer() {
        assertThat(decide(REQUEST, AGENT, EXECUTOR, Optional.of(task("node-0__1", "message")), Optional.empty(), false))
                .isInstanceOf(SecretsDecision.Answer.class);
        assertThat(decide(
                        REQUEST,
                        AGENT,
                        EXECUTOR,
                        Optional.of(task("node-0__1", "message")),
                        status("node-0__1", TaskState.TASK_STAGING),
                        false))
                .isInstanceOf(SecretsDecision.Answer.class);
        assertThat(decide(
                        REQUEST,
                        AGENT,
                        EXECUTOR,
                        Optional.of(task("node-0__1", "message")),
                        status("node-0__0", TaskState.TASK_RUNNING),
                        false))
                .as("the previous task's status says nothing about this one")
                .isInstanceOf(SecretsDecision.Answer.class);
    }

    @Test
    void aSecondRequestForTheSameTaskIsRefusedAsAPossibleImpersonation() {
        SecretsDecision.Outcome second =
                decide(REQUEST, AGENT, EXECUTOR, Optional.of(task("node-0__1", "message")), Optional.empty(), true);

        assertThat(second).isInstanceOfSatisfying(SecretsDecision.Refuse.class, r -> {
            assertThat(r.possibleImpersonation()).isTrue();
            assertThat(r.why()).contains("delivered once already", "impersonation");
        });
    }

    @Test
    void aTaskThatAlreadyStartedIsRefused() {
        for (TaskState state :
                new TaskState[] {TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FAILED}) {
            assertThat(decide(
                            REQUEST,
                            AGENT,
                            EXECUTOR,
                            Optional.of(task("node-0__1", "message")),
                            status("node-0__1", state),
                            false))
                    .as(state.name())
                    .isInstanceOf(SecretsDecision.Refuse.class);
        }
    }

    @Test
    void requestsFromAnyOtherExecutorAgentOrTaskAreIgnored() {
        Optional<TaskInfo> launched = Optional.of(task("node-0__1", "message"));
        assertThat(decide(
                        REQUEST,
                        AgentID.newBuilder().setValue("agent-2").build(),
                        EXECUTOR,
                        launched,
                        Optional.empty(),
                        false))
                .isInstanceOf(SecretsDecision.Ignore.class);
        assertThat(decide(
                        REQUEST,
                        AGENT,
                        ExecutorID.newBuilder().setValue("node-1-executor").build(),
                        launched,
                        Optional.empty(),
                        false))
                .isInstanceOf(SecretsDecision.Ignore.class);
        assertThat(decide(
                        new SecretsMessage.Request("node-0__0", KEY),
                        AGENT,
                        EXECUTOR,
                        launched,
                        Optional.empty(),
                        false))
                .as("an older task of the node")
                .isInstanceOf(SecretsDecision.Ignore.class);
        assertThat(decide(REQUEST, AGENT, EXECUTOR, Optional.empty(), Optional.empty(), false))
                .isInstanceOf(SecretsDecision.Ignore.class);
    }

    @Test
    void tasksOnTheSecretStoreAreNotAnswered() {
        assertThat(decide(
                        REQUEST,
                        AGENT,
                        EXECUTOR,
                        Optional.of(task("node-0__1", "secret-store")),
                        Optional.empty(),
                        false))
                .isInstanceOf(SecretsDecision.Ignore.class);
        assertThat(decide(REQUEST, AGENT, EXECUTOR, Optional.of(task("node-0__1", null)), Optional.empty(), false))
                .as("launched before the setting existed")
                .isInstanceOf(SecretsDecision.Ignore.class);
    }

    @Test
    void anUnusableKeyIsRefusedWithoutSuspicion() {
        assertThat(decide(
                        new SecretsMessage.Request("node-0__1", "bm90IGEga2V5"),
                        AGENT,
                        EXECUTOR,
                        Optional.of(task("node-0__1", "message")),
                        Optional.empty(),
                        false))
                .isInstanceOfSatisfying(
                        SecretsDecision.Refuse.class,
                        r -> assertThat(r.possibleImpersonation()).isFalse());
    }
}
