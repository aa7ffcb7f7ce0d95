package org.cassandramesos.bench.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.bench.backup.BackupTable.Mode;
import org.cassandramesos.bench.backup.BackupTable.Sample;
import org.cassandramesos.bench.launch.LoadAverage;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.s3proxy.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * End-to-end benchmark of the executor's {@code BackupJob} against one real Cassandra node and a real S3Proxy: a full
 * backup set against plain {@code putObject}s of the same snapshot files (the baseline, same run, alternating order),
 * then an incremental backup with nothing changed and one after ~10% more data, set against the full backup.
 *
 * <p>Usage: {@code BackupBench <cassandra home> <runs> <work dir> <table.md> [data MB, default 200]}
 */
public final class BackupBench {
    private static final long MB = 1024 * 1024;

    private BackupBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5) {
            System.err.println(
                    "usage: BackupBench <cassandra home> <runs> <work dir> <table.md> [data MB, default 200]");
            System.exit(2);
        }
        Path cassandraHome = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        Path workDir = Path.of(args[2]).toAbsolutePath();
        Path table = Path.of(args[3]);
        long dataMb = args.length == 5 ? Long.parseLong(args[4]) : 200;
        Files.createDirectories(workDir);

        // Ctrl-C or kill: stop S3Proxy (and Cassandra) too
        try (StartedResources started = StartedResources.closedOnExit("backup-bench-cleanup")) {
            String markdown = measure(cassandraHome, runs, workDir, dataMb, started);
            Files.createDirectories(table.toAbsolutePath().getParent());
            Files.writeString(table, markdown);
            System.out.println(markdown);
        }
    }

    private static String measure(Path cassandraHome, int runs, Path workDir, long dataMb, StartedResources started)
            throws Exception {
        S3ProxyServer s3proxy = S3ProxyServer.start(
                S3ProxyServer.buildLib(),
                workDir.resolve("s3proxy"),
                UUID.randomUUID().toString(),
                Duration.ofSeconds(60));
        started.push(s3proxy);
        BackupTarget.StaticKeys keys = new BackupTarget.StaticKeys(s3proxy.accessKey(), s3proxy.secretKey());
        // As many connections as BackupJob opens (4 files at a time, 2 connections each), for the baseline too.
        S3AsyncClient s3 = S3Clients.create(
                BackupLocation.parse(s3proxy.endpoint() + "/" + BackupRuns.BUCKET), Optional.of(keys), 8);
        started.push(s3);
        s3.createBucket(b -> b.bucket(BackupRuns.BUCKET)).join();
        LoadedNode node = LoadedNode.start(cassandraHome, workDir.resolve("cassandra"));
        started.push(node);

        System.out.printf(Locale.ROOT, "writing %d MB of 4 KiB blobs...%n", dataMb);
        node.fill("blobs", dataMb * MB, 1);
        BackupRuns steps = new BackupRuns(node, s3, s3proxy.endpoint(), keys);

        String loadBefore = LoadAverage.now();
        List<Sample> plain = new ArrayList<>();
        List<Sample> full = new ArrayList<>();
        List<Sample> unchanged = new ArrayList<>();
        List<Sample> grown = new ArrayList<>();
        long files = 0;
        for (int run = 1; run <= runs; run++) {
            boolean plainFirst = run % 2 == 1;
            if (plainFirst) {
                plain.add(report(run, "plain upload", steps.plainUpload(run)));
            }
            BackupRuns.JobSample fullBackup = steps.backup(run, "full");
            full.add(report(run, "full backup", fullBackup.sample()));
            // Files with equal content (e.g. the TOC of each SSTable) share one blob, so a few are skipped even here.
            if (fullBackup.sample().uploadedBytes() < fullBackup.sample().dataBytes() * 0.99) {
                throw new IllegalStateException(
                        "a first backup to an empty location did not upload the data: " + fullBackup.result());
            }
            files = fullBackup.progress().filesTotal();
            if (!plainFirst) {
                plain.add(report(run, "plain upload", steps.plainUpload(run)));
            }
            if (plain.get(run - 1).dataBytes() != full.get(run - 1).dataBytes()) {
                throw new IllegalStateException("the plain upload and the backup saw different snapshots: "
                        + plain.get(run - 1) + " vs " + full.get(run - 1));
            }

            BackupRuns.JobSample same = steps.backup(run, "unchanged");
            unchanged.add(report(run, "incremental, nothing changed", same.sample()));
            if (same.progress().filesDone() != 0) {
                throw new IllegalStateException("an unchanged incremental uploaded files: " + same.result());
            }

            String growth = "growth_" + run;
            node.fill(growth, dataMb * MB / 10, 100 + run);
            BackupRuns.JobSample more = steps.backup(run, "grown");
            grown.add(report(run, "incremental, +10% data", more.sample()));
            long before = full.get(run - 1).dataBytes();
            long added = more.sample().dataBytes() - before;
            if (added <= 0
                    || more.sample().uploadedBytes() < added * 0.99
                    || more.sample().uploadedBytes() > added * 1.01 + MB) {
                throw new IllegalStateException("an incremental after " + added + " new bytes uploaded "
                        + more.sample().uploadedBytes() + ": " + more.result());
            }
            node.drop(growth);
        }

        Mode plainMode = new Mode("plain putObject upload", plain);
        Mode fullMode = new Mode("BackupJob, full (empty location)", full);
        Mode unchangedMode = new Mode("BackupJob, incremental, nothing changed", unchanged);
        Mode grownMode = new Mode("BackupJob, incremental after +10% data", grown);
        return header(runs, dataMb, files, loadBefore, LoadAverage.now())
                + "## Full backup vs. a plain upload of the same snapshot files\n\n"
                + BackupTable.throughput(plainMode, List.of(plainMode, fullMode))
                + "\n## Incremental backups vs. the full backup\n\n"
                + BackupTable.incremental(fullMode, List.of(fullMode, unchangedMode, grownMode))
                + "\n" + BackupTable.runs(List.of(plainMode, fullMode, unchangedMode, grownMode))
                + footer();
    }

    private static Sample report(int run, String step, Sample sample) {
        System.out.printf(
                Locale.ROOT,
                "run %d %s: %.2f s, %.1f MB of data, %.1f MB uploaded, %.1f MB/s%n",
                run,
                step,
                sample.seconds(),
                sample.dataBytes() / (double) MB,
                sample.uploadedBytes() / (double) MB,
                sample.mbPerSecond());
        return sample;
    }

    private static String header(int runs, long dataMb, long files, String loadBefore, String loadAfter) {
        return "# Backup: BackupJob vs. a plain S3 upload\n\n"
                + "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; " + runs
                + " runs, plain upload and full backup alternating (plain first in odd runs). One Cassandra 5.0 node"
                + " (heap 256 MB) on " + LoadedNode.IP + " holding " + dataMb + " MB of random 4 KiB blobs, flushed ("
                + files + " SSTable files, compaction off); a real S3Proxy (filesystem store, its own JVM, 256 MB heap)"
                + " on 127.0.0.1, same machine and disk. Load average (1/5/15 min) before: " + loadBefore
                + ", after: " + loadAfter + ".\n\n";
    }

    private static String footer() {
        return """

                - **plain putObject upload** (baseline): what a script does — snapshot (JMX `takeSnapshot`), one
                  AWS SDK v2 `S3AsyncClient.putObject` per SSTable file of the snapshot, 4 files at a time, to a
                  fresh prefix, clear the snapshot. The client comes from `S3Clients.create` (multipart above 8 MB,
                  8 connections), as BackupJob's does.
                - **BackupJob** runs through its `NodeJob` interface with a bench `JobContext`: schema via CQL
                  `DESCRIBE`, snapshot, per file sha256 + sha1, a HEAD on its content-addressed blob, the upload
                  (4 files at a time) and a HEAD to check the stored size; then `schema.cql` and `manifest.json`;
                  the snapshot cleared. Full = first backup to an empty location (a fresh prefix each run).
                - **Incrementals** go to the same location as that run's full backup, under new backup names:
                  unchanged = nothing written since; +10% = a new table with a tenth of the data written and flushed
                  first (dropped after the run, so every run starts from the same files). Compaction is off so the
                  existing SSTables stay the same; in production compaction rewrites files, and an incremental then
                  uploads the compacted output too.
                - data MB = the snapshot's SSTable bytes; uploaded MB = what the store grew by under the prefix
                  (S3 listing; includes the backup's manifest and schema). MB/s = data MB / wall clock.
                - Run with `bench/run-backup-cassandra.sh [runs] [data MB]`.
                """;
    }
}
