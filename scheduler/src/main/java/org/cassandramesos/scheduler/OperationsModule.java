package org.cassandramesos.scheduler;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.cassandramesos.scheduler.backup.BackupDefaults;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.metrics.SchedulerMetrics;
import org.cassandramesos.scheduler.ops.AllPlans;
import org.cassandramesos.scheduler.ops.ClusterNodes;
import org.cassandramesos.scheduler.ops.NodeApiClient;
import org.cassandramesos.scheduler.ops.NodeApiToken;
import org.cassandramesos.scheduler.ops.NodeCreation;
import org.cassandramesos.scheduler.ops.NodeLifecycle;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.ops.OperationManager;
import org.cassandramesos.scheduler.ops.OperationRunner;
import org.cassandramesos.scheduler.ops.OperationStore;
import org.cassandramesos.scheduler.ops.OperationsSettings;
import org.cassandramesos.scheduler.ops.ScaleIn;
import org.cassandramesos.scheduler.ops.ScaleOut;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.PlanManager;
import org.cassandramesos.scheduler.state.PlanStore;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.tls.NodeApiTls;

/**
 * Operations (repair, cleanup, upgradesstables, backup, restore) and the seed 003 node verbs, on top of the
 * Mesos side ({@link MesosModule}): the plans operators see are the deploy plan plus the operation's.
 */
public final class OperationsModule extends AbstractModule {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperationsSettings settings;
    private final BackupDefaults backupDefaults;

    public OperationsModule(OperationsSettings settings, BackupDefaults backupDefaults) {
        this.settings = settings;
        this.backupDefaults = backupDefaults;
    }

    @Override
    protected void configure() {
        bind(PlanManager.class).to(AllPlans.class);
    }

    @Provides
    @Singleton
    NodeApiClient nodeApiClient(NodeApiToken token, NodeApiTls tls) {
        return new NodeApiClient(token, settings.nodeApiTimeout(), tls);
    }

    @Provides
    @Singleton
    ClusterNodes clusterNodes(ConfigVersion target, TaskStore tasks, DeployPlanManager deploy) {
        return new ClusterNodes(target.config(), tasks, deploy);
    }

    @Provides
    @Singleton
    OperationManager operationManager(
            OperationStore operations,
            PlanStore plans,
            ClusterNodes nodes,
            NodeApiClient client,
            ConfigVersion target,
            SchedulerMetrics metrics) {
        return new OperationManager(
                operations,
                plans,
                nodes,
                client,
                target.config().retry(),
                backupDefaults,
                Clock.systemUTC(),
                () -> HexFormat.of().formatHex(randomBytes()),
                metrics.operations());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Provides
    @Singleton
    OperationRunner operationRunner(
            OperationManager operations, StateConnection state, ScaleIn scaleIn, ScaleOut scaleOut) {
        return new OperationRunner(
                operations, settings.pollInterval(), state, java.util.List.of(scaleIn::tick, scaleOut::tick));
    }

    @Provides
    @Singleton
    ScaleIn scaleIn(
            ClusterNodes nodes,
            TaskStore tasks,
            DeployPlanManager deploy,
            NodeApiClient client,
            NodeLifecycle lifecycle,
            ConfigVersion target) {
        return new ScaleIn(
                nodes,
                tasks,
                deploy,
                client,
                lifecycle,
                target.config().placement().datacenter(),
                target.config().nodes().count());
    }

    @Provides
    @Singleton
    NodeCreation nodeCreation(
            ClusterNodes nodes,
            TaskStore tasks,
            DeployPlanManager deploy,
            org.cassandramesos.scheduler.state.ConfigStore configs,
            ScaleOut scaleOut) {
        return new NodeCreation(nodes, tasks, deploy, configs, scaleOut);
    }

    @Provides
    @Singleton
    ScaleOut scaleOut(DeployPlanManager deploy, TaskStore tasks, OperationManager operations) {
        return new ScaleOut(
                org.cassandramesos.scheduler.mesos.ScaleNodes.joining(deploy.deploy(), tasks),
                deploy,
                operations,
                settings.cleanupAfterScaleOut());
    }

    @Provides
    @Singleton
    AllPlans allPlans(
            DeployPlanManager deploy,
            OperationManager operations,
            TaskStore tasks,
            com.google.inject.Provider<NodeOperations> nodes) {
        return new AllPlans(deploy, operations, tasks, nodes);
    }

    @Provides
    @Singleton
    NodeLifecycle nodeLifecycle(
            ClusterNodes nodes,
            TaskStore tasks,
            DeployPlanManager deploy,
            NodeApiClient client,
            NodeOperations operations,
            OperationManager operationManager) {
        return new NodeLifecycle(
                nodes,
                tasks,
                deploy,
                client,
                operations,
                operationManager,
                settings.decommissionTimeout(),
                settings.pollInterval());
    }
}
