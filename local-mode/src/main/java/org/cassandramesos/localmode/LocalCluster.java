package org.cassandramesos.localmode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
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
 * the same object in-process, so what it breaks is exactly what users run. The scheduler's environment comes from a
 * {@link SchedulerEnvironment}: local mode's own, or (universe-tests) the Universe package's rendered Marathon app.
 */
public final class LocalCluster implements AutoCloseable {
    /** How often the supervisor looks at the scheduler besides when it exits (Marathon's health checks are coarser still). */
    private static final Duration SUPERVISION_TICK = Duration.ofSeconds(2);

    private final LocalModeSettings settings;
    private final SchedulerEnvironment environment;
    private final EmbeddedZooKeeper zookeeper;
    private S3ProxyServer s3;
    private final LocalMesos mesos;
    private final SchedulerSupervisor scheduler;
    private final SupervisionThread supervision;

    private LocalCluster(
            LocalModeSettings settings,
            SchedulerEnvironment environment,
            EmbeddedZooKeeper zookeeper,
            S3ProxyServer s3,
            LocalMesos mesos,
            SchedulerSupervisor scheduler,
            SupervisionThread supervision) {
        this.settings = settings;
        this.environment = environment;
        this.zookeeper = zookeeper;
        this.s3 = s3;
        this.mesos = mesos;
        this.scheduler = scheduler;
        this.supervision = supervision;
    }

    /**
     * Starts every part, the scheduler with {@code environment} (local mode's own: {@link LocalModeEnvironment}) against
     * a master and agents of its profile; {@code events} hears what the supervisor does (a scheduler exited, was started
     * again); the local Mesos's settings are adjusted by {@code mesosTuning} (the fault suite shortens the master's agent
     * ping timeouts to keep a partition short). On a failure, what was started is stopped again.
     */
    public static LocalCluster start(
            LocalModeSettings settings,
            Artifacts artifacts,
            Path data,
            SchedulerEnvironment environment,
            Consumer<String> events,
            UnaryOperator<LocalMesosConfig.Builder> mesosTuning)
            throws Exception {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            EmbeddedZooKeeper zookeeper =
                    push(started, EmbeddedZooKeeper.start(Files.createDirectories(data.resolve("zookeeper"))));
            S3ProxyServer s3 = push(
                    started,
                    S3ProxyServer.start(
                            artifacts.s3proxyLib(),
                            Files.createDirectories(data.resolve("s3")),
                            OwnerOnlyFile.randomToken(),
                            Duration.ofSeconds(60)));
            LocalModeSettings.BackupStore backups = backupStore(s3);
            LocalMesosConfig.Builder mesosConfig = LocalMesosConfig.builder(
                            Files.createDirectories(data.resolve("mesos")))
                    .agents(settings.agents(), settings.agentSpec())
                    .heartbeatInterval(Duration.ofSeconds(5))
                    .frameworkCredentials(environment.frameworkCredentials());
            // stock open-source agents (executors get their secrets by message) unless the environment asks for the
            // DC/OS Enterprise profile, whose store holds what the scheduler references
            environment.agentSecretStore().ifPresent(mesosConfig::secretStore);
            LocalMesos mesos = push(
                    started, LocalMesos.start(mesosTuning.apply(mesosConfig).build()));
            Path sandbox = Files.createDirectories(data.resolve("scheduler"));
            SchedulerEnvironment.Infrastructure infrastructure = new SchedulerEnvironment.Infrastructure(
                    mesos.masterUri(),
                    zookeeper.connectString(),
                    backups,
                    sandbox,
                    settings.apiPort(),
                    settings.adminPort(),
                    artifacts);
            // supervised as Marathon runs the scheduler app: a scheduler that exits or fails its health check is
            // started again, and the Cassandra nodes (the agents' children) keep running meanwhile
            SupervisionThread supervision = push(started, new SupervisionThread(events));
            SchedulerSupervisor scheduler = push(
                    started,
                    supervision.supervise(
                            new SchedulerSupervisor(
                                    () -> startScheduler(environment, infrastructure),
                                    SchedulerSupervisor.http(
                                            URI.create("http://127.0.0.1:" + settings.adminPort() + "/healthcheck"),
                                            MarathonAppPolicy.SCHEDULER),
                                    MarathonAppPolicy.SCHEDULER,
                                    events,
                                    Clock.systemUTC(),
                                    supervision),
                            SUPERVISION_TICK));
            return new LocalCluster(settings, environment, zookeeper, s3, mesos, scheduler, supervision);
        } catch (Exception e) {
            closeAll(started);
            throw e;
        }
    }

    public URI api() {
        return URI.create((environment.apiOverTls() ? "https" : "http") + "://127.0.0.1:" + settings.apiPort());
    }

    public LocalModeSettings settings() {
        return settings;
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

    /** Replaces the scheduler process with a new one now, started with its environment as it is then. */
    public void restartScheduler(String why) throws IOException {
        scheduler.restart(why);
    }

    /** The scheduler process's pid now, or -1 between an exit and its restart. */
    public long schedulerPid() {
        return scheduler.pid();
    }

    public Path schedulerLog() {
        return scheduler.log();
    }

    private static ChildProcess startScheduler(
            SchedulerEnvironment environment, SchedulerEnvironment.Infrastructure where) throws IOException {
        environment.prepareSandbox(where);
        return ChildProcess.start(
                "scheduler",
                environment.command(where),
                environment.variables(where),
                where.sandbox(),
                where.sandbox().resolve("scheduler.log"),
                Duration.ofSeconds(20));
    }

    /** The backup bucket on S3Proxy, created on the first run. */
    private static LocalModeSettings.BackupStore backupStore(S3ProxyServer s3) {
        LocalModeSettings.BackupStore store = new LocalModeSettings.BackupStore(
                s3.endpoint() + "/" + LocalModeSettings.BACKUP_BUCKET, s3.accessKey(), s3.secretKey());
        BackupLocation location = BackupLocation.parse(store.location());
        try (S3AsyncClient client =
                S3Clients.create(location, Optional.of(new StaticKeys(store.accessKey(), store.secretKey())), 2)) {
            boolean exists = client.listBuckets().join().buckets().stream()
                    .anyMatch(b -> b.name().equals(location.bucket()));
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
        supervision.close();
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        parts.push(zookeeper);
        parts.push(s3());
        parts.push(mesos);
        parts.push(scheduler);
        closeAll(parts);
    }
}
