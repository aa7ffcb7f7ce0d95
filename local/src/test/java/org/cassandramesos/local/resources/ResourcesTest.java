package org.cassandramesos.local.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

class ResourcesTest {
    static Resource scalar(String name, double v) {
        return Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(v))
                .build();
    }

    static Resource ports(long... bounds) {
        Value.Ranges.Builder r = Value.Ranges.newBuilder();
        for (int i = 0; i < bounds.length; i += 2)
            r.addRange(Value.Range.newBuilder().setBegin(bounds[i]).setEnd(bounds[i + 1]));
        return Resource.newBuilder()
                .setName("ports")
                .setType(Value.Type.RANGES)
                .setRanges(r)
                .build();
    }

    static Resource reserved(Resource r, String role, String label) {
        return r.toBuilder()
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole(role)
                        .setPrincipal("p")
                        .setLabels(org.apache.mesos.v1.Protos.Labels.newBuilder()
                                .addLabels(org.apache.mesos.v1.Protos.Label.newBuilder()
                                        .setKey("resource_id")
                                        .setValue(label))))
                .build();
    }

    @Test
    void scalarsUseThreeDecimalFixedPoint() {
        Resources sum = Resources.of(scalar("cpus", 0.1)).plus(Resources.of(scalar("cpus", 0.2)));
        assertThat(sum).isEqualTo(Resources.of(scalar("cpus", 0.3)));
        assertThat(Resources.of(scalar("cpus", 1)).minus(sum).scalar("cpus")).isEqualTo(0.7);
    }

    @Test
    void rangesSplitAndMerge() {
        Resources all = Resources.of(ports(31000, 31099));
        Resources taken = Resources.of(ports(31010, 31019, 31050, 31050));
        Resources left = all.minus(taken);
        assertThat(left.toList().get(0).getRanges().getRangeCount()).isEqualTo(3);
        assertThat(left.contains(Resources.of(ports(31020, 31049)))).isTrue();
        assertThat(left.contains(Resources.of(ports(31015, 31015)))).isFalse();
        assertThat(left.plus(taken)).isEqualTo(all);
    }

    @Test
    void reservationsWithDifferentLabelsStayApartAndEqualOnesMerge() {
        Resources a =
                Resources.of(reserved(scalar("cpus", 1), "r", "node-0"), reserved(scalar("cpus", 1), "r", "node-0"));
        assertThat(a.toList()).hasSize(1);
        assertThat(a.scalar("cpus")).isEqualTo(2);
        Resources b = a.plus(Resources.of(reserved(scalar("cpus", 1), "r", "node-1")));
        assertThat(b.toList()).hasSize(2);
        assertThat(b.contains(Resources.of(reserved(scalar("cpus", 2), "r", "node-1"))))
                .isFalse();
        assertThat(b.contains(Resources.of(scalar("cpus", 1))))
                .as("reserved is not unreserved")
                .isFalse();
    }

    @Test
    void allocationInfoIsNotPartOfTheBooksAndIsAddedWhenOffering() {
        Resource offered = scalar("mem", 64).toBuilder()
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("r"))
                .build();
        assertThat(Resources.of(offered)).isEqualTo(Resources.of(scalar("mem", 64)));
        assertThat(Resources.of(scalar("mem", 64)).allocatedTo("r")).containsExactly(offered);
    }

    @Test
    @SuppressWarnings("deprecation") // the old format is what is under test
    void theDeprecatedRoleFormatBecomesAReservationStack() {
        Resource old = scalar("cpus", 1).toBuilder()
                .setRole("r")
                .setReservation(Resource.ReservationInfo.newBuilder().setPrincipal("p"))
                .build();
        Resource normalized = ResourceFormat.normalize(old);
        assertThat(normalized.hasRole()).isFalse();
        assertThat(normalized.getReservations(0).getRole()).isEqualTo("r");
        assertThat(normalized.getReservations(0).getType()).isEqualTo(Resource.ReservationInfo.Type.DYNAMIC);
        assertThat(ResourceFormat.normalize(
                        scalar("cpus", 1).toBuilder().setRole("*").build()))
                .isEqualTo(scalar("cpus", 1));
    }

    @Test
    void offerableToARoleMeansUnreservedOrReservedToThatRole() {
        Resources r = Resources.of(
                scalar("cpus", 1), reserved(scalar("cpus", 2), "mine", "x"), reserved(scalar("cpus", 4), "other", "y"));
        assertThat(r.offerableTo("mine").scalar("cpus")).isEqualTo(3);
    }
}
