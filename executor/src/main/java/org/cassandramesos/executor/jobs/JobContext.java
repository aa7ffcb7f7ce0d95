package org.cassandramesos.executor.jobs;

import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;

/** What a running {@link NodeJob} gets: its request, the node, and a way to report progress and see a stop. */
public interface JobContext {
    JobRequest request();

    CassandraNode node();

    /** Replaces the job's progress, shown in {@code GET /v1/jobs/{id}}. */
    void progress(JobProgress progress);

    /**
     * Counts {@code bytes} actually sent to or read from the backup store (a file already in place is not counted),
     * for the node's transfer rate ({@code cassandra_mesos_node_job_bytes_transferred_total}, docs/metrics.md).
     */
    default void transferred(long bytes) {}

    /** Replaces the job's "what it does now" message. */
    void message(String message);

    /** True once a stop was asked ({@code DELETE /v1/jobs/{id}}); check it between units of work. */
    boolean stopRequested();

    /**
     * Runs {@code action} when a stop is asked while the job waits on something it cannot poll (e.g. terminates
     * Cassandra's repair sessions); runs at once if a stop was already asked.
     */
    void onStop(Runnable action);
}
