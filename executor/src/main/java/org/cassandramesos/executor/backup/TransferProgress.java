package org.cassandramesos.executor.backup;

import org.cassandramesos.executor.jobs.JobContext;
import org.cassandramesos.protocol.jobs.JobProgress;

/**
 * Counts files as they are moved or found already in place, and reports each change to the job. Bytes of skipped
 * files count as done, so {@code bytes_done} reaches {@code bytes_total} when the job ends.
 */
final class TransferProgress {
    private final JobContext context;
    private final long filesTotal;
    private final long bytesTotal;
    private long filesDone;
    private long filesSkipped;
    private long bytesDone;
    private long bytesMoved;

    TransferProgress(JobContext context, long filesTotal, long bytesTotal) {
        this.context = context;
        this.filesTotal = filesTotal;
        this.bytesTotal = bytesTotal;
        context.progress(current());
    }

    synchronized void moved(long bytes) {
        filesDone++;
        bytesDone += bytes;
        bytesMoved += bytes;
        context.transferred(bytes);
        context.progress(current());
    }

    synchronized void skipped(long bytes) {
        filesSkipped++;
        bytesDone += bytes;
        context.progress(current());
    }

    synchronized JobProgress current() {
        return new JobProgress(filesTotal, filesDone, filesSkipped, bytesTotal, bytesDone);
    }

    /** Bytes actually transferred (not skipped). */
    synchronized long bytesMoved() {
        return bytesMoved;
    }
}
