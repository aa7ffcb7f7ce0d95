package org.cassandramesos.scheduler.uninstall;

import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.zookeeper.KeeperException;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication;
import org.cassandramesos.scheduler.mesos.MesosSettings;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.PersisterException;
import org.cassandramesos.scheduler.state.PlanStore;
import org.cassandramesos.scheduler.state.StateRoot;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles an uninstalling scheduler from the state at {@code root}: its plans (for the API), the framework id (for
 * {@code /v1/state/frameworkId}) and, when there is a framework to tear down, the service to run. A scheduler started
 * again after the state was deleted finds nothing and answers a COMPLETE plan, touching nothing (a namespaced read
 * would re-create the root).
 *
 * @param service the Mesos side to manage; empty when there is nothing on Mesos to uninstall
 */
public record UninstallMode(UninstallPlans plans, Optional<FrameworkID> frameworkId, Optional<Managed> service) {
    private static final Logger LOG = LoggerFactory.getLogger(UninstallMode.class);

    public static UninstallMode prepare(
            CuratorFramework zookeeper,
            StateRoot root,
            ServiceConfig config,
            URI master,
            MesosSettings settings,
            FrameworkAuthentication authentication) {
        CuratorFramework raw = zookeeper.usingNamespace(null);
        if (!exists(raw, root.path())) {
            LOG.info("uninstalling: no state at {}; nothing left to uninstall", root.path());
            return new UninstallMode(UninstallPlans.nothingLeft(), Optional.empty(), Optional.empty());
        }
        CuratorPersister persister = new CuratorPersister(zookeeper, root);
        Optional<FrameworkID> frameworkId = new FrameworkStore(persister).get();
        Inventory inventory = Inventory.of(new TaskStore(persister));
        UninstallPlans plans = UninstallPlans.load(new PlanStore(persister), inventory);
        UninstallScheduler.StateDeletion deletion = () -> delete(raw, root);
        if (frameworkId.isEmpty()) {
            // never registered: no task, reservation or volume can exist
            LOG.info("uninstalling: no framework id at {}; deleting the state only", root.path());
            plans.stopPersisting();
            deletion.deleteAll();
            plans.update(p -> UninstallTransitions.deregistered(p, "(never registered)"));
            return new UninstallMode(plans, frameworkId, Optional.empty());
        }
        UninstallScheduler scheduler = new UninstallScheduler(
                inventory, plans, config.role(), config.principal(), settings, Clock.systemUTC(), deletion);
        return new UninstallMode(
                plans,
                frameworkId,
                Optional.of(new UninstallService(scheduler, frameworkId, config, master, settings, authentication)));
    }

    private static boolean exists(CuratorFramework raw, String path) {
        try {
            return raw.checkExists().forPath(path) != null;
        } catch (Exception e) {
            throw failure("check " + path, e);
        }
    }

    /** The whole root, with the scheduler's own credential (creator-only ACLs: nobody else could). */
    private static void delete(CuratorFramework raw, StateRoot root) {
        try {
            raw.delete().deletingChildrenIfNeeded().forPath(root.path());
            LOG.info("uninstalling: deleted the ZooKeeper state at {}", root.path());
        } catch (KeeperException.NoNodeException e) {
            // already gone
        } catch (Exception e) {
            throw failure("delete " + root.path(), e);
        }
    }

    private static PersisterException failure(String what, Exception cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new PersisterException("ZooKeeper could not " + what + ": " + cause, cause);
    }
}
