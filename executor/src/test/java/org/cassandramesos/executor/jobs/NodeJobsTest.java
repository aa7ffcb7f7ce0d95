package org.cassandramesos.executor.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.protocol.jobs.JobState;
import org.cassandramesos.protocol.jobs.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job registry with jobs that wait on latches instead of Cassandra. */
class NodeJobsTest {
    @TempDir
    Path dir;

    private CassandraNode node;
    private NodeJobs jobs;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger stopActions = new AtomicInteger();

    /** Waits until released or stopped; a stop runs its stop action and ends it STOPPED. */
    private final NodeJob waiting = context -> {
        runs.incrementAndGet();
        CountDownLatch stopped = new CountDownLatch(1);
        context.onStop(() -> {
            stopActions.incrementAndGet();
            stopped.countDown();
        });
        context.progress(new JobProgress(3, 1, 0, 0, 0));
        context.message("working");
        while (!release.await(10, TimeUnit.MILLISECONDS)) {
            if (stopped.await(10, TimeUnit.MILLISECONDS)) {
                throw new JobStoppedException("stopped after 1 of 3");
            }
        }
        return "all done";
    };

    @BeforeEach
    void create() {
        node = new CassandraNode(
                TestSpecs.spec(List.of("127.0.0.1"), TestSpecs.fixedPorts(), Map.of()),
                "127.0.0.1",
                new NodeLayout(dir.resolve("home"), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        jobs = registry(
                Map.of(
                        JobKind.REPAIR,
                        r -> waiting,
                        JobKind.CLEANUP,
                        r -> context -> "cleaned",
                        JobKind.UPGRADESSTABLES,
                        r -> context -> {
                            throw new IllegalStateException("keyspace 'x' does not exist");
                        }),
                NodeJobs.DEFAULT_HISTORY);
    }

    private NodeJobs registry(Map<JobKind, Function<JobRequest, NodeJob>> kinds, int history) {
        return new NodeJobs(node, kinds, history, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        release.countDown();
        jobs.close();
        node.close();
    }

    private static JobRequest request(String id, JobKind kind) {
        return JobRequest.of(id, kind, List.of(), List.of());
    }

    private JobStatus awaitTerminal(String id) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jobs.status(id).orElseThrow().state().terminal());
        return jobs.status(id).orElseThrow();
    }

    @Test
    void aNewJobStartsAndSucceedsWithItsClosingMessage() {
        Submission submission = jobs.submit(request("cleanup-1", JobKind.CLEANUP));

        assertThat(submission).isInstanceOf(Submission.Started.class);
        assertThat(((Submission.Started) submission).status().state()).isEqualTo(JobState.RUNNING);
        JobStatus done = awaitTerminal("cleanup-1");
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.message()).isEqualTo("cleaned");
        assertThat(done.finishedMs()).isNotNull().isGreaterThanOrEqualTo(done.startedMs());
    }

    @Test
    void theSameIdAgainReturnsTheKnownJobAndDoesNotRunItTwice() {
        jobs.submit(request("repair-1", JobKind.REPAIR));

        Submission again = jobs.submit(request("repair-1", JobKind.REPAIR));

        assertThat(again).isInstanceOf(Submission.Known.class);
        assertThat(((Submission.Known) again).status().id()).isEqualTo("repair-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
        release.countDown();
        awaitTerminal("repair-1");
        assertThat(jobs.submit(request("repair-1", JobKind.REPAIR))).isInstanceOf(Submission.Known.class);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aNewIdWhileAnotherRunsIsBusyNamingTheRunningOne() {
        jobs.submit(request("repair-1", JobKind.REPAIR));

        Submission second = jobs.submit(request("cleanup-2", JobKind.CLEANUP));

        assertThat(second).isEqualTo(new Submission.Busy("repair-1"));
        assertThat(jobs.status("cleanup-2")).isEmpty();
        release.countDown();
        awaitTerminal("repair-1");
        assertThat(jobs.submit(request("cleanup-2", JobKind.CLEANUP))).isInstanceOf(Submission.Started.class);
    }

    @Test
    void stopRunsTheStopActionAndEndsTheJobStopped() {
        jobs.submit(request("repair-1", JobKind.REPAIR));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> jobs.status("repair-1").orElseThrow().message().equals("working"));

        assertThat(jobs.stop("repair-1")).isPresent();

        JobStatus stopped = awaitTerminal("repair-1");
        assertThat(stopped.state()).isEqualTo(JobState.STOPPED);
        assertThat(stopped.message()).isEqualTo("stopped after 1 of 3");
        assertThat(stopped.progress().filesDone()).isEqualTo(1);
        assertThat(stopActions.get()).isEqualTo(1);
        jobs.stop("repair-1");
        assertThat(stopActions.get()).as("a second stop does nothing").isEqualTo(1);
        assertThat(jobs.stop("unknown")).isEmpty();
    }

    @Test
    void aFailingJobIsFailedWithItsMessage() {
        jobs.submit(request("upgrade-1", JobKind.UPGRADESSTABLES));

        JobStatus failed = awaitTerminal("upgrade-1");

        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.message()).isEqualTo("keyspace 'x' does not exist");
    }

    @Test
    void aKindWithoutFactoryIsUnsupported() {
        NodeJobs repairOnly = registry(Map.of(JobKind.REPAIR, r -> waiting), 5);
        try {
            assertThat(repairOnly.submit(request("cleanup-1", JobKind.CLEANUP)))
                    .isEqualTo(new Submission.Unsupported(JobKind.CLEANUP));
            assertThat(repairOnly.list()).isEmpty();
        } finally {
            repairOnly.close();
        }
    }

    @Test
    void historyKeepsTheNewestJobsNewestFirst() {
        NodeJobs small = registry(Map.of(JobKind.CLEANUP, r -> context -> "cleaned"), 3);
        try {
            for (int i = 1; i <= 5; i++) {
                String id = "cleanup-" + i;
                small.submit(request(id, JobKind.CLEANUP));
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> small.status(id).orElseThrow().state().terminal());
            }

            assertThat(small.list()).extracting(JobStatus::id).containsExactly("cleanup-5", "cleanup-4", "cleanup-3");
            assertThat(small.status("cleanup-1")).isEmpty();
        } finally {
            small.close();
        }
    }
}
