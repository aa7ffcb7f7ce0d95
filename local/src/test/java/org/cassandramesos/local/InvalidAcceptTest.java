package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.local.support.Operations.create;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.reservation;
import static org.cassandramesos.local.support.Operations.reserve;
import static org.cassandramesos.local.support.Operations.reserved;
import static org.cassandramesos.local.support.Operations.scalar;
import static org.cassandramesos.local.support.Operations.task;
import static org.cassandramesos.local.support.Operations.testExecutor;
import static org.cassandramesos.local.support.Operations.volume;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.local.support.SchedulerOnLocalMesos;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ACCEPT validated as Mesos does it: statuses for bad launches, silently dropped bad operations, full reservation cycle. */
class InvalidAcceptTest {
    @RegisterExtension
    final SchedulerOnLocalMesos cluster = new SchedulerOnLocalMesos(1);

    @Test
    void aLaunchExceedingTheOfferIsATaskErrorWithReasonTaskInvalid() {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(launch(task(
                                "too-big",
                                offer.getAgentId(),
                                List.of(scalar("cpus", 100), scalar("mem", 128)),
                                testExecutor("e", List.of(scalar("cpus", 0.1))),
                                ""))),
                        Duration.ofSeconds(1)));
        TaskStatus error = cluster.scheduler().awaitUpdate(mark, "too-big", TaskState.TASK_ERROR);
        assertThat(error.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(error.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(cluster.mesos().executorPid(0, "e")).isEmpty();
    }

    @Test
    void aStaleOfferDropsItsTasksWithReasonInvalidOffers() {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler().send(Calls.decline(List.of(offer.getId()), Duration.ofSeconds(1)));
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(launch(task(
                                "late",
                                offer.getAgentId(),
                                List.of(scalar("cpus", 1)),
                                testExecutor("e", List.of(scalar("cpus", 0.1))),
                                ""))),
                        Duration.ofSeconds(1)));
        TaskStatus dropped = cluster.scheduler().awaitUpdate(mark, "late", TaskState.TASK_DROPPED);
        assertThat(dropped.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
        assertThat(dropped.getMessage()).contains("no longer valid");
    }

    @Test
    void reservationsAndVolumesGoThroughCreateDestroyAndUnreserveAndInvalidOnesAreDropped() throws Exception {
        Resource.ReservationInfo r = reservation("node-0");
        Resource vol = volume(1024, r, "vol-1", "data");
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer offer = cluster.scheduler().awaitOffer(mark);
        Resource.ReservationInfo otherRole =
                r.toBuilder().setRole("someone-else").build();
        int beforeReserve = cluster.scheduler().mark();
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(
                                reserve(List.of(reserved("cpus", 1, otherRole))), // wrong role: dropped
                                create(volume(
                                        512, reservation("x"), "vol-unreserved", "x")), // disk not reserved: dropped
                                reserve(List.of(reserved("cpus", 1, r), reserved("disk", 1024, r))),
                                create(vol),
                                create(volume(
                                        1024, r, "vol-1", "again"))), // no reserved disk left / duplicate id: dropped
                        Duration.ZERO));

        Offer withVolume = cluster.scheduler()
                .awaitOffer(
                        beforeReserve,
                        o -> o.getResourcesList().stream()
                                .anyMatch(x -> x.hasDisk() && x.getDisk().hasPersistence()),
                        Duration.ofSeconds(10));
        List<Resource> reservedRes = withVolume.getResourcesList().stream()
                .filter(x -> x.getReservationsCount() > 0)
                .toList();
        assertThat(reservedRes).hasSize(2);
        assertThat(reservedRes)
                .anySatisfy(
                        x -> assertThat(x.getDisk().getPersistence().getId()).isEqualTo("vol-1"));
        assertThat(reservedRes).anySatisfy(x -> assertThat(x.getName()).isEqualTo("cpus"));
        assertThat(withVolume.getResourcesList())
                .filteredOn(x -> x.getName().equals("cpus") && x.getReservationsCount() == 0)
                .singleElement()
                .satisfies(x -> assertThat(x.getScalar().getValue()).isEqualTo(3.0));
        Path volumeDir = cluster.mesos().agentWorkDir(0).resolve("volumes/roles/" + TestScheduler.ROLE + "/vol-1");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.isDirectory(volumeDir));
        Files.writeString(volumeDir.resolve("f"), "x");
        JsonNode reservedFull =
                cluster.mesos().masterState().get("slaves").get(0).get("reserved_resources_full");
        assertThat(reservedFull.has("someone-else")).isFalse();

        // UNRESERVE of disk that holds a volume is refused; DESTROY then UNRESERVE frees everything
        Resource offeredVolume =
                reservedRes.stream().filter(x -> x.hasDisk()).findFirst().orElseThrow();
        Resource offeredCpus = reservedRes.stream()
                .filter(x -> x.getName().equals("cpus"))
                .findFirst()
                .orElseThrow();
        Resource plainDisk = offeredVolume.toBuilder().clearDisk().build();
        int beforeDestroy = cluster.scheduler().mark();
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(withVolume.getId()),
                        List.of(
                                unreserve(List.of(plainDisk)),
                                destroy(offeredVolume),
                                unreserve(List.of(plainDisk, offeredCpus))),
                        Duration.ZERO));
        Offer released = cluster.scheduler()
                .awaitOffer(
                        beforeDestroy,
                        o -> o.getResourcesList().stream().noneMatch(x -> x.getReservationsCount() > 0),
                        Duration.ofSeconds(10));
        assertThat(released.getResourcesList())
                .filteredOn(x -> x.getName().equals("disk"))
                .singleElement()
                .satisfies(x -> assertThat(x.getScalar().getValue()).isEqualTo(20480.0));
        // the agent applies the checkpoint asynchronously, like the real one
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(volumeDir).doesNotExist();
            assertThat(Files.readString(cluster.mesos().agentWorkDir(0).resolve("meta/resources.json"))
                            .trim())
                    .isEqualTo("[ ]");
        });
    }

    private static Offer.Operation unreserve(List<Resource> resources) {
        return Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.UNRESERVE)
                .setUnreserve(Offer.Operation.Unreserve.newBuilder().addAllResources(resources))
                .build();
    }

    private static Offer.Operation destroy(Resource volume) {
        return Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.DESTROY)
                .setDestroy(Offer.Operation.Destroy.newBuilder().addVolumes(volume))
                .build();
    }
}
