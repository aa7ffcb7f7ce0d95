package org.cassandramesos.scheduler.offer;

import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskInfo;

/** The answer for one pending node and one offer: take it like this, or why not. */
public sealed interface Evaluation {

    String nodeName();

    /**
     * Accept the offer with these operations (RESERVE + CREATE + LAUNCH the first time, LAUNCH on a
     * relaunch). Record {@code reservation} and {@code agent} for the node before sending the ACCEPT.
     */
    record Recommendation(
            String nodeName,
            OfferID offerId,
            List<Operation> operations,
            TaskInfo task,
            AgentFacts agent,
            String rack,
            NodeReservation reservation,
            boolean firstLaunch)
            implements Evaluation {

        public Recommendation {
            operations = List.copyOf(operations);
        }

        public Map<String, Integer> ports() {
            return reservation.ports();
        }
    }

    /**
     * The offer does not fit; {@code reason} is shown as the step's last decline reason, {@code cause} is counted
     * (docs/metrics.md).
     */
    record Rejection(String nodeName, OfferID offerId, String reason, Cause cause) implements Evaluation {}

    /** What kind of misfit a rejection is. */
    enum Cause {
        /** a placement constraint excludes the agent */
        PLACEMENT,
        /** too few resources, or not the node's own reservation and volume */
        RESOURCES
    }
}
