package org.cassandramesos.mesos.executor;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.cassandramesos.mesos.MesosDurations;

/**
 * The agent's environment contract for an executor (Mesos sets these variables before exec).
 *
 * @param agentEndpoint          {@code <scheme>://<MESOS_AGENT_ENDPOINT>/api/v1/executor}, https exactly when {@code tls} is on
 * @param checkpoint             whether the framework checkpoints: if so, survive agent restarts
 * @param recoveryTimeout        how long to keep re-subscribing to a restarting agent
 * @param subscriptionBackoffMax re-subscribe waits are random in [0, this]
 * @param authenticationToken    the agent's JWT for this executor, if executor auth is on
 * @param shutdownGracePeriod    how long SHUTDOWN may take before the agent destroys us
 * @param tls                    whether and how the agent's API is TLS ({@code LIBPROCESS_SSL_*}, see {@link AgentTls})
 */
public record ExecutorSettings(
        URI agentEndpoint,
        FrameworkID frameworkId,
        ExecutorID executorId,
        boolean checkpoint,
        Duration recoveryTimeout,
        Duration subscriptionBackoffMax,
        Optional<String> authenticationToken,
        Duration shutdownGracePeriod,
        AgentTls tls) {

    public static ExecutorSettings fromEnvironment(Map<String, String> env) {
        AgentTls tls = AgentTls.fromEnvironment(env);
        return new ExecutorSettings(
                URI.create(tls.scheme() + "://" + required(env, "MESOS_AGENT_ENDPOINT") + "/api/v1/executor"),
                FrameworkID.newBuilder()
                        .setValue(required(env, "MESOS_FRAMEWORK_ID"))
                        .build(),
                ExecutorID.newBuilder()
                        .setValue(required(env, "MESOS_EXECUTOR_ID"))
                        .build(),
                "1".equals(env.get("MESOS_CHECKPOINT")),
                duration(env, "MESOS_RECOVERY_TIMEOUT", "15mins"),
                duration(env, "MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs"),
                Optional.ofNullable(env.get("MESOS_EXECUTOR_AUTHENTICATION_TOKEN"))
                        .filter(t -> !t.isBlank()),
                duration(env, "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs"),
                tls);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: this process must be launched by a Mesos agent");
        }
        return value;
    }

    private static Duration duration(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return MesosDurations.parse(value == null || value.isBlank() ? fallback : value);
    }
}
