package org.cassandramesos.protocol.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.mesos.executor.ExecutorDriver;
import org.junit.jupiter.api.Test;

/** An executor's answer to a secrets-recall: its cluster part sealed for the return, to its own task only. */
class SecretsRecallAnswerTest {
    private static final KeyPair SCHEDULER = SealedBox.newKeyPair();
    private static final SecretBundle HELD = SecretBundle.of(Map.of(
            SecretBundle.NODE_API_TOKEN,
            "token-" + "t".repeat(40),
            SecretBundle.CQL_PASSWORD,
            "password-" + "p".repeat(30),
            "tls_key",
            "node key"));
    private static final Supplier<Optional<SecretBundle>> NOT_TO_BE_READ = () -> {
        throw new AssertionError("the held secrets were consulted for a recall that gets nothing");
    };

    private static SecretsMessage.Recall recall(String taskId) {
        return new SecretsMessage.Recall(taskId, SealedBox.encodePublicKey(SCHEDULER.getPublic()));
    }

    @Test
    void theOwnTasksRecallGetsTheClusterPartSealedForTheReturnContext() {
        RecallAnswer answer = RecallAnswer.to(recall("node-0__1"), Optional.of("node-0__1"), () -> Optional.of(HELD));

        SecretsMessage.Return returned = ((RecallAnswer.Send) answer).message();
        assertThat(returned.taskId()).isEqualTo("node-0__1");
        assertThat(SecretBundle.decode(
                        SealedBox.open(SCHEDULER, SecretsMessage.returnContext("node-0__1"), returned.box())))
                .isEqualTo(HELD.clusterPart());
        assertThatThrownBy(() -> SealedBox.open(SCHEDULER, "node-0__1", returned.box()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherTaskABadKeyOrNoTaskGetNothingWithoutReadingTheSecrets() {
        assertThat(RecallAnswer.to(recall("node-0__0"), Optional.of("node-0__1"), NOT_TO_BE_READ))
                .isInstanceOf(RecallAnswer.Nothing.class);
        assertThat(RecallAnswer.to(
                        new SecretsMessage.Recall("node-0__1", "bm90IGEga2V5"),
                        Optional.of("node-0__1"),
                        NOT_TO_BE_READ))
                .isInstanceOf(RecallAnswer.Nothing.class);
        assertThat(RecallAnswer.to(recall("node-0__1"), Optional.empty(), NOT_TO_BE_READ))
                .isInstanceOf(RecallAnswer.Nothing.class);
    }

    @Test
    void anExecutorWithoutClusterSecretsGetsNothing() {
        SecretBundle tlsOnly = SecretBundle.of(Map.of("tls_key", "k"));

        assertThat(RecallAnswer.to(recall("node-0__1"), Optional.of("node-0__1"), Optional::empty))
                .isEqualTo(new RecallAnswer.Nothing(
                        "a secrets recall for task node-0__1, which holds no cluster secrets"));
        assertThat(RecallAnswer.to(recall("node-0__1"), Optional.of("node-0__1"), () -> Optional.of(tlsOnly)))
                .isInstanceOf(RecallAnswer.Nothing.class);
    }

    @Test
    void aRecallIsNotPartOfTheHandshakeItArrivesDuring() {
        List<byte[]> sent = new CopyOnWriteArrayList<>();
        ExecutorDriver driver = new ExecutorDriver() {
            @Override
            public void update(TaskStatus status) {}

            @Override
            public void message(byte[] data) {
                sent.add(data);
            }
        };
        List<String> outcomes = new CopyOnWriteArrayList<>();
        try (ExecutorHandshake handshake =
                new ExecutorHandshake(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(5))) {
            handshake.start(driver, "node-0__1", bundle -> outcomes.add("delivered"), why -> outcomes.add(why));

            assertThat(handshake.received(SecretsMessage.encode(recall("node-0__1"))))
                    .isFalse();

            assertThat(handshake.isPending("node-0__1")).isTrue();
            assertThat(outcomes).isEmpty();
        }
    }
}
