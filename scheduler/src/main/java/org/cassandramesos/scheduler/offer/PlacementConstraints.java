package org.cassandramesos.scheduler.offer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses and checks placement constraints in Marathon syntax: either the comma form
 * {@code hostname:UNIQUE,rack:GROUP_BY:3} (the value is everything after the second colon) or the
 * JSON form {@code [["hostname","UNIQUE"],["rack","LIKE","r[12]"]]} for regexes containing commas.
 */
public final class PlacementConstraints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATORS = "UNIQUE, CLUSTER, GROUP_BY, MAX_PER, LIKE, UNLIKE";

    private PlacementConstraints() {}

    /** All constraints in {@code text}; blank means none. Throws IllegalArgumentException saying what is wrong. */
    public static List<PlacementConstraint> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String trimmed = text.trim();
        return trimmed.startsWith("[") ? parseJson(trimmed) : parseCommaSeparated(trimmed);
    }

    /** The first violated constraint's explanation, or empty when the agent is acceptable. */
    public static Optional<String> firstViolation(
            List<PlacementConstraint> constraints, AgentFacts agent, List<PlacedNode> placed) {
        return against(constraints, placed).violation(agent);
    }

    /** All constraints with {@code placed} folded in; reports the first one an agent violates. */
    public static AgentCheck against(List<PlacementConstraint> constraints, List<PlacedNode> placed) {
        if (constraints.isEmpty()) {
            return AgentCheck.ANY;
        }
        List<AgentCheck> checks =
                constraints.stream().map(c -> c.against(placed)).toList();
        return agent -> {
            for (AgentCheck check : checks) {
                Optional<String> violation = check.violation(agent);
                if (violation.isPresent()) {
                    return violation;
                }
            }
            return Optional.empty();
        };
    }

    private static List<PlacementConstraint> parseCommaSeparated(String text) {
        List<PlacementConstraint> constraints = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String one = part.trim();
            if (one.isEmpty()) {
                throw new IllegalArgumentException("empty constraint in '" + text + "'");
            }
            String[] pieces = one.split(":", 3);
            if (pieces.length < 2) {
                throw new IllegalArgumentException("'" + one + "' is not field:OPERATOR[:value]");
            }
            constraints.add(create(one, pieces[0], pieces[1], pieces.length == 3 ? pieces[2] : null));
        }
        return List.copyOf(constraints);
    }

    private static List<PlacementConstraint> parseJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("constraints are not valid JSON: " + e.getOriginalMessage());
        }
        if (root.size() > 0 && root.get(0).isTextual()) {
            root = JSON.createArrayNode().add(root); // a single ["field","OP"] constraint
        }
        List<PlacementConstraint> constraints = new ArrayList<>();
        for (JsonNode entry : root) {
            if (!entry.isArray() || entry.size() < 2 || entry.size() > 3) {
                throw new IllegalArgumentException("'" + entry + "' is not [field, OPERATOR(, value)]");
            }
            String value = entry.size() == 3 ? entry.get(2).asText() : null;
            constraints.add(
                    create(entry.toString(), entry.get(0).asText(), entry.get(1).asText(), value));
        }
        return List.copyOf(constraints);
    }

    private static PlacementConstraint create(String source, String rawField, String rawOperator, String value) {
        String field = rawField.trim();
        if (field.isEmpty()) {
            throw new IllegalArgumentException("missing field in '" + source + "'");
        }
        String operator = rawOperator.trim().toUpperCase(Locale.ROOT);
        return switch (operator) {
            case "UNIQUE" -> {
                noValue(source, operator, value);
                yield new PlacementConstraint.Unique(field);
            }
            case "CLUSTER" ->
                new PlacementConstraint.Cluster(
                        field, Optional.ofNullable(value).filter(v -> !v.isEmpty()));
            case "GROUP_BY" -> new PlacementConstraint.GroupBy(field, value == null ? 0 : number(source, value, 0));
            case "MAX_PER" -> {
                if (value == null) {
                    throw new IllegalArgumentException("MAX_PER needs a number in '" + source + "'");
                }
                yield new PlacementConstraint.MaxPer(field, number(source, value, 1));
            }
            case "LIKE" -> new PlacementConstraint.Like(field, regex(source, value));
            case "UNLIKE" -> new PlacementConstraint.Unlike(field, regex(source, value));
            default ->
                throw new IllegalArgumentException("unknown operator '" + rawOperator.trim() + "' in '" + source
                        + "' (expected " + OPERATORS + ")");
        };
    }

    private static void noValue(String source, String operator, String value) {
        if (value != null) {
            throw new IllegalArgumentException(operator + " takes no value in '" + source + "'");
        }
    }

    private static int number(String source, String value, int minimum) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < minimum) {
                throw new IllegalArgumentException("value must be at least " + minimum + " in '" + source + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number in '" + source + "'");
        }
    }

    private static Pattern regex(String source, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a regex is required in '" + source + "'");
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "invalid regex '" + value + "' in '" + source + "': " + e.getDescription());
        }
    }
}
