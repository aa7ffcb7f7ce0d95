package org.cassandramesos.scheduler.ops;

import java.util.List;
import java.util.NoSuchElementException;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.mesos.CassandraScheduler;

/** Node restart and replace, carried out by the Mesos side; only nodes of the target config exist. */
public final class MesosNodeOperations implements NodeOperations {
    private final CassandraScheduler scheduler;
    private final ServiceConfig config;

    public MesosNodeOperations(CassandraScheduler scheduler, ServiceConfig config) {
        this.scheduler = scheduler;
        this.config = config;
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
        throw new NoSuchElementException("no node " + node);
    }
}
