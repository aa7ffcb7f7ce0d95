package org.cassandramesos.bench.mesos;

import java.io.ByteArrayOutputStream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.RecordIO;

/** Realistic OFFERS events as a master streams them: unreserved and reserved resources, a volume, attributes. */
public final class OffersEvents {
    private OffersEvents() {}

    public static Event offersEvent(int offers) {
        Event.Offers.Builder body = Event.Offers.newBuilder();
        for (int i = 0; i < offers; i++) {
            body.addOffers(offer(i));
        }
        return Event.newBuilder().setType(Event.Type.OFFERS).setOffers(body).build();
    }

    /** {@code events} copies of an OFFERS event, RecordIO-framed, as one wire buffer. */
    public static byte[] wire(int offersPerEvent, int events) {
        byte[] record = RecordIO.encode(ProtoJson.printBytes(offersEvent(offersPerEvent)));
        ByteArrayOutputStream out = new ByteArrayOutputStream(record.length * events);
        for (int i = 0; i < events; i++) {
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    private static Offer offer(int i) {
        Resource.AllocationInfo role =
                Resource.AllocationInfo.newBuilder().setRole("cassandra-role").build();
        Resource.ReservationInfo reservation = Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC)
                .setRole("cassandra-role")
                .setPrincipal("cassandra-principal")
                .setLabels(org.apache.mesos.v1.Protos.Labels.newBuilder()
                        .addLabels(org.apache.mesos.v1.Protos.Label.newBuilder()
                                .setKey("resource_id")
                                .setValue("node-" + i)))
                .build();
        return Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue("5b3a5c1e-offer-" + i))
                .setFrameworkId(FrameworkID.newBuilder().setValue("0f7c8a14-framework-0001"))
                .setAgentId(AgentID.newBuilder().setValue("9d1d2c3b-agent-S" + i))
                .setHostname("10.0." + (i / 250) + "." + (i % 250))
                .addResources(scalar("cpus", 8, role, null))
                .addResources(scalar("mem", 30720, role, null))
                .addResources(scalar("disk", 409600, role, null))
                .addResources(scalar("cpus", 1.1, role, reservation))
                .addResources(scalar("mem", 4352, role, reservation))
                .addResources(scalar("disk", 10240, role, reservation).toBuilder()
                        .setDisk(Resource.DiskInfo.newBuilder()
                                .setPersistence(Resource.DiskInfo.Persistence.newBuilder()
                                        .setId("vol-" + i)
                                        .setPrincipal("cassandra-principal"))
                                .setVolume(org.apache.mesos.v1.Protos.Volume.newBuilder()
                                        .setContainerPath("volume")
                                        .setMode(org.apache.mesos.v1.Protos.Volume.Mode.RW))))
                .addResources(Resource.newBuilder()
                        .setName("ports")
                        .setType(Value.Type.RANGES)
                        .setAllocationInfo(role)
                        .setRanges(Value.Ranges.newBuilder()
                                .addRange(
                                        Value.Range.newBuilder().setBegin(31000).setEnd(32000))))
                .addAttributes(Attribute.newBuilder()
                        .setName("rack")
                        .setType(Value.Type.TEXT)
                        .setText(Value.Text.newBuilder().setValue("rack-" + (i % 3))))
                .addAttributes(Attribute.newBuilder()
                        .setName("zone")
                        .setType(Value.Type.TEXT)
                        .setText(Value.Text.newBuilder().setValue("zone-" + (i % 5))))
                .build();
    }

    private static Resource scalar(
            String name, double value, Resource.AllocationInfo role, Resource.ReservationInfo reservation) {
        Resource.Builder r = Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(role);
        if (reservation != null) {
            r.addReservations(reservation);
        }
        return r.build();
    }
}
