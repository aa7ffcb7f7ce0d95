package org.cassandramesos.scheduler.offer;

import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;

/**
 * The resources a node will use on one offer: operations that must run before LAUNCH (RESERVE, CREATE;
 * none on a plain relaunch), the task's and the executor's resources, and the node's ports.
 */
record MatchedResources(
        List<Operation> preparation,
        List<Resource> taskResources,
        List<Resource> executorResources,
        Map<String, Integer> ports,
        NodeReservation reservation) {

    /** Either a match or the reason there is none; no exceptions on the hot path. */
    record Result(MatchedResources matched, String reason) {
        static Result of(MatchedResources matched) {
            return new Result(matched, null);
        }

        static Result refused(String reason) {
            return new Result(null, reason);
        }
    }
}
