package org.cassandramesos.executor.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;

/** A {@link JobContext} for tests: records every progress and message, and stops when the test says so. */
public final class RecordingJobContext implements JobContext {
    private final JobRequest request;
    private final CassandraNode node;
    private final List<JobProgress> progress = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Runnable> onStop = new ArrayList<>();
    private volatile Predicate<JobProgress> stopWhen = p -> false;
    private boolean stopRequested;

    public RecordingJobContext(JobRequest request, CassandraNode node) {
        this.request = request;
        this.node = node;
    }

    /** Asks the job to stop as soon as it reports a progress matching {@code condition}. */
    public RecordingJobContext stopWhen(Predicate<JobProgress> condition) {
        this.stopWhen = condition;
        return this;
    }

    public void requestStop() {
        List<Runnable> actions;
        synchronized (this) {
            stopRequested = true;
            actions = List.copyOf(onStop);
        }
        actions.forEach(Runnable::run);
    }

    public List<JobProgress> progressReports() {
        return List.copyOf(progress);
    }

    public JobProgress lastProgress() {
        return progress.isEmpty() ? JobProgress.NONE : progress.get(progress.size() - 1);
    }

    public List<String> messages() {
        return List.copyOf(messages);
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
    public void progress(JobProgress report) {
        progress.add(report);
        if (stopWhen.test(report)) {
            requestStop();
        }
    }

    @Override
    public void message(String message) {
        messages.add(message);
    }

    @Override
    public synchronized boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public void onStop(Runnable action) {
        boolean runNow;
        synchronized (this) {
            onStop.add(action);
            runNow = stopRequested;
        }
        if (runNow) {
            action.run();
        }
    }
}
