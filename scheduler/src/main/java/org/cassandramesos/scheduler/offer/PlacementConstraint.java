package org.cassandramesos.scheduler.offer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Marathon-style constraint, {@code field:OPERATOR[:value]}. Pure: it answers from the agent on
 * offer and the nodes already placed, and explains a refusal in one sentence.
 */
public sealed interface PlacementConstraint {

    /** The field: {@code hostname}, an agent attribute, or {@code @zone}/{@code @region}. */
    String field();

    /** The constraint as written in Marathon syntax. */
    String text();

    /**
     * This constraint with {@code placed} folded in, so checking each offered agent is a lookup rather
     * than a pass over every placed node (offers arrive by the thousand).
     */
    AgentCheck against(List<PlacedNode> placed);

    /** Why a node may not go on {@code agent}, or empty when it may. */
    default Optional<String> violation(AgentFacts agent, List<PlacedNode> placed) {
        return against(placed).violation(agent);
    }

    /** Every node on a different value of the field. */
    record Unique(String field) implements PlacementConstraint {
        @Override
        public AgentCheck against(List<PlacedNode> placed) {
            Map<String, String> nodeByValue = new HashMap<>();
            for (PlacedNode node : placed) {
                String value = node.agent().field(field);
                if (value != null) {
                    nodeByValue.putIfAbsent(value, node.nodeName());
                }
            }
            return agent -> {
                String value = agent.field(field);
                if (value == null) {
                    return missing(this, agent);
                }
                String node = nodeByValue.get(value);
                return node == null ? Optional.empty() : refuse(this, node + " already on " + describe(field, value));
            };
        }

        @Override
        public String text() {
            return field + ":UNIQUE";
        }
    }

    /** At most {@code max} nodes per value of the field. */
    record MaxPer(String field, int max) implements PlacementConstraint {
        @Override
        public AgentCheck against(List<PlacedNode> placed) {
            Map<String, Integer> counts = countByValue(field, placed);
            return agent -> {
                String value = agent.field(field);
                if (value == null) {
                    return missing(this, agent);
                }
                int count = counts.getOrDefault(value, 0);
                return count >= max
                        ? refuse(this, describe(field, value) + " already has " + count + " node(s)")
                        : Optional.empty();
            };
        }

        @Override
        public String text() {
            return field + ":MAX_PER:" + max;
        }
    }

    /** All nodes on one value: the given one, or else whichever the first node landed on. */
    record Cluster(String field, Optional<String> value) implements PlacementConstraint {
        @Override
        public AgentCheck against(List<PlacedNode> placed) {
            Optional<String> wanted = value.isPresent()
                    ? value
                    : placed.stream()
                            .map(node -> node.agent().field(field))
                            .filter(v -> v != null)
                            .findFirst();
            return agent -> {
                String actual = agent.field(field);
                if (actual == null) {
                    return missing(this, agent);
                }
                return wanted.filter(w -> !w.equals(actual))
                        .flatMap(w -> refuse(
                                this,
                                "nodes belong on " + describe(field, w) + ", agent has " + describe(field, actual)));
            };
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
        public AgentCheck against(List<PlacedNode> placed) {
            Map<String, Integer> counts = countByValue(field, placed);
            int groups = counts.size();
            int fewest =
                    counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            return agent -> {
                String value = agent.field(field);
                if (value == null) {
                    return missing(this, agent);
                }
                Integer here = counts.get(value);
                if (here == null) {
                    return Optional.empty();
                }
                if (groups < minGroups) {
                    return refuse(
                            this,
                            "only " + groups + " of " + minGroups + " groups used, " + describe(field, value)
                                    + " already has " + here + " node(s)");
                }
                return here > fewest
                        ? refuse(
                                this, describe(field, value) + " has " + here + " node(s), another group has " + fewest)
                        : Optional.empty();
            };
        }

        @Override
        public String text() {
            return field + ":GROUP_BY" + (minGroups > 0 ? ":" + minGroups : "");
        }
    }

    /** The field's value must match the regex (whole value). */
    record Like(String field, Pattern regex) implements PlacementConstraint {
        @Override
        public AgentCheck against(List<PlacedNode> placed) {
            return agent -> {
                String value = agent.field(field);
                if (value == null) {
                    return missing(this, agent);
                }
                return regex.matcher(value).matches()
                        ? Optional.empty()
                        : refuse(this, describe(field, value) + " does not match");
            };
        }

        @Override
        public String text() {
            return field + ":LIKE:" + regex.pattern();
        }
    }

    /** The field's value must not match the regex; an agent without the field is fine. */
    record Unlike(String field, Pattern regex) implements PlacementConstraint {
        @Override
        public AgentCheck against(List<PlacedNode> placed) {
            return agent -> {
                String value = agent.field(field);
                return value != null && regex.matcher(value).matches()
                        ? refuse(this, describe(field, value) + " matches")
                        : Optional.empty();
            };
        }

        @Override
        public String text() {
            return field + ":UNLIKE:" + regex.pattern();
        }
    }

    private static Map<String, Integer> countByValue(String field, List<PlacedNode> placed) {
        Map<String, Integer> counts = new HashMap<>();
        for (PlacedNode node : placed) {
            String value = node.agent().field(field);
            if (value != null) {
                counts.merge(value, 1, Integer::sum);
            }
        }
        return counts;
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
