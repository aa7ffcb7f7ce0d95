package org.cassandramesos.scheduler.ops;

import java.util.List;

/**
 * Operator actions on one node (REST {@code PUT /v1/nodes/restart|replace?node=}). Implemented by the
 * scheduler's Mesos side.
 */
public interface NodeOperations {
    /**
     * Kills the node's task; it relaunches on the same agent with the same reservation and volume.
     *
     * @return the task ids that were killed
     * @throws java.util.NoSuchElementException for an unknown node
     * @throws IllegalStateException            when another operation holds the node (409)
     */
    List<String> restart(String node);

    /**
     * Marks the node permanently failed and kills it; it relaunches on another agent with a new
     * volume and {@code replace_address_first_boot=<old ip>}.
     *
     * @return the task ids that were killed
     * @throws java.util.NoSuchElementException for an unknown node
     * @throws IllegalStateException            when another operation holds the node (409)
     */
    List<String> replace(String node);

    /**
     * The node is gone for good (decommissioned): kills its task and forgets its placement, so nothing
     * relaunches it and the next offers release its reservation and volume.
     *
     * @return the task ids that were killed
     */
    List<String> destroy(String node);
}
