package org.cassandramesos.scheduler.offer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Marathon-style constraint, {@code field:OPERATOR[:value]}. {@link #violation} is pure: it answers
 * from the agent on offer and the nodes already placed, and explains a refusal in one sentence.
 */
public sealed interface PlacementConstraint {

    /** The field: {@code hostname}, an agent attribute, or {@code @zone}/{@code @region}. */
    String field();

    /** Why a node may not go on {@code agent}, or empty when it may. */
    Optional<String> violation(AgentFacts agent, List<PlacedNode> placed);

    /** The constraint as written in Marathon syntax. */
    String text();

    /** Every node on a different value of the field. */
    record Unique(String field) implements PlacementConstraint {
        @Override
        public Optional<String> violation(AgentFacts agent, List<PlacedNode> placed) {
            String value = agent.field(field);
            if (value == null) {
                return missing(this, agent);
            }
            for (PlacedNode node : placed) {
                if (value.equals(node.agent().field(field))) {
                    return refuse(this, node.nodeName() + " already on " + describe(field, value));
                }
            }
            return Optional.empty();
        }

        @Override
        public String text() {
            return field + ":UNIQUE";
        }
    }

    /** At most {@code max} nodes per value of the field. */
    record MaxPer(String field, int max) implements PlacementConstraint {
        @Override
        public Optional<String> violation(AgentFacts agent, List<PlacedNode> placed) {
            String value = agent.field(field);
            if (value == null) {
                return missing(this, agent);
            }
            long count = placed.stream().filter(node -> value.equals(node.agent().field(field))).count();
            return count >= max
                    ? refuse(this, describe(field, value) + " already has " + count + " node(s)")
                    : Optional.empty();
        }

        @Override
        public String text() {
            return field + ":MAX_PER:" + max;
        }
    }

    /** All nodes on one value: the given one, or else whichever the first node landed on. */
    record Cluster(String field, Optional<String> value) implements PlacementConstraint {
        @Override
        public Optional<String> violation(AgentFacts agent, List<PlacedNode> placed) {
            String actual = agent.field(field);
            if (actual == null) {
                return missing(this, agent);
            }
            Optional<String> wanted = value.isPresent()
                    ? value
                    : placed.stream().map(node -> node.agent().field(field)).filter(v -> v != null).findFirst();
            return wanted.filter(w -> !w.equals(actual))
                    .flatMap(w -> refuse(this, "nodes belong on " + describe(field, w) + ", agent has "
                            + describe(field, actual)));
        }

        @Override
        public String text() {
            return field + ":CLUSTER" + value.map(v -> ":" + v).orElse("");
        }
    }

    /**
     * Spread evenly over the field's values, Marathon's rule: a value not used yet is always fine; a used
     * one only once at least {@code minGroups} values are in use and it has the fewest nodes.
     */
    record GroupBy(String field, int minGroups) implements PlacementConstraint {
        @Override
        public Optional<String> violation(AgentFacts agent, List<PlacedNode> placed) {
            String value = agent.field(field);
            if (value == null) {
                return missing(this, agent);
            }
            Map<String, Integer> counts = new HashMap<>();
            for (PlacedNode node : placed) {
                String v = node.agent().field(field);
                if (v != null) {
                    counts.merge(v, 1, Integer::sum);
                }
            }
            Integer here = counts.get(value);
            if (here == null) {
                return Optional.empty();
            }
            if (counts.size() < minGroups) {
                return refuse(this, "only " + counts.size() + " of " + minGroups + " groups used, "
                        + describe(field, value) + " already has " + here + " node(s)");
            }
            int fewest = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            return here > fewest
                    ? refuse(this, describe(field, value) + " has " + here + " node(s), another group has "
                            + fewest)
                    : Optional.empty();
        }

        @Override
        public String text() {
            return field + ":GROUP_BY" + (minGroups > 0 ? ":" + minGroups : "");
        }
    }

    /** The field's value must match the regex (whole value). */
    record Like(String field, Pattern regex) implements PlacementConstraint {
        @Override
        public Optional<String> violation(AgentFacts agent, List<PlacedNode> placed) {
            String value = agent.field(field);
            if (value == null) {
                return missing(this, agent);
            }
            return regex.matcher(value).matches()
                    ? Optional.empty()
                    : refuse(this, describe(field, value) + " does not match");
        }

        @Override
        public String text() {
            return field + ":LIKE:" + regex.pattern();
        }
    }

    /** The field's value must not match the regex; an agent without the field is fine. */
    record Unlike(String field, Pattern regex) implements PlacementConstraint {
        @Override
        public Optional<String> violation(AgentFacts agent, List<PlacedNode> placed) {
            String value = agent.field(field);
            return value != null && regex.matcher(value).matches()
                    ? refuse(this, describe(field, value) + " matches")
                    : Optional.empty();
        }

        @Override
        public String text() {
            return field + ":UNLIKE:" + regex.pattern();
        }
    }

    private static Optional<String> refuse(PlacementConstraint constraint, String why) {
        return Optional.of("constraint " + constraint.text() + ": " + why);
    }

    private static Optional<String> missing(PlacementConstraint constraint, AgentFacts agent) {
        return refuse(constraint, "agent " + agent.hostname() + " has no attribute " + constraint.field());
    }

    private static String describe(String field, String value) {
        return AgentFacts.HOSTNAME.equals(field) ? value : field + "=" + value;
    }
}
