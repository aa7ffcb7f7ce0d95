package org.cassandramesos.executor.node;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cassandramesos.executor.config.CassandraYaml;
import org.cassandramesos.executor.config.JvmOptions;
import org.cassandramesos.executor.config.RackDcProperties;
import org.cassandramesos.executor.cql.CqlCredentials;
import org.cassandramesos.executor.cql.CqlSessions;
import org.cassandramesos.executor.cql.KeyspaceReplications;
import org.cassandramesos.executor.cql.SuperuserSetup;
import org.cassandramesos.executor.jmx.CassandraJmx;
import org.cassandramesos.executor.jmx.JmxCassandraClient;
import org.cassandramesos.executor.jmx.JmxConnectionException;
import org.cassandramesos.executor.jmx.JmxCredentials;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.jmx.NodeStatus;
import org.cassandramesos.executor.jmx.RepairOutcome;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.process.AgentJars;
import org.cassandramesos.executor.process.CassandraProcess;
import org.cassandramesos.executor.process.ProcessExit;
import org.cassandramesos.executor.tls.NodeTlsFiles;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.jobs.KeyspaceReplication;
import org.cassandramesos.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cassandra node this executor runs: its config, its process and the JMX connection to it. What the node API
 * and the Mesos executor act on.
 */
public final class CassandraNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraNode.class);
    private static final Duration JMX_CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration IMPORT_TIMEOUT = Duration.ofHours(2);
    private static final Duration SYSTEM_AUTH_REPAIR_TIMEOUT = Duration.ofMinutes(5);
    private static final DateTimeFormatter TAG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final CassandraNodeSpec spec;
    private final String ip;
    private final NodeLayout layout;
    private final Consumer<ProcessExit> onUnexpectedExit;
    private final CassandraProcess process;
    private final SnapshotCatalog snapshots;
    private final Optional<TlsMaterial> tls;
    private final JmxCredentials jmxCredentials = JmxCredentials.generate();
    private final Optional<CqlCredentials> cqlLogin;

    // Guarded by this.
    private CassandraJmx jmx;
    private String error = "";
    /** The superuser logged in and the default login was disabled since the latest start. */
    private volatile boolean superuserVerified;

    /** A node without CQL logins ({@code spec.cqlAuthentication()} off). */
    public CassandraNode(CassandraNodeSpec spec, String ip, NodeLayout layout, Consumer<ProcessExit> onUnexpectedExit) {
        this(spec, ip, layout, Optional.empty(), Optional.empty(), onUnexpectedExit);
    }

    /** @param tls the node's key, certificate and CA: Cassandra then serves CQL and internode traffic over TLS only */
    public CassandraNode(
            CassandraNodeSpec spec,
            String ip,
            NodeLayout layout,
            Consumer<ProcessExit> onUnexpectedExit,
            Optional<TlsMaterial> tls) {
        this(spec, ip, layout, Optional.empty(), tls, onUnexpectedExit);
    }

    /** A node without TLS. */
    public CassandraNode(
            CassandraNodeSpec spec,
            String ip,
            NodeLayout layout,
            Optional<CqlCredentials> cqlLogin,
            Consumer<ProcessExit> onUnexpectedExit) {
        this(spec, ip, layout, cqlLogin, Optional.empty(), onUnexpectedExit);
    }

    /**
     * @param cqlLogin         the cluster's CQL superuser, required when {@code spec.cqlAuthentication()}
     * @param tls              the node's key, certificate and CA: CQL and internode traffic are then TLS only
     * @param onUnexpectedExit told when Cassandra dies without being asked to stop
     */
    public CassandraNode(
            CassandraNodeSpec spec,
            String ip,
            NodeLayout layout,
            Optional<CqlCredentials> cqlLogin,
            Optional<TlsMaterial> tls,
            Consumer<ProcessExit> onUnexpectedExit) {
        if (spec.cqlAuthentication() && cqlLogin.isEmpty()) {
            throw new IllegalArgumentException(
                    "CQL authentication is on, but there is no password for the CQL superuser " + spec.cqlSuperuser());
        }
        this.cqlLogin = spec.cqlAuthentication() ? cqlLogin : Optional.empty();
        this.tls = tls;
        this.spec = spec;
        this.ip = ip;
        this.layout = layout;
        this.onUnexpectedExit = onUnexpectedExit;
        this.process = new CassandraProcess(layout.runDir(), layout.stdoutLog(), layout.systemLog(), this::exited);
        this.snapshots = new SnapshotCatalog(layout.dataDir());
    }

    public CassandraNodeSpec spec() {
        return spec;
    }

    public String ip() {
        return ip;
    }

    public NodeLayout layout() {
        return layout;
    }

    /** The node's TLS material when it runs TLS. */
    public Optional<TlsMaterial> tls() {
        return tls;
    }

    /** The login for CQL sessions to this node: the cluster's superuser, empty when CQL needs none. */
    public Optional<CqlCredentials> cqlLogin() {
        return cqlLogin;
    }

    /**
     * Every keyspace's replication as this node's schema has it ({@code system_schema.keyspaces}), system keyspaces
     * included: the scheduler checks against them that the nodes left after a scale-in can hold each keyspace at its
     * replication factor. Read through a CQL session to the node itself, logged in as the cluster's superuser when
     * logins are required.
     */
    public List<KeyspaceReplication> keyspaceReplications() {
        try (CqlSession session = CqlSessions.open(
                ip(), spec().ports().nativeTransport(), spec().datacenter(), cqlLogin, tls(), Duration.ofSeconds(30))) {
            return KeyspaceReplications.read(session);
        }
    }

    /** The cassandra.yaml settings this node runs with. */
    public Map<String, Object> configuration() {
        return CassandraYaml.render(spec, ip, layout, tls.map(t -> NodeTlsFiles.in(layout.tlsDir())));
    }

    /** Renders the config files and starts Cassandra; returns its pid. */
    public synchronized long start() throws IOException {
        layout.createDirectories();
        if (tls.isPresent()) {
            NodeTlsFiles.in(layout.tlsDir()).write(tls.get());
        }
        CassandraYaml.write(configuration(), layout.cassandraYaml());
        RackDcProperties.write(spec, layout.rackDcProperties());
        JmxCredentials.Files jmxFiles = jmxCredentials.write(layout.runDir());
        List<String> command = JvmOptions.command(new JvmOptions.Inputs(
                spec,
                ip,
                layout,
                Path.of(System.getProperty("java.home"), "bin", "java"),
                jammAgent(),
                Optional.of(AgentJars.parentWatch(layout.runDir())),
                ProcessHandle.current().pid(),
                new JvmOptions.JmxServer(
                        AgentJars.jmxServer(layout.runDir()), jmxFiles.passwordFile(), jmxFiles.accessFile())));
        try {
            superuserVerified = false;
            long pid = process.start(command);
            error = "";
            return pid;
        } catch (IOException | RuntimeException e) {
            error = "Cassandra could not be started: " + e.getMessage();
            throw e;
        }
    }

    /** Drains (bounded by half the grace), then stops the process within {@code grace}. */
    public Optional<ProcessExit> stop(Duration grace) throws InterruptedException {
        Duration drainTimeout = grace.dividedBy(2);
        Optional<ProcessExit> exit = process.stop(grace, () -> {
            try {
                jmx().drain(drainTimeout);
            } catch (JmxException e) {
                LOG.warn("drain failed, stopping without it: {}", e.getMessage());
            }
        });
        dropJmx();
        return exit;
    }

    /** Kills Cassandra at once (SIGKILL, like a power loss; data kept) as a requested stop. */
    public Optional<ProcessExit> kill() throws InterruptedException {
        Optional<ProcessExit> exit = process.kill();
        dropJmx();
        return exit;
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public CassandraProcess process() {
        return process;
    }

    /** Why Cassandra last died or could not start; empty when it has not. */
    public synchronized String error() {
        return error;
    }

    public NodeStatus status() {
        return withJmx(CassandraJmx::status);
    }

    /** Up, in the ring, answering CQL, and, with CQL logins on, the superuser logs in and the default login is off. */
    public boolean ready() {
        if (!process.isRunning()) {
            return false;
        }
        try {
            NodeStatus status = status();
            return status.normal()
                    && CqlProbe.answers(
                            ip,
                            spec.ports().nativeTransport(),
                            Duration.ofSeconds(5),
                            tls.map(t -> TlsMaterial.trusting(t.caPem())))
                    && cqlLogin.map(login -> superuserReady(login, status)).orElse(true);
        } catch (JmxException notYet) {
            return false;
        }
    }

    private boolean superuserReady(CqlCredentials login, NodeStatus status) {
        // Once done for this node's data, a restart does not prove it again: after a whole-cluster restart the first
        // node alone cannot read roles at quorum, and the next nodes start only once it is ready.
        if (superuserVerified || Files.exists(layout.superuserReadyMarker())) {
            return true;
        }
        try {
            superuserVerified = SuperuserSetup.ensure(
                    new SuperuserSetup.Node(
                            ip,
                            spec.ports().nativeTransport(),
                            spec.datacenter(),
                            tls,
                            status.liveNodes().size(),
                            replicas -> repairSystemAuth()),
                    login);
            if (superuserVerified) {
                Files.writeString(
                        layout.superuserReadyMarker(), "the CQL superuser logged in; the default login is off\n");
            }
        } catch (RuntimeException | java.io.IOException e) {
            LOG.warn("CQL superuser setup not done yet: {}", e.getMessage());
        }
        return superuserVerified;
    }

    /** A full repair of system_auth on this node, after its replication grew; a failure is logged, not thrown. */
    private void repairSystemAuth() {
        try {
            RepairOutcome outcome = withJmx(
                            jmx -> jmx.repair("system_auth", Map.of("incremental", "false", "parallelism", "parallel")))
                    .get(SYSTEM_AUTH_REPAIR_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            if (!outcome.success()) {
                LOG.warn("repair of system_auth failed: {}", outcome.messages());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("repair of system_auth failed: {}", e.toString());
        }
    }

    public boolean autoSnapshot() {
        return CassandraYaml.autoSnapshot(configuration());
    }

    /** Snapshots every keyspace; returns the tag. */
    public String takeSnapshot() {
        String tag = "snapshot-" + TAG_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        withJmx(jmx -> {
            jmx.takeSnapshot(tag, List.of());
            return null;
        });
        return tag;
    }

    public Optional<String> lastSnapshot() {
        return snapshots.latestTag();
    }

    public SnapshotCatalog snapshots() {
        return snapshots;
    }

    /**
     * Restores every non-system table in snapshot {@code tag}: Cassandra copies the snapshot's SSTables back into
     * the live table directories and loads them (nodetool import with copy). Data written after the snapshot stays;
     * what was lost or overwritten since comes back.
     */
    public RestoreResult restore(String tag) {
        List<SnapshotCatalog.TableSnapshot> tables = snapshots.withTag(tag).stream()
                .filter(t -> !t.systemKeyspace())
                .filter(t -> containsSSTables(t.directory()))
                .toList();
        if (snapshots.withTag(tag).isEmpty()) {
            throw new SnapshotNotFoundException(tag);
        }
        List<String> restored = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (SnapshotCatalog.TableSnapshot table : tables) {
            String name = table.keyspace() + "." + table.table();
            try {
                List<String> failedDirs = withJmx(jmx -> jmx.importSSTables(
                        table.keyspace(),
                        table.table(),
                        Set.of(table.directory().toString()),
                        IMPORT_TIMEOUT));
                if (failedDirs.isEmpty()) {
                    restored.add(name);
                } else {
                    failed.add(name + ": import failed for " + failedDirs);
                }
            } catch (JmxException e) {
                failed.add(name + ": " + e.getMessage());
            }
        }
        return new RestoreResult(tag, restored, failed);
    }

    /**
     * Runs {@code call} on the JMX connection, reconnecting once if the connection broke (never repeating a call
     * Cassandra answered with an error).
     */
    public <T> T withJmx(java.util.function.Function<CassandraJmx, T> call) {
        try {
            return call.apply(jmx());
        } catch (JmxConnectionException first) {
            dropJmx();
            if (!process.isRunning()) {
                throw new JmxException("Cassandra is not running", first);
            }
            return call.apply(jmx());
        }
    }

    private synchronized CassandraJmx jmx() {
        if (jmx == null) {
            jmx = JmxCassandraClient.connect(ip, spec.ports().jmx(), jmxCredentials, JMX_CALL_TIMEOUT);
        }
        return jmx;
    }

    private synchronized void dropJmx() {
        if (jmx != null) {
            jmx.close();
            jmx = null;
        }
    }

    private void exited(ProcessExit exit) {
        if (exit.requested()) {
            return;
        }
        synchronized (this) {
            error = exit.report();
        }
        dropJmx();
        onUnexpectedExit.accept(exit);
    }

    private Path jammAgent() throws IOException {
        try (Stream<Path> jars = Files.list(layout.libDir())) {
            return jars.filter(p -> p.getFileName().toString().matches("jamm-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException(
                            "no jamm jar in " + layout.libDir() + ": is CASSANDRA_HOME a cassandra-dist tree?"));
        }
    }

    private static boolean containsSSTables(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith("-Data.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Cassandra if it runs (SIGTERM, then SIGKILL) and releases the JMX connection. */
    @Override
    public void close() {
        dropJmx();
        process.close();
    }

    /** What a restore did, per table ({@code keyspace.table}). */
    public record RestoreResult(String tag, List<String> restored, List<String> failed) {
        public RestoreResult {
            restored = List.copyOf(restored);
            failed = List.copyOf(failed);
        }
    }

    /** No snapshot with that tag exists on this node. */
    public static final class SnapshotNotFoundException extends RuntimeException {
        public SnapshotNotFoundException(String tag) {
            super("no snapshot named '" + tag + "' on this node");
        }
    }
}
