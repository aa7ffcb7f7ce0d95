package org.cassandramesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;

/**
 * Relaunch of a node in place: find its own reservation in the offer by {@code resource_id} and its
 * volume by persistence id, then LAUNCH on them. If the reservation is there but the volume is not yet
 * (CREATE is not atomic with RESERVE and may have been dropped), the volume is created again first.
 */
final class RelaunchMatcher {
    private final String principal;

    RelaunchMatcher(String principal) {
        this.principal = principal;
    }

    MatchedResources.Result match(NodeRequirement need, OfferResources offer, NodeReservation reservation) {
        List<Resource> own = offer.reservedFor(reservation.resourceId());
        if (own.isEmpty()) {
            return MatchedResources.Result.refused("no reservation of " + need.nodeName() + " on agent "
                    + offer.agent().hostname());
        }
        Resource cpus = null;
        Resource mem = null;
        Resource volume = null;
        Resource bareDisk = null;
        List<Resource> ports = new ArrayList<>(1);
        for (Resource resource : own) {
            switch (resource.getName()) {
                case "cpus" -> cpus = larger(cpus, resource);
                case "mem" -> mem = larger(mem, resource);
                case "ports" -> ports.add(resource);
                case "disk" -> {
                    if (resource.getDisk().hasPersistence()) {
                        if (reservation
                                .persistenceId()
                                .equals(resource.getDisk().getPersistence().getId())) {
                            volume = resource;
                        }
                    } else {
                        bareDisk = larger(bareDisk, resource);
                    }
                }
                default -> {}
            }
        }
        List<String> shortfalls = new ArrayList<>(2);
        checkScalar(shortfalls, "cpus", cpus, need.reservedCpus());
        checkScalar(shortfalls, "mem", mem, need.reservedMemMb());
        if (volume == null && bareDisk == null) {
            shortfalls.add("volume " + reservation.persistenceId() + " of " + need.nodeName()
                    + " not offered (in use, or on another agent)");
        } else if (volume == null) {
            checkScalar(shortfalls, "disk", bareDisk, need.diskMb());
        }
        if (!PortPicker.containsAll(ports, reservation.ports().values())) {
            shortfalls.add(
                    "reserved ports " + reservation.ports().values() + " of " + need.nodeName() + " not all offered");
        }
        if (!shortfalls.isEmpty()) {
            return MatchedResources.Result.refused(String.join("; ", shortfalls));
        }

        List<Operation> preparation = List.of();
        if (volume == null) {
            boolean mount = bareDisk.getDisk().hasSource(); // a MOUNT disk is used whole, as reserved
            volume = bareDisk.toBuilder()
                    .setScalar(Value.Scalar.newBuilder()
                            .setValue(mount ? bareDisk.getScalar().getValue() : need.diskMb()))
                    .setDisk(bareDisk.getDisk().toBuilder()
                            .setPersistence(DiskInfo.Persistence.newBuilder()
                                    .setId(reservation.persistenceId())
                                    .setPrincipal(principal))
                            .setVolume(Volume.newBuilder()
                                    .setContainerPath(need.volumePath())
                                    .setMode(Volume.Mode.RW)))
                    .build();
            preparation = List.of(Operation.newBuilder()
                    .setType(Operation.Type.CREATE)
                    .setCreate(Operation.Create.newBuilder().addVolumes(volume))
                    .build());
        }
        List<Resource> task = new ArrayList<>(4);
        task.add(withScalar(cpus, need.cpus()));
        task.add(withScalar(mem, need.memMb()));
        task.add(volume);
        if (!reservation.ports().isEmpty()) {
            List<Long> wanted = reservation.ports().values().stream()
                    .map(Integer::longValue)
                    .toList();
            task.add(ports.get(0).toBuilder()
                    .setRanges(PortPicker.ranges(wanted))
                    .build());
        }
        List<Resource> executor = List.of(withScalar(cpus, need.executorCpus()), withScalar(mem, need.executorMemMb()));
        return MatchedResources.Result.of(
                new MatchedResources(preparation, task, executor, Map.copyOf(reservation.ports()), reservation));
    }

    private static Resource larger(Resource current, Resource candidate) {
        return current == null
                        || candidate.getScalar().getValue()
                                > current.getScalar().getValue()
                ? candidate
                : current;
    }

    private static void checkScalar(List<String> shortfalls, String name, Resource reserved, double needed) {
        double amount = reserved == null ? 0 : reserved.getScalar().getValue();
        if (!Quantities.covers(amount, needed)) {
            shortfalls.add("insufficient reserved " + name + ": reserved " + Quantities.format(amount) + " < needed "
                    + Quantities.format(needed));
        }
    }

    private static Resource withScalar(Resource reserved, double amount) {
        return reserved.toBuilder()
                .setScalar(Value.Scalar.newBuilder().setValue(Quantities.round(amount)))
                .build();
    }
}
