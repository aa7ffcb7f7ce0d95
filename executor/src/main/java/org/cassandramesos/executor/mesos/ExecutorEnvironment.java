package org.cassandramesos.executor.mesos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.mesos.MesosDurations;
import org.cassandramesos.protocol.secrets.SecretBundle;

/**
 * What the Cassandra executor reads from its environment (set by the agent and by the scheduler's CommandInfo).
 *
 * @param sandbox       {@code MESOS_SANDBOX}: the persistent volume is at {@code <sandbox>/<volume_path>}
 * @param ip            {@code LIBPROCESS_IP}, else the host of {@code MESOS_AGENT_ENDPOINT}: the agent's IP, which
 *                      Cassandra and the node API bind to
 * @param cassandraHome {@code CASSANDRA_HOME}, default {@code <sandbox>/cassandra} (the extracted cassandra-dist)
 * @param environmentSecrets with {@code SECRETS_DELIVERY=secret-store} (DC/OS Enterprise), the secrets the agent
 *                      resolved into the environment ({@code NODE_API_TOKEN}, and {@code CQL_PASSWORD} when CQL logins
 *                      are on); empty with {@code message} (the default), where the executor asks the scheduler for
 *                      them in a framework message (docs/secrets.md)
 * @param shutdownGrace {@code MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD} less a margin: time to stop on SHUTDOWN
 * @param keepsClusterSecrets {@code CLUSTER_SECRETS=generated}: the scheduler made the shared secrets and keeps only
 *                      their fingerprint, so the node keeps them on its volume for a restarted scheduler to recall
 *                      (docs/secrets.md); otherwise they are held in memory only
 */
public record ExecutorEnvironment(
        Path sandbox,
        String ip,
        Path cassandraHome,
        Optional<SecretBundle> environmentSecrets,
        Duration shutdownGrace,
        boolean keepsClusterSecrets) {
    public static final String CQL_PASSWORD = "CQL_PASSWORD";

    /** Kill grace when the KILL carries no kill policy: drain plus a clean stop of a busy node. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(120);

    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(2);

    @Override
    public String toString() {
        return "ExecutorEnvironment[sandbox=" + sandbox + ", ip=" + ip + ", cassandraHome=" + cassandraHome
                + ", secrets=" + (environmentSecrets.isPresent() ? "from the environment" : "by message")
                + ", shutdownGrace=" + shutdownGrace + ", keepsClusterSecrets=" + keepsClusterSecrets + "]";
    }

    public static ExecutorEnvironment fromEnvironment(Map<String, String> env) {
        Path sandbox = Path.of(required(env, "MESOS_SANDBOX"));
        String home = env.get("CASSANDRA_HOME");
        Duration grace = MesosDurations.parse(env.getOrDefault("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs"));
        Duration shutdownGrace = grace.compareTo(SHUTDOWN_MARGIN.multipliedBy(2)) > 0
                ? grace.minus(SHUTDOWN_MARGIN)
                : grace.dividedBy(2);
        return new ExecutorEnvironment(
                sandbox,
                agentIp(env),
                home == null || home.isBlank() ? sandbox.resolve("cassandra") : Path.of(home),
                environmentSecrets(env),
                shutdownGrace,
                keepsClusterSecrets(env));
    }

    private static Optional<SecretBundle> environmentSecrets(Map<String, String> env) {
        String delivery = env.getOrDefault("SECRETS_DELIVERY", "message").trim();
        return switch (delivery) {
            case "message" -> Optional.empty();
            case "secret-store" -> {
                Map<String, String> secrets = new java.util.HashMap<>();
                secrets.put(SecretBundle.NODE_API_TOKEN, required(env, "NODE_API_TOKEN"));
                Optional.ofNullable(env.get(CQL_PASSWORD))
                        .filter(p -> !p.isBlank())
                        .ifPresent(p -> secrets.put(SecretBundle.CQL_PASSWORD, p));
                yield Optional.of(SecretBundle.of(secrets));
            }
            default ->
                throw new IllegalStateException(
                        "SECRETS_DELIVERY is '" + delivery + "': expected message or secret-store");
        };
    }

    private static boolean keepsClusterSecrets(Map<String, String> env) {
        String source = env.getOrDefault("CLUSTER_SECRETS", "environment").trim();
        return switch (source) {
            case "generated" -> true;
            case "environment" -> false;
            default ->
                throw new IllegalStateException(
                        "CLUSTER_SECRETS is '" + source + "': expected generated or environment");
        };
    }

    static String agentIp(Map<String, String> env) {
        String ip = env.get("LIBPROCESS_IP");
        if (ip != null && !ip.isBlank() && !"0.0.0.0".equals(ip)) {
            return ip;
        }
        String endpoint = required(env, "MESOS_AGENT_ENDPOINT"); // ip:port
        return endpoint.substring(0, endpoint.lastIndexOf(':'));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: the executor needs it");
        }
        return value;
    }
}
