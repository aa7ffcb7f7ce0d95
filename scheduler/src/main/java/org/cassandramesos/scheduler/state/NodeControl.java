package org.cassandramesos.scheduler.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an operator asked of one node (seed 003 verbs), kept apart from its placement ({@link NodeRecord})
 * so relaunches, which rewrite the placement, never lose it.
 *
 * @param intent   whether the node should run; recovery and the deploy plan leave a node alone unless RUNNING
 * @param message  the last thing that happened to the intent (e.g. why a destroy failed)
 * @param settings per-node settings from {@code set}: {@code tags} and {@code user:*}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeControl(
        @JsonProperty("intent") Intent intent,
        @JsonProperty("message") String message,
        @JsonProperty("settings") Map<String, String> settings) {

    public enum Intent {
        /** The default: deploy and recovery keep it running. */
        RUNNING,
        /** stop or shutdown: the process is down on purpose; nothing relaunches it until start. */
        STOPPED,
        /** destroy was asked: it decommissions, then its task and reservation go. */
        DESTROYING,
        /** Decommissioned, task killed, reservation released; start re-creates it fresh. */
        DESTROYED
    }

    public static final NodeControl DEFAULT = new NodeControl(Intent.RUNNING, null, Map.of());

    public NodeControl {
        intent = intent == null ? Intent.RUNNING : intent;
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    public boolean heldByOperator() {
        return intent != Intent.RUNNING;
    }

    public NodeControl with(Intent next, String why) {
        return new NodeControl(next, why, settings);
    }

    public NodeControl withSettings(Map<String, String> changes) {
        Map<String, String> next = new TreeMap<>(settings);
        changes.forEach((key, value) -> {
            if (value == null || value.isEmpty()) {
                next.remove(key);
            } else {
                next.put(key, value);
            }
        });
        return new NodeControl(intent, message, next);
    }
}
