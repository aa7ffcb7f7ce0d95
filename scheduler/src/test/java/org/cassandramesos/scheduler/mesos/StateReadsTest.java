package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.Persister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an offer round costs in ZooKeeper reads in steady state, on the real scheduler path: the local Mesos, a real
 * ZooKeeper, test executors. Three nodes under {@code hostname:UNIQUE} on two agents, so once two run the third never
 * fits and every offer round evaluates it (its stored placement constraints, seeds, reservations) and declines.
 */
class StateReadsTest {
    private static final int ROUNDS = 5;

    @TempDir
    Path workDir;

    private TestingServer zookeeper;
    private LocalMesos mesos;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        mesos = MesosTestSupport.mesos(workDir, 2);
    }

    @AfterEach
    void stop() throws Exception {
        if (mesos != null) mesos.close();
        if (zookeeper != null) zookeeper.close();
    }

    @Test
    void inSteadyStateAnOfferRoundReadsNothingFromZooKeeper() {
        try (InProcessScheduler scheduler = deploy(binder -> {})) {
            long reads = scheduler.zooKeeperReads();

            long rounds = offerRounds(ROUNDS);

            long read = scheduler.zooKeeperReads() - reads;
            System.out.printf("STATE-READS cached: %d ZooKeeper reads in %d offer rounds%n", read, rounds);
            assertThat(read).isZero();
        }
    }

    /** The baseline: the same rounds straight on ZooKeeper read it every time (and show the counter sees them). */
    @Test
    void withoutTheCacheEveryOfferRoundReadsZooKeeper() {
        try (InProcessScheduler scheduler =
                deploy(binder -> binder.bind(Persister.class).to(CuratorPersister.class))) {
            long reads = scheduler.zooKeeperReads();

            long rounds = offerRounds(ROUNDS);

            long read = scheduler.zooKeeperReads() - reads;
            System.out.printf(
                    "STATE-READS uncached: %d ZooKeeper reads in %d offer rounds (%.1f per round)%n",
                    read, rounds, (double) read / rounds);
            assertThat(read).isGreaterThanOrEqualTo(rounds);
        }
    }

    /** Two nodes running and the third declined at least once: the steady state. */
    private InProcessScheduler deploy(com.google.inject.Module stateOverride) {
        InProcessScheduler scheduler = InProcessScheduler.start(
                MesosTestSupport.service("reads", zookeeper.getConnectString(), 3, 1),
                mesos.masterUri(),
                FrameworkAuthentication.none(),
                stateOverride);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> scheduler.step("node-1").isComplete()
                        && scheduler
                                .status("node-0")
                                .map(s -> s.getState() == TaskState.TASK_RUNNING)
                                .orElse(false)
                        && scheduler.step("node-2").declineReason().isPresent());
        return scheduler;
    }

    /** Waits for at least {@code count} offer rounds (each ends in a DECLINE) and says how many there were. */
    private long offerRounds(int count) {
        long before = mesos.schedulerCallsReceived(Call.Type.DECLINE);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> mesos.schedulerCallsReceived(Call.Type.DECLINE) - before >= count);
        return mesos.schedulerCallsReceived(Call.Type.DECLINE) - before;
    }
}
