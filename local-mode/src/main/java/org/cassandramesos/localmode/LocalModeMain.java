package org.cassandramesos.localmode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.cassandramesos.local.LocalMesosConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cassandra-mesos local}: a real Cassandra cluster under our scheduler on this machine.
 * Starts ZooKeeper, the local Mesos (by default one agent more than nodes, on 127.0.0.2…), S3Proxy and the scheduler;
 * follows the deploy plan; stays up until Ctrl-C, which stops everything it started. State and data
 * live in {@code --data-dir} and survive a restart ({@code --fresh} starts over).
 */
@Command(
        name = "cassandra-mesos local",
        mixinStandardHelpOptions = true,
        description = "Runs a real Cassandra cluster under the cassandra-mesos scheduler on this machine.")
public final class LocalModeMain implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "3", description = "Cassandra nodes (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(
            names = "--agents",
            paramLabel = "N",
            description = "Mesos agents, one node per agent at most (default: nodes + 1,"
                    + " so a replace or a scale-out by one has an agent to go to)")
    Integer agents;

    @Option(
            names = "--heap",
            defaultValue = "256",
            description = "Cassandra heap per node in MB (default: ${DEFAULT-VALUE})")
    int heapMb;

    @Option(
            names = "--data-dir",
            defaultValue = "local-data",
            description = "state and data (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--api-port", defaultValue = "9000", description = "scheduler API port (default: ${DEFAULT-VALUE})")
    int apiPort;

    @Option(
            names = "--cosmos-port",
            defaultValue = "9010",
            description = "port of local mode's stand-in for Cosmos and Marathon, which `update start` talks to"
                    + " (CASSANDRA_MESOS_COSMOS_URL; default: ${DEFAULT-VALUE})")
    int cosmosPort;

    @Option(
            names = "--secret-store",
            description = "run DC/OS Enterprise agents whose secret store gives executors "
                    + "the node API token (SECRETS_DELIVERY=secret-store); default: stock agents, secrets by message")
    boolean secretStore;

    @Option(names = "--fresh", description = "delete the data directory first")
    boolean fresh;

    @Option(
            names = "--tls",
            description = "TLS: a throwaway CA under the data dir, the API over https, nodes with "
                    + "certificates from that CA (docs/tls.md)")
    boolean tls;

    @Option(
            names = "--repo",
            defaultValue = ".",
            hidden = true,
            description = "source checkout holding the build outputs")
    Path repo;

    @Option(
            names = "--exit-when-complete",
            hidden = true,
            description = "stop once the deploy plan is complete (benchmarks)")
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
        LocalTaskUser taskUser = LocalTaskUser.of(data, System.getProperty("user.name"), LocalTaskUser.runningAsRoot());
        LocalModeSettings settings = settings(taskUser.name());
        Optional<String> unreachable = taskUser.cannotReach(data);
        if (unreachable.isPresent()) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    unreachable.get()
                            + ": the nodes' sandboxes and volumes live in the data directory; choose a --data-dir every parent of"
                            + " which others may enter (o+x)");
        }
        Optional<LocalTls> localTls = tls ? Optional.of(LocalTls.in(data.resolve("tls"))) : Optional.empty();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                stopped.await(90, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "local-mode-shutdown"));

        Instant started = Instant.now();
        LocalModeEnvironment environment = LocalModeEnvironment.of(settings, data, localTls);
        // the package options an earlier `update start` gave, as Cosmos keeps a service's options
        PackageOptionsFile optionsFile = new PackageOptionsFile(data);
        JsonNode options = optionsFile.load();
        UpdatableEnvironment updatable = new UpdatableEnvironment(environment, LocalPackageManager.variables(options));
        try (LocalCluster cluster = LocalCluster.start(
                        settings, artifacts, data, updatable, out::println, UnaryOperator.identity());
                LocalPackageManager packageManager = LocalPackageManager.start(
                        cosmosPort,
                        environment.secrets().apiToken(),
                        cluster.api(),
                        localTls.isPresent() ? Optional.of(localTls.get().clientContext()) : Optional.empty(),
                        optionsFile,
                        updatable,
                        cluster::restartScheduler,
                        out::println)) {
            printBanner(cluster, environment, () -> printPackageManager(packageManager, optionsFile, options));
            PlanWatcher plan = new PlanWatcher(
                    cluster.api(),
                    environment.secrets().apiToken(),
                    out,
                    localTls.isPresent() ? Optional.of(localTls.get().clientContext()) : Optional.empty());
            boolean complete = false;
            while (!stop.await(2, TimeUnit.SECONDS)) {
                if (!complete && plan.poll()) {
                    complete = true;
                    out.printf(
                            "%nDeploy plan COMPLETE in %d s.%n",
                            Duration.between(started, Instant.now()).toSeconds());
                    printConnection(plan.connection());
                    nodeMetricsLines(plan.nodesInfo()).forEach(out::println);
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

    /** The settings the options ask for; a usage error names what is wrong with them. */
    LocalModeSettings settings(String taskUser) {
        try {
            return new LocalModeSettings(
                    nodes,
                    agents == null ? LocalModeSettings.defaultAgents(nodes) : agents,
                    heapMb,
                    apiPort,
                    FreePorts.on("127.0.0.1"),
                    secretStore,
                    taskUser);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private void printBanner(LocalCluster cluster, LocalModeEnvironment environment, Runnable packageManager) {
        URI api = cluster.api();
        String token = environment.secrets().apiToken();
        String cqlPassword = environment.secrets().cqlPassword();
        out.println();
        out.println("cassandra-mesos local mode");
        out.println("  API        " + api + "   (GET " + api + "/docs)");
        out.println("  token      " + token);
        out.println("             export CASSANDRA_MESOS_TOKEN=" + token);
        environment.tls().ifPresent(this::printTls);
        out.println("             ./cassandra-mesos cli --url " + api + " plan show");
        out.println("             curl "
                + environment.tls().map(t -> "--cacert " + t.caCert() + " ").orElse("")
                + "-H \"Authorization: token=$CASSANDRA_MESOS_TOKEN\" " + api + "/v1/plan");
        // the scheduler's Prometheus text, behind the API token like every /v1 route (docs/metrics.md)
        out.println("  metrics    " + api + "/v1/metrics   (scheduler, Prometheus text; curl "
                + environment.tls().map(t -> "--cacert " + t.caCert() + " ").orElse("")
                + "-H \"Authorization: Bearer $CASSANDRA_MESOS_TOKEN\" " + api + "/v1/metrics)");
        out.println("  CQL user: " + LocalModeSettings.CQL_SUPERUSER);
        out.println("  CQL password: " + cqlPassword);
        out.println("             export CASSANDRA_MESOS_CQL_USER=" + LocalModeSettings.CQL_SUPERUSER
                + " CASSANDRA_MESOS_CQL_PASSWORD=" + cqlPassword);
        out.println("  Mesos      " + cluster.mesos().masterUri()
                + "/master/state   (frameworks authenticate: HTTP Basic as " + FrameworkSecret.PRINCIPAL
                + ", secret in the data directory's framework-secret)");
        out.println("  agents     " + agentsLine(cluster.settings()));
        // the scheduler's znodes are creator-only: zkCli reads them after `addauth digest <credential>`
        // the scheduler's StateRoot: /dcos-service-<name>, or /<name> kept for a data directory from before 0.2
        out.println("  ZooKeeper  " + cluster.zookeeper().connectString() + "   (state under /dcos-service-"
                + LocalModeSettings.SERVICE_NAME + ", or /" + LocalModeSettings.SERVICE_NAME
                + " in a data directory from"
                + " before 0.2; zkCli: addauth digest "
                + environment.secrets().zookeeperDigest().value() + ")");
        // the S3 keys go to the scheduler's environment only: backups are read through /v1/backups
        out.println(
                "  backups    " + cluster.s3().endpoint() + "/" + LocalModeSettings.BACKUP_BUCKET
                        + "   (S3Proxy; the scheduler's BACKUP_LOCATION, so `backup start --name <backup>` needs no location or keys)");
        out.println(
                "  logs       " + cluster.schedulerLog() + ", " + cluster.s3().log());
        out.println("  scheduler  pid " + cluster.schedulerPid()
                + "; started again if it exits or fails its /healthcheck, as"
                + " Marathon does (the nodes keep running)");
        String taskUser = cluster.settings().taskUser();
        out.println("  user       executors and Cassandra run as '" + taskUser + "'"
                + (taskUser.equals(System.getProperty("user.name"))
                        ? ""
                        : " (local mode runs as " + System.getProperty("user.name")
                                + "; the agents switch users as DC/OS agents do)"));
        packageManager.run();
        out.println();
        out.println("Deploying " + nodes + " Cassandra node(s), one at a time (seeds first)…");
    }

    /** Where `update start` goes, and the options in force from an earlier one. */
    private void printPackageManager(LocalPackageManager manager, PackageOptionsFile file, JsonNode options) {
        out.println("  update     export CASSANDRA_MESOS_COSMOS_URL=" + manager.url()
                + "   (local mode stands in for Cosmos and Marathon:"
                + " ./cassandra-mesos cli --url <API> update start --options FILE restarts the scheduler with them)");
        if (options.size() > 0) {
            out.println("  options    " + options + "   (from an earlier update start, kept in " + file.path() + ")");
        }
    }

    /** How many agents, where, and how many of them are spare. */
    static String agentsLine(LocalModeSettings settings) {
        int spare = settings.agents() - settings.nodes();
        return settings.agents() + " on " + LocalMesosConfig.agentIp(0)
                + (settings.agents() > 1 ? "-" + LocalMesosConfig.agentIp(settings.agents() - 1) : "")
                + " for " + settings.nodes() + " node(s): "
                + (spare == 0
                        ? "no spare (--agents " + (settings.nodes() + 1) + " leaves one for a replace or a scale-out)"
                        : spare + " spare, where a replace or a scale-out goes");
    }

    /**
     * A {@code metrics} line per node that has a metrics URL ({@code metrics_url} of {@code GET /v1/nodes/info}): the
     * Prometheus JMX exporter on the node's IP, read without a credential (docs/metrics.md).
     */
    static List<String> nodeMetricsLines(JsonNode nodesInfo) {
        List<String> lines = new ArrayList<>();
        for (JsonNode node : nodesInfo) {
            String url = node.path("metrics_url").asText("");
            if (!url.isEmpty()) {
                lines.add("  metrics    " + url + "   (" + node.path("name").asText()
                        + ", Cassandra, Prometheus text; curl " + url + ")");
            }
        }
        return lines;
    }

    /** --tls: which CA to trust, and the walkthrough's commands with it. */
    private void printTls(LocalTls localTls) {
        out.println("  CA         " + localTls.caCert());
        out.println(
                "             export CASSANDRA_MESOS_CA_CERT=" + localTls.caCert() + "   (the CLI and `cql` trust it)");
    }

    private void printConnection(JsonNode connection) {
        out.println("CQL contact points: " + connection.path("address"));
        out.println("  e.g. ./cassandra-mesos cql --url " + (tls ? "https" : "http") + "://127.0.0.1:" + apiPort
                + " \"SELECT release_version FROM system.local\"");
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
