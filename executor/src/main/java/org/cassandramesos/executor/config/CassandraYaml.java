package org.cassandramesos.executor.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.tls.NodeTlsFiles;
import org.cassandramesos.protocol.CassandraNodeSpec;

/** Renders {@code cassandra.yaml} for one node: our defaults, then the spec's extra settings over them. */
public final class CassandraYaml {
    /** Below this heap the node gets small-node settings (fewer threads, small caches and memtables). */
    static final int SMALL_NODE_HEAP_MB = 2048;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private CassandraYaml() {}

    /** The settings as a map, in a stable order (pure: no I/O). */
    public static Map<String, Object> render(CassandraNodeSpec spec, String ip, NodeLayout layout) {
        return render(spec, ip, layout, Optional.empty());
    }

    /** With {@code tls}, client and internode encryption from those PEM files, whatever the spec's settings say. */
    public static Map<String, Object> render(
            CassandraNodeSpec spec, String ip, NodeLayout layout, Optional<NodeTlsFiles> tls) {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("cluster_name", spec.clusterName());
        yaml.put("num_tokens", spec.numTokens());
        yaml.put("allocate_tokens_for_local_replication_factor", 3);
        yaml.put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
        yaml.put("data_file_directories", List.of(layout.dataDir().toString()));
        yaml.put("commitlog_directory", layout.commitlogDir().toString());
        yaml.put("hints_directory", layout.hintsDir().toString());
        yaml.put("saved_caches_directory", layout.savedCachesDir().toString());
        yaml.put("cdc_raw_directory", layout.cdcRawDir().toString());
        yaml.put("commitlog_sync", "periodic");
        yaml.put("commitlog_sync_period", "10000ms");
        yaml.put(
                "seed_provider",
                List.of(Map.of(
                        "class_name",
                        "org.apache.cassandra.locator.SimpleSeedProvider",
                        "parameters",
                        List.of(Map.of("seeds", String.join(",", spec.seeds()))))));
        yaml.put("listen_address", ip);
        yaml.put("broadcast_address", ip);
        yaml.put("rpc_address", ip);
        yaml.put("broadcast_rpc_address", ip);
        yaml.put("storage_port", spec.ports().storage());
        yaml.put("native_transport_port", spec.ports().nativeTransport());
        yaml.put("start_native_transport", true);
        yaml.put("endpoint_snitch", "GossipingPropertyFileSnitch");
        yaml.put("auto_snapshot", true);
        if (spec.cqlAuthentication()) {
            yaml.put("authenticator", "PasswordAuthenticator");
            yaml.put("authorizer", "CassandraAuthorizer");
            yaml.put("role_manager", "CassandraRoleManager");
        }
        if (spec.heapMb() < SMALL_NODE_HEAP_MB) {
            yaml.putAll(smallNodeSettings());
        }
        yaml.putAll(spec.cassandraYaml());
        // last: with node TLS on, the scheduler and the executor speak TLS to the node, so no override may turn it off
        tls.ifPresent(files -> yaml.putAll(encryption(files)));
        return yaml;
    }

    /**
     * CQL clients must use TLS ({@code optional: false}); nodes talk to each other only over TLS and prove they hold a
     * certificate of the cluster's CA ({@code require_client_auth}). Cassandra 5's PEMBasedSslContextFactory reads
     * the key + chain and the CA from the PEM files (unencrypted key: no password in the config).
     */
    static Map<String, Object> encryption(NodeTlsFiles files) {
        Map<String, Object> pemFactory =
                Map.of("class_name", "org.apache.cassandra.security.PEMBasedSslContextFactory");
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("enabled", true);
        client.put("optional", false);
        client.put("ssl_context_factory", pemFactory);
        client.put("keystore", files.keystore().toString());
        client.put("truststore", files.truststore().toString());
        client.put("require_client_auth", false);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("internode_encryption", "all");
        server.put("optional", false);
        server.put("ssl_context_factory", pemFactory);
        server.put("keystore", files.keystore().toString());
        server.put("truststore", files.truststore().toString());
        server.put("require_client_auth", true);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("client_encryption_options", client);
        settings.put("server_encryption_options", server);
        return settings;
    }

    static Map<String, Object> smallNodeSettings() {
        Map<String, Object> small = new LinkedHashMap<>();
        small.put("concurrent_reads", 8);
        small.put("concurrent_writes", 8);
        small.put("concurrent_counter_writes", 8);
        small.put("concurrent_compactors", 1);
        small.put("memtable_heap_space", "64MiB");
        small.put("memtable_offheap_space", "64MiB");
        small.put("key_cache_size", "8MiB");
        small.put("file_cache_size", "32MiB");
        small.put("index_summary_capacity", "8MiB");
        small.put("commitlog_segment_size", "8MiB");
        return small;
    }

    public static String toYaml(Map<String, Object> settings) {
        try {
            return YAML.writeValueAsString(settings);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cassandra.yaml settings cannot be written as YAML: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String yaml) throws IOException {
        return YAML.readValue(yaml, LinkedHashMap.class);
    }

    public static void write(Map<String, Object> settings, Path file) throws IOException {
        Files.writeString(file, toYaml(settings));
    }

    /** Whether snapshots are taken automatically before TRUNCATE/DROP, as configured. */
    public static boolean autoSnapshot(Map<String, Object> settings) {
        return Boolean.parseBoolean(String.valueOf(settings.getOrDefault("auto_snapshot", true)));
    }
}
