package org.cassandramesos.scheduler.mesos;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.scheduler.MesosModule;
import org.cassandramesos.scheduler.SchedulerModule;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.ConfigUpdate;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;

/**
 * The scheduler's Mesos side wired as {@code SchedulerApplication} wires it (same Guice modules), in
 * this JVM without the HTTP server, so tests can watch its plan and state directly.
 */
final class InProcessScheduler implements AutoCloseable {
    private final CuratorFramework zookeeper;
    private final Injector injector;
    private final MesosService service;
    /** Every version of the deploy plan, in order. */
    final CopyOnWriteArrayList<Plan> history = new CopyOnWriteArrayList<>();

    private InProcessScheduler(CuratorFramework zookeeper, Injector injector) {
        this.zookeeper = zookeeper;
        this.injector = injector;
        this.service = injector.getInstance(MesosService.class);
        DeployPlanManager plans = plans();
        history.add(plans.deploy());
        plans.addListener(() -> history.add(plans.deploy()));
    }

    static InProcessScheduler start(ServiceConfig config, URI master) {
        return start(config, master, FrameworkAuthentication.none());
    }

    /** As {@link #start(ServiceConfig, URI)}, authenticating to the master with {@code authentication}. */
    static InProcessScheduler start(ServiceConfig config, URI master, FrameworkAuthentication authentication) {
        return start(config, master, authentication, binder -> {});
    }

    /** As {@link #start(ServiceConfig, URI)}, with bindings of the state wiring replaced by {@code stateOverride}. */
    static InProcessScheduler start(
            ServiceConfig config, URI master, FrameworkAuthentication authentication, Module stateOverride) {
        CuratorFramework zookeeper = ZooKeeperClients.start(
                config.zookeeperConnect(), Duration.ofSeconds(30), Duration.ofSeconds(30), ZooKeeperFixture.ACCESS);
        Injector base = Guice.createInjector(
                Modules.override(new SchedulerModule(config, zookeeper)).with(stateOverride));
        ConfigUpdate update = ConfigUpdate.apply(base.getInstance(ConfigStore.class), config);
        Injector injector = base.createChildInjector(new MesosModule(
                update.target().orElseThrow(() -> new IllegalArgumentException("config refused: " + update.errors())),
                update.errors(),
                MesosTestSupport.fastSettings(),
                master,
                java.util.Optional.of(MesosTestSupport.NODE_API_TOKEN),
                java.util.Optional.of(MesosTestSupport.CQL_PASSWORD),
                authentication));
        InProcessScheduler scheduler = new InProcessScheduler(zookeeper, injector);
        scheduler.service.start();
        return scheduler;
    }

    /** The config this scheduler works for (the deployed one, unless it was refused). */
    org.cassandramesos.scheduler.config.ConfigVersion target() {
        return injector.getInstance(org.cassandramesos.scheduler.config.ConfigVersion.class);
    }

    DeployPlanManager plans() {
        return injector.getInstance(DeployPlanManager.class);
    }

    NodeOperations nodes() {
        return injector.getInstance(NodeOperations.class);
    }

    TaskStore tasks() {
        return injector.getInstance(TaskStore.class);
    }

    FrameworkStore frameworks() {
        return injector.getInstance(FrameworkStore.class);
    }

    /** Requests for the state this scheduler has sent ZooKeeper so far ({@link CuratorPersister#reads()}). */
    long zooKeeperReads() {
        return injector.getInstance(CuratorPersister.class).reads();
    }

    Step step(String node) {
        return plans().deploy()
                .steps()
                .filter(s -> s.node().equals(node))
                .findFirst()
                .orElseThrow();
    }

    NodeRecord record(String node) {
        return tasks().record(node).orElseThrow();
    }

    Optional<TaskInfo> task(String node) {
        return tasks().taskInfo(node);
    }

    Optional<TaskStatus> status(String node) {
        return tasks().taskStatus(node);
    }

    boolean isSubscribed() {
        return service.isSubscribed();
    }

    @Override
    public void close() {
        service.stop();
        zookeeper.close();
    }
}
