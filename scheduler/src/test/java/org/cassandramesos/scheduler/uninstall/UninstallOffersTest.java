package org.cassandramesos.scheduler.uninstall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.cassandramesos.scheduler.offer.OfferResources;
import org.cassandramesos.scheduler.offer.ReservationLabels;
import org.junit.jupiter.api.Test;

class UninstallOffersTest {
    private static final String ROLE = "cassandra-role";
    private static final String PRINCIPAL = "cassandra-principal";

    @Test
    void everyOwnReservationIsReleasedVolumesDestroyedFirstAndNothingElseIsTouched() {
        Resource.ReservationInfo own = ReservationLabels.reservation(ROLE, PRINCIPAL, "rid-1", "node-0");
        Resource cpus = scalar("cpus", 1.1).addReservations(own).build();
        Resource volume = scalar("disk", 16)
                .addReservations(own)
                .setDisk(Resource.DiskInfo.newBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder()
                                .setId("vol-1")
                                .setPrincipal(PRINCIPAL))
                        .setVolume(org.apache.mesos.v1.Protos.Volume.newBuilder()
                                .setContainerPath("data")
                                .setMode(org.apache.mesos.v1.Protos.Volume.Mode.RW)))
                .build();
        Resource unlabelledOwn = scalar("mem", 32)
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole(ROLE)
                        .setPrincipal(PRINCIPAL))
                .build();
        Resource otherPrincipal = scalar("mem", 64)
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole(ROLE)
                        .setPrincipal("someone-else"))
                .build();
        Resource staticReservation = scalar("cpus", 2)
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.STATIC)
                        .setRole(ROLE))
                .build();
        Resource unreserved = scalar("cpus", 4).build();

        UninstallOffers.Decision decision = UninstallOffers.decide(
                offer(cpus, volume, unlabelledOwn, otherPrincipal, staticReservation, unreserved));

        assertThat(decision.resourceIds()).containsExactly("rid-1");
        assertThat(decision.operations())
                .extracting(Operation::getType)
                .containsExactly(Operation.Type.DESTROY, Operation.Type.UNRESERVE);
        assertThat(decision.operations().get(0).getDestroy().getVolumesList()).containsExactly(volume);
        List<Resource> released = decision.operations().get(1).getUnreserve().getResourcesList();
        Resource bareDisk = volume.toBuilder().clearDisk().build();
        assertThat(released).containsExactlyInAnyOrder(cpus, bareDisk, unlabelledOwn);
    }

    @Test
    void anOfferWithoutOwnReservationsIsDeclined() {
        UninstallOffers.Decision decision =
                UninstallOffers.decide(offer(scalar("cpus", 4).build()));

        assertThat(decision.releases()).isFalse();
        assertThat(decision.resourceIds()).isEmpty();
    }

    private static OfferResources offer(Resource... resources) {
        Offer.Builder offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue("O1"))
                .setFrameworkId(FrameworkID.newBuilder().setValue("FW"))
                .setAgentId(AgentID.newBuilder().setValue("AG1"))
                .setHostname("10.0.0.1");
        for (Resource resource : resources) {
            offer.addResources(resource);
        }
        return OfferResources.of(offer.build(), ROLE, PRINCIPAL);
    }

    private static Resource.Builder scalar(String name, double value) {
        return Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE));
    }
}
