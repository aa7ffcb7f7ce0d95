package org.cassandramesos.bench.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.Protos.Value;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.PlacementConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.cassandramesos.scheduler.offer.LaunchContext;
import org.cassandramesos.scheduler.offer.NodeRequirement;
import org.cassandramesos.scheduler.offer.PendingNode;
import org.cassandramesos.scheduler.offer.PlacedNode;

/** A synthetic large cluster: agents in ten racks, their offers, and a pending node with constraints. */
final class BenchCluster {
    static final String CONSTRAINTS = "hostname:UNIQUE,rack:GROUP_BY:10";
    static final FrameworkID FRAMEWORK =
            FrameworkID.newBuilder().setValue("bench-framework").build();

    private BenchCluster() {}

    static ServiceConfig config(int nodes) {
        ServiceConfig defaults = ServiceConfig.defaults("bench");
        NodesConfig n = defaults.nodes();
        return defaults.withNodes(new NodesConfig(nodes, 3, n.cpus(), n.memMb(), n.diskMb(), n.heapMb(), n.diskType()))
                .withPlacement(new PlacementConfig(CONSTRAINTS, "rack", "rack1", "dc1"));
    }

    static String ip(int agent) {
        return "10." + (agent / 65536) % 256 + "." + (agent / 256) % 256 + "." + agent % 256;
    }

    static AgentFacts facts(int agent) {
        return new AgentFacts("agent-" + agent, ip(agent), ip(agent), java.util.Map.of("rack", "rack-" + agent % 10));
    }

    /**
     * The {@code k}-th offer of an agent: unreserved cpus, mem, disk and ports. One offer in three has
     * too little memory, so evaluation takes both the rejection and the fit paths.
     */
    static Offer offer(int agent, int k) {
        Offer.Builder offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue("offer-" + agent + "-" + k))
                .setFrameworkId(FRAMEWORK)
                .setAgentId(AgentID.newBuilder().setValue("agent-" + agent))
                .setHostname(ip(agent))
                .setUrl(URL.newBuilder()
                        .setScheme("http")
                        .setAddress(Address.newBuilder()
                                .setHostname(ip(agent))
                                .setIp(ip(agent))
                                .setPort(5051)))
                .addAttributes(Attribute.newBuilder()
                        .setName("rack")
                        .setType(Value.Type.TEXT)
                        .setText(Value.Text.newBuilder().setValue("rack-" + agent % 10)));
        offer.addResources(scalar("cpus", 8));
        offer.addResources(scalar("mem", k % 3 == 0 ? 1024 : 32768));
        offer.addResources(scalar("disk", 102400));
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        long[] bounds = {7000, 7000, 7199, 7199, 9001, 9001, 9042, 9042, 31000, 32000};
        for (int i = 0; i < bounds.length; i += 2) {
            ranges.addRange(Value.Range.newBuilder().setBegin(bounds[i]).setEnd(bounds[i + 1]));
        }
        offer.addResources(allocated(Resource.newBuilder()
                .setName("ports")
                .setType(Value.Type.RANGES)
                .setRanges(ranges)));
        return offer.build();
    }

    static List<Offer> offers(int agents, int perAgent) {
        List<Offer> offers = new ArrayList<>(agents * perAgent);
        for (int k = 0; k < perAgent; k++) {
            for (int agent = 0; agent < agents; agent++) {
                offers.add(offer(agent, k));
            }
        }
        return offers;
    }

    /** A node to place while {@code placed} others already sit on agents 0..placed-1. */
    static PendingNode pending(ServiceConfig config, int placed) {
        List<PlacedNode> others = new ArrayList<>(placed);
        for (int i = 0; i < placed; i++) {
            others.add(new PlacedNode(NodesConfig.nodeName(i), facts(i)));
        }
        String node = NodesConfig.nodeName(placed);
        return new PendingNode(
                NodeRequirement.of(node, config),
                Optional.empty(),
                others,
                new LaunchContext(
                        FRAMEWORK,
                        UUID.nameUUIDFromBytes(new byte[] {1}),
                        List.of(ip(0), ip(1), ip(2)),
                        false,
                        Optional.empty()));
    }

    private static Resource scalar(String name, double value) {
        return allocated(Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)));
    }

    private static Resource allocated(Resource.Builder resource) {
        return resource.setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("bench-role"))
                .build();
    }
}
