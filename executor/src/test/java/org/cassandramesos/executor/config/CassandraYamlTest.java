package org.cassandramesos.executor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.junit.jupiter.api.Test;

class CassandraYamlTest {
    private final NodeLayout layout =
            new NodeLayout(Path.of("/opt/cassandra"), Path.of("/sandbox/volume"), Path.of("/sandbox/run"));

    @Test
    void bindsEveryAddressToTheAgentIpAndUsesTheSpecPorts() throws Exception {
        CassandraNodeSpec spec = TestSpecs.spec(
                List.of("10.0.0.1", "10.0.0.2"), new CassandraNodeSpec.Ports(9142, 7100, 7299, 5151), Map.of());

        Map<String, Object> yaml =
                CassandraYaml.parse(CassandraYaml.toYaml(CassandraYaml.render(spec, "10.0.0.7", layout)));

        assertThat(yaml)
                .containsEntry("listen_address", "10.0.0.7")
                .containsEntry("rpc_address", "10.0.0.7")
                .containsEntry("broadcast_address", "10.0.0.7")
                .containsEntry("broadcast_rpc_address", "10.0.0.7")
                .containsEntry("native_transport_port", 9142)
                .containsEntry("storage_port", 7100)
                .containsEntry("cluster_name", "test-cluster")
                .containsEntry("num_tokens", 16)
                .containsEntry("endpoint_snitch", "GossipingPropertyFileSnitch");
        assertThat(yaml.get("seed_provider"))
                .isEqualTo(List.of(Map.of(
                        "class_name",
                        "org.apache.cassandra.locator.SimpleSeedProvider",
                        "parameters",
                        List.of(Map.of("seeds", "10.0.0.1,10.0.0.2")))));
    }

    @Test
    void putsAllStateOnThePersistentVolume() throws Exception {
        CassandraNodeSpec spec = TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of());

        Map<String, Object> yaml =
                CassandraYaml.parse(CassandraYaml.toYaml(CassandraYaml.render(spec, "10.0.0.7", layout)));

        assertThat(yaml.get("data_file_directories")).isEqualTo(List.of("/sandbox/volume/data"));
        assertThat(yaml)
                .containsEntry("commitlog_directory", "/sandbox/volume/commitlog")
                .containsEntry("hints_directory", "/sandbox/volume/hints")
                .containsEntry("saved_caches_directory", "/sandbox/volume/saved_caches")
                .containsEntry("cdc_raw_directory", "/sandbox/volume/cdc_raw");
    }

    @Test
    void smallHeapGetsSmallNodeSettingsAndBigHeapDoesNot() {
        CassandraNodeSpec small = TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of());
        CassandraNodeSpec big = new CassandraNodeSpec(
                "node-0",
                "c",
                "cfg",
                List.of("10.0.0.1"),
                "dc1",
                "rack1",
                TestSpecs.fixedPorts(),
                8192,
                16,
                java.util.Optional.empty(),
                false,
                "volume",
                Map.of());

        assertThat(CassandraYaml.render(small, "10.0.0.7", layout))
                .containsEntry("concurrent_compactors", 1)
                .containsEntry("memtable_heap_space", "64MiB");
        assertThat(CassandraYaml.render(big, "10.0.0.7", layout))
                .doesNotContainKeys("concurrent_compactors", "memtable_heap_space");
    }

    @Test
    void extraSettingsFromTheSpecOverrideTheDefaults() {
        CassandraNodeSpec spec = TestSpecs.spec(
                List.of("10.0.0.1"),
                TestSpecs.fixedPorts(),
                Map.of("auto_snapshot", false, "concurrent_reads", 32, "authenticator", "PasswordAuthenticator"));

        Map<String, Object> yaml = CassandraYaml.render(spec, "10.0.0.7", layout);

        assertThat(yaml)
                .containsEntry("auto_snapshot", false)
                .containsEntry("concurrent_reads", 32)
                .containsEntry("authenticator", "PasswordAuthenticator");
        assertThat(CassandraYaml.autoSnapshot(yaml)).isFalse();
    }

    @Test
    void autoSnapshotIsOnByDefault() {
        CassandraNodeSpec spec = TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of());

        assertThat(CassandraYaml.autoSnapshot(CassandraYaml.render(spec, "10.0.0.7", layout)))
                .isTrue();
    }

    @Test
    void rackDcPropertiesCarryTheSpecDatacenterAndRack() throws Exception {
        CassandraNodeSpec spec = TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of());
        java.util.Properties properties = new java.util.Properties();

        properties.load(new java.io.StringReader(RackDcProperties.render(spec)));

        assertThat(properties).containsEntry("dc", "dc1").containsEntry("rack", "rack1");
    }

    @Test
    void cqlAuthenticationTurnsOnPasswordsAndPermissionsOnlyWhenTheSpecAsks() {
        CassandraNodeSpec plain = TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of());
        NodeLayout layout = new NodeLayout(Path.of("/opt/c"), Path.of("/v"), Path.of("/r"));

        Map<String, Object> secured = CassandraYaml.render(plain.withCqlAuthentication("admin"), "10.0.0.7", layout);

        assertThat(secured)
                .containsEntry("authenticator", "PasswordAuthenticator")
                .containsEntry("authorizer", "CassandraAuthorizer")
                .containsEntry("role_manager", "CassandraRoleManager");
        assertThat(CassandraYaml.render(plain, "10.0.0.7", layout)).doesNotContainKeys("authenticator", "authorizer");
    }
}
