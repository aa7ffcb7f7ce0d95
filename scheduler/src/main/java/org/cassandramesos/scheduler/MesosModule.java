package org.cassandramesos.scheduler;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.scheduler.backup.BackupDefaults;
import org.cassandramesos.scheduler.config.ClusterSecretsSource;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication;
import org.cassandramesos.scheduler.mesos.CassandraScheduler;
import org.cassandramesos.scheduler.mesos.MesosService;
import org.cassandramesos.scheduler.mesos.MesosSettings;
import org.cassandramesos.scheduler.mesos.NodeStates;
import org.cassandramesos.scheduler.mesos.ScaleNodes;
import org.cassandramesos.scheduler.metrics.SchedulerMetrics;
import org.cassandramesos.scheduler.offer.OfferEvaluator;
import org.cassandramesos.scheduler.ops.MesosNodeOperations;
import org.cassandramesos.scheduler.ops.NodeApiToken;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.plan.ConfigRollout;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.secrets.ClusterSecrets;
import org.cassandramesos.scheduler.secrets.ExecutorSecrets;
import org.cassandramesos.scheduler.state.ClusterSecretsStore;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.PlanStore;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.tls.NodeCertificates;

/**
 * The Mesos side, built for the target config once {@code ConfigUpdate} has decided it: the deploy
 * plan ({@link PlanManager}), node operations, the scheduler and its subscription.
 */
public final class MesosModule extends AbstractModule {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MesosModule.class);
    private final ConfigVersion target;
    private final List<String> configErrors;
    private final MesosSettings settings;
    private final URI master;
    private final Optional<String> nodeApiToken;
    private final Optional<String> cqlPassword;
    private final FrameworkAuthentication frameworkAuthentication;
    private final BackupDefaults backups;

    /**
     * @param nodeApiToken the node API token ({@code CLUSTER_SECRETS=environment})
     * @param cqlPassword the CQL superuser's password executors get with their secrets (same)
     * @param frameworkAuthentication how the scheduler authenticates to the master
     */
    public MesosModule(
            ConfigVersion target,
            List<String> configErrors,
            MesosSettings settings,
            URI master,
            Optional<String> nodeApiToken,
            Optional<String> cqlPassword,
            FrameworkAuthentication frameworkAuthentication) {
        this(
                target,
                configErrors,
                settings,
                master,
                nodeApiToken,
                cqlPassword,
                frameworkAuthentication,
                BackupDefaults.NONE);
    }

    /** As above; {@code backups}' configured location and keys reach every executor with its secrets. */
    public MesosModule(
            ConfigVersion target,
            List<String> configErrors,
            MesosSettings settings,
            URI master,
            Optional<String> nodeApiToken,
            Optional<String> cqlPassword,
            FrameworkAuthentication frameworkAuthentication,
            BackupDefaults backups) {
        this.backups = backups;
        this.frameworkAuthentication = frameworkAuthentication;
        this.nodeApiToken = nodeApiToken;
        this.cqlPassword = cqlPassword;
        this.target = target;
        this.configErrors = List.copyOf(configErrors);
        this.settings = settings;
        this.master = master;
    }

    @Override
    protected void configure() {
        bind(ConfigVersion.class).toInstance(target);
        bind(MesosSettings.class).toInstance(settings);
        bind(NodeOperations.class).to(MesosNodeOperations.class);
        // node TLS is opt-in: without a binding (SchedulerApplication sets one from TLS_CA_*) no node certificates
        OptionalBinder.newOptionalBinder(binder(), NodeCertificates.class);
    }

    @Provides
    @Singleton
    ClusterSecrets clusterSecrets(ClusterSecretsStore store, TaskStore tasks) {
        return target.config().executor().clusterSecrets() == ClusterSecretsSource.GENERATED
                ? ClusterSecrets.generated(store, !tasks.nodeNames().isEmpty())
                : ClusterSecrets.fromEnvironment(nodeApiToken, cqlPassword);
    }

    /** What node API calls present: the cluster's token, once held (generated secrets are recovered after a restart). */
    @Provides
    @Singleton
    NodeApiToken nodeApiToken(ClusterSecrets secrets) {
        return NodeApiToken.heldBy(() -> secrets.get(SecretBundle.NODE_API_TOKEN));
    }

    @Provides
    @Singleton
    OfferEvaluator offerEvaluator() {
        return new OfferEvaluator(target.config());
    }

    @Provides
    @Singleton
    DeployPlanManager deployPlanManager(PlanStore store, TaskStore tasks) {
        DeployPlanManager plans = DeployPlanManager.load(
                store, target.config(), configErrors, ScaleNodes.leaving(tasks, target.config()));
        // a new target: every node whose task runs another config gets its step back (docs/operations.md, "Updates")
        Map<String, ConfigRollout.NodeState> nodes = NodeStates.read(tasks, plans.deploy());
        List<String> stale = ConfigRollout.staleNodes(plans.deploy(), nodes, target.id());
        if (!stale.isEmpty()) {
            plans.update(plan -> ConfigRollout.markStale(plan, nodes, target.id()));
            LOG.info(
                    "config {} is the target; {} run(s) another config and will be relaunched one at a time: {}",
                    target.id(),
                    stale.size(),
                    stale);
        }
        plans.update(plan -> ScaleNodes.announce(plan, tasks));
        return plans;
    }

    @Provides
    @Singleton
    CassandraScheduler scheduler(
            FrameworkStore frameworks,
            TaskStore tasks,
            DeployPlanManager plans,
            StateConnection state,
            Optional<NodeCertificates> certificates,
            ClusterSecrets secrets,
            SchedulerMetrics metrics) {
        UUID configId = target.id();
        return CassandraScheduler.create(
                target.config(),
                frameworks,
                tasks,
                plans,
                state,
                () -> configId,
                settings,
                Clock.systemUTC(),
                new ExecutorSecrets(secrets, certificates, backups),
                metrics.offers());
    }

    @Provides
    @Singleton
    MesosNodeOperations nodeOperations(CassandraScheduler scheduler, DeployPlanManager plans) {
        return new MesosNodeOperations(scheduler, target.config(), plans);
    }

    @Provides
    @Singleton
    MesosService mesosService(CassandraScheduler scheduler, DeployPlanManager plans, FrameworkStore frameworks) {
        return new MesosService(
                scheduler, plans, target.config(), master, frameworks, settings, frameworkAuthentication);
    }
}
