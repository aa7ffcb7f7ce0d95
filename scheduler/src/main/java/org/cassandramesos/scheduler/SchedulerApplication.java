package org.cassandramesos.scheduler;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.apibounds.JsonErrorHandler;
import org.cassandramesos.scheduler.api.ApiBodyLimits;
import org.cassandramesos.scheduler.api.ApiResources;
import com.google.inject.util.Modules;
import org.cassandramesos.scheduler.ops.OperationManager;
import org.cassandramesos.scheduler.ops.OperationRunner;
import org.cassandramesos.scheduler.auth.AdminTasksDisabled;
import org.cassandramesos.scheduler.auth.ApiAuthentication;
import org.cassandramesos.scheduler.backup.BackupAccess;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.SecretsDelivery;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.mesos.MesosHealthCheck;
import org.cassandramesos.scheduler.mesos.MesosService;
import org.cassandramesos.scheduler.ops.NodeApiTls;
import org.cassandramesos.scheduler.ops.NodeApiToken;
import org.cassandramesos.scheduler.tls.ApiHttps;
import org.cassandramesos.scheduler.tls.NodeCertificates;
import org.cassandramesos.scheduler.state.AclSweep;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.ConfigUpdate;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.ZooKeeperAccess;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperHealthCheck;
import org.cassandramesos.scheduler.state.ZooKeeperLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler process: {@code scheduler server [scheduler.yml]}. Reads its config (file, or the
 * bundled {@code scheduler.yml}) with environment variables substituted, connects to ZooKeeper, makes
 * the deployed config the target, and serves the API.
 */
