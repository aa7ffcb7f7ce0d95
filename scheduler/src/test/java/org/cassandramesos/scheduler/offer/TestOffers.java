package org.cassandramesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.DomainInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.Protos.Value;

/** Offers as a 1.11 master sends them to a MULTI_ROLE + RESERVATION_REFINEMENT framework. */
final class TestOffers {
    static final String ROLE = "cassandra-role";
    static final String PRINCIPAL = "cassandra-principal";

    private final Offer.Builder offer;

    private TestOffers(String agentId, String hostname) {
        offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue("offer-" + agentId + "-" + System.nanoTime()))
                .setFrameworkId(FrameworkID.newBuilder().setValue("FW"))
                .setAgentId(AgentID.newBuilder().setValue(agentId))
                .setHostname(hostname)
                .setUrl(URL.newBuilder()
                        .setScheme("http")
                        .setAddress(Address.newBuilder()
                                .setHostname(hostname)
                                .setIp(hostname)
                                .setPort(5051)));
    }

    static TestOffers agent(String agentId, String ip) {
        return new TestOffers(agentId, ip);
    }

    /** An agent with plenty of unreserved resources and ports 31000-32000 plus the Cassandra defaults. */
    static TestOffers roomy(String agentId, String ip) {
        return agent(agentId, ip)
                .cpus(8)
                .mem(32768)
                .disk(102400)
                .ports(7000, 7000, 7070, 7070, 7199, 7199, 9001, 9001, 9042, 9042, 31000, 32000);
    }

    TestOffers cpus(double value) {
        offer.addResources(scalar("cpus", value));
        return this;
    }

    TestOffers mem(double value) {
        offer.addResources(scalar("mem", value));
        return this;
    }

    TestOffers disk(double value) {
        offer.addResources(scalar("disk", value));
        return this;
    }

    /** Unreserved port ranges given as begin, end pairs. */
    TestOffers ports(long... bounds) {
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            ranges.addRange(Value.Range.newBuilder().setBegin(bounds[i]).setEnd(bounds[i + 1]));
        }
        offer.addResources(allocated(Resource.newBuilder()
                .setName("ports")
                .setType(Value.Type.RANGES)
                .setRanges(ranges)));
        return this;
    }

    /** An unreserved MOUNT disk of {@code mb} at {@code root}. */
    TestOffers mountDisk(double mb, String root) {
        offer.addResources(scalar("disk", mb).toBuilder()
                .setDisk(Resource.DiskInfo.newBuilder()
                        .setSource(Resource.DiskInfo.Source.newBuilder()
                                .setType(Resource.DiskInfo.Source.Type.MOUNT)
                                .setMount(Resource.DiskInfo.Source.Mount.newBuilder()
                                        .setRoot(root))))
                .build());
        return this;
    }

    TestOffers resource(Resource resource) {
        offer.addResources(resource);
        return this;
    }

    TestOffers resources(List<Resource> resources) {
        offer.addAllResources(resources);
        return this;
    }

    TestOffers attribute(String name, String value) {
        offer.addAttributes(Attribute.newBuilder()
                .setName(name)
                .setType(Value.Type.TEXT)
                .setText(Value.Text.newBuilder().setValue(value)));
        return this;
    }

    TestOffers zone(String region, String zone) {
        offer.setDomain(DomainInfo.newBuilder()
                .setFaultDomain(DomainInfo.FaultDomain.newBuilder()
                        .setRegion(
                                DomainInfo.FaultDomain.RegionInfo.newBuilder().setName(region))
                        .setZone(DomainInfo.FaultDomain.ZoneInfo.newBuilder().setName(zone))));
        return this;
    }

    Offer build() {
        return offer.build();
    }

    static Resource scalar(String name, double value) {
        return allocated(Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)));
    }

    static Resource allocated(Resource.Builder resource) {
        return resource.setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE))
                .build();
    }

    static AgentFacts facts(String hostname, Map<String, String> attributes) {
        return new AgentFacts("agent-" + hostname, hostname, hostname, attributes);
    }

    static List<PlacedNode> placed(Object... nameAndFacts) {
        List<PlacedNode> placed = new ArrayList<>();
        for (int i = 0; i < nameAndFacts.length; i += 2) {
            placed.add(new PlacedNode((String) nameAndFacts[i], (AgentFacts) nameAndFacts[i + 1]));
        }
        return placed;
    }
}
