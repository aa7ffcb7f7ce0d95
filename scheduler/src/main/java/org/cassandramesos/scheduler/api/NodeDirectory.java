package org.cassandramesos.scheduler.api;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * The nodes the API knows: those the target config asks for plus any with stored state (e.g. one
 * being decommissioned). Seeds are the first {@code nodes.seeds} nodes, as the deploy plan places them.
 */
final class NodeDirectory {
    private final TaskStore tasks;
    private final ConfigStore configs;

    NodeDirectory(TaskStore tasks, ConfigStore configs) {
        this.tasks = tasks;
        this.configs = configs;
    }

    List<String> names() {
        TreeSet<String> names = new TreeSet<>(NodeNames.BY_INDEX);
        tasks.nodeNames().stream().filter(NodeNames::isNodeName).forEach(names::add);
        configured()
                .map(NodesConfig::count)
                .ifPresent(count -> IntStream.range(0, count)
                        .mapToObj(NodesConfig::nodeName)
                        .forEach(names::add));
        return List.copyOf(names);
    }

    /** A well-formed name's state; 404 if the scheduler knows no such node. */
    NodeState require(String name) {
        NodeNames.require(name);
        if (!names().contains(name)) {
            throw ApiErrors.notFound("no node " + name);
        }
        return read(name, seedCount());
    }

    List<NodeState> all() {
        int seeds = seedCount();
        return names().stream().map(name -> read(name, seeds)).toList();
    }

    private NodeState read(String name, int seeds) {
        return new NodeState(
                name,
                NodeNames.index(name) < seeds,
                tasks.record(name),
                tasks.taskInfo(name),
                tasks.taskStatus(name),
                tasks.control(name));
    }

    private int seedCount() {
        return configured().map(NodesConfig::seeds).orElse(0);
    }

    /** What the target config gives its nodes; empty before the first config is stored. */
    Optional<NodesConfig> configured() {
        return configs.target().map(ConfigVersion::config).map(c -> c.nodes());
    }
}
