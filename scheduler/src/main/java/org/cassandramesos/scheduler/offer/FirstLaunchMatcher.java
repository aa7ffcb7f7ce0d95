package org.cassandramesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.cassandramesos.scheduler.config.DiskType;

/**
 * First placement of a node: reserve cpus, mem, disk (a slice of the root disk, or a whole MOUNT disk)
 * and ports from the offer's unreserved resources (labels {@code resource_id}, {@code node}), create
 * the persistent volume on the reserved disk, and
 * hand the reserved resources to the task and executor. Each scalar comes from one offered entry so
 * that its {@code allocation_info} is carried over exactly as offered.
 */
final class FirstLaunchMatcher {
    private final String role;
    private final String principal;

    FirstLaunchMatcher(String role, String principal) {
        this.role = role;
        this.principal = principal;
    }

    /** Matches on unreserved resources; fresh {@code resource_id} and persistence id only when it fits. */
    MatchedResources.Result match(NodeRequirement need, OfferResources offer) {
        List<String> shortfalls = new ArrayList<>(2);
        Resource cpus = largestScalar(offer.reservable("cpus"), false);
        Resource mem = largestScalar(offer.reservable("mem"), false);
        checkScalar(shortfalls, "cpus", cpus, need.reservedCpus());
        checkScalar(shortfalls, "mem", mem, need.reservedMemMb());
        Resource disk;
        double diskAmount;
        if (need.diskType() == DiskType.MOUNT) {
            disk = smallestMountDisk(offer.reservable("disk"), need.diskMb());
            diskAmount = disk == null ? 0 : disk.getScalar().getValue(); // a MOUNT disk is taken whole
            if (disk == null) {
                shortfalls.add("no MOUNT disk of at least " + need.diskMb() + " MB offered");
            }
        } else {
            disk = largestScalar(offer.reservable("disk"), true);
            diskAmount = need.diskMb();
            checkScalar(shortfalls, "disk", disk, need.diskMb());
        }
        PortPicker.Picked ports = PortPicker.pick(need.ports(), offer.reservable("ports"));
        if (!ports.ok()) {
            shortfalls.add(ports.reason());
        }
        if (!shortfalls.isEmpty()) {
            return MatchedResources.Result.refused(String.join("; ", shortfalls));
        }

        String resourceId = UUID.randomUUID().toString();
        String persistenceId = UUID.randomUUID().toString();
        ReservationInfo reservation = ReservationLabels.reservation(role, principal, resourceId, need.nodeName());
        Resource reservedDisk = scalar(disk, diskAmount, reservation);
        List<Resource> reservedPorts = new ArrayList<>(1);
        ports.byEntry()
                .forEach((entry, chosen) -> reservedPorts.add(entry.toBuilder()
                        .setRanges(PortPicker.ranges(chosen))
                        .addReservations(reservation)
                        .build()));

        List<Resource> toReserve = new ArrayList<>(3 + reservedPorts.size());
        toReserve.add(scalar(cpus, need.reservedCpus(), reservation));
        toReserve.add(scalar(mem, need.reservedMemMb(), reservation));
        toReserve.add(reservedDisk);
        toReserve.addAll(reservedPorts);

        Resource volume = reservedDisk.toBuilder()
                .setDisk(reservedDisk.getDisk().toBuilder()
                        .setPersistence(DiskInfo.Persistence.newBuilder()
                                .setId(persistenceId)
                                .setPrincipal(principal))
                        .setVolume(Volume.newBuilder()
                                .setContainerPath(need.volumePath())
                                .setMode(Volume.Mode.RW)))
                .build();

        List<Resource> task = new ArrayList<>(3 + reservedPorts.size());
        task.add(scalar(cpus, need.cpus(), reservation));
        task.add(scalar(mem, need.memMb(), reservation));
        task.add(volume);
        task.addAll(reservedPorts);
        List<Resource> executor =
                List.of(scalar(cpus, need.executorCpus(), reservation), scalar(mem, need.executorMemMb(), reservation));

        List<Operation> preparation = List.of(
                Operation.newBuilder()
                        .setType(Operation.Type.RESERVE)
                        .setReserve(Operation.Reserve.newBuilder().addAllResources(toReserve))
                        .build(),
                Operation.newBuilder()
                        .setType(Operation.Type.CREATE)
                        .setCreate(Operation.Create.newBuilder().addVolumes(volume))
                        .build());
        return MatchedResources.Result.of(new MatchedResources(
                preparation,
                task,
                executor,
                ports.byName(),
                new NodeReservation(resourceId, persistenceId, Map.copyOf(ports.byName()))));
    }

    /** The smallest unused MOUNT disk of at least {@code minimumMb}: big disks stay free for bigger needs. */
    private static Resource smallestMountDisk(List<Resource> entries, int minimumMb) {
        Resource best = null;
        for (Resource entry : entries) {
            boolean mount = entry.getDisk().hasSource()
                    && entry.getDisk().getSource().getType() == DiskInfo.Source.Type.MOUNT
                    && !entry.getDisk().hasPersistence();
            if (mount
                    && Quantities.covers(entry.getScalar().getValue(), minimumMb)
                    && (best == null
                            || entry.getScalar().getValue() < best.getScalar().getValue())) {
                best = entry;
            }
        }
        return best;
    }

    /** The offered entry with the most of a scalar; for disk only plain ROOT disk (no source, no volume). */
    private static Resource largestScalar(List<Resource> entries, boolean rootDiskOnly) {
        Resource best = null;
        for (Resource entry : entries) {
            if (rootDiskOnly && entry.hasDisk()) {
                continue;
            }
            if (best == null || entry.getScalar().getValue() > best.getScalar().getValue()) {
                best = entry;
            }
        }
        return best;
    }

    private static void checkScalar(List<String> shortfalls, String name, Resource offered, double needed) {
        double amount = offered == null ? 0 : offered.getScalar().getValue();
        if (!Quantities.covers(amount, needed)) {
            shortfalls.add("insufficient " + name + ": offered " + Quantities.format(amount) + " < needed "
                    + Quantities.format(needed));
        }
    }

    private static Resource scalar(Resource offered, double amount, ReservationInfo reservation) {
        return offered.toBuilder()
                .setScalar(Value.Scalar.newBuilder().setValue(Quantities.round(amount)))
                .addReservations(reservation)
                .build();
    }
}
