package org.cassandramesos.local.resources;

import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** Conversions between the resource formats Mesos accepts, and small views of one resource. */
public final class ResourceFormat {
    private ResourceFormat() {}

    /**
     * The book-keeping form: allocation info dropped, and the deprecated {@code role}/{@code reservation}
     * pair turned into a one-entry reservation stack (a 1.11 master accepts both formats).
     */
    @SuppressWarnings("deprecation") // reads the pre-refinement format on purpose
    public static Resource normalize(Resource r) {
        Resource.Builder b = r.toBuilder().clearAllocationInfo();
        if (r.hasRole()) {
            String role = r.getRole();
            b.clearRole();
            if (!"*".equals(role) && r.getReservationsCount() == 0) {
                Resource.ReservationInfo.Builder res =
                        Resource.ReservationInfo.newBuilder().setRole(role);
                if (r.hasReservation()) {
                    res.setType(Resource.ReservationInfo.Type.DYNAMIC);
                    if (r.getReservation().hasPrincipal())
                        res.setPrincipal(r.getReservation().getPrincipal());
                    if (r.getReservation().hasLabels())
                        res.setLabels(r.getReservation().getLabels());
                } else {
                    res.setType(Resource.ReservationInfo.Type.STATIC);
                }
                b.addReservations(res);
            }
            b.clearReservation();
        }
        return b.build();
    }

    public static boolean isReserved(Resource r) {
        return r.getReservationsCount() > 0;
    }

    public static boolean isDynamicallyReserved(Resource r) {
        return isReserved(r)
                && r.getReservations(r.getReservationsCount() - 1).getType() == Resource.ReservationInfo.Type.DYNAMIC;
    }

    public static boolean isPersistentVolume(Resource r) {
        return r.hasDisk() && r.getDisk().hasPersistence();
    }

    /** The same resource with its last reservation removed. */
    public static Resource popReservation(Resource r) {
        return r.toBuilder().removeReservations(r.getReservationsCount() - 1).build();
    }

    /** A volume's underlying disk: the same reserved disk without persistence and mount point. */
    public static Resource withoutVolume(Resource r) {
        if (!r.hasDisk()) return r;
        Resource.DiskInfo disk =
                r.getDisk().toBuilder().clearPersistence().clearVolume().build();
        Resource.Builder b = r.toBuilder();
        if (disk.equals(Resource.DiskInfo.getDefaultInstance())) {
            b.clearDisk();
        } else {
            b.setDisk(disk);
        }
        return b.build();
    }

    /** Static form: no dynamic reservations, no volumes; what the agent was configured with. */
    public static Resource unreservedForm(Resource r) {
        Resource.Builder b = withoutVolume(r).toBuilder().clearReservations();
        r.getReservationsList().stream()
                .filter(res -> res.getType() == Resource.ReservationInfo.Type.STATIC)
                .forEach(b::addReservations);
        return b.build();
    }

    public static String describe(Resource r) {
        String amount = switch (r.getType()) {
            case SCALAR -> trim(r.getScalar().getValue());
            case RANGES ->
                r.getRanges().getRangeList().stream()
                        .map(x -> x.getBegin() + "-" + x.getEnd())
                        .collect(Collectors.joining(",", "[", "]"));
            case SET -> r.getSet().getItemList().stream().collect(Collectors.joining(",", "{", "}"));
            default -> "?";
        };
        StringBuilder sb = new StringBuilder(r.getName()).append(':').append(amount);
        if (isReserved(r)) {
            sb.append(" reserved(")
                    .append(r.getReservations(r.getReservationsCount() - 1).getRole())
                    .append(')');
        }
        if (isPersistentVolume(r))
            sb.append(" volume(").append(r.getDisk().getPersistence().getId()).append(')');
        return sb.toString();
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Mesos' /state summary value for one resource: a number for scalars, "[a-b, c-d]" for ranges. */
    public static Object summaryValue(Value.Type type, Resource r) {
        return switch (type) {
            case SCALAR -> r.getScalar().getValue();
            case RANGES ->
                r.getRanges().getRangeList().stream()
                        .map(x -> x.getBegin() + "-" + x.getEnd())
                        .collect(Collectors.joining(", ", "[", "]"));
            case SET -> r.getSet().getItemList().stream().collect(Collectors.joining(", ", "{", "}"));
            default -> "";
        };
    }
}
