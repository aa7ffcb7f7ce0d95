package org.cassandramesos.scheduler.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cassandramesos.scheduler.offer.TestOffers.facts;
import static org.cassandramesos.scheduler.offer.TestOffers.placed;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementConstraintsTest {

    private static AgentFacts rack(String host, String rack) {
        return facts(host, Map.of("rack", rack));
    }

    private static Optional<String> check(String constraints, AgentFacts agent, List<PlacedNode> placed) {
        return PlacementConstraints.firstViolation(PlacementConstraints.parse(constraints), agent, placed);
    }

    @Test
    void parsesCommaSeparatedConstraintsOfEveryOperator() {
        List<PlacementConstraint> constraints = PlacementConstraints.parse(
                "hostname:UNIQUE, rack:GROUP_BY:3,zone:LIKE:z[12],zone:UNLIKE:z3,dc:CLUSTER:east,rack:MAX_PER:2,"
                        + "os:CLUSTER");

        assertThat(constraints)
                .extracting(PlacementConstraint::text)
                .containsExactly(
                        "hostname:UNIQUE",
                        "rack:GROUP_BY:3",
                        "zone:LIKE:z[12]",
                        "zone:UNLIKE:z3",
                        "dc:CLUSTER:east",
                        "rack:MAX_PER:2",
                        "os:CLUSTER");
    }

    @Test
    void parsesMarathonJsonFormSoRegexesMayContainCommas() {
        List<PlacementConstraint> constraints =
                PlacementConstraints.parse("[[\"hostname\",\"UNIQUE\"],[\"rack\",\"LIKE\",\"r{1,2}\"]]");

        assertThat(constraints)
                .extracting(PlacementConstraint::text)
                .containsExactly("hostname:UNIQUE", "rack:LIKE:r{1,2}");
        assertThat(PlacementConstraints.parse("[\"hostname\",\"UNIQUE\"]")).hasSize(1);
    }

    @Test
    void blankMeansNoConstraints() {
        assertThat(PlacementConstraints.parse("  ")).isEmpty();
        assertThat(PlacementConstraints.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "hostname:SOMETIMES | unknown operator 'SOMETIMES'",
                "hostname           | is not field:OPERATOR[:value]",
                "rack:LIKE          | a regex is required",
                "rack:LIKE:r[1      | invalid regex 'r[1'",
                "rack:GROUP_BY:x    | 'x' is not a number",
                "rack:MAX_PER       | MAX_PER needs a number",
                "hostname:UNIQUE:x  | UNIQUE takes no value",
                "hostname:UNIQUE,,  | empty constraint",
                ":UNIQUE            | missing field",
                "[[\"a\"]]          | is not [field, OPERATOR(, value)]"
            })
    void rejectsMalformedConstraintsWithAReadableReason(String text, String reason) {
        assertThatThrownBy(() -> PlacementConstraints.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void hostnameUniqueRefusesAHostThatAlreadyRunsANode() {
        var placed = placed("node-1", facts("127.0.0.2", Map.of()));

        assertThat(check("hostname:UNIQUE", facts("127.0.0.2", Map.of()), placed))
                .contains("constraint hostname:UNIQUE: node-1 already on 127.0.0.2");
        assertThat(check("hostname:UNIQUE", facts("127.0.0.3", Map.of()), placed))
                .isEmpty();
    }

    @Test
    void attributeUniqueComparesAttributeValues() {
        var placed = placed("node-0", rack("h1", "r1"));

        assertThat(check("rack:UNIQUE", rack("h2", "r1"), placed))
                .contains("constraint rack:UNIQUE: node-0 already on rack=r1");
        assertThat(check("rack:UNIQUE", rack("h2", "r2"), placed)).isEmpty();
    }

    @ParameterizedTest(name = "placed {0}, offer {1} -> accepted {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''          | r1 | true",
                "r1          | r1 | false",
                "r1          | r2 | true",
                "r1,r2       | r1 | false",
                "r1,r2       | r3 | true",
                "r1,r2,r3    | r1 | true",
                "r1,r1,r2,r3 | r1 | false",
                "r1,r1,r2,r3 | r2 | true",
                "r1,r1,r2,r2,r3,r3 | r2 | true"
            })
    void groupByThreeSpreadsNodesEvenlyOverRacks(String placedRacks, String offered, boolean accepted) {
        List<PlacedNode> placed = new java.util.ArrayList<>();
        if (!placedRacks.isEmpty()) {
            String[] racks = placedRacks.split(",");
            for (int i = 0; i < racks.length; i++) {
                placed.add(new PlacedNode("node-" + i, rack("h" + i, racks[i])));
            }
        }

        assertThat(check("rack:GROUP_BY:3", rack("new-host", offered), placed).isEmpty())
                .isEqualTo(accepted);
    }

    @Test
    void groupByExplainsWhyARackIsFull() {
        var placed = placed("node-0", rack("h0", "r1"), "node-1", rack("h1", "r1"), "node-2", rack("h2", "r2"));

        assertThat(check("rack:GROUP_BY", rack("h3", "r1"), placed))
                .contains("constraint rack:GROUP_BY: rack=r1 has 2 node(s), another group has 1");
    }

    @Test
    void likeAndUnlikeMatchTheWholeValue() {
        assertThat(check("rack:LIKE:r[12]", rack("h", "r1"), List.of())).isEmpty();
        assertThat(check("rack:LIKE:r[12]", rack("h", "r12"), List.of()))
                .contains("constraint rack:LIKE:r[12]: rack=r12 does not match");
        assertThat(check("rack:UNLIKE:r[12]", rack("h", "r2"), List.of()))
                .contains("constraint rack:UNLIKE:r[12]: rack=r2 matches");
        assertThat(check("rack:UNLIKE:r[12]", rack("h", "r3"), List.of())).isEmpty();
    }

    @Test
    void aMissingAttributeFailsEveryOperatorButUnlike() {
        AgentFacts bare = facts("h9", Map.of());

        for (String constraint :
                List.of("rack:UNIQUE", "rack:GROUP_BY", "rack:LIKE:.*", "rack:CLUSTER:r1", "rack:MAX_PER:1")) {
            assertThat(check(constraint, bare, List.of()))
                    .as(constraint)
                    .contains("constraint " + constraint + ": agent h9 has no attribute rack");
        }
        assertThat(check("rack:UNLIKE:r1", bare, List.of())).isEmpty();
    }

    @Test
    void clusterWithValuePinsNodesToIt() {
        assertThat(check("rack:CLUSTER:r1", rack("h", "r1"), List.of())).isEmpty();
        assertThat(check("rack:CLUSTER:r1", rack("h", "r2"), List.of()))
                .contains("constraint rack:CLUSTER:r1: nodes belong on rack=r1, agent has rack=r2");
    }

    @Test
    void clusterWithoutValueFollowsTheFirstPlacedNode() {
        assertThat(check("rack:CLUSTER", rack("h", "r2"), List.of())).isEmpty();
        var placed = placed("node-0", rack("h0", "r1"));
        assertThat(check("rack:CLUSTER", rack("h1", "r1"), placed)).isEmpty();
        assertThat(check("rack:CLUSTER", rack("h1", "r2"), placed)).isPresent();
    }

    @Test
    void maxPerLimitsNodesPerValue() {
        var placed = placed("node-0", rack("h0", "r1"), "node-1", rack("h1", "r1"));

        assertThat(check("rack:MAX_PER:2", rack("h2", "r1"), placed))
                .contains("constraint rack:MAX_PER:2: rack=r1 already has 2 node(s)");
        assertThat(check("rack:MAX_PER:3", rack("h2", "r1"), placed)).isEmpty();
    }

    @Test
    void combinedConstraintsReportTheFirstOneViolated() {
        var placed = placed("node-0", rack("h0", "r1"));

        assertThat(check("rack:LIKE:r.*,hostname:UNIQUE", rack("h0", "r2"), placed))
                .contains("constraint hostname:UNIQUE: node-0 already on h0");
        assertThat(check("rack:LIKE:r.*,hostname:UNIQUE", rack("h1", "x"), placed))
                .contains("constraint rack:LIKE:r.*: rack=x does not match");
        assertThat(check("rack:LIKE:r.*,hostname:UNIQUE", rack("h1", "r2"), placed))
                .isEmpty();
    }

    @Test
    void faultDomainZoneIsAvailableAsAtZone() {
        AgentFacts agent = AgentFacts.of(
                TestOffers.agent("a1", "10.0.0.1").zone("us-east", "us-east-1a").build());

        assertThat(agent.field("@zone")).isEqualTo("us-east-1a");
        assertThat(agent.field("@region")).isEqualTo("us-east");
        assertThat(check("@zone:LIKE:us-east-1[ab]", agent, List.of())).isEmpty();
    }
}
