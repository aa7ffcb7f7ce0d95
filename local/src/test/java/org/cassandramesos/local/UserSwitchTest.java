package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.local.support.Operations.create;
import static org.cassandramesos.local.support.Operations.executor;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.reservation;
import static org.cassandramesos.local.support.Operations.reserve;
import static org.cassandramesos.local.support.Operations.reserved;
import static org.cassandramesos.local.support.Operations.task;
import static org.cassandramesos.local.support.Operations.volume;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.awaitility.Awaitility;
import org.cassandramesos.local.support.SchedulerOnLocalMesos;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent running as root runs each executor as its CommandInfo/FrameworkInfo user, as a stock agent with
 * {@code --switch_user} does: in a sandbox and on a volume that user owns, with that user's HOME; and fails the launch
 * when the user does not exist or cannot reach its sandbox.
 */
class UserSwitchTest {
    @RegisterExtension
    final SchedulerOnLocalMesos cluster = new SchedulerOnLocalMesos(1);

    @BeforeEach
    void onlyRootSwitchesUsers() {
        assumeTrue(
                new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "only an agent running as root switches users");
    }

    @Test
    void theExecutorRunsAsItsUserInASandboxAndOnAVolumeThatUserOwns() throws Exception {
        openWorkDir();
        String command = "id -un > whoami.txt; echo \"$HOME\" > home.txt; touch data/probe; exec sleep 300";
        launchAs("nobody", command); // no executor registers: the command only leaves evidence

        Path sandbox = awaitFile("whoami.txt").getParent();
        assertThat(Files.readString(sandbox.resolve("whoami.txt")).strip()).isEqualTo("nobody");
        assertThat(Files.readString(sandbox.resolve("home.txt")).strip()).isEqualTo(passwdField("nobody", 5));
        assertThat(Files.getOwner(sandbox).getName()).isEqualTo("nobody");
        Path volume = sandbox.resolve("data").toRealPath();
        assertThat(volume.startsWith(sandbox))
                .as("the volume lives outside the sandbox")
                .isFalse();
        assertThat(Files.getOwner(volume).getName())
                .as("the volume root is chowned to the user")
                .isEqualTo("nobody");
        assertThat(Files.getOwner(volume.resolve("probe")).getName()).isEqualTo("nobody");
    }

    @Test
    void anUnknownUserFailsTheLaunchAsTheAgentDoes() throws Exception {
        openWorkDir();
        launchAs("no-such-user-cm", "exec sleep 300");
        TaskStatus failed = cluster.scheduler().awaitUpdate(0, "t1", TaskState.TASK_FAILED);
        assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.getMessage()).contains("Failed to get user information for 'no-such-user-cm'");
    }

    @Test
    void aSandboxTheUserCannotReachFailsTheLaunchWithTheDirectoryInTheMessage() throws Exception {
        // the test's work directory is private to root (mode 700), as an agent work_dir must not be
        launchAs("nobody", "exec sleep 300");
        TaskStatus failed = cluster.scheduler().awaitUpdate(0, "t1", TaskState.TASK_FAILED);
        assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failed.getMessage())
                .contains("user 'nobody' cannot traverse")
                .contains("rwx------");
    }

    /** Launches one task on a fresh volume with the executor's CommandInfo.user set. */
    private void launchAs(String user, String command) {
        int mark = 0;
        Offer offer = cluster.scheduler().awaitOffer(mark);
        Resource.ReservationInfo r = reservation("node-0");
        Resource vol = volume(64, r, "vol-user", "data");
        ExecutorInfo base =
                executor("node-0-executor", command, List.of(reserved("cpus", 0.1, r), reserved("mem", 64, r)));
        ExecutorInfo asUser = base.toBuilder()
                .setCommand(base.getCommand().toBuilder().setUser(user))
                .build();
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(
                                reserve(List.of(
                                        reserved("cpus", 0.6, r), reserved("mem", 192, r), reserved("disk", 64, r))),
                                create(vol),
                                launch(task(
                                        "t1",
                                        offer.getAgentId(),
                                        List.of(reserved("cpus", 0.5, r), reserved("mem", 128, r), vol),
                                        asUser,
                                        ""))),
                        Duration.ofSeconds(5)));
    }

    /** Opens the temporary work directory to other users, as a real agent's work_dir (mode 755) is. */
    private void openWorkDir() throws Exception {
        for (Path dir = cluster.mesos().agentWorkDir(0);
                dir != null && dir.startsWith("/tmp/");
                dir = dir.getParent()) {
            if (Files.exists(dir)) Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private Path awaitFile(String name) {
        Path root = cluster.mesos().agentWorkDir(0).resolve("slaves");
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> find(root, name), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<Path> find(Path root, String name) throws Exception {
        if (!Files.exists(root)) return Optional.empty();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(name))
                    .filter(p -> {
                        try {
                            return Files.size(p) > 0;
                        } catch (Exception e) {
                            return false;
                        }
                    })
                    .findFirst();
        }
    }

    private static String passwdField(String user, int field) throws Exception {
        Process getent = new ProcessBuilder("getent", "passwd", user).start();
        return new String(getent.getInputStream().readAllBytes()).strip().split(":")[field];
    }
}
