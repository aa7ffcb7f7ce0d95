package org.cassandramesos.scheduler.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.cassandramesos.scheduler.config.AuthMode;
import org.cassandramesos.scheduler.config.CassandraConfig;
import org.cassandramesos.scheduler.config.ConfigJson;
import org.cassandramesos.scheduler.config.DiskType;
import org.cassandramesos.scheduler.config.ExecutorConfig;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.PlacementConfig;
import org.cassandramesos.scheduler.config.PortsConfig;
import org.cassandramesos.scheduler.config.RetryPolicy;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
    private final ServiceConfig valid = ServiceConfig.defaults("cassandra");

    @Test
    void defaultsAreValid() {
        assertThat(ConfigValidator.validate(valid)).isEmpty();
    }

    @Test
    void reportsEveryProblemReadably() {
        ServiceConfig broken = valid.withNodes(new NodesConfig(0, 1, 0, 2048, 10240, 2048, DiskType.ROOT))
                .withPorts(new PortsConfig(9042, 9042, 70000, 0, 9042))
                .withPlacement(valid.placement().withConstraints("hostname:UNIQUE,rack:SOMETIMES"))
                .withRetry(new RetryPolicy(0, Duration.ofSeconds(10), Duration.ofSeconds(1)));

        assertThat(ConfigValidator.validate(broken))
                .containsExactlyInAnyOrder(
                        "node count must be at least 1, got 0",
                        "node cpus must be positive, got 0.0",
                        "heap 2048 MB must be less than node mem 2048 MB (Cassandra needs off-heap memory too)",
                        "jmx port must be 0 (dynamic) or 1-65535, got 70000",
                        "ports metrics and native are both 9042",
                        "ports metrics and storage are both 9042",
                        "placement constraints: unknown operator 'SOMETIMES' in 'rack:SOMETIMES' (expected UNIQUE, CLUSTER, "
                                + "GROUP_BY, MAX_PER, LIKE, UNLIKE)",
                        "retry max attempts must be at least 1, got 0",
                        "retry max backoff must be at least the initial backoff");
    }

    @Test
    void seedsMustNotExceedNodes() {
        assertThat(ConfigValidator.validate(
                        valid.withNodes(valid.nodes().withCount(2).withSeeds(3))))
                .containsExactly("seed count 3 exceeds node count 2");
    }

    @Test
    void dynamicPortsMayRepeatZero() {
        assertThat(ConfigValidator.validate(valid.withPorts(PortsConfig.allDynamic())))
                .isEmpty();
    }

    @Test
    void refusesUpdatesThatWouldOrphanDataOrSplitTheCluster() {
        ServiceConfig proposed = valid.withNodes(valid.nodes()
                        .withCount(2)
                        .withResources(1, 4096, 20480, 2048)
                        .withDiskType(DiskType.MOUNT))
                .withIdentity("cassandra", "other-role", valid.principal())
                .withCassandra(new CassandraConfig("renamed", 16, Map.of()));

        assertThat(ConfigValidator.validateUpdate(valid, proposed))
                .containsExactlyInAnyOrder(
                        "role cannot change from 'cassandra-role' to 'other-role'",
                        "cluster name cannot change from 'cassandra' to 'renamed'",
                        "disk size cannot change from 10240 MB to 20480 MB on existing volumes",
                        "disk type cannot change from ROOT to MOUNT on existing volumes");
        assertThat(ConfigValidator.validateUpdate(
                        valid, valid.withNodes(valid.nodes().withCount(5))))
                .isEmpty();
    }

    @Test
    void aLowerNodeCountIsAcceptedHereTheScaleInChecksTheReplicationOnALiveNode() {
        assertThat(ConfigValidator.validateUpdate(
                        valid, valid.withNodes(valid.nodes().withCount(2).withSeeds(1))))
                .isEmpty();
        assertThat(ConfigValidator.validateUpdate(
                        valid, valid.withNodes(valid.nodes().withCount(1))))
                .containsExactly("seed count 2 exceeds node count 1");
    }

    @Test
    void refusesUpdatesCassandraCannotTakeOnBootstrappedNodes() {
        ServiceConfig proposed = valid.withCassandra(new CassandraConfig("cassandra", 32, Map.of()))
                .withPlacement(new PlacementConfig("hostname:UNIQUE", "zone", "rack9", "dc2"));

        assertThat(ConfigValidator.validateUpdate(valid, proposed))
                .containsExactlyInAnyOrder(
                        "num_tokens cannot change from '16' to '32'",
                        "datacenter cannot change from 'datacenter1' to 'dc2'",
                        "rack attribute (the racks of existing nodes) cannot change from '' to 'zone'",
                        "default rack (the rack of existing nodes) cannot change from 'rack1' to 'rack9'");
    }

    @Test
    void refusesUpdatesThatNeedABiggerOrSmallerReservation() {
        ServiceConfig proposed = valid.withNodes(
                        valid.nodes().withResources(2, 8192, valid.nodes().diskMb(), 2048))
                .withExecutor(new ExecutorConfig(
                        valid.executor().executorUri(),
                        valid.executor().cassandraUri(),
                        valid.executor().javaRuntimeUri(),
                        valid.executor().cpus() * 2,
                        valid.executor().memMb() + 1,
                        valid.executor().command()))
                .withPorts(new PortsConfig(9043, 7000, 7199, 9001, 7070));

        assertThat(ConfigValidator.validateUpdate(valid, proposed))
                .containsExactlyInAnyOrder(
                        "node cpus cannot change from 1.0 to 2.0 (the nodes' reservations are sized from it; resizing a "
                                + "reservation in place is not supported)",
                        "node mem cannot change from 4096 MB to 8192 MB (the nodes' reservations are sized from it; resizing "
                                + "a reservation in place is not supported)",
                        "executor cpus cannot change from " + valid.executor().cpus() + " to "
                                + valid.executor().cpus() * 2
                                + " (the nodes' reservations are sized from it; resizing a reservation in place is not "
                                + "supported)",
                        "executor mem cannot change from " + valid.executor().memMb() + " MB to "
                                + (valid.executor().memMb() + 1) + " MB (the nodes' reservations are sized from it; "
                                + "resizing a reservation in place is not supported)",
                        "ports cannot change from native 9042, storage 7000, jmx 7199, node_api 9001, metrics 7070 to "
                                + "native 9043, storage 7000, jmx 7199, node_api 9001, metrics 7070 (each node keeps the ports "
                                + "it reserved)");
    }

    @Test
    void acceptsAMetricsPortAddedToAConfigurationStoredBeforeItExisted() {
        ServiceConfig stored = valid.withPorts(valid.ports().withMetrics(null));

        assertThat(ConfigValidator.validateUpdate(stored, valid)).isEmpty();
    }

    @Test
    void refusesAChangedOrRemovedMetricsPort() {
        assertThat(ConfigValidator.validateUpdate(
                        valid, valid.withPorts(valid.ports().withMetrics(7071))))
                .containsExactly(
                        "ports cannot change from native 9042, storage 7000, jmx 7199, node_api 9001, metrics 7070 "
                                + "to native 9042, storage 7000, jmx 7199, node_api 9001, metrics 7071 (each node keeps the ports it "
                                + "reserved)");
        assertThat(ConfigValidator.validateUpdate(
                        valid, valid.withPorts(valid.ports().withMetrics(null))))
                .hasSize(1);
    }

    @Test
    void readsAConfigurationStoredBeforeTheMetricsPortAsOneWithoutIt() throws Exception {
        String stored = "{\"native\": 9042, \"storage\": 7000, \"jmx\": 7199, \"node_api\": 9001}";

        PortsConfig ports = new com.fasterxml.jackson.databind.ObjectMapper().readValue(stored, PortsConfig.class);

        assertThat(ports.hasMetrics()).isFalse();
        assertThat(ports).isEqualTo(PortsConfig.defaults().withMetrics(null));
    }

    @Test
    void acceptsUpdatesANodeTakesOnARelaunchInPlace() {
        ServiceConfig proposed = valid.withNodes(valid.nodes()
                        .withResources(
                                valid.nodes().cpus(),
                                valid.nodes().memMb(),
                                valid.nodes().diskMb(),
                                1024))
                .withCassandra(new CassandraConfig("cassandra", 16, Map.of("concurrent_reads", 64)));

        assertThat(ConfigValidator.validateUpdate(valid, proposed)).isEmpty();
    }

    @Test
    void roundTripsThroughJsonWithReadableDurationsAndAuthMode() {
        ServiceConfig config = valid.withCassandra(new CassandraConfig("c", 8, Map.of("concurrent_reads", 64)));

        String json = new String(ConfigJson.write(config));

        assertThat(json).contains("\"failover_timeout\":\"PT336H\"", "\"auth\":\"token\"", "\"heap_mb\":2048");
        assertThat(ConfigJson.read(json.getBytes())).isEqualTo(config);
    }

    @Test
    void authModesParseByTheirConfigNames() {
        assertThat(AuthMode.parse("dcos-jwt")).isEqualTo(AuthMode.DCOS_JWT);
        assertThat(AuthMode.parse(" NONE ")).isEqualTo(AuthMode.NONE);
        assertThatThrownBy(() -> AuthMode.parse("basic"))
                .hasMessage("unknown auth mode 'basic', expected one of token, dcos-jwt, none");
    }
}
