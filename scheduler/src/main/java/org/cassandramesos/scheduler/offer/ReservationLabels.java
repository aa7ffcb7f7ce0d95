package org.cassandramesos.scheduler.offer;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * The labels that tie a dynamic reservation to a node: {@code resource_id} (fresh per placement, so a
 * replaced node's old reservation is recognisably a leftover) and {@code node} (for humans).
 */
public final class ReservationLabels {
    public static final String RESOURCE_ID = "resource_id";
    public static final String NODE = "node";

    private ReservationLabels() {}

    public static ReservationInfo reservation(String role, String principal, String resourceId, String nodeName) {
        return ReservationInfo.newBuilder()
                .setType(ReservationInfo.Type.DYNAMIC)
                .setRole(role)
                .setPrincipal(principal)
                .setLabels(Labels.newBuilder()
                        .addLabels(Label.newBuilder().setKey(RESOURCE_ID).setValue(resourceId))
                        .addLabels(Label.newBuilder().setKey(NODE).setValue(nodeName)))
                .build();
    }

    /** The top of the reservation stack if it is a dynamic reservation by {@code role}/{@code principal}. */
    static ReservationInfo ownReservation(Resource resource, String role, String principal) {
        int n = resource.getReservationsCount();
        if (n == 0) {
            return null;
        }
        ReservationInfo top = resource.getReservations(n - 1);
        return top.getType() == ReservationInfo.Type.DYNAMIC
                        && role.equals(top.getRole())
                        && principal.equals(top.getPrincipal())
                ? top
                : null;
    }

    /** The {@code resource_id} label's value, or null. */
    static String resourceId(ReservationInfo reservation) {
        for (Label label : reservation.getLabels().getLabelsList()) {
            if (RESOURCE_ID.equals(label.getKey())) {
                return label.getValue();
            }
        }
        return null;
    }
}
