package org.cassandramesos.scheduler;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.apache.curator.framework.CuratorFramework;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.ops.OperationStore;
import org.cassandramesos.scheduler.state.CachedPersister;
import org.cassandramesos.scheduler.state.ClusterSecretsStore;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.CuratorStateConnection;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.Persister;
import org.cassandramesos.scheduler.state.PlanStore;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.StateRoot;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * Wires the scheduler's parts. Domain classes stay free of injection annotations; everything is
 * assembled here.
 */
public final class SchedulerModule extends AbstractModule {
    private final ServiceConfig config;
    private final CuratorFramework zookeeper;
    private final StateRoot root;

    public SchedulerModule(ServiceConfig config, CuratorFramework zookeeper) {
        this(config, zookeeper, StateRoot.of(config.serviceName()));
    }

    /** @param root where the state lives in ZooKeeper ({@link StateRoot#resolve}) */
    public SchedulerModule(ServiceConfig config, CuratorFramework zookeeper, StateRoot root) {
        this.config = config;
        this.zookeeper = zookeeper;
        this.root = root;
    }

    @Override
    protected void configure() {
        bind(ServiceConfig.class).toInstance(config);
        bind(CuratorFramework.class).toInstance(zookeeper);
        bind(StateRoot.class).toInstance(root);
    }

    @Provides
    @Singleton
    CuratorPersister zooKeeperPersister(CuratorFramework client) {
        return new CuratorPersister(client, root);
    }

    /**
     * The state is read through a write-through cache: this module is wired only once this instance leads, and the
     * leader is the only writer of its state (LeaderElection), so what it wrote and read stays true.
     */
    @Provides
    @Singleton
    Persister persister(CuratorPersister zookeeper, StateConnection connection) {
        return CachedPersister.following(zookeeper, connection);
    }

    @Provides
    @Singleton
    StateConnection stateConnection(CuratorFramework client) {
        return CuratorStateConnection.follow(client);
    }

    @Provides
    @Singleton
    FrameworkStore frameworkStore(Persister persister) {
        return new FrameworkStore(persister);
    }

    @Provides
    @Singleton
    ClusterSecretsStore clusterSecretsStore(Persister persister) {
        return new ClusterSecretsStore(persister);
    }

    @Provides
    @Singleton
    ConfigStore configStore(Persister persister) {
        return new ConfigStore(persister);
    }

    @Provides
    @Singleton
    TaskStore taskStore(Persister persister) {
        return new TaskStore(persister);
    }

    @Provides
    @Singleton
    OperationStore operationStore(Persister persister) {
        return new OperationStore(persister);
    }

    @Provides
    @Singleton
    PlanStore planStore(Persister persister) {
        return new PlanStore(persister);
    }
}
