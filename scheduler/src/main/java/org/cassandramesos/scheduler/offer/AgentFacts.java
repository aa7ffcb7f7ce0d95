package org.cassandramesos.scheduler.offer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Value;

/**
 * What placement decisions need to know about an agent, read once per offer. Fault-domain zone and
 * region appear as the Marathon pseudo-attributes {@code @zone} and {@code @region}.
 *
 * @param agentId    Mesos agent id (changes when an agent re-registers after a reboot)
 * @param hostname   agent hostname as offered
 * @param ip         the agent's IP (from the offer URL), else the hostname
 * @param attributes agent attributes rendered as text
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentFacts(
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("ip") String ip,
        @JsonProperty("attributes") Map<String, String> attributes) {

    public static final String HOSTNAME = "hostname";

    public AgentFacts {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static AgentFacts of(Offer offer) {
        Map<String, String> attributes = new HashMap<>();
        for (Attribute attribute : offer.getAttributesList()) {
            attributes.put(attribute.getName(), render(attribute));
        }
        if (offer.hasDomain() && offer.getDomain().hasFaultDomain()) {
            var faultDomain = offer.getDomain().getFaultDomain();
            attributes.put("@zone", faultDomain.getZone().getName());
            attributes.put("@region", faultDomain.getRegion().getName());
        }
        String ip = offer.hasUrl() && offer.getUrl().getAddress().hasIp()
                ? offer.getUrl().getAddress().getIp()
                : offer.getHostname();
        return new AgentFacts(offer.getAgentId().getValue(), offer.getHostname(), ip, attributes);
    }

    /** The value a constraint field refers to: {@code hostname}/{@code @hostname}, else an attribute; null if absent. */
    public String field(String name) {
        if (HOSTNAME.equals(name) || "@hostname".equals(name)) {
            return hostname;
        }
        return attributes.get(name);
    }

    private static String render(Attribute attribute) {
        return switch (attribute.getType()) {
            case TEXT -> attribute.getText().getValue();
            case SCALAR -> Quantities.format(attribute.getScalar().getValue());
            case RANGES ->
                attribute.getRanges().getRangeList().stream()
                        .map(AgentFacts::range)
                        .collect(Collectors.joining(",", "[", "]"));
            case SET -> attribute.getSet().getItemList().stream().collect(Collectors.joining(",", "{", "}"));
        };
    }

    private static String range(Value.Range range) {
        return range.getBegin() + "-" + range.getEnd();
    }
}