public class SchedulerApplication extends Application<SchedulerConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerApplication.class);

    private Injector injector;

    public static void main(String[] args) throws Exception {
        new SchedulerApplication().run(args);
    }

    @Override
    public String getName() {
        return "cassandra-scheduler";
    }

    @Override
    public void initialize(Bootstrap<SchedulerConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(configurationSource());
        // durations as ISO-8601 in the API, the same form as stored in ZooKeeper
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    /**
     * A config file path, else the bundled resource of that name, with {@code ${VAR:-default}} taken
     * from the environment (defaults may nest: {@code ${PORT0:-${API_PORT:-9000}}}).
     */
    static ConfigurationSourceProvider configurationSource() {
        var files = new FileConfigurationSourceProvider();
        var bundled = new ResourceConfigurationSourceProvider();
        return new SubstitutingSourceProvider(
                path -> Files.exists(Path.of(path)) ? files.open(path) : bundled.open(path),
                new EnvironmentVariableSubstitutor(false, true));
    }

    @Override
    public void run(SchedulerConfiguration configuration, Environment environment) {
        // fail fast: without a strong token no executor could be called, or anybody could call them
        NodeApiToken.requireStrong(configuration.nodeApiToken(), configuration.authToken());
        ServiceConfig service = configuration.getService();
        // fail fast on contradictory or unreadable Mesos credentials, before anything connects
        LOG.info("authenticating to the Mesos master: {}", configuration.frameworkAuthentication());
        if (configuration.tls().nodeCertificates().isPresent()
                && service.executor().secretsDelivery() == SecretsDelivery.SECRET_STORE) {
            // node keys are issued per launch and travel only in the sealed secret bundle (docs/secrets.md)
            throw new IllegalStateException("node TLS (TLS_CA_CERT/TLS_CA_KEY) needs SECRETS_DELIVERY=message: with "
                    + "secret-store the executors could not get their keys");
        }
        ZooKeeperAccess access = configuration.zookeeperAccess();
        CuratorFramework zookeeper = ZooKeeperClients.start(service.zookeeperConnect(),
                configuration.getZookeeperSessionTimeout(), configuration.getZookeeperConnectTimeout(), access);
        environment.lifecycle().manage(new ZooKeeperLifecycle(zookeeper));
        protectState(zookeeper, service.serviceName(), access);
        Injector base = Guice.createInjector(modules(service, zookeeper));

        ConfigUpdate update = ConfigUpdate.apply(base.getInstance(ConfigStore.class), service);
        if (!update.errors().isEmpty()) {
            LOG.error("the deployed config was refused, keeping target {}: {}",
                    update.target().map(v -> v.id().toString()).orElse("(none)"), update.errors());
        }
        // the Mesos side works for the target config (the deployed one unless it was refused)
        ConfigVersion target = update.target().orElseGet(() -> ConfigVersion.fresh(service));
        injector = base.createChildInjector(mesosModule(target, update.errors(), configuration));
        MesosService mesos = injector.getInstance(MesosService.class);
        environment.lifecycle().manage(mesos);
        environment.lifecycle().manage(injector.getInstance(OperationRunner.class));
        environment.healthChecks().register("mesos", new MesosHealthCheck(mesos));
        AdminTasksDisabled.apply(environment.admin());

        environment.healthChecks().register("zookeeper",
                new ZooKeeperHealthCheck(injector.getInstance(StateConnection.class)));
        BackupAccess backups = BackupAccess.configure(configuration.backupDefaults(), configuration.getBackupApi());
        environment.servlets().addFilter("request-body-limit",
                        ApiBodyLimits.filter(configuration.getMaxRequestBodyKb(), configuration.getBackupApi().maxFileBytes()))
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/*");
        // requests Jetty itself refuses (e.g. an empty path segment) answer JSON too
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
        environment.lifecycle().manage(backups);
        OperationManager operations = injector.getInstance(OperationManager.class);
        ApiResources.registerBackups(environment.jersey(), backups, () -> operations.running()
                .filter(op -> op.kind() == JobKind.BACKUP)
                .map(op -> "backup " + op.backupName() + " (operation " + op.id() + ")"));
        ApiAuthentication.register(environment.jersey(), service.auth(), configuration.authToken(),
                configuration.getDcosJwksUrl(), configuration.isDcosJwksAllowHttp(), configuration.dcosJwksCaBundle(),
                configuration.dcosJwtPolicy());
        ApiResources.register(environment.jersey(), injector);
        // TLS (opt-in, docs/tls.md): the server is built after run(), so its connectors can still change here
        if (ApiHttps.apply(configuration.getServerFactory(), configuration.tls())) {
            LOG.info("the API serves HTTPS ({})", configuration.tls());
        }
    }

    /**
     * Creator-only: takes over whatever is under the service root (state written before ACLs were on) before
     * anything reads it. Open: says loudly that anyone reaching ZooKeeper can read and rewrite the state.
     */
    private static void protectState(CuratorFramework zookeeper, String serviceName, ZooKeeperAccess access) {
        if (access.isCreatorOnly()) {
            AclSweep.Result sweep = AclSweep.lockDown(zookeeper, serviceName, access);
            LOG.info("ZooKeeper state {}: {}; {} znode(s), {} of them taken over from other ACLs now", sweep.root(),
                    access.describe(), sweep.znodes(), sweep.changed());
        } else {
            LOG.warn("ZOOKEEPER_ACL=open: the scheduler's state under /{} is readable and writable by anyone who "
                    + "reaches ZooKeeper (node addresses, plans, task definitions). Not for production: set "
                    + "ZOOKEEPER_DIGEST and unset ZOOKEEPER_ACL", CuratorPersister.namespace(serviceName));
        }
    }

    /** The state and config wiring; tests may override parts of it with {@code Modules.override}. */
    protected Module modules(ServiceConfig service, CuratorFramework zookeeper) {
        return new SchedulerModule(service, zookeeper);
    }

    /** The Mesos side for the target config; tests replace it ({@code PlanManager}, {@code NodeOperations}). */
    protected Module mesosModule(ConfigVersion target, List<String> configErrors, SchedulerConfiguration configuration) {
        return Modules.combine(
                new MesosModule(target, configErrors, configuration.getMesos(),
                        URI.create(configuration.getMesosMasterUrl()), new NodeApiToken(configuration.nodeApiToken()),
                        Optional.ofNullable(configuration.cqlPassword()), configuration.frameworkAuthentication()),
                new OperationsModule(configuration.getOperations(), configuration.backupDefaults()),
                binder -> {
                    // node TLS (opt-in): how node APIs are called, and the issuer of each node's certificate
                    binder.bind(NodeApiTls.class).toInstance(configuration.tls().nodeApiTls());
                    configuration.tls().nodeCertificates().ifPresent(issuer ->
                            OptionalBinder.newOptionalBinder(binder, NodeCertificates.class).setBinding().toInstance(issuer));
                });
    }

    /** The wiring, for the parts started after {@link #run} (and for tests). */
    public Injector injector() {
        return injector;
    }
}
