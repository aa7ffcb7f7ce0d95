package org.cassandramesos.scheduler.backup;

/**
 * What the file uploads in progress may spool to the scheduler's temporary directory together: at most
 * {@code maxUploads} at once and {@code budgetBytes} of disk between them. An upload reserves its Content-Length
 * (or, sent chunked, the largest file allowed) before it reads a byte; one that does not fit is refused (503 with
 * Retry-After), so concurrent uploads cannot fill the disk.
 */
public final class UploadSpool {
    /** How long a refused client should wait before trying again (seconds). */
    public static final int RETRY_AFTER_SECONDS = 10;

    private final int maxUploads;
    private final long budgetBytes;
    private int uploads;
    private long reserved;

    public UploadSpool(int maxUploads, long budgetBytes) {
        this.maxUploads = maxUploads;
        this.budgetBytes = budgetBytes;
    }

    /** An admitted upload's share; closing gives it back. */
    public final class Reservation implements AutoCloseable {
        private final long bytes;
        private boolean released;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            synchronized (UploadSpool.this) {
                if (!released) {
                    released = true;
                    uploads--;
                    reserved -= bytes;
                }
            }
        }
    }

    /** @throws BackupProblem BUSY when this upload would pass the concurrency limit or the spool budget */
    public synchronized Reservation reserve(long bytes) {
        if (uploads >= maxUploads) {
            throw new BackupProblem(
                    BackupProblem.Kind.BUSY,
                    uploads + " file uploads are in progress, the most allowed"
                            + " (BACKUP_MAX_CONCURRENT_UPLOADS); try again in " + RETRY_AFTER_SECONDS + " s");
        }
        if (reserved + bytes > budgetBytes) {
            throw new BackupProblem(
                    BackupProblem.Kind.BUSY,
                    "the uploads in progress use the spool budget" + " (BACKUP_SPOOL_BUDGET_MB); try again in "
                            + RETRY_AFTER_SECONDS + " s");
        }
        uploads++;
        reserved += bytes;
        return new Reservation(bytes);
    }
}
