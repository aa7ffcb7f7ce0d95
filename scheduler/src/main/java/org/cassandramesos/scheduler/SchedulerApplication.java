package org.cassandramesos.scheduler;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.metrics.servlets.HealthCheckServlet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.cassandramesos.apibounds.JsonErrorHandler;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.scheduler.api.ApiBodyLimits;
import org.cassandramesos.scheduler.api.ApiResources;
import org.cassandramesos.scheduler.api.MetricsResource;
import org.cassandramesos.scheduler.api.StandbyGate;
import org.cassandramesos.scheduler.api.ZooKeeperGate;
import org.cassandramesos.scheduler.auth.AdminTasksDisabled;
import org.cassandramesos.scheduler.auth.ApiAuthentication;
import org.cassandramesos.scheduler.backup.BackupAccess;
import org.cassandramesos.scheduler.config.CandidateConfigs;
import org.cassandramesos.scheduler.config.ClusterSecretsSource;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.SecretsDelivery;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.leader.LeaderDuties;
import org.cassandramesos.scheduler.leader.LeaderElection;
import org.cassandramesos.scheduler.leader.Leadership;
import org.cassandramesos.scheduler.leader.MasterError;
import org.cassandramesos.scheduler.leader.ProcessExit;
import org.cassandramesos.scheduler.leader.SchedulerHealth;
import org.cassandramesos.scheduler.mesos.MesosService;
import org.cassandramesos.scheduler.metrics.ApiRequestTiming;
import org.cassandramesos.scheduler.metrics.PrometheusServlet;
import org.cassandramesos.scheduler.metrics.SchedulerMetrics;
import org.cassandramesos.scheduler.ops.NodeApiToken;
import org.cassandramesos.scheduler.ops.OperationManager;
import org.cassandramesos.scheduler.ops.OperationRunner;
import org.cassandramesos.scheduler.state.AclSweep;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.ConfigUpdate;
import org.cassandramesos.scheduler.state.CuratorStateConnection;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.StateRoot;
import org.cassandramesos.scheduler.state.ZooKeeperAccess;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperLifecycle;
import org.cassandramesos.scheduler.tls.ApiHttps;
import org.cassandramesos.scheduler.tls.NodeApiTls;
import org.cassandramesos.scheduler.tls.NodeCertificates;
import org.cassandramesos.scheduler.uninstall.UninstallMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler process: {@code scheduler server [scheduler.yml]}. Reads its config (file, or the
 * bundled {@code scheduler.yml}) with environment variables substituted, connects to ZooKeeper, makes
 * the deployed config the target, and serves the API.
 */
