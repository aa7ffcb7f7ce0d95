package org.cassandramesos.scheduler.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cassandramesos.scheduler.config.CassandraConfig;
import org.cassandramesos.scheduler.config.ExecutorConfig;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.PlacementConfig;
import org.cassandramesos.scheduler.config.PortsConfig;
import org.cassandramesos.scheduler.config.RetryPolicy;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.PlacementConstraints;

/**
 * Checks a config before it becomes the target. Returns every problem as a sentence an operator can
 * act on; an empty list means valid. Errors end up in the deploy plan's {@code errors}.
 */
public final class ConfigValidator {
    private ConfigValidator() {}

    public static List<String> validate(ServiceConfig config) {
        List<String> errors = new ArrayList<>();
        requireText(errors, "service name", config.serviceName());
        if (config.serviceName() != null && config.serviceName().chars().anyMatch(Character::isWhitespace)) {
            errors.add("service name must not contain whitespace: '" + config.serviceName() + "'");
        }
        requireText(errors, "role", config.role());
        requireText(errors, "principal", config.principal());
        requireText(errors, "user", config.user());
        requireText(errors, "zookeeper connect string", config.zookeeperConnect());
        if (config.failoverTimeout() == null
                || config.failoverTimeout().isNegative()
                || config.failoverTimeout().isZero()) {
            errors.add("failover timeout must be positive (0 would kill all tasks when the scheduler disconnects)");
        }
        if (config.agentGoneGrace() == null || config.agentGoneGrace().isNegative()) {
            errors.add("agent-gone grace must not be negative");
        }
        if (config.auth() == null) {
            errors.add("auth mode is required (token, dcos-jwt or none)");
        }
        validateNodes(errors, config.nodes());
        validatePorts(errors, config.ports());
        validatePlacement(errors, config.placement());
        validateCassandra(errors, config.cassandra());
        validateExecutor(errors, config.executor());
        validateRetry(errors, config.retry());
        return List.copyOf(errors);
    }

    /**
     * Changes a running service cannot take: they would orphan reservations, lose data or split the
     * cluster. A lower node count is accepted here: the deploy plan decommissions the nodes beyond it once a live node
     * shows that the remaining ones hold every keyspace at its replication factor ({@code ops.ScaleIn}).
     */
    public static List<String> validateUpdate(ServiceConfig current, ServiceConfig proposed) {
        List<String> errors = new ArrayList<>(validate(proposed));
        unchanged(errors, "service name", current.serviceName(), proposed.serviceName());
        unchanged(errors, "role", current.role(), proposed.role());
        unchanged(errors, "principal", current.principal(), proposed.principal());
        if (current.cassandra() != null && proposed.cassandra() != null) {
            unchanged(
                    errors,
                    "cluster name",
                    current.cassandra().clusterName(),
                    proposed.cassandra().clusterName());
            // a bootstrapped node keeps its tokens: Cassandra refuses to start with another num_tokens
            unchanged(
                    errors,
                    "num_tokens",
                    current.cassandra().numTokens(),
                    proposed.cassandra().numTokens());
        }
        if (current.placement() != null && proposed.placement() != null) {
            // a node's datacenter and rack are fixed once it joined (the snitch refuses a change at start)
            unchanged(
                    errors,
                    "datacenter",
                    current.placement().datacenter(),
                    proposed.placement().datacenter());
            unchanged(
                    errors,
                    "rack attribute (the racks of existing nodes)",
                    current.placement().rackAttribute(),
                    proposed.placement().rackAttribute());
            unchanged(
                    errors,
                    "default rack (the rack of existing nodes)",
                    current.placement().defaultRack(),
                    proposed.placement().defaultRack());
        }
        reservationUnchanged(errors, current, proposed);
        if (current.nodes() != null && proposed.nodes() != null) {
            if (proposed.nodes().diskType() != current.nodes().diskType()) {
                errors.add("disk type cannot change from " + current.nodes().diskType() + " to "
                        + proposed.nodes().diskType() + " on existing volumes");
            }
            if (proposed.nodes().diskMb() != current.nodes().diskMb()) {
                errors.add("disk size cannot change from " + current.nodes().diskMb() + " MB to "
                        + proposed.nodes().diskMb() + " MB on existing volumes");
            }
        }
        return List.copyOf(errors);
    }

    /**
     * Settings the nodes' reservations are sized or made from (task and executor cpus and mem, fixed ports): an update
     * relaunches each node on its own reservation, which could not hold the new amounts, so the node would be drained
     * and then stranded. Resizing reservations in place is not supported: such a change is refused.
     */
    private static void reservationUnchanged(List<String> errors, ServiceConfig current, ServiceConfig proposed) {
        String why = " (the nodes' reservations are sized from it; resizing a reservation in place is not supported)";
        if (current.nodes() != null && proposed.nodes() != null) {
            if (Double.compare(current.nodes().cpus(), proposed.nodes().cpus()) != 0) {
                errors.add("node cpus cannot change from " + current.nodes().cpus() + " to "
                        + proposed.nodes().cpus() + why);
            }
            if (current.nodes().memMb() != proposed.nodes().memMb()) {
                errors.add("node mem cannot change from " + current.nodes().memMb() + " MB to "
                        + proposed.nodes().memMb() + " MB" + why);
            }
        }
        if (current.executor() != null && proposed.executor() != null) {
            if (Double.compare(current.executor().cpus(), proposed.executor().cpus()) != 0) {
                errors.add(
                        "executor cpus cannot change from " + current.executor().cpus() + " to "
                                + proposed.executor().cpus() + why);
            }
            if (current.executor().memMb() != proposed.executor().memMb()) {
                errors.add(
                        "executor mem cannot change from " + current.executor().memMb() + " MB to "
                                + proposed.executor().memMb() + " MB" + why);
            }
        }
        // A metrics port may be added to a configuration stored before it existed: only nodes placed from now on
        // reserve
        // it; the others keep their reservations and run without the exporter until they are replaced (docs/metrics.md)
        PortsConfig comparable = current.ports() != null && !current.ports().hasMetrics() && proposed.ports() != null
                ? current.ports().withMetrics(proposed.ports().metrics())
                : current.ports();
        if (current.ports() != null && !comparable.equals(proposed.ports())) {
            errors.add("ports cannot change from " + describe(current.ports()) + " to " + describe(proposed.ports())
                    + " (each node keeps the ports it reserved)");
        }
    }

