package org.cassandramesos.executor.jobs;

/**
 * One piece of work the scheduler sent this node ({@link org.cassandramesos.protocol.jobs.JobRequest}): repair,
 * cleanup, upgradesstables, backup or restore. Runs on a thread of its own, one job per node at a time.
 */
public interface NodeJob {
    /**
     * Runs the job to its end on the calling thread.
     *
     * @return the closing message shown in the job's status (e.g. "uploaded 12 files, 3 already stored")
     * @throws JobStoppedException when it saw {@link JobContext#stopRequested()} and stopped early
     * @throws Exception           with a message an operator can act on when the job failed
     */
    String run(JobContext context) throws Exception;
}
