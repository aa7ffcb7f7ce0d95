package org.cassandramesos.localmode;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cassandramesos.local.AgentSpec;

/**
 * What local mode asks of the scheduler, as the environment contract of docs/configuration.md —
 * the same variables Marathon sets on DC/OS.
 *
 * @param nodes      Cassandra nodes (at most one per agent)
 * @param agents     Mesos agents (127.0.0.2, 127.0.0.3, …); at least {@code nodes}, local mode's default one more,
 *                   so a replace or a scale-out by one has an agent to go to
 * @param heapMb     Cassandra heap per node
 * @param apiPort    the scheduler's REST API port
 * @param adminPort  the scheduler's admin port
 * @param secretStore whether the agents are DC/OS Enterprise agents with a secret store and executors get their
 *                   secrets from it ({@code SECRETS_DELIVERY=secret-store}); by default they are stock open-source
 *                   agents and executors get their secrets by message (docs/secrets.md)
 */
/** @param taskUser who the executors and Cassandra run as ({@link LocalTaskUser}) */
public record LocalModeSettings(
        int nodes, int agents, int heapMb, int apiPort, int adminPort, boolean secretStore, String taskUser) {
    public static final String SERVICE_NAME = "cassandra";
    /** Agents take 127.0.0.2 upwards, one address each. */
    public static final int MAX_AGENTS = 253;

    public LocalModeSettings {
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1, got " + nodes);
        }
        if (agents < nodes) {
            throw new IllegalArgumentException(
                    "--agents must be at least --nodes (" + nodes + "): one node per agent, got " + agents);
        }
        if (agents > MAX_AGENTS) {
            throw new IllegalArgumentException("--agents must be at most " + MAX_AGENTS + " (loopback 127.0.0.2-"
                    + (MAX_AGENTS + 1) + "), got " + agents);
        }
        if (heapMb < 128) {
            throw new IllegalArgumentException("--heap must be at least 128 (MB), got " + heapMb);
        }
    }

    /** One agent per node, no spare (the suites that pin where each node runs). */
    public LocalModeSettings(int nodes, int heapMb, int apiPort, int adminPort, boolean secretStore, String taskUser) {
        this(nodes, nodes, heapMb, apiPort, adminPort, secretStore, taskUser);
    }

    /** Local mode's default: one agent more than nodes, so a replace or a scale-out by one has somewhere to go. */
    public static int defaultAgents(int nodes) {
        return nodes + 1;
    }

    /** Node memory: heap plus what Cassandra uses off heap at this size (measured ≈ 750 MB RSS at 256 MB heap). */
    public int nodeMemMb() {
        return heapMb + 768;
    }

    /** The agents' secret store in the Enterprise profile: the node API token where the scheduler references it. */
    public java.util.Optional<Map<String, String>> agentSecretStore(String nodeApiToken, String cqlPassword) {
        return secretStore
                ? java.util.Optional.of(Map.of(
                        SERVICE_NAME + "/node-api-token", nodeApiToken, SERVICE_NAME + "/cql-password", cqlPassword))
                : java.util.Optional.empty();
    }

    public int seeds() {
        return Math.min(2, nodes);
    }

    /** Each agent fits one node and its executor with room to spare. */
    public int agentMemMb() {
        return nodeMemMb() + 1024;
    }

    /** One agent: a DC/OS agent offers most ports below 32000, Cassandra's fixed 7000/7199/9001/9042 among them. */
    public AgentSpec agentSpec() {
        return AgentSpec.of(2, agentMemMb(), 8192).withPorts(7000, 32000);
    }

    /** The CQL superuser the executors create (its password: the banner, and the data directory's cql-password). */
    public static final String CQL_SUPERUSER = "cassandra_mesos_admin";

    /** The bucket on local mode's S3Proxy that backups go to. */
    public static final String BACKUP_BUCKET = "backups";

    /**
     * @param zookeeperDigest the scheduler's ZooKeeper credential: its state is readable with this one only
     * @param backups where backups go (S3Proxy); its keys reach the scheduler as the secrets of docs/configuration.md
     */
    public Map<String, String> schedulerEnvironment(
            URI master,
            String zookeeper,
            ZooKeeperDigest zookeeperDigest,
            Artifacts artifacts,
            String apiToken,
            String nodeApiToken,
            BackupStore backups) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVICE_NAME", SERVICE_NAME);
        env.put("FRAMEWORK_USER", taskUser);
        env.put("MESOS_MASTER_URL", master.toString());
        env.put("ZOOKEEPER", zookeeper);
        env.put("ZOOKEEPER_DIGEST", zookeeperDigest.value());
        env.put("NODES", Integer.toString(nodes));
        env.put("SEEDS", Integer.toString(seeds()));
        env.put("NODE_CPUS", "0.5");
        env.put("NODE_MEM_MB", Integer.toString(nodeMemMb()));
        env.put("NODE_DISK_MB", "2048");
        env.put("NODE_HEAP_MB", Integer.toString(heapMb));
        env.put("PLACEMENT_CONSTRAINT", "hostname:UNIQUE");
        env.put("RACK_ATTRIBUTE", "rack");
        env.put("EXECUTOR_URI", fileUri(artifacts.executorTarball()));
        env.put("CASSANDRA_URI", fileUri(artifacts.cassandraTarball()));
        // the agents are stock agents: executors get no JAVA_HOME and run on this fetched runtime
        env.put("JAVA_RUNTIME_URI", fileUri(artifacts.javaRuntimeTarball()));
        env.put("FAST_START", "true");
        env.put("AUTH_MODE", "token");
        env.put("AUTH_TOKEN", apiToken);
        env.put("NODE_API_TOKEN", nodeApiToken);
        env.put("SECRETS_DELIVERY", secretStore ? "secret-store" : "message");
        env.put("API_PORT", Integer.toString(apiPort));
        env.put("ADMIN_PORT", Integer.toString(adminPort));
        env.put("BACKUP_LOCATION", backups.location());
        env.put("BACKUP_S3_ACCESS_KEY_ID", backups.accessKey());
        env.put("BACKUP_S3_SECRET_ACCESS_KEY", backups.secretKey());
        return env;
    }

    /** An S3 location and its keys; the keys are never printed by {@link #toString()}. */
    public record BackupStore(String location, String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "BackupStore[" + location + "]";
        }
    }

    private static String fileUri(Path path) {
        return path.toAbsolutePath().toUri().toString();
    }
}
