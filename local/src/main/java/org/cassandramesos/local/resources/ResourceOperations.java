package org.cassandramesos.local.resources;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;

/**
 * RESERVE, UNRESERVE, CREATE and DESTROY as Mesos validates and applies them: pure functions from
 * a resource pool to the pool after the operation. The master applies the same operation to the
 * offered pool and to the agent's total, so both books stay in step.
 */
public final class ResourceOperations {
    private ResourceOperations() {}

    /** Who performs the operation: the offer's allocation role and the framework's principal. */
    public record Actor(String role, String principal) {}

    /** The outcome: the converted resources to remove and add, or why the operation is invalid. */
    public record Conversion(Resources consumed, Resources converted, String error) {
        static Conversion invalid(String error) {
            return new Conversion(Resources.empty(), Resources.empty(), error);
        }

        public boolean valid() {
            return error == null;
        }

        public Resources applyTo(Resources pool) {
            return pool.minus(consumed).plus(converted);
        }
    }

    /**
     * Validates {@code op} against {@code pool} (what is offered) and {@code agentTotal} (for
     * uniqueness of persistence ids) and returns the conversion it performs.
     */
    public static Conversion convert(Operation op, Actor actor, Resources pool, Resources agentTotal) {
        return switch (op.getType()) {
            case RESERVE -> reserve(op.getReserve().getResourcesList(), actor, pool);
            case UNRESERVE -> unreserve(op.getUnreserve().getResourcesList(), pool);
            case CREATE -> create(op.getCreate().getVolumesList(), actor, pool, agentTotal);
            case DESTROY -> destroy(op.getDestroy().getVolumesList(), pool);
            default -> Conversion.invalid("unsupported operation " + op.getType());
        };
    }

    static Conversion reserve(List<Resource> requested, Actor actor, Resources pool) {
        if (requested.isEmpty()) return Conversion.invalid("RESERVE without resources");
        Resources consumed = Resources.empty();
        Resources converted = Resources.empty();
        for (Resource raw : requested) {
            Resource r = ResourceFormat.normalize(raw);
            if (!ResourceFormat.isDynamicallyReserved(r)) {
                return Conversion.invalid(
                        "RESERVE of " + ResourceFormat.describe(r) + " without a dynamic reservation");
            }
            if (ResourceFormat.isPersistentVolume(r)) return Conversion.invalid("RESERVE of a persistent volume");
            Resource.ReservationInfo res = r.getReservations(r.getReservationsCount() - 1);
            if (!res.getRole().equals(actor.role())) {
                return Conversion.invalid("RESERVE for role '" + res.getRole() + "' but the offer is allocated to '"
                        + actor.role() + "'");
            }
            if (actor.principal() != null
                    && !actor.principal().isEmpty()
                    && !actor.principal().equals(res.getPrincipal())) {
                return Conversion.invalid(
                        "RESERVE principal '" + res.getPrincipal() + "' differs from the framework's");
            }
            consumed = consumed.plus(Resources.of(ResourceFormat.popReservation(r)));
            converted = converted.plus(Resources.of(r));
        }
        if (!pool.contains(consumed))
            return Conversion.invalid("RESERVE of " + consumed + " which the offer does not hold");
        return new Conversion(consumed, converted, null);
    }

    static Conversion unreserve(List<Resource> requested, Resources pool) {
        if (requested.isEmpty()) return Conversion.invalid("UNRESERVE without resources");
        Resources consumed = Resources.empty();
        Resources converted = Resources.empty();
        for (Resource raw : requested) {
            Resource r = ResourceFormat.normalize(raw);
            if (!ResourceFormat.isDynamicallyReserved(r))
                return Conversion.invalid("UNRESERVE of resources not dynamically reserved");
            if (ResourceFormat.isPersistentVolume(r))
                return Conversion.invalid("UNRESERVE of a persistent volume: DESTROY it first");
            consumed = consumed.plus(Resources.of(r));
            converted = converted.plus(Resources.of(ResourceFormat.popReservation(r)));
        }
        if (!pool.contains(consumed))
            return Conversion.invalid("UNRESERVE of " + consumed + " which the offer does not hold");
        return new Conversion(consumed, converted, null);
    }

    static Conversion create(List<Resource> volumes, Actor actor, Resources pool, Resources agentTotal) {
        if (volumes.isEmpty()) return Conversion.invalid("CREATE without volumes");
        Set<String> existingIds = new HashSet<>();
        agentTotal.toList().stream()
                .filter(ResourceFormat::isPersistentVolume)
                .forEach(v -> existingIds.add(v.getDisk().getPersistence().getId()));
        Resources consumed = Resources.empty();
        Resources converted = Resources.empty();
        for (Resource raw : volumes) {
            Resource v = ResourceFormat.normalize(raw);
            if (!ResourceFormat.isPersistentVolume(v) || !v.getDisk().hasVolume()) {
                return Conversion.invalid(
                        "CREATE of " + ResourceFormat.describe(v) + " without persistence and volume");
            }
            if (!ResourceFormat.isReserved(v)) return Conversion.invalid("persistent volumes need reserved disk");
            if (!v.getName().equals("disk")) return Conversion.invalid("persistent volumes must be disk resources");
            String id = v.getDisk().getPersistence().getId();
            if (id.isEmpty() || !existingIds.add(id))
                return Conversion.invalid("persistence id '" + id + "' is already in use on this agent");
            String path = v.getDisk().getVolume().getContainerPath();
            if (path.isEmpty() || path.startsWith("/") || path.contains("..")) {
                return Conversion.invalid(
                        "volume container_path '" + path + "' must be relative and inside the sandbox");
            }
            String lastRole = v.getReservations(v.getReservationsCount() - 1).getRole();
            if (!lastRole.equals(actor.role()))
                return Conversion.invalid("CREATE on disk not reserved to " + actor.role());
            consumed = consumed.plus(Resources.of(ResourceFormat.withoutVolume(v)));
            converted = converted.plus(Resources.of(v));
        }
        if (!pool.contains(consumed))
            return Conversion.invalid("CREATE on " + consumed + " which the offer does not hold");
        return new Conversion(consumed, converted, null);
    }

    static Conversion destroy(List<Resource> volumes, Resources pool) {
        if (volumes.isEmpty()) return Conversion.invalid("DESTROY without volumes");
        Resources consumed = Resources.empty();
        Resources converted = Resources.empty();
        for (Resource raw : volumes) {
            Resource v = ResourceFormat.normalize(raw);
            if (!ResourceFormat.isPersistentVolume(v))
                return Conversion.invalid("DESTROY of a resource that is not a persistent volume");
            consumed = consumed.plus(Resources.of(v));
            converted = converted.plus(Resources.of(ResourceFormat.withoutVolume(v)));
        }
        if (!pool.contains(consumed))
            return Conversion.invalid("DESTROY of volumes the offer does not hold (in use or unknown)");
        return new Conversion(consumed, converted, null);
    }
}