    private static String describe(PortsConfig ports) {
        return ports == null
                ? "none"
                : "native " + ports.nativeTransport() + ", storage " + ports.storage() + ", jmx " + ports.jmx()
                        + ", node_api " + ports.nodeApi() + (ports.hasMetrics() ? ", metrics " + ports.metrics() : "");
    }

    private static void validateNodes(List<String> errors, NodesConfig nodes) {
        if (nodes == null) {
            errors.add("nodes section is required");
            return;
        }
        if (nodes.count() < 1) {
            errors.add("node count must be at least 1, got " + nodes.count());
        }
        if (nodes.seeds() < 1) {
            errors.add("seed count must be at least 1, got " + nodes.seeds());
        } else if (nodes.seeds() > nodes.count() && nodes.count() >= 1) {
            errors.add("seed count " + nodes.seeds() + " exceeds node count " + nodes.count());
        }
        if (!(nodes.cpus() > 0)) {
            errors.add("node cpus must be positive, got " + nodes.cpus());
        }
        if (nodes.memMb() <= 0) {
            errors.add("node mem must be positive, got " + nodes.memMb() + " MB");
        }
        if (nodes.diskMb() <= 0) {
            errors.add("node disk must be positive, got " + nodes.diskMb() + " MB");
        }
        if (nodes.heapMb() <= 0) {
            errors.add("heap must be positive, got " + nodes.heapMb() + " MB");
        } else if (nodes.heapMb() >= nodes.memMb()) {
            errors.add("heap " + nodes.heapMb() + " MB must be less than node mem " + nodes.memMb()
                    + " MB (Cassandra needs off-heap memory too)");
        }
    }

    private static void validatePorts(List<String> errors, PortsConfig ports) {
        if (ports == null) {
            errors.add("ports section is required");
            return;
        }
        Map<String, Integer> byName = new HashMap<>(Map.of(
                "native",
                ports.nativeTransport(),
                "storage",
                ports.storage(),
                "jmx",
                ports.jmx(),
                "node_api",
                ports.nodeApi()));
        if (ports.hasMetrics()) {
            byName.put("metrics", ports.metrics());
        }
        Map<Integer, String> seen = new HashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            int port = entry.getValue();
            if (port < 0 || port > 65535) {
                errors.add(entry.getKey() + " port must be 0 (dynamic) or 1-65535, got " + port);
            } else if (port != PortsConfig.DYNAMIC) {
                String other = seen.putIfAbsent(port, entry.getKey());
                if (other != null) {
                    errors.add("ports " + other + " and " + entry.getKey() + " are both " + port);
                }
            }
        });
    }

    private static void validatePlacement(List<String> errors, PlacementConfig placement) {
        if (placement == null) {
            errors.add("placement section is required");
            return;
        }
        requireText(errors, "datacenter", placement.datacenter());
        try {
            PlacementConstraints.parse(placement.constraints());
        } catch (IllegalArgumentException e) {
            errors.add("placement constraints: " + e.getMessage());
        }
    }

    private static void validateCassandra(List<String> errors, CassandraConfig cassandra) {
        if (cassandra == null) {
            errors.add("cassandra section is required");
            return;
        }
        requireText(errors, "cluster name", cassandra.clusterName());
        if (cassandra.numTokens() < 1) {
            errors.add("num_tokens must be at least 1, got " + cassandra.numTokens());
        }
    }

    private static void validateExecutor(List<String> errors, ExecutorConfig executor) {
        if (executor == null) {
            errors.add("executor section is required");
            return;
        }
        requireText(errors, "executor URI", executor.executorUri());
        requireText(errors, "cassandra URI", executor.cassandraUri());
        requireText(errors, "java runtime URI", executor.javaRuntimeUri());
        requireText(errors, "executor command", executor.command());
        if (!(executor.cpus() > 0)) {
            errors.add("executor cpus must be positive, got " + executor.cpus());
        }
        if (executor.memMb() <= 0) {
            errors.add("executor mem must be positive, got " + executor.memMb() + " MB");
        }
    }

    private static void validateRetry(List<String> errors, RetryPolicy retry) {
        if (retry == null) {
            errors.add("retry policy is required");
            return;
        }
        if (retry.maxAttempts() < 1) {
            errors.add("retry max attempts must be at least 1, got " + retry.maxAttempts());
        }
        if (retry.initialBackoff() == null || retry.initialBackoff().isNegative()) {
            errors.add("retry initial backoff must not be negative");
        } else if (retry.maxBackoff() == null || retry.maxBackoff().compareTo(retry.initialBackoff()) < 0) {
            errors.add("retry max backoff must be at least the initial backoff");
        }
    }

    private static void requireText(List<String> errors, String what, String value) {
        if (value == null || value.isBlank()) {
            errors.add(what + " is required");
        }
    }

    private static void unchanged(List<String> errors, String what, Object current, Object proposed) {
        if (current != null && !current.equals(proposed)) {
            errors.add(what + " cannot change from '" + current + "' to '" + proposed + "'");
        }
    }
}
