package org.cassandramesos.scheduler.offer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.FrameworkID;

/**
 * Facts about the cluster, not the offer, that go into a node's TaskInfo.
 *
 * @param frameworkId    our framework id (the executor's framework_id)
 * @param configId       the target config version the task is built from (label {@code config_id})
 * @param seeds          IPs of the seed nodes already placed
 * @param seed           whether this node is a seed (its own IP joins the seed list)
 * @param replaceAddress the dead node's IP when this node replaces it
 * @param startStopped   created stopped ({@code POST /v1/nodes/create/stopped}): the executor leaves Cassandra stopped
 */
public record LaunchContext(
        FrameworkID frameworkId,
        UUID configId,
        List<String> seeds,
        boolean seed,
        Optional<String> replaceAddress,
        boolean startStopped) {

    public LaunchContext {
        seeds = List.copyOf(seeds);
        replaceAddress = replaceAddress == null ? Optional.empty() : replaceAddress;
    }

    public LaunchContext(
            FrameworkID frameworkId, UUID configId, List<String> seeds, boolean seed, Optional<String> replaceAddress) {
        this(frameworkId, configId, seeds, seed, replaceAddress, false);
    }
}
