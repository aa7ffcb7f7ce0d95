package org.cassandramesos.executor.jobs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.protocol.jobs.JobState;
import org.cassandramesos.protocol.jobs.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One job {@link NodeJobs} knows: the context its {@link NodeJob} runs with, and its status. */
final class RunningJob implements JobContext {
    private static final Logger LOG = LoggerFactory.getLogger(RunningJob.class);

    private final JobRequest request;
    private final CassandraNode node;
    private final Clock clock;
    private final long startedMs;
    private final JobCounters counters;

    // Guarded by this.
    private JobState state = JobState.RUNNING;
    private String message = "started";
    private JobProgress progress = JobProgress.NONE;
    private Long finishedMs;
    private boolean stopRequested;
    private final List<Runnable> onStop = new ArrayList<>();

    RunningJob(JobRequest request, CassandraNode node, Clock clock, JobCounters counters) {
        this.counters = counters;
        this.request = request;
        this.node = node;
        this.clock = clock;
        this.startedMs = clock.millis();
    }

    String id() {
        return request.id();
    }

    synchronized JobStatus status() {
        return new JobStatus(request.id(), request.kind(), state, message, startedMs, finishedMs, progress);
    }

    synchronized boolean terminal() {
        return state.terminal();
    }

    @Override
    public JobRequest request() {
        return request;
    }

    @Override
    public CassandraNode node() {
        return node;
    }

    @Override
    public synchronized void progress(JobProgress progress) {
        this.progress = progress;
    }

    @Override
    public void transferred(long bytes) {
        counters.transferred(request.kind(), bytes);
    }

    @Override
    public synchronized void message(String message) {
        this.message = message;
    }

    @Override
    public synchronized boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public void onStop(Runnable action) {
        synchronized (this) {
            if (!stopRequested) {
                onStop.add(action);
                return;
            }
        }
        runStopAction(action);
    }

    /** Marks the stop and runs the registered stop actions once; a finished job ignores it. */
    void requestStop() {
        List<Runnable> actions;
        synchronized (this) {
            if (stopRequested || state.terminal()) {
                return;
            }
            stopRequested = true;
            message = "stopping";
            actions = List.copyOf(onStop);
            onStop.clear();
        }
        actions.forEach(this::runStopAction);
    }

    synchronized void finish(JobState state, String message) {
        this.state = state;
        this.message = message;
        this.finishedMs = clock.millis();
    }

    private void runStopAction(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("stop action of job {} failed: {}", request.id(), e.getMessage());
        }
    }
}
