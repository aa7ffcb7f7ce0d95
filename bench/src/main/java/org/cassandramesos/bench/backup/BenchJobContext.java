package org.cassandramesos.bench.backup;

import org.cassandramesos.executor.jobs.JobContext;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;

/** The context a benchmarked job runs in: nobody stops it; it keeps the last progress and message. */
final class BenchJobContext implements JobContext {
    private final JobRequest request;
    private final CassandraNode node;
    private volatile JobProgress lastProgress = JobProgress.NONE;
    private volatile String lastMessage = "";

    BenchJobContext(JobRequest request, CassandraNode node) {
        this.request = request;
        this.node = node;
    }

    JobProgress lastProgress() {
        return lastProgress;
    }

    String lastMessage() {
        return lastMessage;
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
    public void progress(JobProgress progress) {
        lastProgress = progress;
    }

    @Override
    public void message(String message) {
        lastMessage = message;
    }

    @Override
    public boolean stopRequested() {
        return false;
    }

    @Override
    public void onStop(Runnable action) {
        // never stopped
    }
}
