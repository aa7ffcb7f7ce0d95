package org.cassandramesos.bench.backup;

import java.net.URI;
import java.util.List;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.bench.backup.BackupTable.Sample;
import org.cassandramesos.executor.backup.BackupJob;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The timed steps of one run, each against its own prefix of one bucket, and what the store grew by. */
final class BackupRuns {
    static final String BUCKET = "bench";

    private final LoadedNode node;
    private final S3AsyncClient s3;
    private final URI endpoint;
    private final BackupTarget.StaticKeys keys;

    BackupRuns(LoadedNode node, S3AsyncClient s3, URI endpoint, BackupTarget.StaticKeys keys) {
        this.node = node;
        this.s3 = s3;
        this.endpoint = endpoint;
        this.keys = keys;
    }

    /** A backup job's measurement and the progress it ended with. */
    record JobSample(Sample sample, JobProgress progress, String result) {}

    /** The baseline: the same snapshot's files, plain {@code putObject}s, to a fresh prefix. */
    Sample plainUpload(int run) throws InterruptedException {
        String prefix = "plain-" + run;
        long before = StoredBytes.under(s3, BUCKET, prefix + "/");
        long start = System.nanoTime();
        long data = PlainUpload.run(node.node(), LoadedNode.KEYSPACE, "plain-" + run, s3, BUCKET, prefix);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Sample(seconds, data, StoredBytes.under(s3, BUCKET, prefix + "/") - before);
    }

    /** {@link BackupJob} {@code backup} of the keyspace to run {@code run}'s location, through its NodeJob interface. */
    JobSample backup(int run, String backup) throws Exception {
        BackupLocation location = location(run);
        String prefix = location.prefix() + "/";
        JobRequest request = new JobRequest(
                "backup-" + backup + "-" + run,
                JobKind.BACKUP,
                List.of(LoadedNode.KEYSPACE),
                List.of(),
                new BackupTarget(backup, location.toString(), keys.accessKey(), keys.secretKey()));
        BenchJobContext context = new BenchJobContext(request, node.node());
        long before = StoredBytes.under(s3, BUCKET, prefix);
        long start = System.nanoTime();
        String result = new BackupJob(request).run(context);
        double seconds = (System.nanoTime() - start) / 1e9;
        JobProgress progress = context.lastProgress();
        long uploaded = StoredBytes.under(s3, BUCKET, prefix) - before;
        return new JobSample(new Sample(seconds, progress.bytesTotal(), uploaded), progress, result);
    }

    private BackupLocation location(int run) {
        return BackupLocation.parse(endpoint + "/" + BUCKET + "/backup-" + run);
    }
}
