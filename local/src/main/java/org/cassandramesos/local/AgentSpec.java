package org.cassandramesos.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * What one local agent offers: cpus, mem and disk (MB), a port range, and attributes such as
 * {@code rack} or {@code zone} (numbers become SCALAR attributes, everything else TEXT, as Mesos parses them).
 */
public record AgentSpec(
        double cpus, double memMb, double diskMb, long portsBegin, long portsEnd, Map<String, String> attributes) {

    public static AgentSpec of(double cpus, double memMb, double diskMb) {
        return new AgentSpec(cpus, memMb, diskMb, 31000, 32000, Map.of());
    }

    public AgentSpec withPorts(long begin, long end) {
        return new AgentSpec(cpus, memMb, diskMb, begin, end, attributes);
    }

    public AgentSpec withAttributes(Map<String, String> attrs) {
        return new AgentSpec(cpus, memMb, diskMb, portsBegin, portsEnd, Map.copyOf(attrs));
    }

    List<Resource> resources() {
        List<Resource> out = new ArrayList<>();
        out.add(scalar("cpus", cpus));
        out.add(scalar("mem", memMb));
        out.add(scalar("disk", diskMb));
        if (portsEnd >= portsBegin) {
            out.add(Resource.newBuilder()
                    .setName("ports")
                    .setType(Value.Type.RANGES)
                    .setRanges(Value.Ranges.newBuilder()
                            .addRange(Value.Range.newBuilder()
                                    .setBegin(portsBegin)
                                    .setEnd(portsEnd)))
                    .build());
        }
        return out;
    }

    List<Attribute> mesosAttributes() {
        List<Attribute> out = new ArrayList<>();
        new java.util.TreeMap<>(attributes).forEach((name, value) -> {
            Attribute.Builder a = Attribute.newBuilder().setName(name);
            try {
                a.setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(Double.parseDouble(value)));
            } catch (NumberFormatException e) {
                a.setType(Value.Type.TEXT).setText(Value.Text.newBuilder().setValue(value));
            }
            out.add(a.build());
        });
        return out;
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .build();
    }
}
