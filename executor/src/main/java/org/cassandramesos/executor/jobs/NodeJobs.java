package org.cassandramesos.executor.jobs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.protocol.jobs.JobState;
import org.cassandramesos.protocol.jobs.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of one node: runs at most one at a time on a thread of its own, answers the same id with the same job
 * (so a repeated request never runs the work twice), and keeps the last {@code historyLimit} jobs' statuses.
 */
public final class NodeJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeJobs.class);
    public static final int DEFAULT_HISTORY = 50;

    private final CassandraNode node;
    private final Map<JobKind, Function<JobRequest, NodeJob>> kinds;
    private final int historyLimit;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "node-job");
        thread.setDaemon(true);
        return thread;
    });
    // Guarded by this; insertion order = submission order.
    private final LinkedHashMap<String, RunningJob> jobs = new LinkedHashMap<>();
    private RunningJob current;
    private final JobCounters counters = new JobCounters();

    /** @param kinds how to make a job of each kind this executor supports */
    public NodeJobs(CassandraNode node, Map<JobKind, Function<JobRequest, NodeJob>> kinds) {
        this(node, kinds, DEFAULT_HISTORY, Clock.systemUTC());
    }

    NodeJobs(CassandraNode node, Map<JobKind, Function<JobRequest, NodeJob>> kinds, int historyLimit, Clock clock) {
        this.node = node;
        this.kinds = Map.copyOf(kinds);
        this.historyLimit = historyLimit;
        this.clock = clock;
    }

    /**
     * Starts the job unless its id is known or another job runs.
     *
     * @throws IllegalArgumentException when the job's factory rejects the request
     */
    public synchronized Submission submit(JobRequest request) {
        RunningJob known = jobs.get(request.id());
        if (known != null) {
            return new Submission.Known(known.status());
        }
        if (current != null && !current.terminal()) {
            return new Submission.Busy(current.id());
        }
        Function<JobRequest, NodeJob> factory = kinds.get(request.kind());
        if (factory == null) {
            return new Submission.Unsupported(request.kind());
        }
        NodeJob job = factory.apply(request);
        RunningJob running = new RunningJob(request, node, clock, counters);
        jobs.put(request.id(), running);
        current = running;
        forgetOldest();
        JobStatus started = running.status();
        runner.execute(() -> run(job, running));
        LOG.info("job {} ({}) started", request.id(), request.kind().wireName());
        return new Submission.Started(started);
    }

    /** What this node's jobs have transferred since the executor started. */
    public JobCounters counters() {
        return counters;
    }

    public synchronized Optional<JobStatus> status(String id) {
        return Optional.ofNullable(jobs.get(id)).map(RunningJob::status);
    }

    /** Asks the job to stop (a finished job stays as it is); empty when the id is unknown. */
    public Optional<JobStatus> stop(String id) {
        RunningJob job;
        synchronized (this) {
            job = jobs.get(id);
        }
        if (job == null) {
            return Optional.empty();
        }
        job.requestStop();
        return Optional.of(job.status());
    }

    /** Newest first. */
    public synchronized List<JobStatus> list() {
        List<JobStatus> result = new ArrayList<>();
        jobs.values().forEach(job -> result.add(job.status()));
        Collections.reverse(result);
        return result;
    }

    private void run(NodeJob job, RunningJob running) {
        JobState state;
        String message;
        try {
            state = JobState.SUCCEEDED;
            message = job.run(running);
        } catch (JobStoppedException e) {
            state = JobState.STOPPED;
            message = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = JobState.STOPPED;
            message = "interrupted: the executor is stopping";
        } catch (Exception | LinkageError e) {
            // A job that fails after a stop was asked failed because of the stop (e.g. its compaction was ended).
            state = running.stopRequested() ? JobState.STOPPED : JobState.FAILED;
            message = (state == JobState.STOPPED ? "stopped: " : "") + describe(e);
            if (state == JobState.FAILED) {
                LOG.warn("job {} failed: {}", running.id(), message);
            }
        }
        running.finish(state, message == null ? "" : message);
        LOG.info("job {} {}: {}", running.id(), state, message);
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null || error.getMessage().isBlank() ? error.toString() : error.getMessage();
    }

    /** Drops the oldest finished jobs beyond the history limit. */
    private void forgetOldest() {
        Iterator<RunningJob> oldestFirst = jobs.values().iterator();
        while (jobs.size() > historyLimit && oldestFirst.hasNext()) {
            RunningJob job = oldestFirst.next();
            if (job != current && job.terminal()) {
                oldestFirst.remove();
            }
        }
    }

    /** Stops the running job, if any, and waits briefly for it to end. */
    @Override
    public void close() {
        RunningJob running;
        synchronized (this) {
            running = current;
        }
        if (running != null) {
            running.requestStop();
        }
        runner.shutdownNow();
        try {
            if (!runner.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn(
                        "job {} did not end within 10 s of the executor stopping",
                        running == null ? "?" : running.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
