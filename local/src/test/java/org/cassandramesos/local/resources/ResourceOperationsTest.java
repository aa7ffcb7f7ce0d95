package org.cassandramesos.local.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.local.resources.ResourcesTest.reserved;
import static org.cassandramesos.local.resources.ResourcesTest.scalar;

import java.util.List;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.Test;

class ResourceOperationsTest {
    static final ResourceOperations.Actor ACTOR = new ResourceOperations.Actor("r", "p");
    final Resources pool = Resources.of(scalar("cpus", 4), scalar("disk", 1000));

    static Resource volume(Resource reservedDisk, String id, String path) {
        return reservedDisk.toBuilder()
                .setDisk(Resource.DiskInfo.newBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder()
                                .setId(id)
                                .setPrincipal("p"))
                        .setVolume(Volume.newBuilder().setContainerPath(path).setMode(Volume.Mode.RW)))
                .build();
    }

    static Operation reserve(Resource... r) {
        return Operation.newBuilder()
                .setType(Operation.Type.RESERVE)
                .setReserve(Operation.Reserve.newBuilder().addAllResources(List.of(r)))
                .build();
    }

    static Operation create(Resource v) {
        return Operation.newBuilder()
                .setType(Operation.Type.CREATE)
                .setCreate(Operation.Create.newBuilder().addVolumes(v))
                .build();
    }

    static Operation unreserve(Resource r) {
        return Operation.newBuilder()
                .setType(Operation.Type.UNRESERVE)
                .setUnreserve(Operation.Unreserve.newBuilder().addResources(r))
                .build();
    }

    static Operation destroy(Resource v) {
        return Operation.newBuilder()
                .setType(Operation.Type.DESTROY)
                .setDestroy(Operation.Destroy.newBuilder().addVolumes(v))
                .build();
    }

    @Test
    void reserveThenCreateThenDestroyThenUnreserveRoundTrips() {
        Resource disk = reserved(scalar("disk", 600), "r", "n0");
        Resource vol = volume(disk, "v1", "data");
        Resources p = pool;
        for (Operation op : List.of(reserve(disk), create(vol))) {
            ResourceOperations.Conversion c = ResourceOperations.convert(op, ACTOR, p, p);
            assertThat(c.error()).isNull();
            p = c.applyTo(p);
        }
        assertThat(p).isEqualTo(Resources.of(scalar("cpus", 4), scalar("disk", 400), vol));
        assertThat(ResourceOperations.convert(unreserve(disk), ACTOR, p, p).valid())
                .as("disk under a volume")
                .isFalse();
        for (Operation op : List.of(destroy(vol), unreserve(disk))) {
            ResourceOperations.Conversion c = ResourceOperations.convert(op, ACTOR, p, p);
            assertThat(c.error()).isNull();
            p = c.applyTo(p);
        }
        assertThat(p).isEqualTo(pool);
    }

    @Test
    void invalidOperationsSayWhy() {
        assertThat(ResourceOperations.convert(reserve(reserved(scalar("cpus", 5), "r", "x")), ACTOR, pool, pool)
                        .error())
                .contains("does not hold");
        assertThat(ResourceOperations.convert(reserve(reserved(scalar("cpus", 1), "other", "x")), ACTOR, pool, pool)
                        .error())
                .contains("role");
        Resource wrongPrincipal = scalar("cpus", 1).toBuilder()
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole("r")
                        .setPrincipal("someone"))
                .build();
        assertThat(ResourceOperations.convert(reserve(wrongPrincipal), ACTOR, pool, pool)
                        .error())
                .contains("principal");
        assertThat(ResourceOperations.convert(create(volume(scalar("disk", 10), "v", "d")), ACTOR, pool, pool)
                        .error())
                .contains("reserved");

        Resource disk = reserved(scalar("disk", 600), "r", "n0");
        Resources reservedPool = Resources.of(disk, volume(reserved(scalar("disk", 10), "r", "n1"), "taken", "x"));
        assertThat(ResourceOperations.convert(create(volume(disk, "taken", "d")), ACTOR, reservedPool, reservedPool)
                        .error())
                .contains("already in use");
        assertThat(ResourceOperations.convert(create(volume(disk, "v", "/abs")), ACTOR, reservedPool, reservedPool)
                        .error())
                .contains("relative");
        assertThat(ResourceOperations.convert(create(volume(disk, "v", "../up")), ACTOR, reservedPool, reservedPool)
                        .error())
                .contains("relative");
    }
}
