package org.cassandramesos.localmode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.cassandramesos.s3proxy.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Everything local mode runs, as one object: ZooKeeper, S3Proxy, the local Mesos (one agent per node, on 127.0.0.2…)
 * and the scheduler, supervised as Marathon runs it. {@link LocalModeMain} prints and follows it; the fault suite runs
 * the same object in-process, so what it breaks is exactly what users run.
 */
public final class LocalCluster implements AutoCloseable {
    /** How often the supervisor looks at the scheduler (Marathon's health checks are coarser still). */
    private static final Duration SUPERVISION_TICK = Duration.ofSeconds(2);

    private final LocalModeSettings settings;
    private final Optional<LocalTls> tls;
    private final Secrets secrets;
    private final EmbeddedZooKeeper zookeeper;
    private S3ProxyServer s3;
    private final LocalMesos mesos;
    private final SchedulerSupervisor scheduler;
    private final ScheduledExecutorService supervision;

    /** What the cluster's parts authenticate with; generated per run, or kept in the data directory (0600). */
    public record Secrets(String apiToken, String nodeApiToken, String cqlPassword, ZooKeeperDigest zookeeperDigest,
            FrameworkSecret frameworkSecret) {
        static Secrets of(Path data) throws IOException {
            return new Secrets(OwnerOnlyFile.randomToken(), OwnerOnlyFile.randomToken(),
                    // kept with the data: the superuser the executors created with it lives on in system_auth
                    OwnerOnlyFile.loadOrCreate(data.resolve("cql-password"), OwnerOnlyFile::randomToken),
                    ZooKeeperDigest.loadOrCreate(data.resolve("zookeeper-digest")),
                    // the local master requires framework authentication, as a production master should
                    FrameworkSecret.loadOrCreate(data.resolve("framework-secret")));
        }

        @Override
        public String toString() {
            return "Secrets[api token, node API token, CQL password, ZooKeeper digest, framework secret]";
        }
    }

    private LocalCluster(LocalModeSettings settings, Optional<LocalTls> tls, Secrets secrets, EmbeddedZooKeeper zookeeper,
            S3ProxyServer s3, LocalMesos mesos, SchedulerSupervisor scheduler, ScheduledExecutorService supervision) {
        this.settings = settings;
        this.tls = tls;
        this.secrets = secrets;
        this.zookeeper = zookeeper;
        this.s3 = s3;
        this.mesos = mesos;
        this.scheduler = scheduler;
        this.supervision = supervision;
    }

    /**
     * Starts every part; {@code events} hears what the supervisor does (a scheduler exited, was started again). On a
     * failure, what was started is stopped again.
     */
    public static LocalCluster start(LocalModeSettings settings, Artifacts artifacts, Path data, Optional<LocalTls> tls,
            Consumer<String> events) throws Exception {
        return start(settings, artifacts, data, tls, events, UnaryOperator.identity());
    }