public class SchedulerApplication extends Application<SchedulerConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerApplication.class);

    private volatile Injector injector;
    private volatile Leadership leadership;
    /** Where the state lives in ZooKeeper, decided once at start. */
    private volatile StateRoot stateRoot;
    /** The scheduler's metrics (docs/metrics.md), from the start: a standby serves them too. */
    private final SchedulerMetrics metrics = new SchedulerMetrics();

    public static void main(String[] args) throws Exception {
        new SchedulerApplication().run(args);
    }

    @Override
    public String getName() {
        return "cassandra-scheduler";
    }

    /** The configuration file this process read (a path, or the bundled resource's name), read again for updates. */
    private volatile String configPath;

    private volatile Bootstrap<SchedulerConfiguration> bootstrap;

    @Override
    public void initialize(Bootstrap<SchedulerConfiguration> bootstrap) {
        this.bootstrap = bootstrap;
        ConfigurationSourceProvider source = configurationSource();
        bootstrap.setConfigurationSourceProvider(path -> {
            configPath = path;
            return source.open(path);
        });
        bootstrap.addCommand(new CdsTrainingCommand(this));
        // durations as ISO-8601 in the API, the same form as stored in ZooKeeper
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    /**
     * A config file path, else the bundled resource of that name, with {@code ${VAR:-default}} taken
     * from the environment (defaults may nest: {@code ${PORT0:-${API_PORT:-9000}}}).
     */
    static ConfigurationSourceProvider configurationSource() {
        return new SubstitutingSourceProvider(configurationFiles(), new EnvironmentVariableSubstitutor(false, true));
    }

    /** A config file path, else the bundled resource of that name; unsubstituted. */
    private static ConfigurationSourceProvider configurationFiles() {
        var files = new FileConfigurationSourceProvider();
        var bundled = new ResourceConfigurationSourceProvider();
        return path -> Files.exists(Path.of(path)) ? files.open(path) : bundled.open(path);
    }

    /** The configuration a restart with some variables changed would bring ({@code POST /v1/config/validate}). */
    private CandidateConfigs candidateConfigs() {
        return new ConfigFileReader(
                configurationFiles(),
                configPath,
                bootstrap.getObjectMapper(),
                bootstrap.getValidatorFactory().getValidator(),
                System::getenv);
    }

    @Override
    public void run(SchedulerConfiguration configuration, Environment environment) {
        ServiceConfig service = configuration.getService();
        requireClusterSecrets(configuration, service);
        // fail fast on contradictory or unreadable Mesos credentials, before anything connects
        LOG.info("authenticating to the Mesos master: {}", configuration.frameworkAuthentication());
        if (configuration.tls().nodeCertificates().isPresent()
                && service.executor().secretsDelivery() == SecretsDelivery.SECRET_STORE) {
            // node keys are issued per launch and travel only in the sealed secret bundle (docs/secrets.md)
            throw new IllegalStateException("node TLS (TLS_CA_CERT/TLS_CA_KEY) needs SECRETS_DELIVERY=message: with "
                    + "secret-store the executors could not get their keys");
        }
        ZooKeeperAccess access = configuration.zookeeperAccess();
        CuratorFramework zookeeper = ZooKeeperClients.start(
                service.zookeeperConnect(),
                configuration.getZookeeperSessionTimeout(),
                configuration.getZookeeperConnectTimeout(),
                access);
        environment.lifecycle().manage(new ZooKeeperLifecycle(zookeeper));
        logSessionTimeout(zookeeper, configuration.getZookeeperSessionTimeout());
        stateRoot = StateRoot.resolve(zookeeper, service.serviceName(), configuration.getZookeeperRoot());
        if (configuration.isUninstall()) {
            // Marathon stops the old instance before it starts this one (upgradeStrategy 0/0): no election
            protectState(zookeeper, stateRoot, access);
            runUninstall(configuration, environment, zookeeper);
            return;
        }
        // only the elected instance reads or writes the state and talks to Mesos (docs/reliability.md)
        String instance = org.cassandramesos.scheduler.leader.InstanceName.local();
        LeaderElection election = LeaderElection.join(zookeeper, stateRoot.namespace(), instance, () -> {
            LOG.error(
                    "LEADERSHIP LOST: the ZooKeeper session of this scheduler instance ({}) expired, so another "
                            + "instance may lead now. This one stops acting and exits; Marathon starts it again as a candidate",
                    instance);
            exit().exit(ProcessExit.LEADERSHIP_LOST);
        });
        environment.lifecycle().manage(election);
        LeaderDuties duties = new LeaderDuties();
        environment.lifecycle().manage(duties);
        Leadership leadership = new Leadership();
        this.leadership = leadership;
        StateConnection zookeeperConnection = CuratorStateConnection.follow(zookeeper);
        SchedulerHealth health = new SchedulerHealth(election, leadership, zookeeperConnection);
        environment.healthChecks().register("scheduler", health.alive());
        environment
                .admin()
                .addServlet("connected", new HealthCheckServlet(health.connected()))
                .addMapping("/connected");
        serveMetrics(environment, new SchedulerState(leadership, zookeeperConnection));

        if (awaitElected(election)) {
            // elected at once (the usual case): the app starts acting with its server; a failure fails the start
            try {
                lead(configuration, service, zookeeper, access, duties, leadership, health);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not start acting: " + e.getMessage(), e);
            }
        } else {
            LOG.info(
                    "STANDBY: scheduler instance {} waits for leadership; {} leads. The API answers 503 until this "
                            + "instance is elected",
                    instance,
                    election.leaderId().isEmpty() ? "another instance" : election.leaderId());
            election.elected().thenRunAsync(() -> {
                try {
                    lead(configuration, service, zookeeper, access, duties, leadership, health);
                } catch (Exception | LinkageError e) {
                    LOG.error("this scheduler instance was elected but could not start acting: exiting", e);
                    exit().exit(ProcessExit.FAILURE);
                }
            });
        }
        AdminTasksDisabled.apply(environment.admin());

        BackupAccess backups = BackupAccess.configure(configuration.backupDefaults(), configuration.getBackupApi());
        serveApi(configuration, environment);
        environment.lifecycle().manage(backups);
        ApiResources.registerBackups(
                environment.jersey(),
                backups,
                () -> !leadership.isActing()
                        ? Optional.empty()
                        : leadership
                                .injector()
                                .getInstance(OperationManager.class)
                                .running()
                                .filter(op -> op.kind() == JobKind.BACKUP)
                                .map(op -> "backup " + op.backupName() + " (operation " + op.id() + ")"));
        environment.jersey().register(new StandbyGate(leadership::isActing));
        environment.jersey().register(new ZooKeeperGate(zookeeperConnection::isConnected));
        ApiResources.register(environment.jersey(), leadership::injector);
    }

    /**
     * The scheduler's metrics as Prometheus text: {@code GET /v1/metrics} on the API port (authenticated like every
     * route) and {@code /prometheus} on the admin port; Dropwizard's own registry (Jetty's request timers, the JVM)
     * bridged in, and every API request timed by route.
     */
    private void serveMetrics(Environment environment, SchedulerState state) {
        metrics.observe(state);
        metrics.bridge(environment.metrics());
        environment.jersey().register(new ApiRequestTiming(metrics.api()));
        environment.jersey().register(new MetricsResource(metrics));
        environment
                .admin()
                .addServlet("prometheus", new PrometheusServlet(metrics))
                .addMapping("/prometheus");
    }

    /** ZooKeeper may grant another session timeout than asked (2 to 20 of its ticks): say what a failover waits for. */
    private static void logSessionTimeout(CuratorFramework zookeeper, java.time.Duration asked) {
        try {
            int granted = zookeeper.getZookeeperClient().getZooKeeper().getSessionTimeout();
            LOG.info(
                    "ZooKeeper session timeout: {} ms granted ({} s asked, ZOOKEEPER_SESSION_TIMEOUT_S); if this "
                            + "instance is killed without a clean stop, an instance elsewhere takes over after that long",
                    granted,
                    asked.toSeconds());
        } catch (Exception e) {
            LOG.debug("could not read the ZooKeeper session timeout: {}", e.toString());
        }
    }

    /**
     * {@code SDK_UNINSTALL=true}: no deploy, no operations; the uninstall plan runs and the API serves it (with the
     * framework id) behind the same authentication as always.
     */
    private void runUninstall(
            SchedulerConfiguration configuration, Environment environment, CuratorFramework zookeeper) {
        ServiceConfig service = configuration.getService();
        UninstallMode uninstall = UninstallMode.prepare(
                zookeeper,
                stateRoot,
                service,
                URI.create(configuration.getMesosMasterUrl()),
                configuration.getMesos(),
                configuration.frameworkAuthentication());
        uninstall.service().ifPresent(environment.lifecycle()::manage);
        AdminTasksDisabled.apply(environment.admin());
        serveApi(configuration, environment);
        ApiResources.registerUninstall(
                environment.jersey(),
                uninstall.plans(),
                () -> uninstall.frameworkId().map(id -> id.getValue()));
        LOG.warn(
                "SDK_UNINSTALL is set: uninstalling service {} (plan at /v1/plans/deploy); nothing is deployed",
                service.serviceName());
    }

    /** Body limits, JSON errors, authentication (deny by default) and TLS of the API, in either mode. */
    static void serveApi(SchedulerConfiguration configuration, Environment environment) {
        environment
                .servlets()
                .addFilter(
                        "request-body-limit",
                        ApiBodyLimits.filter(
                                configuration.getMaxRequestBodyKb(),
                                configuration.getBackupApi().maxFileBytes()))
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/*");
        // every API response names its request (X-Request-Id; a caller's own UUID is kept): the id in the JSON request
        // log
        environment.jersey().register(new io.dropwizard.jersey.filter.RequestIdFilter());
        // requests Jetty itself refuses (e.g. an empty path segment) answer JSON too
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
        ApiAuthentication.register(
                environment.jersey(),
                configuration.getService().auth(),
                configuration.authToken(),
                configuration.getDcosJwksUrl(),
                configuration.isDcosJwksAllowHttp(),
                configuration.dcosJwksCaBundle(),
                configuration.dcosJwtPolicy());
        // TLS (opt-in, docs/tls.md): the server is built after run(), so its connectors can still change here
        if (ApiHttps.apply(configuration.getServerFactory(), configuration.tls())) {
            LOG.info("the API serves HTTPS ({})", configuration.tls());
        }
    }

    /**
     * The elected instance's start: takes the state over, makes the deployed config the target, wires the Mesos side
     * for it, stops answering as a standby and starts the Mesos side at once (the API server, if still starting, needs
     * none of it).
     */
    private void lead(
            SchedulerConfiguration configuration,
            ServiceConfig service,
            CuratorFramework zookeeper,
            ZooKeeperAccess access,
            LeaderDuties duties,
            Leadership leadership,
            SchedulerHealth health)
            throws Exception {
        long elected = System.nanoTime();
        protectState(zookeeper, stateRoot, access);
        CandidateConfigs candidates = candidateConfigs();
        Injector base = Guice.createInjector(
                modules(service, zookeeper),
                binder -> binder.bind(CandidateConfigs.class).toInstance(candidates));
        ConfigUpdate update = ConfigUpdate.apply(base.getInstance(ConfigStore.class), service);
        if (!update.errors().isEmpty()) {
            LOG.error(
                    "the deployed config was refused, keeping target {}: {}",
                    update.target().map(v -> v.id().toString()).orElse("(none)"),
                    update.errors());
        }
        // the Mesos side works for the target config (the deployed one unless it was refused)
        ConfigVersion target = update.target().orElseGet(() -> ConfigVersion.fresh(service));
        Injector wired = base.createChildInjector(mesosModule(target, update.errors(), configuration));
        MesosService mesos = wired.getInstance(MesosService.class);
        mesos.onMasterError(this::masterError);
        health.leading(mesos);
        LOG.info(
                "LEADING: state read and the Mesos side wired in {} ms; subscribing",
                java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - elected));
        duties.add(mesos);
        duties.add(wired.getInstance(OperationRunner.class));
        injector = wired;
        leadership.acting(wired);
        duties.startNow();
    }

    /**
     * The master closed this framework's stream for good (master.cpp: {@code failoverFramework} sends "Framework failed
     * over" to the replaced connection; a subscription with a removed framework's id is refused with "Framework has
     * been removed").
     */
    private void masterError(String message) {
        switch (MasterError.of(message)) {
            case FAILED_OVER -> {
                LOG.info(
                        "the Mesos master says another instance of this framework subscribed (\"{}\"): it acts now; "
                                + "this instance exits",
                        message);
                exit().exit(ProcessExit.FAILED_OVER);
            }
            case REMOVED -> {
                LOG.error(
                        "FRAMEWORK REMOVED: the Mesos master says \"{}\". Mesos has torn this framework down (an "
                                + "operator TEARDOWN, or no scheduler was connected for FAILOVER_TIMEOUT_S), killed its tasks "
                                + "and will never accept its framework id again, so this scheduler cannot run the service. "
                                + "What to do: see docs/reliability.md, \"Master errors\" (uninstall the service and install it "
                                + "again; the nodes' reservations and volumes stay reserved to the role until then). Exiting",
                        message);
                exit().exit(ProcessExit.FRAMEWORK_REMOVED);
            }
            case OTHER -> {
                LOG.error(
                        "the Mesos master refused this framework: \"{}\"; exiting (Marathon starts the scheduler "
                                + "again, which subscribes anew)",
                        message);
                exit().exit(ProcessExit.FAILURE);
            }
        }
    }

    /** A short wait at start: a lone instance is elected at once and starts acting with its server, as before. */
    private static boolean awaitElected(LeaderElection election) {
        try {
            return election.awaitElected(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How the process ends when it must stop acting; tests replace it. */
    protected ProcessExit exit() {
        return ProcessExit.system();
    }

    /**
     * Fails fast on secrets that cannot work: from the environment, a node API token too weak to keep anybody else
     * from calling the executors; generated, any secret in the environment (it would be ignored) or secret-store
     * delivery (the agents could not resolve generated secrets).
     */
    static void requireClusterSecrets(SchedulerConfiguration configuration, ServiceConfig service) {
        if (service.executor().clusterSecrets() == ClusterSecretsSource.ENVIRONMENT) {
            NodeApiToken.requireStrong(configuration.nodeApiToken(), configuration.authToken());
            return;
        }
        if (!isBlank(configuration.nodeApiToken()) || !isBlank(configuration.cqlPassword())) {
            throw new IllegalStateException("CLUSTER_SECRETS=generated makes the node API token and the CQL "
                    + "superuser's password itself: unset NODE_API_TOKEN and CQL_SUPERUSER_PASSWORD, or use "
                    + "CLUSTER_SECRETS=environment");
        }
        if (service.executor().secretsDelivery() == SecretsDelivery.SECRET_STORE) {
            throw new IllegalStateException("CLUSTER_SECRETS=generated needs SECRETS_DELIVERY=message: generated "
                    + "secrets are in no secret store the agents could resolve");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Creator-only: takes over whatever is under the service root (state written before ACLs were on) before
     * anything reads it. Open: says loudly that anyone reaching ZooKeeper can read and rewrite the state.
     */
    private static void protectState(CuratorFramework zookeeper, StateRoot root, ZooKeeperAccess access) {
        if (access.isCreatorOnly()) {
            AclSweep.Result sweep = AclSweep.lockDown(zookeeper, root, access);
            LOG.info(
                    "ZooKeeper state {}: {}; {} znode(s), {} of them taken over from other ACLs now",
                    sweep.root(),
                    access.describe(),
                    sweep.znodes(),
                    sweep.changed());
        } else {
            LOG.warn(
                    "ZOOKEEPER_ACL=open: the scheduler's state under {} is readable and writable by anyone who "
                            + "reaches ZooKeeper (node addresses, plans, task definitions). Not for production: set "
                            + "ZOOKEEPER_DIGEST and unset ZOOKEEPER_ACL",
                    root.path());
        }
    }

    /** The state and config wiring; tests may override parts of it with {@code Modules.override}. */
    protected Module modules(ServiceConfig service, CuratorFramework zookeeper) {
        return new SchedulerModule(service, zookeeper, stateRoot);
    }

    /** The Mesos side for the target config; tests replace it ({@code PlanManager}, {@code NodeOperations}). */
    protected Module mesosModule(
            ConfigVersion target, List<String> configErrors, SchedulerConfiguration configuration) {
        return Modules.combine(
                new MesosModule(
                        target,
                        configErrors,
                        configuration.getMesos(),
                        URI.create(configuration.getMesosMasterUrl()),
                        Optional.ofNullable(configuration.nodeApiToken()),
                        Optional.ofNullable(configuration.cqlPassword()),
                        configuration.frameworkAuthentication(),
                        configuration.backupDefaults()),
                new OperationsModule(configuration.getOperations(), configuration.backupDefaults()),
                binder -> {
                    binder.bind(SchedulerMetrics.class).toInstance(metrics);
                    // node TLS (opt-in): how node APIs are called, and the issuer of each node's certificate
                    binder.bind(NodeApiTls.class).toInstance(configuration.tls().nodeApiTls());
                    configuration
                            .tls()
                            .nodeCertificates()
                            .ifPresent(issuer -> OptionalBinder.newOptionalBinder(binder, NodeCertificates.class)
                                    .setBinding()
                                    .toInstance(issuer));
                });
    }

    /** The wiring, for the parts started after {@link #run} (and for tests); waits up to 30 s for the election. */
    public Injector injector() {
        Injector wired = injector;
        return wired != null ? wired : leadership.await(java.time.Duration.ofSeconds(30));
    }
}
