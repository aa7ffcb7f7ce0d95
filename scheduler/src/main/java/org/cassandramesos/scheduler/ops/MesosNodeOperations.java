package org.cassandramesos.scheduler.ops;

import java.util.List;
import java.util.NoSuchElementException;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.mesos.CassandraScheduler;
import org.cassandramesos.scheduler.plan.DeployPlanManager;

/** Node restart and replace, carried out by the Mesos side; only nodes of the target config exist (and those a scale-in has still to
 * remove). */
public final class MesosNodeOperations implements NodeOperations {
    private final CassandraScheduler scheduler;
    private final ServiceConfig config;
    private final DeployPlanManager plans;

    public MesosNodeOperations(CassandraScheduler scheduler, ServiceConfig config, DeployPlanManager plans) {
        this.scheduler = scheduler;
        this.config = config;
        this.plans = plans;
    }

    @Override
    public List<String> restart(String node) {
        requireKnown(node);
        return scheduler.restart(node);
    }

    @Override
    public List<String> replace(String node) {
        requireKnown(node);
        return scheduler.replace(node);
    }

    @Override
    public List<String> destroy(String node) {
        requireKnown(node);
        return scheduler.destroy(node);
    }

    private void requireKnown(String node) {
        for (int i = 0; i < config.nodes().count(); i++) {
            if (NodesConfig.nodeName(i).equals(node)) {
                return;
            }
        }
        // a node a scale-in has still to remove
        if (plans.deploy().steps().anyMatch(step -> step.node().equals(node))) {
            return;
        }
        throw new NoSuchElementException("no node " + node);
    }
}
