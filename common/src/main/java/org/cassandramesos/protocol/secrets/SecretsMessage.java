package org.cassandramesos.protocol.secrets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.cassandramesos.protocol.TaskData;

/**
 * The framework messages of the secrets handshake (docs/secrets.md), JSON with a {@code type}:
 *
 * <ul>
 *   <li>executor → scheduler {@code {"type":"secrets-request","task_id":…,"public_key":…}}: the executor's ephemeral
 *       public key (base64 X.509) for the task it was launched with;</li>
 *   <li>scheduler → executor {@code {"type":"secrets","task_id":…,"sealed":…}}: the {@link SecretBundle} sealed to
 *       that key for that task ({@link SealedBox}, base64);</li>
 *   <li>scheduler → executor {@code {"type":"secrets-refused","task_id":…,"reason":…}}: no secrets for this task
 *       (they were delivered once already).</li>
 *   <li>scheduler → executor {@code {"type":"secrets-recall","task_id":…,"public_key":…}}: a scheduler that lost the
 *       cluster's generated secrets (a restart; they are kept by the nodes, docs/secrets.md) asks the executor of
 *       task {@code task_id} for them, to this ephemeral public key;</li>
 *   <li>executor → scheduler {@code {"type":"secrets-return","task_id":…,"sealed":…}}: the executor's cluster secrets
 *       ({@link SecretBundle#clusterPart()}) sealed to the recall's key, bound to {@link #returnContext}.</li>
 * </ul>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SecretsMessage.Request.class, name = "secrets-request"),
    @JsonSubTypes.Type(value = SecretsMessage.Answer.class, name = "secrets"),
    @JsonSubTypes.Type(value = SecretsMessage.Refusal.class, name = "secrets-refused"),
    @JsonSubTypes.Type(value = SecretsMessage.Recall.class, name = "secrets-recall"),
    @JsonSubTypes.Type(value = SecretsMessage.Return.class, name = "secrets-return")
})
public sealed interface SecretsMessage {
    /** Framework messages are small; anything larger is not ours. */
    int MAX_BYTES = 16 * 1024;

    String taskId();

    record Request(
            @JsonProperty("task_id") String taskId,
            @JsonProperty("public_key") String publicKey) implements SecretsMessage {}

    record Answer(
            @JsonProperty("task_id") String taskId,
            @JsonProperty("sealed") String sealed) implements SecretsMessage {
        public static Answer of(String taskId, byte[] box) {
            return new Answer(taskId, Base64.getEncoder().encodeToString(box));
        }

        public byte[] box() {
            return Base64.getDecoder().decode(sealed);
        }

        @Override
        public String toString() {
            return "Answer[taskId=" + taskId + ", sealed=" + (sealed == null ? 0 : sealed.length()) + " chars]";
        }
    }

    record Refusal(
            @JsonProperty("task_id") String taskId,
            @JsonProperty("reason") String reason) implements SecretsMessage {}

    record Recall(
            @JsonProperty("task_id") String taskId,
            @JsonProperty("public_key") String publicKey) implements SecretsMessage {}

    record Return(
            @JsonProperty("task_id") String taskId,
            @JsonProperty("sealed") String sealed) implements SecretsMessage {
        public static Return of(String taskId, byte[] box) {
            return new Return(taskId, Base64.getEncoder().encodeToString(box));
        }

        public byte[] box() {
            return Base64.getDecoder().decode(sealed);
        }

        @Override
        public String toString() {
            return "Return[taskId=" + taskId + ", sealed=" + (sealed == null ? 0 : sealed.length()) + " chars]";
        }
    }

    /**
     * The {@link SealedBox} context of a {@link Return} from {@code taskId}'s executor: distinct from the handshake's
     * (the bare task id), so an answer box can never pass for a return box or the other way round.
     */
    static String returnContext(String taskId) {
        return "return|" + taskId;
    }

    static byte[] encode(SecretsMessage message) {
        try {
            return TaskData.mapper().writerFor(SecretsMessage.class).writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message in {@code data}; IllegalArgumentException when it is not one of ours or lacks its fields. */
    static SecretsMessage decode(byte[] data) {
        if (data.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "a " + data.length + "-byte framework message is larger than " + MAX_BYTES + " bytes");
        }
        SecretsMessage message;
        try {
            message = TaskData.mapper().readValue(data, SecretsMessage.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a secrets message", e);
        }
        if (message == null
                || blank(message.taskId())
                || message instanceof Request r && blank(r.publicKey())
                || message instanceof Answer a && blank(a.sealed())
                || message instanceof Recall c && blank(c.publicKey())
                || message instanceof Return t && blank(t.sealed())) {
            throw new IllegalArgumentException("a secrets message without its task_id or payload");
        }
        return message;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
