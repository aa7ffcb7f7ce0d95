package org.cassandramesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Our own reservations that no node claims any more (a replaced node's old place, a launch whose
 * bookkeeping was lost, labels we never wrote): DESTROY their volumes, then UNRESERVE them, exactly as
 * offered so the master accepts them.
 */
public final class Leftovers {
    private Leftovers() {}

    /** Operations releasing every own reservation whose {@code resource_id} is not in {@code known}. */
    public static List<Operation> release(OfferResources offer, Set<String> known) {
        List<Resource> orphans = new ArrayList<>(offer.unlabelledReservations());
        for (Map.Entry<String, List<Resource>> entry : offer.ownReservations().entrySet()) {
            if (!known.contains(entry.getKey())) {
                orphans.addAll(entry.getValue());
            }
        }
        if (orphans.isEmpty()) {
            return List.of();
        }
        List<Resource> volumes = new ArrayList<>();
        List<Resource> unreserve = new ArrayList<>(orphans.size());
        for (Resource resource : orphans) {
            if (resource.hasDisk() && resource.getDisk().hasPersistence()) {
                volumes.add(resource);
                // after DESTROY the disk is offered reserved but without persistence and volume
                unreserve.add(stripEmptyDisk(resource.toBuilder()
                        .setDisk(resource.getDisk().toBuilder()
                                .clearPersistence()
                                .clearVolume())
                        .build()));
            } else {
                unreserve.add(stripEmptyDisk(resource));
            }
        }
        List<Operation> operations = new ArrayList<>(2);
        if (!volumes.isEmpty()) {
            operations.add(Operation.newBuilder()
                    .setType(Operation.Type.DESTROY)
                    .setDestroy(Operation.Destroy.newBuilder().addAllVolumes(volumes))
                    .build());
        }
        operations.add(Operation.newBuilder()
                .setType(Operation.Type.UNRESERVE)
                .setUnreserve(Operation.Unreserve.newBuilder().addAllResources(unreserve))
                .build());
        return operations;
    }

    private static Resource stripEmptyDisk(Resource resource) {
        if (resource.hasDisk() && resource.getDisk().equals(Resource.DiskInfo.getDefaultInstance())) {
            return resource.toBuilder().clearDisk().build();
        }
        return resource;
    }
}
