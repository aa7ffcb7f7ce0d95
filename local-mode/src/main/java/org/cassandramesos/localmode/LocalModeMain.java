package org.cassandramesos.localmode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.Optional;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.cassandramesos.s3proxy.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import org.cassandramesos.local.AgentSpec;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cassandra-mesos local}: a real Cassandra cluster under our scheduler on this machine.
 * Starts ZooKeeper, the local Mesos (one agent per node, on 127.0.0.2…), S3Proxy and the scheduler;
 * follows the deploy plan; stays up until Ctrl-C, which stops everything it started. State and data
 * live in {@code --data-dir} and survive a restart ({@code --fresh} starts over).
 */
@Command(name = "cassandra-mesos local", mixinStandardHelpOptions = true,
        description = "Runs a real Cassandra cluster under the cassandra-mesos scheduler on this machine.")
public final class LocalModeMain implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "3", description = "Cassandra nodes (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--heap", defaultValue = "256", description = "Cassandra heap per node in MB (default: ${DEFAULT-VALUE})")
    int heapMb;

    @Option(names = "--data-dir", defaultValue = "local-data", description = "state and data (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--api-port", defaultValue = "9000", description = "scheduler API port (default: ${DEFAULT-VALUE})")
    int apiPort;

    @Option(names = "--secret-store", description = "run DC/OS Enterprise agents whose secret store gives executors "
            + "the node API token (SECRETS_DELIVERY=secret-store); default: stock agents, secrets by message")
    boolean secretStore;

    @Option(names = "--fresh", description = "delete the data directory first")
    boolean fresh;

    @Option(names = "--tls", description = "TLS: a throwaway CA under the data dir, the API over https, nodes with "
            + "certificates from that CA (docs/tls.md)")
    boolean tls;

    @Option(names = "--repo", defaultValue = ".", hidden = true, description = "source checkout holding the build outputs")
    Path repo;

    @Option(names = "--exit-when-complete", hidden = true, description = "stop once the deploy plan is complete (benchmarks)")
    boolean exitWhenComplete;

    private final PrintStream out = System.out;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalModeMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Artifacts built = Artifacts.inCheckout(repo.toAbsolutePath().normalize());
        Path data = dataDir.toAbsolutePath().normalize();
        if (fresh) {
            deleteTree(data);
        }
        Files.createDirectories(data);
        Artifacts artifacts = built.publishedIn(data.resolve("artifacts"));
        TaskUser taskUser = TaskUser.of(data, System.getProperty("user.name"), TaskUser.runningAsRoot());
        LocalModeSettings settings = new LocalModeSettings(nodes, heapMb, apiPort, FreePorts.on("127.0.0.1"), secretStore,
                taskUser.name());
        Optional<String> unreachable = taskUser.cannotReach(data);
        if (unreachable.isPresent()) {
            throw new CommandLine.ParameterException(new CommandLine(this), unreachable.get()
                    + ": the nodes' sandboxes and volumes live in the data directory; choose a --data-dir every parent of"
                    + " which others may enter (o+x)");
        }
        Optional<LocalTls> localTls = tls ? Optional.of(LocalTls.in(data.resolve("tls"))) : Optional.empty();
        String apiToken = randomToken();
        String nodeApiToken = randomToken();
        ZooKeeperDigest zookeeperDigest = ZooKeeperDigest.loadOrCreate(data.resolve("zookeeper-digest"));
        // the local master requires framework authentication, as a production master should (docs/framework-auth.md)
        FrameworkSecret frameworkSecret = FrameworkSecret.loadOrCreate(data.resolve("framework-secret"));
        // Kept with the data: the superuser the executors created with it lives on in Cassandra's system_auth.
        String cqlPassword = cqlPassword(data);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "local-mode-shutdown"));

        Instant started = Instant.now();
        try (EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(Files.createDirectories(data.resolve("zookeeper")));
             S3ProxyServer s3 = S3ProxyServer.start(artifacts.s3proxyLib(), Files.createDirectories(data.resolve("s3")),
                     randomToken(), Duration.ofSeconds(60));
             LocalMesos mesos = LocalMesos.start(agentProfile(LocalMesosConfig.builder(Files.createDirectories(data.resolve("mesos")))
                     // a DC/OS agent offers most ports below 32000: Cassandra's fixed 7000/7199/9001/9042 among them
                     .agents(nodes, AgentSpec.of(2, settings.agentMemMb(), 8192).withPorts(7000, 32000))
                     .heartbeatInterval(Duration.ofSeconds(5)), settings, nodeApiToken, cqlPassword)
                     .frameworkCredentials(frameworkSecret.masterCredentials())
                     .build());
             // supervised as Marathon runs the scheduler app: a scheduler that exits or fails its health check is
             // started again, and the Cassandra nodes (the agents' children) keep running meanwhile
             SchedulerSupervisor scheduler = new SchedulerSupervisor(
                     () -> startScheduler(settings, artifacts, data, mesos.masterUri(), zookeeper.connectString(),
                             zookeeperDigest, apiToken, nodeApiToken, cqlPassword, backupStore(s3), localTls,
                             frameworkSecret),
                     SchedulerSupervisor.http(URI.create("http://127.0.0.1:" + settings.adminPort() + "/healthcheck"),
                             MarathonAppPolicy.SCHEDULER),
                     MarathonAppPolicy.SCHEDULER, out::println, Clock.systemUTC())) {
            URI api = URI.create((localTls.isPresent() ? "https" : "http") + "://127.0.0.1:" + apiPort);
            printBanner(api, apiToken, cqlPassword, mesos, s3, scheduler, zookeeper, zookeeperDigest, localTls, settings.taskUser());
            PlanWatcher plan = new PlanWatcher(api, apiToken, out,
                    localTls.isPresent() ? Optional.of(localTls.get().clientContext()) : Optional.empty());
            boolean complete = false;
            while (!stop.await(2, TimeUnit.SECONDS)) {
                scheduler.tick();
                if (!complete && plan.poll()) {
                    complete = true;
                    out.printf("%nDeploy plan COMPLETE in %d s.%n", Duration.between(started, Instant.now()).toSeconds());
                    printConnection(plan.connection());
                    if (exitWhenComplete) {
                        break;
                    }
                    out.println("Ctrl-C stops everything; the data stays in " + data + ".");
                }
            }
            out.println("Stopping the scheduler, the Cassandra nodes, S3Proxy and ZooKeeper…");
            return 0;
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Stock open-source agents (no secret store: executors get the token by message) unless {@code --secret-store}
     * asks for the DC/OS Enterprise profile, whose store holds the token the scheduler references.
     */
    private static LocalMesosConfig.Builder agentProfile(LocalMesosConfig.Builder builder, LocalModeSettings settings,
            String nodeApiToken, String cqlPassword) {
        settings.agentSecretStore(nodeApiToken, cqlPassword).ifPresent(builder::secretStore);
        return builder;
    }

    private static ChildProcess startScheduler(LocalModeSettings settings, Artifacts artifacts, Path data, URI master,
            String zookeeper, ZooKeeperDigest zookeeperDigest, String apiToken, String nodeApiToken,
            String cqlPassword, LocalModeSettings.BackupStore backups, Optional<LocalTls> tls,
            FrameworkSecret frameworkSecret) throws IOException {
        Path dir = Files.createDirectories(data.resolve("scheduler"));
        Map<String, String> env = new java.util.LinkedHashMap<>(settings.schedulerEnvironment(master, zookeeper,
                zookeeperDigest, artifacts, apiToken, nodeApiToken, backups));
        env.put("CQL_SUPERUSER", LocalModeSettings.CQL_SUPERUSER);
        env.put("CQL_SUPERUSER_PASSWORD", cqlPassword);
        env.putAll(frameworkSecret.schedulerEnvironment());
        tls.ifPresent(t -> env.putAll(t.schedulerEnvironment()));
        Path home = artifacts.schedulerHome();
        return ChildProcess.start("scheduler",
                List.of(home.resolve("bin/cassandra-scheduler").toString(), "server", home.resolve("conf/scheduler.yml").toString()),
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

    private void printBanner(URI api, String token, String cqlPassword, LocalMesos mesos, S3ProxyServer s3, SchedulerSupervisor scheduler,
            EmbeddedZooKeeper zookeeper, ZooKeeperDigest zookeeperDigest, Optional<LocalTls> localTls, String taskUser) {
        out.println();
        out.println("cassandra-mesos local mode");
        out.println("  API        " + api + "   (GET " + api + "/docs)");
        out.println("  token      " + token);
        out.println("             export CASSANDRA_MESOS_TOKEN=" + token);
        localTls.ifPresent(this::printTls);
        out.println("             ./cassandra-mesos cli --url " + api + " plan show");
        out.println("             curl " + localTls.map(t -> "--cacert " + t.caCert() + " ").orElse("")
                + "-H \"Authorization: token=$CASSANDRA_MESOS_TOKEN\" " + api + "/v1/plan");
        out.println("  CQL user: " + LocalModeSettings.CQL_SUPERUSER);
        out.println("  CQL password: " + cqlPassword);
        out.println("             export CASSANDRA_MESOS_CQL_USER=" + LocalModeSettings.CQL_SUPERUSER
                + " CASSANDRA_MESOS_CQL_PASSWORD=" + cqlPassword);
        out.println("  Mesos      " + mesos.masterUri() + "/master/state   (frameworks authenticate: HTTP Basic as "
                + FrameworkSecret.PRINCIPAL + ", secret in the data directory's framework-secret)");
        // the scheduler's znodes are creator-only: zkCli reads them after `addauth digest <credential>`
        // the scheduler's StateRoot: /dcos-service-<name>, or /<name> kept for a data directory from before 0.2
        out.println("  ZooKeeper  " + zookeeper.connectString() + "   (state under /dcos-service-"
                + LocalModeSettings.SERVICE_NAME + ", or /" + LocalModeSettings.SERVICE_NAME + " in a data directory from"
                + " before 0.2; zkCli: addauth digest " + zookeeperDigest.value() + ")");
        // the S3 keys go to the scheduler's environment only: backups are read through /v1/backups
        out.println("  backups    " + s3.endpoint() + "/" + LocalModeSettings.BACKUP_BUCKET
                + "   (S3Proxy; the scheduler's BACKUP_LOCATION, so `backup start --name <backup>` needs no location or keys)");
        out.println("  logs       " + scheduler.log() + ", " + s3.log());
        out.println("  scheduler  pid " + scheduler.pid() + "; started again if it exits or fails its /healthcheck, as"
                + " Marathon does (the nodes keep running)");
        out.println("  user       executors and Cassandra run as '" + taskUser + "'" + (taskUser.equals(System.getProperty("user.name"))
                ? "" : " (local mode runs as " + System.getProperty("user.name") + "; the agents switch users as DC/OS agents do)"));
        out.println();
        out.println("Deploying " + nodes + " Cassandra node(s), one at a time (seeds first)…");
    }

    /** --tls: which CA to trust, and the walkthrough's commands with it. */
    private void printTls(LocalTls localTls) {
        out.println("  CA         " + localTls.caCert());
        out.println("             export CASSANDRA_MESOS_CA_CERT=" + localTls.caCert()
                + "   (the CLI and `cql` trust it)");
    }

    private void printConnection(JsonNode connection) {
        out.println("CQL contact points: " + connection.path("address"));
        out.println("  e.g. ./cassandra-mesos cql --url " + (tls ? "https" : "http") + "://127.0.0.1:" + apiPort
                + " \"SELECT release_version FROM system.local\"");
    }

    /** The CQL superuser's password of this data directory: read from {@code cql-password} (0600), made once. */
    private static String cqlPassword(Path data) throws java.io.IOException {
        return OwnerOnlyFile.loadOrCreate(data.resolve("cql-password"), OwnerOnlyFile::randomToken);
    }

    private static String randomToken() {
        return OwnerOnlyFile.randomToken();
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