    /**
     * As {@link #start(LocalModeSettings, Artifacts, Path, Optional, Consumer)}, the local Mesos's settings adjusted by
     * {@code mesosTuning} (the fault suite shortens the master's agent ping timeouts to keep a partition short).
     */
    public static LocalCluster start(LocalModeSettings settings, Artifacts artifacts, Path data, Optional<LocalTls> tls,
            Consumer<String> events, UnaryOperator<LocalMesosConfig.Builder> mesosTuning) throws Exception {
        Secrets secrets = Secrets.of(data);
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            EmbeddedZooKeeper zookeeper = push(started,
                    EmbeddedZooKeeper.start(Files.createDirectories(data.resolve("zookeeper"))));
            S3ProxyServer s3 = push(started, S3ProxyServer.start(artifacts.s3proxyLib(),
                    Files.createDirectories(data.resolve("s3")), OwnerOnlyFile.randomToken(), Duration.ofSeconds(60)));
            LocalModeSettings.BackupStore backups = backupStore(s3);
            LocalMesosConfig.Builder mesosConfig = LocalMesosConfig.builder(Files.createDirectories(data.resolve("mesos")))
                    .agents(settings.nodes(), settings.agentSpec())
                    .heartbeatInterval(Duration.ofSeconds(5))
                    .frameworkCredentials(secrets.frameworkSecret().masterCredentials());
            // stock open-source agents (executors get their secrets by message) unless --secret-store asks for the
            // DC/OS Enterprise profile, whose store holds what the scheduler references
            settings.agentSecretStore(secrets.nodeApiToken(), secrets.cqlPassword()).ifPresent(mesosConfig::secretStore);
            LocalMesos mesos = push(started, LocalMesos.start(mesosTuning.apply(mesosConfig).build()));
            // supervised as Marathon runs the scheduler app: a scheduler that exits or fails its health check is
            // started again, and the Cassandra nodes (the agents' children) keep running meanwhile
            SchedulerSupervisor scheduler = push(started, new SchedulerSupervisor(
                    () -> startScheduler(settings, artifacts, data, mesos.masterUri(), zookeeper.connectString(),
                            secrets, backups, tls),
                    SchedulerSupervisor.http(URI.create("http://127.0.0.1:" + settings.adminPort() + "/healthcheck"),
                            MarathonAppPolicy.SCHEDULER),
                    MarathonAppPolicy.SCHEDULER, events, Clock.systemUTC()));
            ScheduledExecutorService supervision = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "scheduler-supervisor");
                thread.setDaemon(true);
                return thread;
            });
            supervision.scheduleWithFixedDelay(() -> {
                try {
                    scheduler.tick();
                } catch (IOException | RuntimeException e) {
                    events.accept("Could not start the scheduler again: " + e.getMessage());
                }
            }, SUPERVISION_TICK.toMillis(), SUPERVISION_TICK.toMillis(), TimeUnit.MILLISECONDS);
            return new LocalCluster(settings, tls, secrets, zookeeper, s3, mesos, scheduler, supervision);
        } catch (Exception e) {
            closeAll(started);
            throw e;
        }
    }

    public URI api() {
        return URI.create((tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + settings.apiPort());
    }

    public LocalModeSettings settings() {
        return settings;
    }

    public Secrets secrets() {
        return secrets;
    }

    public Optional<LocalTls> tls() {
        return tls;
    }

    public LocalMesos mesos() {
        return mesos;
    }

    public EmbeddedZooKeeper zookeeper() {
        return zookeeper;
    }

    public synchronized S3ProxyServer s3() {
        return s3;
    }

    /** The backup store goes away: S3Proxy is killed (SIGKILL), as a store that drops off the network. */
    public synchronized void stopBackupStore() throws InterruptedException {
        s3.kill();
    }

    /** The backup store comes back on the same port and data. */
    public synchronized void resumeBackupStore() throws IOException, InterruptedException {
        s3 = s3.startAgain(Duration.ofSeconds(60));
    }

    /** The scheduler process's pid now, or -1 between an exit and its restart. */
    public long schedulerPid() {
        return scheduler.pid();
    }

    public Path schedulerLog() {
        return scheduler.log();
    }

    private static ChildProcess startScheduler(LocalModeSettings settings, Artifacts artifacts, Path data, URI master,
            String zookeeper, Secrets secrets, LocalModeSettings.BackupStore backups, Optional<LocalTls> tls)
            throws IOException {
        Path dir = Files.createDirectories(data.resolve("scheduler"));
        Map<String, String> env = new LinkedHashMap<>(settings.schedulerEnvironment(master, zookeeper,
                secrets.zookeeperDigest(), artifacts, secrets.apiToken(), secrets.nodeApiToken(), backups));
        env.put("CQL_SUPERUSER", LocalModeSettings.CQL_SUPERUSER);
        env.put("CQL_SUPERUSER_PASSWORD", secrets.cqlPassword());
        env.putAll(secrets.frameworkSecret().schedulerEnvironment());
        tls.ifPresent(t -> env.putAll(t.schedulerEnvironment()));
        Path home = artifacts.schedulerHome();
        // as Marathon runs it: from the directory holding cassandra-scheduler/ (here a link to the build's), on the
        // runtime the agents fetch; so the launcher uses the distribution's class-data archive (bin/cassandra-scheduler)
        Path link = dir.resolve("cassandra-scheduler");
        if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(home)) {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, home);
        }
        artifacts.javaRuntimeHome().ifPresent(runtime -> env.put("JAVA_HOME", runtime.toString()));
        return ChildProcess.start("scheduler",
                List.of(link.resolve("bin/cassandra-scheduler").toString(), "server", home.resolve("conf/scheduler.yml").toString()),
                env, dir, dir.resolve("scheduler.log"), Duration.ofSeconds(20));
    }

    /** The backup bucket on S3Proxy, created on the first run. */
    private static LocalModeSettings.BackupStore backupStore(S3ProxyServer s3) {
        LocalModeSettings.BackupStore store = new LocalModeSettings.BackupStore(
                s3.endpoint() + "/" + LocalModeSettings.BACKUP_BUCKET, s3.accessKey(), s3.secretKey());
        BackupLocation location = BackupLocation.parse(store.location());
        try (S3AsyncClient client = S3Clients.create(location, Optional.of(new StaticKeys(store.accessKey(), store.secretKey())), 2)) {
            boolean exists = client.listBuckets().join().buckets().stream().anyMatch(b -> b.name().equals(location.bucket()));
            if (!exists) {
                client.createBucket(b -> b.bucket(location.bucket())).join();
            }
        }
        return store;
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> started, T part) {
        started.push(part);
        return part;
    }

    /** Last started first: the scheduler, the local Mesos (and with it every node), S3Proxy, ZooKeeper. */
    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }

    @Override
    public void close() {
        supervision.shutdownNow();
        try {
            supervision.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        parts.push(zookeeper);
        parts.push(s3());
        parts.push(mesos);
        parts.push(scheduler);
        closeAll(parts);
    }
}
