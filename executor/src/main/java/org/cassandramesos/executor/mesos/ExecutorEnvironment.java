package org.cassandramesos.executor.mesos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.mesos.MesosDurations;

/**
 * What the Cassandra executor reads from its environment (set by the agent and by the scheduler's CommandInfo).
 *
 * @param sandbox       {@code MESOS_SANDBOX}: the persistent volume is at {@code <sandbox>/<volume_path>}
 * @param ip            {@code LIBPROCESS_IP}, else the host of {@code MESOS_AGENT_ENDPOINT}: the agent's IP, which
 *                      Cassandra and the node API bind to
 * @param cassandraHome {@code CASSANDRA_HOME}, default {@code <sandbox>/cassandra} (the extracted cassandra-dist)
 * @param secrets       {@code NODE_API_TOKEN} (the node API's bearer token) and {@code CQL_PASSWORD} (the CQL
 *                      superuser's password, when CQL logins are on); never logged
 * @param shutdownGrace {@code MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD} less a margin: time to stop on SHUTDOWN
 */
public record ExecutorEnvironment(Path sandbox, String ip, Path cassandraHome, NodeSecrets secrets, Duration shutdownGrace) {
    public static final String CQL_PASSWORD = "CQL_PASSWORD";

    /** Kill grace when the KILL carries no kill policy: drain plus a clean stop of a busy node. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(2);

    @Override
    public String toString() {
        return "ExecutorEnvironment[sandbox=" + sandbox + ", ip=" + ip + ", cassandraHome=" + cassandraHome
                + ", shutdownGrace=" + shutdownGrace + "]";
    }

    public static ExecutorEnvironment fromEnvironment(Map<String, String> env) {
        Path sandbox = Path.of(required(env, "MESOS_SANDBOX"));
        String home = env.get("CASSANDRA_HOME");
        Duration grace = MesosDurations.parse(env.getOrDefault("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs"));
        Duration shutdownGrace = grace.compareTo(SHUTDOWN_MARGIN.multipliedBy(2)) > 0 ? grace.minus(SHUTDOWN_MARGIN) : grace.dividedBy(2);
        return new ExecutorEnvironment(sandbox, agentIp(env),
                home == null || home.isBlank() ? sandbox.resolve("cassandra") : Path.of(home),
                new NodeSecrets(required(env, "NODE_API_TOKEN"), Optional.ofNullable(env.get(CQL_PASSWORD))), shutdownGrace);
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
